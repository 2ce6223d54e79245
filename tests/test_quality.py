"""ruff and mypy, as configured in pyproject.toml, are clean: part of the suite, so CI holds them."""

import shutil
import subprocess
import sys

import pytest
from conftest import ROOT


def run_tool(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", *args], cwd=ROOT, capture_output=True, text=True)


@pytest.mark.skipif(shutil.which("ruff") is None, reason="ruff is a test extra")
def test_ruff_is_clean() -> None:
    result = run_tool("ruff", "check", "vocab", "tests", "benches")
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_is_clean() -> None:
    result = run_tool("mypy")
    assert result.returncode == 0, result.stdout + result.stderr
