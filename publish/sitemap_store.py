"""Loading and saving a video sitemap that may be one file or an index of numbered files.

The user names one file (``site/video-sitemap.xml``) and submits its URL to Google once. While it
holds fewer than 50,000 URLs and 50 MB it is a plain ``<urlset>``; beyond that the same file becomes
a ``<sitemapindex>`` that lists numbered part files beside it, so the submitted URL keeps working.

Parts are named ``video-sitemap-3-1a2b3c4d.xml``: number and a hash of their content. A changed part
gets a new name, so the index is the single commit point: new parts are written first, then the
index is renamed into place, then parts no longer listed are deleted. A crash at any moment leaves
an index whose parts are all complete; unchanged parts keep their names (and their ``lastmod``).

Everything that is not ShopReel's is kept: other ``<url>`` entries, foreign namespaces, comments,
other sitemaps listed in an index.
"""

from __future__ import annotations

import contextlib
import hashlib
import re
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from lxml import etree

from shopreel.publish.sitemap_entry import SITEMAP_NS, VIDEO_NS, w3c_datetime
from shopreel.publish.sitemap_urls import origin_of
from shopreel.publish.xml_safe import (
    encode_for,
    parse_untrusted,
    read_file_bytes,
    serialize,
    write_atomically,
)
from shopreel.video.errors import PublishError

URLSET, URL, LOC = f"{{{SITEMAP_NS}}}urlset", f"{{{SITEMAP_NS}}}url", f"{{{SITEMAP_NS}}}loc"
SITEMAPINDEX, SITEMAP = f"{{{SITEMAP_NS}}}sitemapindex", f"{{{SITEMAP_NS}}}sitemap"
LASTMOD = f"{{{SITEMAP_NS}}}lastmod"

_SUFFIXES = (".xml.gz", ".xml")
# Root elements people mistake for sitemaps, to say what the file is instead.
_KNOWN_ROOTS = {"rss": "an RSS feed", "feed": "an Atom feed", "html": "a web page",
                "RDF": "an RSS 1.0 feed"}


@dataclass(frozen=True)
class SitemapLimits:
    """When a sitemap file is full (Google's limits; tests pass smaller ones)."""

    max_urls: int = 50_000
    max_bytes: int = 52_428_800  # 50 MB, uncompressed


GOOGLE_LIMITS = SitemapLimits()


@dataclass
class Sitemap:
    """A sitemap loaded for editing: every ``<url>`` gathered under one ``<urlset>`` root."""

    path: Path
    urlset: etree._Element
    #: The ``<sitemapindex>`` root when the file is an index, else None.
    index: etree._Element | None = None
    #: Our part files the index lists, by file name, with their ``<sitemap>`` entries.
    parts: dict[str, etree._Element] = field(default_factory=dict)

    def urls(self) -> list[etree._Element]:
        return [child for child in self.urlset if child.tag == URL]


def split_name(path: Path) -> tuple[str, str]:
    """``video-sitemap.xml.gz`` -> (``video-sitemap``, ``.xml.gz``). Raises PublishError."""
    lower = path.name.lower()
    for suffix in _SUFFIXES:
        if lower.endswith(suffix) and len(lower) > len(suffix):
            return path.name[: -len(suffix)], path.name[-len(suffix):]
    raise PublishError(f"{path}: a sitemap's file name must end in .xml or .xml.gz",
                       "name it like video-sitemap.xml")


def _part_pattern(path: Path) -> re.Pattern[str]:
    stem, suffix = split_name(path)
    return re.compile(rf"{re.escape(stem)}-(\d+)-([0-9a-f]{{8}}){re.escape(suffix)}")


def _temp_pattern(path: Path) -> re.Pattern[str]:
    # The names video.atomic.atomic_target gives its temporary files (".<stem>.<random>.part<suffix>")
    # for the main file and for every part.
    stem, _ = split_name(path)
    return re.compile(rf"\.{re.escape(stem)}(-\d+-[0-9a-f]{{8}})?(\.xml)?\.[A-Za-z0-9_]+\.part"
                      r"\.(xml|gz)", re.IGNORECASE)


def new_urlset() -> etree._Element:
    """An empty ``<urlset>`` with the sitemaps.org and video namespaces declared."""
    return etree.Element(URLSET, nsmap={None: SITEMAP_NS, "video": VIDEO_NS})


def load(path: Path) -> Sitemap:
    """Read the sitemap at ``path`` (missing or empty: a new one). Raises PublishError."""
    split_name(path)
    if not path.exists() or (path.is_file() and path.stat().st_size == 0):
        return Sitemap(path, new_urlset())
    root = _read_root(path)
    if root.tag == URLSET:
        return Sitemap(path, root)
    if root.tag == SITEMAPINDEX:
        return _load_index(path, root)
    raise not_a_sitemap_error(path, root)


def _read_root(path: Path) -> etree._Element:
    return parse_untrusted(read_file_bytes(path), path).getroot()


