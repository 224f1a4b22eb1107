"""Create or update a Google video sitemap: one ``<url>`` per product page, one ``<video:video>``
per video on it.

Publishing the same video again replaces its entry (the key is page URL + video URL: the file's
``content_loc``, else the ``player_loc``), so a sitemap never collects duplicates. Every other entry
and every foreign namespace in the file (image:, xhtml:, news: ...) is kept. Updates take a lock
and are written atomically, so two processes updating one sitemap lose nothing, and a crash leaves
the previous file as it was.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from lxml import etree

from shopreel.publish.lock import locked
from shopreel.publish.sitemap_entry import (
    VIDEO_NS,
    PlatformRule,
    Restriction,
    Uploader,
    VideoEntry,
    checked_entry,
    video_element,
)
from shopreel.publish.sitemap_store import (
    GOOGLE_LIMITS,
    LOC,
    URL,
    Sitemap,
    SitemapLimits,
    load,
    prepare_folder,
    save,
)
from shopreel.publish.sitemap_urls import web_url

__all__ = [
    "GOOGLE_LIMITS",
    "PlatformRule",
    "Restriction",
    "SitemapLimits",
    "Uploader",
    "VideoEntry",
    "upsert_video",
    "upsert_videos",
]

_VIDEO = f"{{{VIDEO_NS}}}video"
_KEYS = (f"{{{VIDEO_NS}}}content_loc", f"{{{VIDEO_NS}}}player_loc")
_PUBLICATION_DATE = f"{{{VIDEO_NS}}}publication_date"


def upsert_video(sitemap_path: Path, entry: VideoEntry, *, limits: SitemapLimits = GOOGLE_LIMITS,
                 sitemap_url: str | None = None, lock_timeout: float = 30.0) -> list[str]:
    """Add ``entry`` to the video sitemap at ``sitemap_path``, or replace its earlier entry.

    The file is created if missing; ``.xml.gz`` names are read and written gzip-compressed. Past
    ``limits`` the file becomes a sitemap index of numbered files beside it; ``sitemap_url`` (the
    file's own web address) tells where those are served. Returns warnings for the user (a title
    shortened, a video on another site ...). Raises PublishError for values that cannot be
    published or a file that is not a sitemap, OutputError when the folder cannot be written; in
    every error case the existing sitemap is unchanged.
    """
    return upsert_videos(sitemap_path, [entry], limits=limits, sitemap_url=sitemap_url,
                         lock_timeout=lock_timeout)


def upsert_videos(sitemap_path: Path, entries: Sequence[VideoEntry], *,
                  limits: SitemapLimits = GOOGLE_LIMITS, sitemap_url: str | None = None,
                  lock_timeout: float = 30.0) -> list[str]:
    """Like :func:`upsert_video` for many entries at once: one lock, one read, one write.

    Every entry is checked before anything is written, so one bad entry changes nothing.
    """
    if not entries:
        return []  # a sitemap without any <url> would not be valid: leave the file alone
    warnings: list[str] = []
    checked: list[VideoEntry] = []
    for entry in entries:
        good, entry_warnings = checked_entry(entry)
        checked.append(good)
        prefix = f"{good.page_url}: " if len(entries) > 1 else ""
        warnings.extend(prefix + warning for warning in entry_warnings)
    if sitemap_url:
        sitemap_url = web_url(sitemap_url, "sitemap URL")
    with locked(sitemap_path, lock_timeout):
        prepare_folder(sitemap_path)
        sitemap = load(sitemap_path)
        merge = _Merge(sitemap)
        for entry in checked:
            warnings.extend(merge.upsert(entry))
        warnings.extend(save(sitemap, limits, sitemap_url))
    return warnings


class _Merge:
    """Finds pages and videos in a loaded sitemap quickly, so big batches stay linear."""

    def __init__(self, sitemap: Sitemap) -> None:
        self.sitemap = sitemap
        self.pages: dict[str, list[etree._Element]] = {}
        for url in sitemap.urls():
            self.pages.setdefault((url.findtext(LOC) or "").strip(), []).append(url)

    def upsert(self, entry: VideoEntry) -> list[str]:
        keys = {key for key in (entry.content_url, entry.player_url) if key}
        pages = self.pages.get(entry.page_url, [])
        matches = [(url, video) for url in pages for video in url.iterchildren(_VIDEO)
                   if keys & _video_keys(video)]
        if matches:
            url, earlier = matches[0]
        else:
            url = pages[0] if pages else self._new_page(entry.page_url)
            earlier = None
        kept_date = None
        if entry.publication_date is None:
            # Republishing keeps the first publication date, as written; a new entry is dated now.
            kept_date = earlier.findtext(_PUBLICATION_DATE) if earlier is not None else None
            entry = dataclasses.replace(entry, publication_date=_now())
        element = video_element(entry)
        if kept_date and kept_date.strip():
            date_element = element.find(_PUBLICATION_DATE)
            if date_element is not None:
                date_element.text = kept_date.strip()
        if earlier is None:
            url.append(element)
            return []
        url.replace(earlier, element)
        for other_url, duplicate in matches[1:]:
            other_url.remove(duplicate)
        if len(matches) > 1:
            return [f"{entry.page_url}: removed {len(matches) - 1} duplicate entries of "
                    f"{entry.video_url}"]
        return []

    def _new_page(self, page_url: str) -> etree._Element:
        url = etree.SubElement(self.sitemap.urlset, URL)
        etree.SubElement(url, LOC).text = page_url
        self.pages[page_url] = [url]
        return url


def _video_keys(video: etree._Element) -> set[str]:
    return {text.strip() for key in _KEYS for text in [video.findtext(key)] if text}


def _now() -> datetime:
    return datetime.now().astimezone().replace(microsecond=0)
