"""One video of a video sitemap: the typed entry, its checks and its ``<video:video>`` element.

The checks are the ones Google's schema does not make (duration of at least one second, a video or
player address that differs from the page) plus the limits it does make, applied gently: a title or
description that is too long is shortened at a word boundary and the caller gets a warning, never a
silent cut.
"""

from __future__ import annotations

import dataclasses
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from lxml import etree

from shopreel.publish.sitemap_urls import same_site, web_url
from shopreel.publish.xml_safe import xml_text
from shopreel.video.errors import PublishError

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
VIDEO_NS = "http://www.google.com/schemas/sitemap-video/1.1"

MAX_TITLE, MAX_DESCRIPTION, MAX_UPLOADER = 100, 2048, 255
MAX_TAGS = 32
MAX_DURATION = 28_800  # eight hours; Google does not index longer videos
PLATFORMS = ("web", "mobile", "tv")
ELLIPSIS = "\N{HORIZONTAL ELLIPSIS}"

_COUNTRY = re.compile(r"[A-Z]{2}")

Relationship = Literal["allow", "deny"]


@dataclass(frozen=True)
class Restriction:
    """Countries where the video may (``allow``) or may not (``deny``) be shown: ISO 3166 codes."""

    relationship: Relationship
    countries: tuple[str, ...]


@dataclass(frozen=True)
class PlatformRule:
    """Platforms (``web``, ``mobile``, ``tv``) where the video may or may not be played."""

    relationship: Relationship
    platforms: tuple[str, ...]


@dataclass(frozen=True)
class Uploader:
    """Who published the video; ``info_url`` must be on the page's own site."""

    name: str
    info_url: str | None = None


@dataclass(frozen=True)
class VideoEntry:
    """What the sitemap says about one video on one product page.

    ``content_url`` is the video file itself (preferred: the click then goes to the shop),
    ``player_url`` a player page; at least one is needed. ``publication_date`` must carry a
    timezone; left out, the date already in the sitemap is kept, or the time of writing is used.
    """

    page_url: str
    thumbnail_url: str
    title: str
    duration_seconds: float
    content_url: str | None = None
    player_url: str | None = None
    description: str = ""
    publication_date: datetime | None = None
    expiration_date: datetime | None = None
    family_friendly: bool = True
    tags: tuple[str, ...] = ()
    restriction: Restriction | None = None
    platform: PlatformRule | None = None
    uploader: Uploader | None = None

    @property
    def video_url(self) -> str:
        """The address that identifies the video for Google: the file, else the player."""
        return self.content_url or self.player_url or ""


def checked_entry(entry: VideoEntry) -> tuple[VideoEntry, list[str]]:
    """``entry`` with its values checked and put into the form the sitemap needs, plus warnings.

    Raises PublishError for values that cannot be published (not a web address, no video address,
    video address equal to the page, bad duration, a date without timezone).
    """
    warnings: list[str] = []
    page = web_url(entry.page_url, "page URL")
    content = web_url(entry.content_url, "video URL") if entry.content_url else None
    player = web_url(entry.player_url, "player URL") if entry.player_url else None
    thumbnail = web_url(entry.thumbnail_url, "thumbnail URL")
    if not content and not player:
        raise PublishError(f"{page}: the video needs a video file URL or a player URL",
                           "give the address of the MP4 file (or of a player page)")
    for label, url in (("video URL", content), ("player URL", player)):
        if url == page:
            raise PublishError(f"{label} {url}: is the product page itself",
                               "give the address of the video file (.mp4), not of the page")
    for label, url in (("video URL", content), ("player URL", player), ("thumbnail URL", thumbnail)):
        # A player elsewhere (YouTube) is fine while the file itself is on the shop's site: the
        # content_loc is what search results send viewers to.
        if label == "player URL" and content and same_site(content, page):
            continue
        if url and not same_site(url, page):
            warnings.append(_other_site_warning(label, url, page))

    title = _clean_text(entry.title, "title", warnings).strip()
    if not title:
        raise PublishError(f"{page}: the video has no title", "give it a title")
    title = _shortened(title, MAX_TITLE, "title", warnings)
    description = _clean_text(entry.description, "description", warnings).strip()
    if not description:
        warnings.append("no description given: the title is used as the description; "
                        "a sentence about the product helps search engines")
        description = title
    description = _shortened(description, MAX_DESCRIPTION, "description", warnings)

    checked = dataclasses.replace(
        entry, page_url=page, content_url=content, player_url=player, thumbnail_url=thumbnail,
        title=title, description=description,
        duration_seconds=whole_seconds(entry.duration_seconds),
        publication_date=_aware(entry.publication_date, "publication date"),
        expiration_date=_aware(entry.expiration_date, "expiration date"),
        tags=_tags(entry.tags, warnings),
        restriction=_restriction(entry.restriction),
        platform=_platform(entry.platform),
        uploader=_uploader(entry.uploader, page, warnings),
    )
    return checked, warnings


