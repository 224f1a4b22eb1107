"""Check a video sitemap the way Google reads it: the schemas, plus the rules they leave out.

Google's video schema accepts a duration of 0, a video without any video address and a
``content_loc`` equal to the page; Google does not. Those rules, the file limits and the deprecated
elements are checked here. Elements of other sitemap extensions (image:, news:, xhtml:) are outside
ShopReel's schemas: they are skipped, and the report says so.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from lxml import etree

from shopreel.publish.sitemap_entry import MAX_DURATION, SITEMAP_NS, VIDEO_NS
from shopreel.publish.sitemap_store import (
    GOOGLE_LIMITS,
    LOC,
    SITEMAP,
    SITEMAPINDEX,
    URL,
    URLSET,
    not_a_sitemap_error,
)
from shopreel.publish.sitemap_urls import same_site
from shopreel.publish.xml_safe import parse_untrusted, read_file_bytes
from shopreel.video.errors import PublishError

# More problems than this and the first ones are what a user fixes first anyway.
MAX_REPORTED = 20
DEPRECATED = ("category", "gallery_loc", "price", "tvshow")
_SCHEMA_SCHEME = "shopreel-xsd:"


@dataclass(frozen=True)
class SitemapReport:
    """What ``validate_sitemap`` found. ``problems`` make the sitemap invalid, ``warnings`` not."""

    path: Path
    is_index: bool
    urls: int
    videos: int
    problems: tuple[str, ...]
    warnings: tuple[str, ...]

    @property
    def ok(self) -> bool:
        return not self.problems

    def summary(self) -> str:
        """One line: ``OK: ...`` or how many problems."""
        what = f"{self.urls} URL(s), {self.videos} video(s)"
        if self.ok:
            return f"{self.path}: OK ({what})"
        return f"{self.path}: {len(self.problems)} problem(s) ({what})"


def validate_sitemap(path: Path) -> SitemapReport:
    """Validate the sitemap (or sitemap index and its parts beside it) at ``path``.

    Raises PublishError when the file cannot be read or is not a sitemap at all (not XML, an RSS
    feed, a DOCTYPE ...). Everything else is reported in the returned report.
    """
    data = read_file_bytes(path)
    root = parse_untrusted(data, path).getroot()
    check = _Check()
    if root.tag == URLSET:
        check.urlset(path, root, len(data), prefix="")
        return check.report(path, is_index=False)
    if root.tag == SITEMAPINDEX:
        check.index(path, root)
        return check.report(path, is_index=True)
    raise not_a_sitemap_error(path, root)


class _Check:
    def __init__(self) -> None:
        self.problems: list[str] = []
        self.warnings: list[str] = []
        self.urls = self.videos = 0

    def report(self, path: Path, is_index: bool) -> SitemapReport:
        problems = self.problems[:MAX_REPORTED]
        if len(self.problems) > MAX_REPORTED:
            problems.append(f"... and {len(self.problems) - MAX_REPORTED} more")
        return SitemapReport(path, is_index, self.urls, self.videos, tuple(problems),
                             tuple(dict.fromkeys(self.warnings)))

    def problem(self, where: str, text: str) -> None:
        self.problems.append(f"{where}: {text}")

    def index(self, path: Path, root: etree._Element) -> None:
        schema = _index_schema()
        if not schema.validate(root.getroottree()):
            self._schema_errors(schema.error_log, path.name)
        if len(root) > GOOGLE_LIMITS.max_urls:
            self.problem(path.name, f"lists {len(root)} sitemaps, at most "
                         f"{GOOGLE_LIMITS.max_urls} are allowed")
        for entry in root.iterchildren(SITEMAP):
            loc = (entry.findtext(LOC) or "").strip()
            name = urlsplit(loc).path.rsplit("/", 1)[-1]
            part = path.with_name(name) if name else None
            if part is None or not part.is_file():
                self.warnings.append(f"{loc} is not beside the index, so it was not checked")
                continue
            data = read_file_bytes(part)
            part_root = parse_untrusted(data, part).getroot()
            if part_root.tag != URLSET:
                self.problem(part.name, "an index may only list sitemaps with a <urlset>")
                continue
            self.urlset(part, part_root, len(data), prefix=f"{part.name} ")

    def urlset(self, path: Path, root: etree._Element, size: int, prefix: str) -> None:
        if size > GOOGLE_LIMITS.max_bytes:
            self.problem(path.name, f"{size:,} bytes uncompressed, Google reads at most "
                         f"{GOOGLE_LIMITS.max_bytes:,}")
        skipped = _strip_unknown_namespaces(root)
        if skipped:
            self.warnings.append("elements of other extensions were not checked (ShopReel has no "
                                 "schema for them): " + ", ".join(sorted(skipped)))
        schema = _urlset_schema()
        if not schema.validate(root.getroottree()):
            self._schema_errors(schema.error_log, path.name)
        urls = list(root.iterchildren(URL))
        self.urls += len(urls)
        if len(urls) > GOOGLE_LIMITS.max_urls:
            self.problem(path.name, f"{len(urls)} URLs, at most {GOOGLE_LIMITS.max_urls} are "
                         "allowed in one file; use a sitemap index")
        for url in urls:
            self._url(url, prefix)

    def _schema_errors(self, log: Any, name: str) -> None:
        for error in log:
            # Schema messages name elements as "{namespace}name"; the prefix form reads better.
            message = str(error.message).replace(f"{{{SITEMAP_NS}}}", "").replace(
                f"{{{VIDEO_NS}}}", "video:")
            self.problem(f"{name} line {error.line}", message)

    def _url(self, url: etree._Element, prefix: str) -> None:
        loc = (url.findtext(LOC) or "").strip()
        where = f"{prefix}line {url.sourceline} <url> {loc or '(no loc)'}"
        if loc and urlsplit(loc).scheme not in ("http", "https"):
            self.problem(where, "<loc> is not an absolute http(s) address")
        keys: set[str] = set()
        for video in url.iterchildren(_v("video")):
            self.videos += 1
            self._video(video, loc, f"{prefix}line {video.sourceline} video", keys)

    def _video(self, video: etree._Element, loc: str, where: str, keys: set[str]) -> None:
        def text(name: str) -> str:
            return (video.findtext(_v(name)) or "").strip()

        content, player = text("content_loc"), text("player_loc")
        title = text("title")
        where = f"{where} {title[:40]!r}" if title else where
        if not content and not player:
            self.problem(where, "needs video:content_loc or video:player_loc")
        for name, url in (("content_loc", content), ("player_loc", player)):
            if url and url == loc:
                self.problem(where, f"video:{name} must not be the page's own address")
        key = content or player
        if key and key in keys:
            self.problem(where, f"the video {key} is listed twice for this page")
        keys.add(key)
        if not title:
            self.problem(where, "video:title is empty")
        if not text("description"):
            self.problem(where, "video:description is empty")
        duration = text("duration")
        if duration.isdigit() and not 1 <= int(duration) <= MAX_DURATION:
            self.problem(where, f"video:duration {duration} must be 1 to {MAX_DURATION} seconds")
        for name in ("publication_date", "expiration_date"):
            value = text(name)
            if "T" in value and not _has_timezone(value):
                self.problem(where, f"video:{name} {value} needs a timezone, like +02:00 or Z")
        for name in DEPRECATED:
            if video.find(_v(name)) is not None:
                self.warnings.append(f"video:{name} is deprecated; Google ignores it")
        for name, url in (("content_loc", content), ("player_loc", player),
                          ("thumbnail_loc", text("thumbnail_loc"))):
            if url and loc and not same_site(url, loc):
                self.warnings.append(f"{where}: video:{name} is on another site than the page")
        uploader = video.find(_v("uploader"))
        info = uploader.get("info") if uploader is not None else None
        if info and loc and not same_site(info, loc):
            self.problem(where, "video:uploader info must be on the same site as the page")


def _v(name: str) -> str:
    return f"{{{VIDEO_NS}}}{name}"


def _has_timezone(value: str) -> bool:
    time_part = value.split("T", 1)[1]
    return time_part.endswith("Z") or "+" in time_part or "-" in time_part


def _strip_unknown_namespaces(root: etree._Element) -> set[str]:
    """Remove elements (and attributes) of namespaces without a schema here; return their URIs."""
    known = {SITEMAP_NS, VIDEO_NS}
    skipped: set[str] = set()
    for element in list(root.iter()):
        if not isinstance(element.tag, str):
            continue  # comments and processing instructions
        namespace = etree.QName(element).namespace
        if namespace not in known:
            skipped.add(namespace or "no namespace")
            parent = element.getparent()
            if parent is not None:
                parent.remove(element)
    return skipped


class _PackagedSchemas(etree.Resolver):  # type: ignore[misc]  # lxml ships no type hints
    """Serves the XSD files shipped in ``shopreel.publish/xsd`` (also from a zip), nothing else."""

    def resolve(self, system_url: str, public_id: str, context: object) -> Any:
        if not system_url.startswith(_SCHEMA_SCHEME):
            return None
        name = system_url.removeprefix(_SCHEMA_SCHEME)
        data = (resources.files("shopreel.publish") / "xsd" / name).read_bytes()
        return self.resolve_string(data, context)


def _schema(*imports: tuple[str, str]) -> etree.XMLSchema:
    lines = "".join(f'<xsd:import namespace="{namespace}" schemaLocation="{_SCHEMA_SCHEME}{name}"/>'
                    for namespace, name in imports)
    wrapper = f'<xsd:schema xmlns:xsd="http://www.w3.org/2001/XMLSchema">{lines}</xsd:schema>'
    parser = etree.XMLParser(no_network=True, resolve_entities=False)
    parser.resolvers.add(_PackagedSchemas())
    try:
        return etree.XMLSchema(etree.fromstring(wrapper.encode(), parser))
    except (etree.XMLSchemaParseError, OSError) as exc:  # a broken installation
        raise PublishError(f"the sitemap schemas shipped with ShopReel cannot be read ({exc})",
                           "reinstall ShopReel") from None


@functools.lru_cache(maxsize=1)
def _urlset_schema() -> etree.XMLSchema:
    """sitemaps.org 0.9 with Google's video 1.1 known, since foreign elements are checked strictly."""
    return _schema((SITEMAP_NS, "sitemap.xsd"), (VIDEO_NS, "sitemap-video.xsd"))


@functools.lru_cache(maxsize=1)
def _index_schema() -> etree.XMLSchema:
    return _schema((SITEMAP_NS, "siteindex.xsd"))
