"""Reading and writing XML files that other people's tools may have touched, safely.

A sitemap lives in a web folder and may have been written by a shop system, a plugin or by hand, so
reading one must not trust it: no DTD, no entities (the "billion laughs" and external-entity
tricks), no network, no unbounded gzip or text sizes. Files ending in ``.gz`` are read and written
gzip-compressed.
"""

from __future__ import annotations

import gzip
import re
import zlib
from pathlib import Path

from lxml import etree

from shopreel.video.atomic import write_if_changed
from shopreel.video.errors import PublishError

# Google accepts 50 MB per sitemap; a file far beyond that is not a sitemap we should hold in memory.
MAX_READ_BYTES = 256 * 1024 * 1024

# A DTD is the door for entity expansion and external fetches; a sitemap never needs one.
_DOCTYPE = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)
# Characters XML 1.0 cannot carry at all (not even escaped): most C0 controls, surrogates, U+FFFE/F.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def is_gzip_path(path: Path) -> bool:
    """Whether ``path`` names a gzip-compressed file (``.gz``)."""
    return path.name.lower().endswith(".gz")


def read_file_bytes(path: Path) -> bytes:
    """The (uncompressed) bytes of ``path``. Raises PublishError for unreadable or corrupt files."""
    try:
        with open(path, "rb") as handle:
            raw = handle.read(MAX_READ_BYTES + 1)
    except IsADirectoryError:
        raise PublishError(f"{path}: is a folder", "give the sitemap a file name ending in .xml"
                           ) from None
    except OSError as exc:
        raise PublishError(f"{path}: cannot read ({exc.strerror})",
                           "check that the file exists and you may read it") from None
    if len(raw) > MAX_READ_BYTES:
        raise _too_big(path)
    if not is_gzip_path(path):
        return raw
    # Decompress in bounded steps, so a small "gzip bomb" cannot fill the memory.
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        data = inflater.decompress(raw, MAX_READ_BYTES + 1)
    except zlib.error:
        raise PublishError(f"{path}: is not a gzip file (or it is damaged)",
                           "remove the .gz ending if the file is plain XML") from None
    if len(data) > MAX_READ_BYTES:
        raise _too_big(path)
    if not inflater.eof:
        raise PublishError(f"{path}: the gzip data is cut short",
                           "restore the file from a backup or delete it to start a new one")
    return data


def _too_big(path: Path) -> PublishError:
    return PublishError(f"{path}: larger than {MAX_READ_BYTES // (1024 * 1024)} MB uncompressed",
                        "this is not a sitemap ShopReel can update; choose another file")


def parse_untrusted(data: bytes, path: Path) -> etree._ElementTree:
    """Parse XML from an untrusted file without DTDs, entities or network access.

    Raises PublishError (naming ``path``) for anything that is not well-formed XML or that
    declares a DOCTYPE or entities.
    """
    if _DOCTYPE.search(data):
        raise PublishError(f"{path}: declares a DOCTYPE or entities, which sitemaps never use",
                           "remove the <!DOCTYPE ...> part (it can hide harmful content)")
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False,
                             load_dtd=False, dtd_validation=False, remove_blank_text=True,
                             remove_comments=False, remove_pis=False)
    try:
        tree = etree.ElementTree(etree.fromstring(data, parser))
    except etree.XMLSyntaxError as exc:
        line = f" (line {exc.lineno})" if exc.lineno else ""
        raise PublishError(f"{path}: is not valid XML{line}: {_first_line(exc.msg)}",
                           "fix or rename the file, or choose another sitemap file") from None
    # Belt and braces: the byte check above should have refused any DTD already.
    if tree.docinfo.doctype:
        raise PublishError(f"{path}: declares a DOCTYPE, which sitemaps never use",
                           "remove the <!DOCTYPE ...> part")
    return tree


def _first_line(text: str | None) -> str:
    return (text or "syntax error").splitlines()[0].strip()


def xml_text(value: str) -> tuple[str, bool]:
    """``value`` without the characters XML cannot hold, and whether any were removed."""
    cleaned = _NOT_XML.sub("", value)
    return cleaned, cleaned != value


def serialize(root: etree._Element) -> bytes:
    """The document of ``root`` as UTF-8 XML with a declaration, indented, ending with a newline.

    Comments and processing instructions around the root element (a generator's note, a
    stylesheet link) are part of the document and kept.
    """
    etree.indent(root, space="  ")
    body: bytes = etree.tostring(root.getroottree(), encoding="UTF-8", xml_declaration=False)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + body + b"\n"


def encode_for(path: Path, data: bytes) -> bytes:
    """The bytes to store at ``path``: gzip-compressed for ``.gz`` names, else ``data`` itself."""
    # mtime=0 keeps identical content byte-identical, so unchanged files are recognised as such.
    return gzip.compress(data, compresslevel=6, mtime=0) if is_gzip_path(path) else data


def write_atomically(path: Path, data: bytes) -> None:
    """Store ``data`` (uncompressed XML) at ``path`` atomically, unless it already holds exactly
    that (an unchanged sitemap keeps its date). Raises OutputError."""
    write_if_changed(path, encode_for(path, data))