def whole_seconds(duration: float) -> int:
    """The duration as Google wants it: whole seconds, 1 to 28,800. Raises PublishError."""
    if not math.isfinite(duration) or duration <= 0:
        raise PublishError(f"duration {duration!r}: must be a positive number of seconds",
                           "give the video's length in seconds")
    if duration > MAX_DURATION:
        raise PublishError(f"duration {duration:g} s: Google does not index videos longer than "
                           f"{MAX_DURATION} s (8 hours)", "publish a shorter video")
    # Round half up; a video shorter than half a second still counts as one (0 is not allowed).
    return max(1, math.floor(duration + 0.5))


def w3c_datetime(moment: datetime) -> str:
    """``2024-05-01T12:30:00+02:00``: W3C datetime with timezone, to the second."""
    return moment.isoformat(timespec="seconds")


def video_element(entry: VideoEntry) -> etree._Element:
    """The ``<video:video>`` element of a checked entry, children in the schema's order.

    The deprecated ``category``, ``gallery_loc``, ``price`` and ``tvshow`` are never written.
    """
    video = etree.Element(_v("video"), nsmap={"video": VIDEO_NS})

    def child(name: str, text: str, **attributes: str) -> None:
        etree.SubElement(video, _v(name), attributes).text = text

    child("thumbnail_loc", entry.thumbnail_url)
    child("title", entry.title)
    child("description", entry.description)
    if entry.content_url:
        child("content_loc", entry.content_url)
    if entry.player_url:
        child("player_loc", entry.player_url)
    child("duration", str(int(entry.duration_seconds)))
    if entry.expiration_date:
        child("expiration_date", w3c_datetime(entry.expiration_date))
    if entry.publication_date:
        child("publication_date", w3c_datetime(entry.publication_date))
    for tag in entry.tags:
        child("tag", tag)
    child("family_friendly", "yes" if entry.family_friendly else "no")
    if entry.restriction:
        child("restriction", " ".join(entry.restriction.countries),
              relationship=entry.restriction.relationship)
    if entry.uploader:
        info = {"info": entry.uploader.info_url} if entry.uploader.info_url else {}
        child("uploader", entry.uploader.name, **info)
    if entry.platform:
        child("platform", " ".join(entry.platform.platforms),
              relationship=entry.platform.relationship)
    return video


def _v(name: str) -> str:
    return f"{{{VIDEO_NS}}}{name}"


def _other_site_warning(label: str, url: str, page: str) -> str:
    if label != "thumbnail URL" and any(name in url for name in ("youtube.com", "youtu.be")):
        return (f"{label} {url} is on YouTube: search results will send viewers to YouTube, not "
                f"to {page}; a video file on your own site keeps them in the shop")
    return f"{label} {url} is on another site than the page {page}; Google prefers your own site"


def _clean_text(value: str, label: str, warnings: list[str]) -> str:
    cleaned, removed = xml_text(value)
    if removed:
        warnings.append(f"{label}: removed control characters that XML cannot hold")
    return cleaned


