"""The library's tables as Django models, unmanaged (knex creates and fills them). Tags are ordered by id,
as the JS loaders order every to-many relation by primary key, so the pages compare equal."""

from django.db import models


class Publisher(models.Model):
    name = models.CharField(max_length=255)
    city = models.CharField(max_length=255)
    founded = models.IntegerField()

    class Meta:
        app_label = "library"
        db_table = "publishers"
        managed = False


class Author(models.Model):
    name = models.CharField(max_length=255)
    bio = models.TextField()
    birth_year = models.IntegerField()
    email = models.CharField(max_length=255)

    class Meta:
        app_label = "library"
        db_table = "authors"
        managed = False


class User(models.Model):
    username = models.CharField(max_length=255, unique=True)
    display_name = models.CharField(max_length=255)
    email = models.CharField(max_length=255)
    password_hash = models.CharField(max_length=255)
    joined_on = models.CharField(max_length=255)

    class Meta:
        app_label = "library"
        db_table = "users"
        managed = False


class Tag(models.Model):
    name = models.CharField(max_length=255)
    slug = models.CharField(max_length=255)

    class Meta:
        app_label = "library"
        db_table = "tags"
        managed = False
        ordering = ["id"]


class Book(models.Model):
    title = models.CharField(max_length=255)
    isbn = models.CharField(max_length=255)
    year = models.IntegerField()
    pages = models.IntegerField()
    price_cents = models.IntegerField()
    summary = models.TextField()
    author = models.ForeignKey(Author, on_delete=models.CASCADE, related_name="books")
    publisher = models.ForeignKey(Publisher, on_delete=models.CASCADE, related_name="books")
    # book_tags (book_id, tag_id): Django's implicit through model reads it by those two columns.
    tags = models.ManyToManyField(Tag, db_table="book_tags", related_name="books")

    class Meta:
        app_label = "library"
        db_table = "books"
        managed = False


class Review(models.Model):
    book = models.ForeignKey(Book, on_delete=models.CASCADE, related_name="reviews")
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="reviews")
    rating = models.IntegerField()
    body = models.TextField()
    created_on = models.CharField(max_length=255)

    class Meta:
        app_label = "library"
        db_table = "reviews"
        managed = False
