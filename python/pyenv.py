"""The one virtual environment of every Python script in the repository: <repo>/.venv, with the exact
pins of python/requirements.txt, created on first use and refreshed when the pins change.

A script calls `ensure_venv(__file__)` before importing Django; outside the venv it re-runs itself with
the venv's interpreter. `python3 python/pyenv.py` only creates or refreshes the venv.

The stamp `.venv/requirements.sha256` (the SHA-256 of requirements.txt) is shared with the benchmark's
JavaScript side (tools/bench/src/python-env.ts), so either side reuses the venv the other built.
"""

import hashlib
import os
import subprocess
import sys

PYTHON_DIR = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(PYTHON_DIR)
REQUIREMENTS = os.path.join(PYTHON_DIR, "requirements.txt")
VENV = os.path.join(ROOT, ".venv")
VENV_PYTHON = os.path.join(VENV, "Scripts", "python.exe") if os.name == "nt" else os.path.join(VENV, "bin", "python")
STAMP = os.path.join(VENV, "requirements.sha256")


def _requirements_hash():
    with open(REQUIREMENTS, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def _is_fresh():
    if not os.path.exists(VENV_PYTHON) or not os.path.exists(STAMP):
        return False
    with open(STAMP, encoding="utf-8") as f:
        return f.read() == _requirements_hash()


def refresh_venv():
    """Create the venv if missing and install the pins if they changed (pip needs the network then)."""
    if _is_fresh():
        return
    if not os.path.exists(VENV_PYTHON):
        print(f"creating {VENV} from {REQUIREMENTS}", file=sys.stderr)
        subprocess.run([sys.executable, "-m", "venv", VENV], check=True)
    pip = [VENV_PYTHON, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "-r", REQUIREMENTS]
    subprocess.run(pip, check=True)
    with open(STAMP, "w", encoding="utf-8") as f:
        f.write(_requirements_hash())


def ensure_venv(script):
    """Make sure `script` runs in the repository's venv: refresh it, then re-exec there unless already in it."""
    refresh_venv()
    if os.path.realpath(sys.prefix) != os.path.realpath(VENV):
        os.execv(VENV_PYTHON, [VENV_PYTHON, os.path.abspath(script), *sys.argv[1:]])


if __name__ == "__main__":
    refresh_venv()
    print(VENV)
