"""Markdown: the text a reader sees, block by block.

markdown-it-py parses the file as CommonMark (with tables): headings, paragraphs, list items,
quotes and table cells each give a block of text, set apart by a blank line as in a plain-text
article; code blocks and raw HTML give none; links keep their words, images and front matter go.
"""

from __future__ import annotations

import re

from vocab.text.formats import Document, Section, decode, require_chinese

_SPACES = re.compile(r"[ \t]{2,}")
# A link reference definition written right under a paragraph is, to CommonMark, more of the
# paragraph; no reader means it as text.
_REFERENCE = re.compile(r"^\[[^\]]+\]:\s+\S+(\s+\S.*)?$")
# YAML front matter (Jekyll, Hugo, Obsidian): metadata, not article text.
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n.*?\n(---|\.\.\.)[ \t]*(\n|\Z)", re.S)


def read_markdown(data: bytes, name: str) -> Document:
    """A Markdown file as an article; its first heading, if it is first, is its title."""
    text = decode(data, name)
    blocks, title = markdown_blocks(text)
    document = Document("markdown", title, (Section("\n\n".join(blocks)),))
    return require_chinese(document, name, " outside its Markdown code")


def markdown_blocks(text: str) -> tuple[list[str], str | None]:
    """The blocks of text a Markdown document shows (a block's own line breaks kept: the layout
    step joins hard-wrapped lines as in any text file), and its title (a heading opening it)."""
    from markdown_it import MarkdownIt

    text = _FRONT_MATTER.sub("", text, count=1)
    parser = MarkdownIt("commonmark").enable("table").enable("strikethrough")
    blocks: list[str] = []
    title: str | None = None
    heading = False
    for token in parser.parse(text):
        if token.type == "heading_open":
            heading = True
            continue
        if token.type != "inline":
            continue
        parts: list[str] = []
        for child in token.children or []:
            if child.type in ("text", "code_inline"):
                parts.append(child.content)
            elif child.type in ("softbreak", "hardbreak"):
                parts.append("\n")
        # An image or raw HTML left out leaves the spaces that stood around it.
        lines = [_SPACES.sub(" ", line.strip()) for line in "".join(parts).split("\n")]
        block = "\n".join(line for line in lines if line and not _REFERENCE.match(line))
        if block:
            if heading and not blocks:
                title = block.replace("\n", " ")
            blocks.append(block)
        heading = False
    return blocks, title
