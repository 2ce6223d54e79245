"""What the benchmarks share: vocab timed as an installed copy runs."""

import compileall
from pathlib import Path

import vocab


def compile_vocab() -> None:
    """Compile vocab's modules to bytecode before timing, as `pip install` does and as Python
    does on a first run. The baselines (Textual, jieba) were compiled when they were installed;
    where PYTHONDONTWRITEBYTECODE is set (some dev shells and sandboxes), an editable vocab
    would otherwise be compiled from source in every timed run, which no installed vocab is."""
    compileall.compile_dir(Path(vocab.__file__).parent, quiet=1)
