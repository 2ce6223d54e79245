"""The use cases the shells call: each CLI command and TUI action is one call into this package.

Modules here load heavy libraries (jieba, pypinyin, wordfreq, genanki) only when their use case
needs them, so that a review session starts at once.
"""