def shorten_at_word(text: str, limit: int) -> str:
    """``text`` cut to at most ``limit`` characters at a word boundary, ending with an ellipsis."""
    if len(text) <= limit:
        return text
    room = text[: limit - len(ELLIPSIS)]
    boundary = max(room.rfind(char) for char in (" ", "\n", "\t"))
    # A single huge word (a pasted link) has no boundary worth keeping: cut it mid-word then.
    if boundary > limit // 2:
        room = room[:boundary]
    return room.rstrip(" \t\n,;:-\N{EN DASH}\N{EM DASH}") + ELLIPSIS


def _shortened(text: str, limit: int, label: str, warnings: list[str]) -> str:
    short = shorten_at_word(text, limit)
    if short != text:
        warnings.append(f"{label} shortened from {len(text)} to {len(short)} characters "
                        f"(Google allows {limit}): {short[:60]!r}...")
    return short


def _aware(moment: datetime | None, label: str) -> datetime | None:
    if moment is None:
        return None
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise PublishError(f"{label} {moment.isoformat()}: has no timezone",
                           "add one, like 2024-05-01T12:00:00+02:00")
    return moment.replace(microsecond=0)


def _tags(tags: Sequence[str], warnings: list[str]) -> tuple[str, ...]:
    kept: list[str] = []
    seen: set[str] = set()
    for tag in tags:
        text = _clean_text(tag, "tag", warnings).strip()
        if text and text.casefold() not in seen:
            seen.add(text.casefold())
            kept.append(text)
    if len(kept) > MAX_TAGS:
        warnings.append(f"{len(kept)} tags given, Google reads at most {MAX_TAGS}: kept the first "
                        f"{MAX_TAGS}, dropped {', '.join(kept[MAX_TAGS:])}")
        kept = kept[:MAX_TAGS]
    return tuple(kept)


def _restriction(rule: Restriction | None) -> Restriction | None:
    if rule is None:
        return None
    _relationship(rule.relationship, "restriction")
    countries = tuple(code.strip().upper() for code in rule.countries if code.strip())
    bad = [code for code in countries if not _COUNTRY.fullmatch(code)]
    if bad or not countries:
        raise PublishError(f"restriction: {', '.join(bad) or 'no countries'} "
                           f"{'is not a country code' if bad else 'given'}",
                           "give two-letter ISO 3166 codes, like DE AT CH")
    return Restriction(rule.relationship, countries)


def _platform(rule: PlatformRule | None) -> PlatformRule | None:
    if rule is None:
        return None
    _relationship(rule.relationship, "platform")
    platforms = tuple(dict.fromkeys(name.strip().lower() for name in rule.platforms if name.strip()))
    bad = [name for name in platforms if name not in PLATFORMS]
    if bad or not platforms:
        raise PublishError(f"platform: {', '.join(bad) or 'no platform'} "
                           f"{'is not a platform' if bad else 'given'}",
                           f"choose from {', '.join(PLATFORMS)}")
    return PlatformRule(rule.relationship, platforms)


def _relationship(value: str, label: str) -> None:
    if value not in ("allow", "deny"):
        raise PublishError(f"{label}: relationship {value!r} must be allow or deny",
                           "say whether the list allows or denies")


def _uploader(uploader: Uploader | None, page: str, warnings: list[str]) -> Uploader | None:
    if uploader is None:
        return None
    name = _clean_text(uploader.name, "uploader", warnings).strip()
    if not name:
        raise PublishError("uploader: the name is empty", "give the shop's name or leave it out")
    name = _shortened(name, MAX_UPLOADER, "uploader", warnings)
    info = web_url(uploader.info_url, "uploader info URL") if uploader.info_url else None
    if info and not same_site(info, page):
        raise PublishError(f"uploader info URL {info}: must be on the same site as the page {page}",
                           "link to a page of your own shop, like its About page")
    return Uploader(name, info)