def not_a_sitemap_error(path: Path, root: etree._Element) -> PublishError:
    """The error for an XML file that is something else (an RSS feed, a web page ...)."""
    qname = etree.QName(root)
    if qname.localname in ("urlset", "sitemapindex"):
        return PublishError(f"{path}: uses the namespace {qname.namespace or '(none)'!r}, not "
                            f"the sitemaps.org one", f'write xmlns="{SITEMAP_NS}" on <{qname.localname}>'
                            " or choose another file name")
    what = _KNOWN_ROOTS.get(qname.localname, f"XML of another kind (<{qname.localname}>)")
    return PublishError(f"{path}: is {what}, not a sitemap",
                        "choose another file name for the video sitemap")


def _load_index(path: Path, index: etree._Element) -> Sitemap:
    pattern = _part_pattern(path)
    merged: etree._Element | None = None
    parts: dict[str, etree._Element] = {}
    for entry in index.iterchildren(SITEMAP):
        name = _file_name(entry.findtext(LOC) or "")
        if not pattern.fullmatch(name):
            continue  # another sitemap the user lists in this index: not ours, kept as it is
        part_path = path.with_name(name)
        if not part_path.is_file():
            raise PublishError(f"{path}: lists {name}, which is not in {path.parent}",
                               "put the file back (or remove its entry from the index)")
        part = _read_root(part_path)
        if part.tag != URLSET:
            raise not_a_sitemap_error(part_path, part)
        parts[name] = entry
        if merged is None:
            merged = part
        else:
            for child in list(part):
                merged.append(child)
    return Sitemap(path, merged if merged is not None else new_urlset(), index, parts)


def _file_name(url: str) -> str:
    return unquote(urlsplit(url.strip()).path.rsplit("/", 1)[-1])


def prepare_folder(path: Path) -> None:
    """Remove temporary files a killed writer left beside the sitemap. Call under the lock."""
    pattern = _temp_pattern(path)
    with contextlib.suppress(OSError):
        for leftover in path.parent.iterdir():
            if pattern.fullmatch(leftover.name):
                with contextlib.suppress(OSError):
                    leftover.unlink()


def save(sitemap: Sitemap, limits: SitemapLimits = GOOGLE_LIMITS,
         sitemap_url: str | None = None) -> list[str]:
    """Write ``sitemap`` back: one file, or numbered parts plus the index when it is too big.

    Returns warnings (where an index assumes it is served). Raises OutputError when the folder
    cannot be written; the previous files are then unchanged.
    """
    urlset = sitemap.urlset
    _declare_namespaces(urlset)
    files = _partition(urlset, limits)
    if sitemap.index is None and len(files) == 1:
        write_atomically(sitemap.path, files[0])
        return []
    return _save_index(sitemap, files, sitemap_url)


def _declare_namespaces(urlset: etree._Element) -> None:
    # Declare every namespace once on the root, so entries carry no declarations of their own;
    # keep declared prefixes even when unused (they are the file owner's, not ours to prune).
    declared = {prefix: uri for prefix, uri in urlset.nsmap.items() if prefix}
    etree.cleanup_namespaces(urlset, top_nsmap={"video": VIDEO_NS, **declared},
                             keep_ns_prefixes=list(declared))


def _header_and_items(urlset: etree._Element) -> tuple[list[etree._Element], list[etree._Element]]:
    """Children before the first ``<url>`` (foreign top-level elements, comments) and the rest."""
    children = list(urlset)
    first_url = next((i for i, child in enumerate(children) if child.tag == URL), len(children))
    return children[:first_url], children[first_url:]


def _partition(urlset: etree._Element, limits: SitemapLimits) -> list[bytes]:
    """The file contents holding all of ``urlset``, each within ``limits``, in order.

    The first file also holds what comes before the first ``<url>`` (foreign top-level elements).
    """
    header, items = _header_and_items(urlset)
    # Measure each item as it will appear in the file: indented, with its tail.
    etree.indent(urlset, space="  ")
    overhead = len(_part_bytes(urlset, header, []))
    sizes = [_serialized_size(item) for item in items]
    budget = limits.max_bytes - overhead
    while True:
        groups = _greedy(items, sizes, limits.max_urls, budget)
        files = [_part_bytes(urlset, header if number == 0 else [], group)
                 for number, group in enumerate(groups)]
        oversize = max(len(data) for data in files) - limits.max_bytes
        if oversize <= 0:
            return files
        budget -= oversize  # the size estimate was short by a few bytes: tighten and regroup


def _greedy(items: list[etree._Element], sizes: list[int], max_urls: int,
            budget: int) -> list[list[etree._Element]]:
    groups: list[list[etree._Element]] = [[]]
    urls = used = 0
    for item, size in zip(items, sizes):
        is_url = item.tag == URL
        if size > budget:
            raise PublishError(f"one sitemap entry is {size} bytes, more than a sitemap file may "
                               "hold", "shorten the entry's texts")
        if groups[-1] and (used + size > budget or (is_url and urls + 1 > max_urls)):
            groups.append([])
            urls = used = 0
        groups[-1].append(item)
        used += size
        urls += is_url
    return groups


