"""The settings of a YouTube upload and YouTube's rules for them, checked before anything is sent.

YouTube rejects a bad title or too many tags only after the upload has started (or, worse, after
the whole file went up), so every limit of ``videos.insert`` is checked here first, each violation
with its own message. Defaults come from the project (``title``, ``publish.description``,
``publish.tags``, ``publish.youtube.*``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from shopreel.publish.youtube_errors import MetadataError
from shopreel.video.project import Project

PRIVACY = ("public", "unlisted", "private")
MAX_TITLE_CHARS = 100
MAX_DESCRIPTION_BYTES = 5000
MAX_TAGS_CHARS = 500
# Reference pages say 2 MB for years and 50 MB lately; 2 MiB is accepted everywhere.
MAX_THUMBNAIL_BYTES = 2 * 1024 * 1024
MIN_THUMBNAIL_WIDTH = 640
_CATEGORY = re.compile(r"[1-9][0-9]?")
_PLAYLIST = re.compile(r"[A-Za-z0-9_-]{2,64}")
_JPEG, _PNG = b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n"


@dataclass(frozen=True)
class VideoMetadata:
    """What YouTube is told about an uploaded video. ``made_for_kids`` None means not declared."""

    title: str
    description: str = ""
    tags: tuple[str, ...] = ()
    privacy: str = "unlisted"
    category_id: str = "22"
    made_for_kids: bool | None = None
    publish_at: str | None = None
    thumbnail: Path | None = None
    playlist_id: str | None = None


def tags_length(tags: Sequence[str]) -> int:
    """Length of a tag list counted YouTube's way: the commas between tags count, and a tag with a
    space counts its two quotation marks (YouTube stores it as ``"two words"``)."""
    return sum(len(tag) + (2 if " " in tag else 0) for tag in tags) + max(0, len(tags) - 1)


def parse_publish_at(text: str) -> datetime:
    """An ISO 8601 time with timezone. Raises ValueError with the reason."""
    try:
        # Python 3.10's fromisoformat does not read the common "Z" suffix.
        moment = datetime.fromisoformat(text.strip().replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        raise ValueError("not an ISO 8601 time like 2025-06-01T09:00:00+02:00") from None
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("has no timezone; add one, like +02:00 or Z")
    return moment


def metadata_problems(meta: VideoMetadata, now: datetime | None = None) -> list[str]:
    """Every way ``meta`` breaks YouTube's rules, one line each (empty when it is fine)."""
    problems: list[str] = []
    title = meta.title.strip()
    if not title:
        problems.append("title: empty (give the video a title)")
    elif len(title) > MAX_TITLE_CHARS:
        problems.append(f"title: {len(title)} characters, YouTube allows at most "
                        f"{MAX_TITLE_CHARS} (shorten it)")
    if "<" in title or ">" in title:
        problems.append("title: contains < or >, which YouTube does not allow (remove them)")
    size = len(meta.description.encode("utf-8"))
    if size > MAX_DESCRIPTION_BYTES:
        problems.append(f"description: {size} bytes in UTF-8, YouTube allows at most "
                        f"{MAX_DESCRIPTION_BYTES} (shorten it; letters like ä or € take 2-3 bytes)")
    if "<" in meta.description or ">" in meta.description:
        problems.append("description: contains < or >, which YouTube does not allow (remove them)")
    problems += _tag_problems([tag.strip() for tag in meta.tags])
    if meta.privacy not in PRIVACY:
        problems.append(f"privacy: {meta.privacy!r} is not one of {', '.join(PRIVACY)}")
    if meta.publish_at is not None:
        problems += _publish_at_problems(meta.publish_at, meta.privacy, now)
    if meta.made_for_kids is None:
        problems.append("made for kids: not declared (YouTube requires every upload to say whether "
                        "it is made for children: --not-for-kids or --for-kids, or "
                        "publish.youtube.made_for_kids)")
    if not _CATEGORY.fullmatch(meta.category_id):
        problems.append(f"category: {meta.category_id!r} is not a YouTube category id (a number "
                        "such as 22 for People & Blogs)")
    if meta.playlist_id is not None and not _PLAYLIST.fullmatch(meta.playlist_id):
        problems.append(f"playlist: {meta.playlist_id!r} is not a playlist ID (the part after "
                        "list= in the playlist's address)")
    if meta.thumbnail is not None:
        problems += thumbnail_problems(meta.thumbnail)
    return problems


