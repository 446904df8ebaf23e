"""DOCX to text from the XML inside the zip (no macro, no external part is ever touched).

Only ``word/document.xml`` (and the title in ``docProps/core.xml``) is read, in bounded chunks:
a zip bomb, an XML part larger than :data:`MAX_XML_BYTES` once uncompressed, is refused whatever
its header claims. A part with a DTD (which DOCX never has) is refused before parsing, so entity
expansion cannot happen.
"""

from __future__ import annotations

import io
import zipfile
from xml.etree import ElementTree

from letapis.documents.errors import DocumentError

#: The largest uncompressed XML part read (a 20 MB DOCX of text is far below it).
MAX_XML_BYTES = 64 * 1024 * 1024
#: A compression ratio above this on a large part is a bomb, not a document.
MAX_RATIO = 200

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
DC = "{http://purl.org/dc/elements/1.1/}"


def zip_kind(data: bytes) -> str | None:
    """``"docx"`` for a Word document, a description for another zip, ``None`` when unreadable."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return None
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        return "an Excel workbook"
    if "ppt/presentation.xml" in names:
        return "a PowerPoint presentation"
    if "content.xml" in names and "mimetype" in names:
        return "an OpenDocument file"
    if "META-INF/container.xml" in names:
        return "an EPUB book"
    return "a zip archive"


def _read_part(archive: zipfile.ZipFile, name: str, filename: str) -> bytes | None:
    try:
        info = archive.getinfo(name)
    except KeyError:
        return None
    if info.file_size > MAX_XML_BYTES or (
        info.file_size > 1024 * 1024 and info.file_size > MAX_RATIO * max(info.compress_size, 1)
    ):
        raise DocumentError(f"{filename} unpacks to {info.file_size // (1024 * 1024)} MB: refused as a zip bomb")
    chunks: list[bytes] = []
    total = 0
    with archive.open(info) as fh:  # the header may lie: count what really comes out
        while True:
            chunk = fh.read(1024 * 1024)
            if chunk == b"":
                break
            total += len(chunk)
            if total > MAX_XML_BYTES:
                raise DocumentError(
                    f"{filename} unpacks to more than {MAX_XML_BYTES // (1024 * 1024)} MB: refused as a zip bomb"
                )
            chunks.append(chunk)
    return b"".join(chunks)


def _parse(xml: bytes, filename: str) -> ElementTree.Element:
    head = xml[:4096].upper()
    if b"<!DOCTYPE" in head or b"<!ENTITY" in xml.upper():
        raise DocumentError(f"{filename} holds XML with a DTD, which Word documents never have: refused")
    try:
        return ElementTree.fromstring(xml)
    except ElementTree.ParseError as exc:
        if str(exc).startswith("out of memory"):  # expat's way of saying MemoryError
            raise MemoryError(str(exc)) from exc
        raise DocumentError(f"{filename} is a damaged Word document: {exc}") from exc


def _paragraph_text(paragraph: ElementTree.Element) -> str:
    parts: list[str] = []
    for element in paragraph.iter():
        tag = element.tag
        if tag == W + "t" and element.text is not None:
            parts.append(element.text)
        elif tag == W + "tab":
            parts.append("\t")
        elif tag in (W + "br", W + "cr"):
            parts.append("\n")
        elif tag == W + "noBreakHyphen":
            parts.append("\u2011")
    return "".join(parts)


def _blocks(element: ElementTree.Element) -> list[str]:
    """Paragraph texts in document order (table cells' paragraphs included, deleted text not)."""
    out: list[str] = []
    for child in element:
        if child.tag == W + "p":
            out.append(_paragraph_text(child))
        elif child.tag in (W + "del", W + "moveFrom"):
            continue
        else:
            out.extend(_blocks(child))
    return out


def docx_to_text(data: bytes, filename: str) -> tuple[str, str]:
    """The text of a DOCX (paragraphs separated by blank lines) and its title (or ``""``)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if len(archive.infolist()) > 10_000:
                raise DocumentError(f"{filename} holds {len(archive.infolist())} files: not a Word document")
            body = _read_part(archive, "word/document.xml", filename)
            core = _read_part(archive, "docProps/core.xml", filename)
    except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError, RuntimeError) as exc:
        raise DocumentError(f"{filename} is a damaged Word document: {exc}") from exc
    if body is None:
        raise DocumentError(f"{filename} is not a Word document: it has no word/document.xml")
    root = _parse(body, filename)
    paragraphs = [p.strip() for p in _blocks(root)]
    text = "\n\n".join(p for p in paragraphs if p != "")
    title = ""
    if core is not None:
        element = _parse(core, filename).find(DC + "title")
        if element is not None and element.text is not None:
            title = element.text.strip()
    return (text + "\n" if text != "" else ""), title
