"""vocab: learn Chinese vocabulary from the articles you read."""

__version__ = "0.1.0"
