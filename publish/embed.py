"""The schema.org ``VideoObject`` (JSON-LD) and the HTML snippet that embeds the video in a product
page: a standard ``<video>`` player, no pop-up, with the structured data beside it.

Every value is escaped for where it lands: HTML text, an HTML attribute, or JSON inside
``<script>``, where ``<``, ``>`` and ``&`` are written as ``\\u003c`` etc. so a title containing
``</script>`` or ``<!--`` cannot end the script block early.
"""

from __future__ import annotations

import html
import json
import math
from dataclasses import dataclass
from datetime import datetime

from shopreel.publish.sitemap_urls import web_url
from shopreel.video.errors import PublishError

# Characters that would let JSON text end or confuse the HTML <script> element around it, and the
# two line separators old JavaScript engines choke on.
_SCRIPT_SAFE = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026",
                              "\u2028": "\\u2028", "\u2029": "\\u2029"})


@dataclass(frozen=True)
class VideoObject:
    """What the product page says about its video.

    ``content_url`` is the MP4 file (needed for the embed snippet), ``embed_url`` an optional
    player page; ``upload_date`` must carry a timezone.
    """

    name: str
    description: str
    thumbnail_url: str
    upload_date: datetime
    duration_seconds: float
    content_url: str | None = None
    embed_url: str | None = None


def iso8601_duration(seconds: float) -> str:
    """Whole seconds as an ISO 8601 duration: 65 -> ``PT1M5S``, 3600 -> ``PT1H``, 0 -> ``PT0S``."""
    if not math.isfinite(seconds) or seconds < 0:
        raise PublishError(f"duration {seconds!r}: must be zero or more seconds",
                           "give the video's length in seconds")
    total = math.floor(seconds + 0.5)
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    text = "".join(f"{value}{unit}" for value, unit in ((hours, "H"), (minutes, "M"), (secs, "S"))
                   if value)
    return f"PT{text or '0S'}"


def videoobject_jsonld(video: VideoObject) -> dict[str, object]:
    """The schema.org ``VideoObject`` as a JSON-ready dict (Google's required and recommended
    fields). Raises PublishError for a missing name, a bad URL or a date without timezone."""
    name = video.name.strip()
    if not name:
        raise PublishError("the video has no title", "give it a title")
    if video.upload_date.tzinfo is None or video.upload_date.utcoffset() is None:
        raise PublishError(f"upload date {video.upload_date.isoformat()}: has no timezone",
                           "add one, like 2024-05-01T12:00:00+02:00")
    data: dict[str, object] = {
        "@context": "https://schema.org",
        "@type": "VideoObject",
        "name": name,
    }
    if video.description.strip():
        data["description"] = video.description.strip()
    data["thumbnailUrl"] = [web_url(video.thumbnail_url, "thumbnail URL")]
    data["uploadDate"] = video.upload_date.replace(microsecond=0).isoformat()
    data["duration"] = iso8601_duration(video.duration_seconds)
    if video.content_url:
        data["contentUrl"] = web_url(video.content_url, "video URL")
    if video.embed_url:
        data["embedUrl"] = web_url(video.embed_url, "embed URL")
    return data


def script_json(data: object) -> str:
    """``data`` as JSON that is safe to place between ``<script>`` and ``</script>``."""
    return json.dumps(data, ensure_ascii=False, indent=2).translate(_SCRIPT_SAFE)


def jsonld_script(video: VideoObject) -> str:
    """The ``<script type="application/ld+json">`` block for the product page."""
    return f'<script type="application/ld+json">\n{script_json(videoobject_jsonld(video))}\n</script>'


def embed_snippet(video: VideoObject, *, width: int | None = None, height: int | None = None,
                  video_src: str | None = None, poster_src: str | None = None,
                  fallback_text: str = "Download the video") -> str:
    """HTML to paste into the product page: the ``<video>`` player and its JSON-LD.

    ``width``/``height`` (the video's pixel size) let the browser reserve the space before the
    video loads. ``video_src``/``poster_src`` override where the player loads from (a local
    preview before upload); the JSON-LD always names the public URLs. Raises PublishError.
    """
    if not video.content_url:
        raise PublishError("the embed snippet needs the address of the video file",
                           "give the MP4 file's URL")
    script = jsonld_script(video)  # checks every value first
    source = video_src or web_url(video.content_url, "video URL")
    poster = poster_src or web_url(video.thumbnail_url, "thumbnail URL")
    size = "".join(f' {name}="{value}"' for name, value in (("width", width), ("height", height))
                   if value)
    return (
        f'<video controls preload="metadata" playsinline poster="{_attr(poster)}"{size} '
        f'aria-label="{_attr(video.name.strip())}" style="max-width:100%;height:auto">\n'
        f'  <source src="{_attr(source)}" type="video/mp4">\n'
        f'  <a href="{_attr(source)}">{_text(fallback_text)}</a>\n'
        f"</video>\n"
        f"{script}\n"
    )


def _attr(value: str) -> str:
    return html.escape(value, quote=True)


def _text(value: str) -> str:
    return html.escape(value, quote=False)