_DECLARATION = re.compile(rb'\sxmlns(?::[\w.-]+)?="[^"]*"')


def _serialized_size(item: etree._Element) -> int:
    text = etree.tostring(item, encoding="UTF-8", with_tail=True)
    # Serialized alone, an element repeats the root's namespace declarations on its start tag.
    end_of_start_tag = text.find(b">") + 1
    start_tag = text[:end_of_start_tag]
    return len(text) - len(start_tag) + len(_DECLARATION.sub(b"", start_tag))


def _part_bytes(template: etree._Element, header: list[etree._Element],
                items: list[etree._Element]) -> bytes:
    """The file holding ``items`` under a root like ``template`` (header and preamble included)."""
    part = etree.Element(template.tag, dict(template.attrib), nsmap=template.nsmap)
    for node in _preamble(template):
        part.addprevious(_copy(node))
    for node in [*header, *items]:
        part.append(_copy(node))
    return serialize(part)


def _copy(node: etree._Element) -> etree._Element:
    # Copies, so the loaded sitemap stays whole while its parts are serialized one by one.
    return node.__copy__()


def _preamble(root: etree._Element) -> list[etree._Element]:
    """Comments and processing instructions before the root (a stylesheet link), in order."""
    siblings: list[etree._Element] = list(root.itersiblings(preceding=True))
    return siblings[::-1]


def _save_index(sitemap: Sitemap, files: list[bytes], sitemap_url: str | None) -> list[str]:
    path = sitemap.path
    stem, suffix = split_name(path)
    warnings: list[str] = []
    base = _parts_base_url(sitemap, sitemap_url, warnings)
    now = w3c_datetime(datetime.now().astimezone())
    entries: list[etree._Element] = []
    written: set[str] = set()
    for number, data in enumerate(files, start=1):
        digest = hashlib.sha256(encode_for(path, data)).hexdigest()[:8]
        name = f"{stem}-{number}-{digest}{suffix}"
        old = sitemap.parts.get(name)
        if old is None or not path.with_name(name).is_file():
            write_atomically(path.with_name(name), data)
        entries.append(_index_entry(urljoin(base, name), old, now))
        written.add(name)
    index = sitemap.index if sitemap.index is not None else etree.Element(
        SITEMAPINDEX, nsmap={None: SITEMAP_NS})
    _replace_our_entries(index, set(sitemap.parts), entries)
    write_atomically(path, serialize(index))
    # Only now, with the new index in place, may the files it no longer lists go.
    pattern = _part_pattern(path)
    for leftover in path.parent.iterdir():
        if pattern.fullmatch(leftover.name) and leftover.name not in written:
            with contextlib.suppress(OSError):
                leftover.unlink()
    if sitemap.index is None:
        warnings.insert(0, f"{path.name} holds more than one sitemap file may; it is now a "
                           f"sitemap index listing {len(files)} files beside it (upload them all)")
    elif len(files) != len(sitemap.parts):
        warnings.insert(0, f"{path.name} now lists {len(files)} sitemap files (upload them all)")
    return warnings


def _parts_base_url(sitemap: Sitemap, sitemap_url: str | None, warnings: list[str]) -> str:
    """The address the part files are served from: beside the sitemap's own address."""
    if sitemap_url:
        return sitemap_url
    for entry in sitemap.parts.values():
        loc = (entry.findtext(LOC) or "").strip()
        if loc:
            return loc
    first_loc = next((url.findtext(LOC) for url in sitemap.urls() if url.findtext(LOC)), None)
    if not first_loc:
        raise PublishError(f"{sitemap.path}: cannot tell where the sitemap is served",
                           "give the sitemap's own web address (--sitemap-url)")
    guess = f"{origin_of(first_loc.strip())}/{sitemap.path.name}"
    warnings.append(f"the sitemap index assumes {sitemap.path.name} is served at {guess}; if it is "
                    "not, give its address with --sitemap-url")
    return guess


def _index_entry(loc: str, old: etree._Element | None, now: str) -> etree._Element:
    if old is not None:  # unchanged part: keep its entry and lastmod
        return old
    entry = etree.Element(SITEMAP)
    etree.SubElement(entry, LOC).text = loc
    etree.SubElement(entry, LASTMOD).text = now
    return entry


def _replace_our_entries(index: etree._Element, ours: set[str],
                         entries: list[etree._Element]) -> None:
    """Put ``entries`` where our old entries were (else at the end); others stay in place."""
    anchor: int | None = None
    for position, child in enumerate(list(index)):
        if child.tag == SITEMAP and _file_name(child.findtext(LOC) or "") in ours:
            anchor = position if anchor is None else anchor
            index.remove(child)
    at = len(index) if anchor is None else anchor
    for offset, entry in enumerate(entries):
        index.insert(at + offset, entry)
