"""The core runs without the shells, and a review session without the import libraries."""

import ast
import subprocess
import sys
from pathlib import Path

from conftest import ROOT


def core_modules() -> list[str]:
    """Every module of the package but the two shells (cli.py and tui/)."""
    found = []
    for path in sorted((ROOT / "vocab").rglob("*.py")):
        parts = path.relative_to(ROOT).with_suffix("").parts
        if parts[1] in {"cli", "tui", "__main__"}:
            continue
        found.append(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return found


def loaded_after_import(modules: list[str], watched: list[str]) -> list[str]:
    code = (
        "import sys\n"
        + "".join(f"import {m}\n" for m in modules)
        + f"print(','.join(w for w in {watched!r} if w in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return [m for m in out.stdout.strip().split(",") if m]


def test_core_runs_without_the_tui() -> None:
    assert loaded_after_import(core_modules(), ["textual"]) == []


def test_core_source_imports_neither_textual_nor_click() -> None:
    """sqlite-utils itself loads click, so sys.modules can't tell; the core's own imports can."""
    shells = {ROOT / "vocab" / "cli.py", ROOT / "vocab" / "tui"}
    offenders = []
    for path in sorted((ROOT / "vocab").rglob("*.py")):
        if path in shells or shells & set(path.parents):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            offenders += [
                f"{path.relative_to(ROOT)}: {name}"
                for name in names
                if name.split(".")[0] in {"click", "textual", "rich"}
            ]
    assert offenders == []


def test_cli_imports_no_heavy_library_before_a_command_runs() -> None:
    heavy = ["textual", "rjieba", "jieba", "pypinyin", "wordfreq", "genanki", "opencc"]
    assert loaded_after_import(["vocab.cli"], heavy) == []


def test_importing_an_article_loads_neither_pypinyin_nor_python_jieba(tmp_path: Path) -> None:
    """Readings the English cannot decide come from the dictionary cache, where pypinyin's
    reading of every word with several was stored when the cache was built."""
    from conftest import SEED

    code = (
        "import sys\n"
        "from datetime import UTC, datetime\n"
        "from vocab.lexicon.cedict import Dictionary\n"
        "from vocab.service.importing import add_article\n"
        "from vocab.store import open_db\n"
        "Dictionary.open()  # a cache built by an earlier run\n"
        "loaded = {m for m in ('pypinyin', 'jieba') if m in sys.modules}\n"
        f"result = add_article(open_db({str(tmp_path / 'v.db')!r}), {str(SEED)!r},"
        " now=datetime.now(UTC))\n"
        "assert result.added and result.terms > 200, result\n"
        "print(','.join(m for m in ('pypinyin', 'jieba') if m in sys.modules and m not in loaded))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_the_usual_reading_of_a_word_read_in_several_ways_is_pypinyins() -> None:
    from vocab.lexicon.cedict import Dictionary
    from vocab.lexicon.pinyin import word_reading

    usual = Dictionary.open().usual_readings(["说", "行", "转向", "数据", "通道"])
    assert usual == {w: word_reading(w) for w in ("说", "行", "转向")}
    assert usual["说"] == "shuo1" and usual["转向"] == "zhuan3 xiang4"
