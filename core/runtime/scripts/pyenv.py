"""Re-run a fixture script inside core/runtime/.venv, created from scripts/requirements.txt if missing."""

import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
PACKAGE = os.path.dirname(HERE)
VENV = os.path.join(PACKAGE, ".venv")
VENV_PYTHON = os.path.join(VENV, "bin", "python")


def ensure_venv(script):
    """Exec `script` in the package's venv with the pinned Django unless already running there."""
    if os.path.realpath(sys.prefix) == os.path.realpath(VENV):
        return
    if not os.path.exists(VENV_PYTHON):
        subprocess.run([sys.executable, "-m", "venv", VENV], check=True)
        requirements = os.path.join(HERE, "requirements.txt")
        subprocess.run([VENV_PYTHON, "-m", "pip", "install", "--quiet", "-r", requirements], check=True)
    os.execv(VENV_PYTHON, [VENV_PYTHON, os.path.abspath(script), *sys.argv[1:]])
