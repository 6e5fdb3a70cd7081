"""The virtual environments of the repository's Python scripts, each with the exact pins of its requirements
file, created on first use and refreshed when the pins change:

- <repo>/.venv from python/requirements.txt (Django, Jinja2): every script's;
- <repo>/.venv-djust from python/requirements-djust.txt (the same pins plus djust and its dependencies): the
  benchmark's djust engine only. djust ships a CPython 3.11 wheel only, so this venv is made with a CPython
  3.11 interpreter (`$PYTHON_DJUST`, else `python3.11`, else this interpreter when it is one).

A script calls `ensure_venv(__file__)` (or `ensure_venv(__file__, "djust")`) before importing Django; outside
the venv it re-runs itself with the venv's interpreter. `python3 python/pyenv.py [djust]` only creates or
refreshes a venv.

The stamp `<venv>/requirements.sha256` (the SHA-256 of the requirements file followed by every file it
includes with `-r`) is shared with the benchmark's JavaScript side (tools/bench/src/python-env.ts), so either
side reuses the venv the other built.
"""

import hashlib
import os
import shutil
import subprocess
import sys

PYTHON_DIR = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(PYTHON_DIR)

# name -> (requirements file, venv folder)
VENVS = {
    "default": (os.path.join(PYTHON_DIR, "requirements.txt"), os.path.join(ROOT, ".venv")),
    "djust": (os.path.join(PYTHON_DIR, "requirements-djust.txt"), os.path.join(ROOT, ".venv-djust")),
}


def venv_python(venv):
    return os.path.join(venv, "Scripts", "python.exe") if os.name == "nt" else os.path.join(venv, "bin", "python")


def requirements_files(path):
    """The requirements file and, after it, every file it includes with `-r` (recursively, in order)."""
    files = [path]
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if line.startswith("-r "):
                files.extend(requirements_files(os.path.join(os.path.dirname(path), line[3:].strip())))
    return files


def requirements_hash(path):
    digest = hashlib.sha256()
    for name in requirements_files(path):
        with open(name, "rb") as f:
            digest.update(f.read())
    return digest.hexdigest()


def _is_fresh(requirements, venv):
    stamp = os.path.join(venv, "requirements.sha256")
    if not os.path.exists(venv_python(venv)) or not os.path.exists(stamp):
        return False
    with open(stamp, encoding="utf-8") as f:
        return f.read() == requirements_hash(requirements)


def _base_python(name):
    if name != "djust":
        return sys.executable
    found = os.environ.get("PYTHON_DJUST") or shutil.which("python3.11")
    if found:
        return found
    if sys.implementation.name == "cpython" and sys.version_info[:2] == (3, 11):
        return sys.executable
    raise SystemExit("djust 1.2.6 needs CPython 3.11: set PYTHON_DJUST or put python3.11 on PATH")


def refresh_venv(name="default"):
    """Create the venv if missing and install the pins if they changed (pip needs the network then)."""
    requirements, venv = VENVS[name]
    if _is_fresh(requirements, venv):
        return venv
    if not os.path.exists(venv_python(venv)):
        print(f"creating {venv} from {requirements}", file=sys.stderr)
        subprocess.run([_base_python(name), "-m", "venv", venv], check=True)
    pip = [venv_python(venv), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "-r", requirements]
    subprocess.run(pip, check=True)
    with open(os.path.join(venv, "requirements.sha256"), "w", encoding="utf-8") as f:
        f.write(requirements_hash(requirements))
    return venv


def ensure_venv(script, name="default"):
    """Make sure `script` runs in the venv `name`: refresh it, then re-exec there unless already in it."""
    venv = refresh_venv(name)
    if os.path.realpath(sys.prefix) != os.path.realpath(venv):
        os.execv(venv_python(venv), [venv_python(venv), os.path.abspath(script), *sys.argv[1:]])


if __name__ == "__main__":
    print(refresh_venv(sys.argv[1] if len(sys.argv) > 1 else "default"))
