"""One error hierarchy: the CLI prints these as one line, the TUI as a notice."""


class VocabError(Exception):
    """An error the user can act on. Its message is shown as it is, on one line."""


class InputError(VocabError):
    """The article given cannot be read: missing, empty, binary, undecodable, no Chinese."""


class NotFoundError(VocabError):
    """An article, term or card named by the user does not exist."""


class StoreError(VocabError):
    """The database cannot be opened or written."""


class ExportError(VocabError):
    """An export cannot be written."""
