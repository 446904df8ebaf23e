"""HTML to text with the standard library's parser: no scripts run, nothing fetched.

``script``, ``style``, ``template``, ``noscript``, ``svg`` and the ``head`` (except its title) are
dropped; block elements (paragraphs, headings, list items, table rows…) end a paragraph; ``br``
ends a line. Whitespace inside a paragraph is collapsed as a browser would.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

_DROP = {"script", "style", "template", "noscript", "svg", "math", "iframe", "object", "head", "select"}
_BLOCK = {
    "address",
    "article",
    "aside",
    "blockquote",
    "dd",
    "div",
    "dl",
    "dt",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "li",
    "main",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "table",
    "tr",
    "ul",
    "body",
    "html",
    "caption",
    "details",
    "summary",
}
_CELL = {"td", "th"}
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
_LINE_BREAK = "\u2028"  # stands for <br> until the paragraph is assembled
_SPACES = re.compile(r"[ \t\r\n\f\v\u00a0]+")

_MARKUP_START = re.compile(r"^\s*(<!--.*?-->\s*)*(<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>])", re.I | re.S)
_TAG = re.compile(
    r"</?(p|div|br|span|a|h[1-6]|li|ul|ol|table|tr|td|body|html|head|title|meta|strong|em|b|i)\b[^>]*>", re.I
)


def looks_like_html(text: str) -> bool:
    """True for a document that starts as HTML, or whose start is dense with HTML tags."""
    head = text[:4096]
    if _MARKUP_START.match(head) is not None:
        return True
    tags = _TAG.findall(head)
    closing = head.count("</")
    return len(tags) >= 4 and closing >= 2


class _TextParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.paragraphs: list[str] = []
        self.current: list[str] = []
        self.drop_depth = 0
        self.drop_stack: list[str] = []
        self.in_title = False
        self.in_pre = 0
        self.title_parts: list[str] = []
        self.h1_parts: list[str] = []
        self.in_h1 = False

    # paragraphs -------------------------------------------------------------------------------
    def _break(self) -> None:
        text = "".join(self.current)
        if self.in_pre > 0:
            lines = [line.rstrip() for line in text.replace(_LINE_BREAK, "\n").split("\n")]
        else:
            lines = [" ".join(_SPACES.split(line)).strip() for line in text.split(_LINE_BREAK)]
        paragraph = "\n".join(line for line in lines if line != "")
        if paragraph != "":
            self.paragraphs.append(paragraph)
        self.current = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "title":
            self.in_title = True
            return
        if tag == "body" and "head" in self.drop_stack:  # a head left open ends where the body starts
            self.drop_stack = [t for t in self.drop_stack if t != "head"]
        if tag in _DROP:
            if tag not in _VOID:
                self.drop_stack.append(tag)
            return
        if len(self.drop_stack) > 0:
            return
        if tag in _BLOCK:
            self._break()
        if tag == "pre":
            self.in_pre += 1
        if tag == "h1":
            self.in_h1 = True
        if tag == "br":
            self.current.append(_LINE_BREAK)
        elif tag in _CELL:
            self.current.append(" \t ")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in _VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self.in_title = False
            return
        if len(self.drop_stack) > 0:
            if tag in self.drop_stack:
                while len(self.drop_stack) > 0 and self.drop_stack.pop() != tag:
                    pass
            return
        if tag == "h1":
            self.in_h1 = False
        if tag in _BLOCK:
            self._break()
        if tag == "pre" and self.in_pre > 0:
            self.in_pre -= 1

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title_parts.append(data)
            return
        if len(self.drop_stack) > 0:
            return
        if self.in_h1:
            self.h1_parts.append(data)
        self.current.append(data)

    def close(self) -> None:
        super().close()
        self._break()


def html_to_text(markup: str) -> tuple[str, str]:
    """The text of an HTML document, paragraphs separated by blank lines, and its title."""
    parser = _TextParser()
    parser.feed(markup)
    parser.close()
    title = " ".join(_SPACES.split("".join(parser.title_parts))).strip()
    if title == "":
        title = " ".join(_SPACES.split("".join(parser.h1_parts))).strip()
    text = "\n\n".join(parser.paragraphs)
    return (text + "\n" if text != "" else ""), title
