"""Parse stage of HTML mode: decode page bytes, refuse what is not a page, parse with lxml.

Kept apart from the rest so that changes to decoding (charsets, binary
input, nesting limits) touch one small module.
"""

from __future__ import annotations

import codecs
import re

from lxml import etree
from lxml.html import HtmlElement, HTMLParser, document_fromstring

from declutter.errors import InputError

_PARSER = HTMLParser(collect_ids=False, default_doctype=False, encoding="utf-8", remove_comments=True,
                     remove_pis=True)
_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([\w.:-]{1,40})""", re.IGNORECASE)


def decode_html(data: bytes) -> str:
    """Decode page bytes: BOM, else valid UTF-8, else the declared charset, else cp1252.

    Strict UTF-8 goes before the declared charset because pages that declare
    latin-1 and are UTF-8 are common, while non-UTF-8 text that happens to be
    valid UTF-8 is rare.

    >>> decode_html('<p>caf\\u00e9</p>'.encode('utf-8'))
    '<p>café</p>'
    >>> decode_html(b'<meta charset="iso-8859-1"><p>caf\\xe9</p>')
    '<meta charset="iso-8859-1"><p>café</p>'
    """
    for bom, codec in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return data.decode(codec, errors="replace").lstrip("\ufeff")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    match = _CHARSET.search(data[:4096])
    if match:
        try:
            return data.decode(match.group(1).decode("ascii"), errors="replace")
        except LookupError:
            pass
    return data.decode("cp1252", errors="replace")


#: Larger pages are refused with an InputError: trafilatura's extraction time
#: grows faster than linearly (1 MB 0.6 s, 4 MB 4 s, 30 MB about 10 minutes), and
#: real article pages are far smaller.
MAX_HTML_BYTES = 8_000_000


def parse_html(html: str | bytes) -> HtmlElement | None:
    """Parse a page into an lxml tree; None when it holds nothing but whitespace.

    Raises :class:`InputError` for input of the wrong type, binary data, a
    page over :data:`MAX_HTML_BYTES`, and input lxml cannot turn into a document.
    """
    if isinstance(html, str | bytes | bytearray) and len(html) > MAX_HTML_BYTES:
        raise InputError(f"page of {len(html) / 1e6:.1f} MB is over the HTML mode limit of "
                         f"{MAX_HTML_BYTES / 1e6:.0f} MB (trafilatura's extraction grows faster than the page); "
                         f"extract its text another way and clean that with declutter.clean")
    if isinstance(html, bytes | bytearray):
        html = decode_html(bytes(html))
    if not isinstance(html, str):
        raise InputError(f"clean_html() takes HTML as str or bytes, got {type(html).__name__}")
    if not html.strip():
        return None
    if html.count("\x00") > len(html) // 10:
        raise InputError("input looks like binary data (NUL bytes), not HTML")
    try:
        tree = document_fromstring(html.encode("utf-8", "surrogatepass"), parser=_PARSER)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError) as exc:
        raise InputError(f"cannot parse the input as HTML: {exc}") from None
    return tree if isinstance(tree, HtmlElement) else None

