"""The publish record (``publish.json`` beside the output): what was published, from what, when.

It also makes publishing again cheap: the render key covers everything the video is made from
(project, ShopReel version, every input file's size and modification time), so an unchanged
project reuses the rendered file instead of encoding it again.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass, field, fields
from datetime import datetime, timezone
from importlib import metadata
from pathlib import Path
from typing import Any

from shopreel.video.atomic import write_if_changed
from shopreel.video.project import Project

RECORD_NAME = "publish.json"
RECORD_FORMAT = 1


def shopreel_version() -> str:
    try:
        return metadata.version("shopreel")
    except metadata.PackageNotFoundError:  # running from a source tree without installing
        return "0+unknown"


def project_hash(project: Project) -> str:
    """sha256 of the project's content (not of its file's formatting)."""
    canonical = json.dumps(project.model_dump(mode="json", by_alias=True), sort_keys=True,
                           ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def render_key(project: Project, inputs: Iterable[Path], preset: str) -> str:
    """Changes whenever the rendered video could change."""
    digest = hashlib.sha256()
    digest.update(f"{project_hash(project)}|{shopreel_version()}|{preset}".encode())
    for path in sorted({p.resolve() for p in inputs}):
        try:
            stat = path.stat()
            digest.update(f"|{path}|{stat.st_size}|{stat.st_mtime_ns}".encode())
        except OSError:
            digest.update(f"|{path}|missing".encode())
    return digest.hexdigest()


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def now() -> str:
    return datetime.now(timezone.utc).astimezone().isoformat(timespec="seconds")


@dataclass
class PublishRecord:
    project: str
    project_hash: str
    render_key: str
    output: str
    sha256: str
    size_bytes: int
    duration_seconds: float
    first_published: str
    updated: str
    shopreel_version: str
    loudness: dict[str, Any] | None = None
    thumbnail: str | None = None
    thumbnail_at: float | None = None
    urls: dict[str, str | None] = field(default_factory=dict)
    sitemap: str | None = None
    files: dict[str, str] = field(default_factory=dict)  # role -> path (jsonld, embed, preview)
    youtube_id: str | None = None
    # A started, unfinished YouTube upload (session URI, size, sha256): a later run continues it.
    youtube_session: dict[str, Any] | None = None
    format: int = RECORD_FORMAT

    def to_json(self) -> dict[str, Any]:
        return {key: value for key, value in self.__dict__.items()}


def record_path(output: Path) -> Path:
    return output.with_name(RECORD_NAME)


def read_record(path: Path) -> PublishRecord | None:
    """The record at ``path``, or None when there is none or it is unreadable (then we start over)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("format") != RECORD_FORMAT:
            return None
        # Optional fields are added within format 1: keys this version does not know are skipped,
        # missing ones take their defaults.
        known = {item.name for item in fields(PublishRecord)}
        return PublishRecord(**{key: value for key, value in data.items() if key in known})
    except (OSError, ValueError, TypeError, AttributeError):  # AttributeError: not an object
        return None


def write_record(record: PublishRecord, path: Path, previous: PublishRecord | None) -> bool:
    """Write the record; when nothing but the time changed, keep the file as it was."""
    if previous is not None:
        unchanged = {**previous.to_json(), "updated": record.updated} == record.to_json()
        if unchanged:
            return False
    text = json.dumps(record.to_json(), indent=2, ensure_ascii=False) + "\n"
    return write_if_changed(path, text.encode("utf-8"))

