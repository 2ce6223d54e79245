"""One Screen per module, each with its .tcss beside it."""

from pathlib import Path


def stylesheet(name: str) -> str:
    """The text of the .tcss file `name` in this folder, for a screen's DEFAULT_CSS.

    A screen given its file as CSS_PATH instead makes Textual parse every stylesheet of the app
    again and restyle every widget of every screen when it first shows (30 ms before the first
    card, on a review); a DEFAULT_CSS is parsed once, with the widgets' own. Its rules then apply
    within the screen only, and as default rules they rank by selector, where the files' id and
    screen rules win over the widgets' own type rules anyway.
    """
    return (Path(__file__).parent / name).read_text(encoding="utf-8")