def _tag_problems(tags: Sequence[str]) -> list[str]:
    problems: list[str] = []
    if any(not tag.strip() for tag in tags):
        problems.append("tags: an empty tag (remove it)")
    if any("," in tag for tag in tags):
        problems.append("tags: a tag contains a comma, which YouTube reads as two tags (split it)")
    if any("<" in tag or ">" in tag for tag in tags):
        problems.append("tags: contain < or >, which YouTube does not allow (remove them)")
    total = tags_length(tags)
    if total > MAX_TAGS_CHARS:
        problems.append(f"tags: {total} characters counted YouTube's way (commas between tags and "
                        f"quotes around tags with spaces count), at most {MAX_TAGS_CHARS} allowed "
                        "(drop or shorten some)")
    return problems


def _publish_at_problems(text: str, privacy: str, now: datetime | None) -> list[str]:
    problems: list[str] = []
    try:
        moment = parse_publish_at(text)
    except ValueError as exc:
        return [f"publish_at: {text!r} {exc}"]
    if privacy != "private":
        problems.append(f"publish_at: works only with privacy private (YouTube makes the video "
                        f"public at that time), not {privacy}")
    if moment <= (now or datetime.now(timezone.utc)):
        problems.append(f"publish_at: {text} is in the past (give a future time, or none)")
    return problems


def thumbnail_problems(path: Path) -> list[str]:
    """Why YouTube would refuse ``path`` as a custom thumbnail (empty when it is fine)."""
    try:
        size = path.stat().st_size
        with open(path, "rb") as handle:
            head = handle.read(8)
    except OSError as exc:
        return [f"thumbnail {path}: cannot be read ({exc.strerror or exc})"]
    problems: list[str] = []
    if not (head.startswith(_JPEG) or head.startswith(_PNG)):
        problems.append(f"thumbnail {path}: not a JPG or PNG image (save it as JPG)")
    elif _width(path) < MIN_THUMBNAIL_WIDTH:
        problems.append(f"thumbnail {path}: narrower than {MIN_THUMBNAIL_WIDTH} pixels "
                        "(YouTube wants 1280x720)")
    if size > MAX_THUMBNAIL_BYTES:
        problems.append(f"thumbnail {path}: {size / 1024 / 1024:.1f} MB, YouTube takes at most 2 MB "
                        "(save it as JPG with a little more compression)")
    return problems


def _width(path: Path) -> int:
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(path) as image:
            return int(image.width)
    except (OSError, UnidentifiedImageError):
        return 0


def check_metadata(meta: VideoMetadata, now: datetime | None = None) -> None:
    """Raise MetadataError (one line per problem) when ``meta`` breaks one of YouTube's rules."""
    problems = metadata_problems(meta, now)
    if problems:
        raise MetadataError(problems)


def metadata_from_project(project: Project, *, thumbnail: Path | None = None,
                          **overrides: Any) -> VideoMetadata:
    """The upload settings a project asks for; keyword arguments that are not None win."""
    youtube = project.publish.youtube
    meta = VideoMetadata(
        title=project.title, description=project.publish.description,
        tags=tuple(project.publish.tags), privacy=youtube.privacy, category_id=youtube.category_id,
        made_for_kids=youtube.made_for_kids, publish_at=youtube.publish_at, thumbnail=thumbnail,
        playlist_id=youtube.playlist_id)
    return replace(meta, **{key: value for key, value in overrides.items() if value is not None})


def video_resource(meta: VideoMetadata) -> dict[str, Any]:
    """The ``videos.insert`` body (parts snippet and status) for checked metadata."""
    snippet: dict[str, Any] = {"title": meta.title.strip(), "description": meta.description,
                               "categoryId": meta.category_id}
    if meta.tags:
        snippet["tags"] = [tag.strip() for tag in meta.tags]
    status: dict[str, Any] = {"privacyStatus": meta.privacy,
                              "selfDeclaredMadeForKids": bool(meta.made_for_kids)}
    if meta.publish_at:
        moment = parse_publish_at(meta.publish_at).astimezone(timezone.utc)
        status["publishAt"] = moment.strftime("%Y-%m-%dT%H:%M:%SZ")
    return {"snippet": snippet, "status": status}
