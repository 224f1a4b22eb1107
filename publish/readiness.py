"""The readiness check: the seed checklist of a good product video, as pass / warn / fail.

Each check says what it found and, when it is not a pass, what to do. ``fail`` is kept for what
breaks playback, search-engine rules or the platform limits; everything that makes a video less
effective but still publishable is a ``warn``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Literal
from urllib.parse import urlsplit

from PIL import Image, ImageStat

from shopreel.publish.sitemap_urls import same_site
from shopreel.video.frame_score import score_frame
from shopreel.video.loudness import Loudness
from shopreel.video.plan import RenderPlan
from shopreel.video.project import Project
from shopreel.video.web_facts import WebFacts

Status = Literal["pass", "warn", "fail"]

CONTENT_START_LIMIT = 5.0  # seconds: 10 % of viewers leave within the first ten
LENGTH_WARNING = 180.0  # seconds: few viewers reach the end of longer videos
LOUDNESS_TOLERANCE_LU = 1.0
THUMBNAIL_MAX_BYTES = 2 * 1024 * 1024  # YouTube's custom thumbnail limit
THUMBNAIL_MIN = (160, 90)  # Google's minimum
THUMBNAIL_MAX = (1920, 1080)  # Google's maximum
DARK_MEAN = 40.0  # mean luma below which a thumbnail reads as "too dark" at small sizes
BLURRY_SHARPNESS = 0.25  # frame_score's sharpness (0..1) below which it looks soft
TITLE_LIMIT, DESCRIPTION_LIMIT, TAG_LIMIT = 100, 2048, 32
WEB_PROFILES = {"Baseline", "Main", "High"}


@dataclass(frozen=True)
class Check:
    key: str
    status: Status
    what: str  # the checklist item
    found: str  # what this video has
    fix: str = ""  # what to do when it is not a pass

    def to_json(self) -> dict[str, str]:
        return asdict(self)


@dataclass(frozen=True)
class Readiness:
    subject: str
    checks: tuple[Check, ...]

    @property
    def failures(self) -> tuple[Check, ...]:
        return tuple(check for check in self.checks if check.status == "fail")

    @property
    def warnings(self) -> tuple[Check, ...]:
        return tuple(check for check in self.checks if check.status == "warn")

    def to_json(self) -> dict[str, object]:
        return {"subject": self.subject, "failures": len(self.failures),
                "warnings": len(self.warnings), "checks": [c.to_json() for c in self.checks]}


def _check(key: str, ok: bool, what: str, found: str, fix: str,
           *, otherwise: Status = "fail") -> Check:
    return Check(key, "pass" if ok else otherwise, what, found, "" if ok else fix)


# --- the video file ---------------------------------------------------------------------------


def video_checks(facts: WebFacts, loudness: Loudness | None, target_lufs: float,
                 true_peak_db: float) -> list[Check]:
    """Web playback facts, length and loudness of a rendered file."""
    info = facts.info
    checks = []
    codec = info.video_codec or "none"
    profile = facts.h264_profile or "unknown profile"
    checks.append(_check(
        "video-codec", codec == "h264" and facts.h264_profile in WEB_PROFILES,
        "H.264 (Main or High profile) that every browser plays", f"{codec}, {profile}",
        "render it with ShopReel (any preset writes H.264 High)"))
    checks.append(_check(
        "pixel-format", info.pix_fmt == "yuv420p", "4:2:0 colour (yuv420p)",
        info.pix_fmt or "unknown", "render it with ShopReel; other formats fail in many browsers"))
    even = bool(info.width and info.height and info.width % 2 == 0 and info.height % 2 == 0)
    checks.append(_check("even-size", even, "an even frame size", f"{info.width}x{info.height}",
                         "render it with ShopReel, or choose an even output.size"))
    checks.append(_check(
        "audio-codec", info.audio_codec == "aac", "AAC sound", info.audio_codec or "no sound track",
        "render it with ShopReel (every preset writes AAC, also for silent videos)"))
    checks.append(_check(
        "faststart", facts.faststart, "index before the media data, so playback starts at once",
        " ".join(facts.top_level_boxes) or "not an MP4",
        "render it with ShopReel (it always writes the index first)"))
    frame = 1 / (info.fps or 30)
    if facts.video_seconds is not None and facts.audio_seconds is not None:
        gap = abs(facts.video_seconds - facts.audio_seconds)
        checks.append(_check(
            "stream-lengths", gap <= frame, "picture and sound of the same length (within a frame)",
            f"picture {facts.video_seconds:.3f} s, sound {facts.audio_seconds:.3f} s",
            "render it again with ShopReel"))
    duration = info.duration or 0.0
    checks.append(_check(
        "length", duration <= LENGTH_WARNING, "short: at most 3 minutes", f"{duration:.1f} s",
        "few viewers watch to the end: cut it down to what sells the product", otherwise="warn"))
    if loudness is None or loudness.silent:
        checks.append(Check("loudness", "warn", "sound at the usual loudness", "no sound",
                            "add clips with sound or background music (audio.music)"))
    else:
        off = loudness.integrated_lufs - target_lufs
        checks.append(_check(
            "loudness", abs(off) <= LOUDNESS_TOLERANCE_LU,
            f"loudness {target_lufs:g} LUFS (within {LOUDNESS_TOLERANCE_LU:g} LU)",
            f"{loudness.integrated_lufs:.1f} LUFS",
            "render it with ShopReel with audio.normalize on", otherwise="warn"))
        checks.append(_check(
            "true-peak", loudness.true_peak_dbtp <= true_peak_db + 0.05,
            f"true peak at most {true_peak_db:g} dBTP", f"{loudness.true_peak_dbtp:.1f} dBTP",
            "render it with ShopReel with audio.normalize on", otherwise="warn"))
    return checks


def thumbnail_checks(thumbnail: Path | None) -> list[Check]:
    what = "a thumbnail that shows the product at once"
    if thumbnail is None or not thumbnail.is_file():
        return [Check("thumbnail", "fail", what, "none",
                      "make one: shopreel thumbnail VIDEO (shopreel render and publish do it)")]
    size = thumbnail.stat().st_size
    try:
        with Image.open(thumbnail) as image:
            image.load()
            width, height = image.size
            rgb = image.convert("RGB")
            mean_luma = ImageStat.Stat(rgb.convert("L")).mean[0]
            # Scored at the size frame_score is tuned for (thumbnail candidates, 320 px wide).
            score = score_frame(rgb.resize((320, max(1, round(320 * height / width)))))
    except (OSError, ValueError) as exc:
        return [Check("thumbnail", "fail", what, f"{thumbnail.name}: not a readable image ({exc})",
                      "make it again: shopreel thumbnail VIDEO")]
    fits = (THUMBNAIL_MIN[0] <= width <= THUMBNAIL_MAX[0] and THUMBNAIL_MIN[1] <= height
            <= THUMBNAIL_MAX[1]) or (THUMBNAIL_MIN[1] <= width and THUMBNAIL_MIN[0] <= height
                                     and max(width, height) <= THUMBNAIL_MAX[0])
    checks = [
        _check("thumbnail", size <= THUMBNAIL_MAX_BYTES and fits, what,
               f"{thumbnail.name}, {width}x{height}, {size / 1024:.0f} KiB",
               "make it again with shopreel thumbnail (160x90 to 1920x1080, at most 2 MB)"),
        _check("thumbnail-exposure", mean_luma >= DARK_MEAN,
               "a thumbnail bright enough to read at small sizes",
               f"mean brightness {mean_luma:.0f} of 255",
               "choose a brighter moment: shopreel thumbnail --at TIME (or --candidates 6)",
               otherwise="warn"),
        _check("thumbnail-sharpness", score.sharpness >= BLURRY_SHARPNESS,
               "a sharp thumbnail", f"sharpness {score.sharpness:.2f} (0..1)",
               "choose a sharper moment: shopreel thumbnail --candidates 6", otherwise="warn"),
    ]
    return checks


# --- the project ----------------------------------------------------------------------------


def project_checks(project: Project, plan: RenderPlan) -> list[Check]:
    """Checklist items that come from the edit and the publishing metadata."""
    checks = []
    timeline = plan.timeline
    start = float(timeline.seconds(timeline.content_start))
    checks.append(_check(
        "content-start", start <= CONTENT_START_LIMIT, "the product within the first 5 seconds",
        f"content starts at {start:.1f} s", "shorten the intro (intro.duration)", otherwise="warn"))
    branding = plan.branding
    shown = [name for name, spec in (("logo", branding.logo), ("web address", branding.url)) if spec]
    checks.append(_check(
        "brand-visible", bool(shown), "the logo or web address on screen (whose video, where to buy)",
        " and ".join(shown) or "neither", "add overlays.logo or overlays.url", otherwise="warn"))
    calls = [caption.text for caption in branding.captions]
    if branding.has_outro and branding.outro_text:
        calls.append(branding.outro_text)
    checks.append(_check(
        "call-to-action", bool(calls), "at least one call to action",
        "; ".join(f"\u201c{text}\u201d" for text in calls[:3]) or "none",
        'add a caption such as "Heute ohne Versandkosten", or an end card (outro.text)',
        otherwise="warn"))
    checks += metadata_checks(project)
    return checks


_WORD = re.compile(r"[^\W\d_]{4,}", re.UNICODE)


def metadata_checks(project: Project) -> list[Check]:
    publish = project.publish
    checks = [
        _check("title", 0 < len(project.title) <= TITLE_LIMIT,
               f"a title of at most {TITLE_LIMIT} characters", f"{len(project.title)} characters",
               "shorten the title", otherwise="warn"),
        _check("description", 0 < len(publish.description) <= DESCRIPTION_LIMIT,
               f"a description of at most {DESCRIPTION_LIMIT} characters",
               f"{len(publish.description)} characters",
               "write one to three sentences about the product (publish.description)",
               otherwise="warn"),
        _check("tags", len(publish.tags) <= TAG_LIMIT, f"at most {TAG_LIMIT} tags",
               f"{len(publish.tags)} tags", "keep the most relevant tags", otherwise="warn"),
    ]
    words = {word.lower() for word in _WORD.findall(project.title)}
    text = " ".join([publish.description, *publish.tags]).lower()
    missing = sorted(word for word in words if word not in text)
    checks.append(_check(
        "keywords", not missing, "the title's key words in the description or tags",
        f"missing: {', '.join(missing)}" if missing else "all present",
        "use the product's name in the description and tags", otherwise="warn"))
    checks += url_checks(project)
    return checks


def url_checks(project: Project) -> list[Check]:
    publish = project.publish
    page = publish.page_url
    if not page:
        return [Check("page-url", "warn", "the video linked to a product page on your own site",
                      "no publish.page_url", "set publish.page_url; without it no sitemap entry "
                      "is written and search engines send clicks elsewhere")]
    parts = urlsplit(page)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return [Check("page-url", "fail", "an absolute http(s) product page address", page,
                      "write the full address, e.g. https://www.example.de/produkte/kiste")]
    checks = [Check("page-url", "pass", "the video linked to a product page on your own site", page)]
    for key, url in (("video-url", publish.video_url), ("thumbnail-url", publish.thumbnail_url)):
        if not url:
            continue
        checks.append(_check(
            key, same_site(url, page) and url != page, f"{key.replace('-', ' ')} on the shop's own domain",
            url, "host the file on your own domain (Google credits the site the file is on)"
            if url != page else "the file's address must differ from the page's",
            otherwise="warn" if url != page else "fail"))
    return checks


def sitemap_check(problems: Sequence[str] | None, sitemap: Path | None) -> Check:
    what = "a valid video sitemap entry"
    if sitemap is None:
        return Check("sitemap", "warn", what, "no sitemap",
                     "set publish.sitemap (a file such as site/video-sitemap.xml)")
    if problems:
        return Check("sitemap", "fail", what, f"{sitemap.name}: {problems[0]}",
                     "fix or remove the sitemap file, then publish again")
    return Check("sitemap", "pass", what, f"{sitemap.name}: valid")


def readiness(subject: str, checks: Sequence[Check]) -> Readiness:
    return Readiness(subject=subject, checks=tuple(checks))

