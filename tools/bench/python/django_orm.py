"""The bench's ORM section seen from Django: the book-list page rendered by Django 5.2 from models
(tools/bench/python/library) over the SQLite file the JS side built, its context loaded three ways:

- naive: `Book.objects.order_by("id")`, lazy: every relation the template reads is a query per book;
- tuned: what a Django expert writes for this page: `select_related` for the to-one relations, `only` the
  columns shown, `prefetch_related` with `Prefetch(..., queryset=....only(...))` for tags and reviews;
- djust: djust's query optimizer on a plain view: `djust.optimization.query_optimizer`'s
  `analyze_queryset_optimization(Book, paths)` with the paths `djust._rust.extract_template_variables` finds
  in the template, then `optimize_queryset` (djust venv only).

For each strategy, one page is rendered from a fresh queryset while every statement is recorded: that gives
the statement count, the distinct table columns in their SELECT lists, the rows they return (each recorded
statement re-run once afterwards to count them) and the page, which the JS side compares with its own. The
time is the load alone, as for the JS strategies: the queryset evaluated and every relation the template
reads touched in the template's order (for naive, the lazy queries the render would make; for the others,
the joined query and the prefetches), median of repeated loads.

Usage:
  django_orm.py measure --db FILE --template FILE --strategy naive|tuned|djust [--strategy ...]
                        [--time-ms 500] [--min-iterations 5]
"""

import argparse
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "..", "python"))
sys.path.insert(0, HERE)

from pyenv import ensure_venv  # noqa: E402
from run import measure, timed  # noqa: E402

COLUMN = re.compile(r'"(\w+)"\."(\w+)"')


def setup(db):
    import django
    from django.conf import settings

    settings.configure(
        DEBUG=False,
        USE_TZ=True,
        DATABASES={"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": db}},
        INSTALLED_APPS=["library"],
        TEMPLATES=[{"BACKEND": "django.template.backends.django.DjangoTemplates", "DIRS": [], "APP_DIRS": False}],
        DEFAULT_AUTO_FIELD="django.db.models.AutoField",
    )
    django.setup()


def queryset(strategy, source):
    from django.db.models import Prefetch
    from library.models import Book, Review, Tag

    books = Book.objects.order_by("id")
    if strategy == "naive":
        return books
    if strategy == "tuned":
        return (
            books.select_related("author", "publisher")
            .only("id", "title", "author__name", "publisher__name")
            .prefetch_related(
                Prefetch("tags", queryset=Tag.objects.only("id", "name")),
                Prefetch("reviews", queryset=Review.objects.only("id", "book_id")),
            )
        )
    from djust._rust import extract_template_variables
    from djust.optimization.query_optimizer import analyze_queryset_optimization, optimize_queryset

    paths = extract_template_variables(source).get("books", [])
    return optimize_queryset(books, analyze_queryset_optimization(Book, paths))


def load(strategy, source):
    """The context's loading alone: what the render reads, in its order, without the template engine."""
    books = list(queryset(strategy, source))
    for book in books:
        book.author.name, book.publisher.name  # noqa: B018 - the to-one reads load them
        list(book.tags.all())
        len(book.reviews.all())
    return books


class Recorder:
    """Records every statement (SQL and parameters) run through the connection."""

    def __init__(self):
        self.statements = []

    def __call__(self, execute, sql, params, many, context):
        self.statements.append((sql, params))
        return execute(sql, params, many, context)


def select_columns(sql):
    """The table columns named in the statement's SELECT list."""
    head = sql.split(" FROM ", 1)[0]
    return {f"{t}.{c}" for t, c in COLUMN.findall(head)}


def measure_strategy(strategy, source, budget):
    from django.db import connection
    from django.template import Context, Template

    template = Template(source)
    recorder = Recorder()
    with connection.execute_wrapper(recorder):
        page = template.render(Context({"books": queryset(strategy, source)}))
    columns = set()
    rows = 0
    with connection.cursor() as cursor:
        for sql, params in recorder.statements:
            columns |= select_columns(sql)
            cursor.execute(sql, params)
            rows += len(cursor.fetchall())
    loads = Recorder()
    with connection.execute_wrapper(loads):
        load(strategy, source)
    result = {
        "strategy": strategy,
        "queries": len(recorder.statements),
        "loadQueries": len(loads.statements),
        "columnsSelected": len(columns),
        "rowsFetched": rows,
        "page": page,
    }
    result.update(timed(measure(lambda _: load(strategy, source), None, budget[0], 0, budget[1])))
    return result


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    job = sub.add_parser("measure")
    job.add_argument("--db", required=True)
    job.add_argument("--template", required=True)
    job.add_argument("--strategy", action="append", choices=["naive", "tuned", "djust"], required=True)
    job.add_argument("--time-ms", type=float, default=500)
    job.add_argument("--min-iterations", type=int, default=5)
    args = parser.parse_args(argv)
    setup(args.db)
    with open(args.template, encoding="utf-8") as f:
        source = f.read()
    budget = (args.time_ms, args.min_iterations)
    json.dump({"rows": [measure_strategy(s, source, budget) for s in args.strategy]}, sys.stdout)
    return 0


if __name__ == "__main__":
    ensure_venv(__file__, "djust" if "djust" in sys.argv else "default")
    sys.exit(main(sys.argv[1:]))
