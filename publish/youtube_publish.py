"""The YouTube step of one-click publishing (``publish.youtube.enabled``).

The started upload is kept in the publish record (``publish.json``, field ``youtube_session``), so
``shopreel publish`` run again after a crash or Ctrl-C continues it. A video already uploaded from
the same file (same sha256) is not uploaded again.
"""

from __future__ import annotations

from collections.abc import Generator
from dataclasses import dataclass, replace
from pathlib import Path

from shopreel.publish.record import (
    PublishRecord,
    now,
    project_hash,
    shopreel_version,
    write_record,
)
from shopreel.publish.youtube_auth import load_sign_in
from shopreel.publish.youtube_client import WATCH_URL, OnYouTube, YouTubeClient
from shopreel.publish.youtube_metadata import (
    check_metadata,
    metadata_from_project,
    thumbnail_problems,
)
from shopreel.publish.youtube_session import UploadSession
from shopreel.publish.youtube_upload import upload_video
from shopreel.video.project import Project
from shopreel.video.runner import CancelToken, Progress


@dataclass(frozen=True)
class YouTubeStep(OnYouTube):
    """The video on YouTube. ``uploaded``: this run uploaded it (False: an earlier run did)."""

    video_id: str
    uploaded: bool
    warnings: tuple[str, ...] = ()


class RecordSessionStore:
    """Keeps the started upload in the publish record: the record as far as it is known (the
    rendered video's digest and size) plus ``youtube_session``, written at once."""

    def __init__(self, path: Path, record: PublishRecord) -> None:
        self.path, self.record = path, record

    def load(self) -> UploadSession | None:
        return UploadSession.from_json(self.record.youtube_session)

    def save(self, session: UploadSession | None) -> None:
        self.record = replace(self.record, youtube_session=session.to_json() if session else None,
                              updated=now())
        write_record(self.record, self.path, None)


def publish_to_youtube(project: Project, project_path: Path, video: Path, thumbnail: Path | None,
                       *, render_key: str, sha256: str, duration: float, record_file: Path,
                       previous: PublishRecord | None, upload: bool = True,
                       cancel: CancelToken | None = None
                       ) -> Generator[Progress, None, YouTubeStep | None]:
    """Upload the rendered video as the project says, or find the earlier upload of the same file.

    Returns None when there is nothing on YouTube and ``upload`` is False. Raises MetadataError,
    SignInError and UploadError (see :func:`upload_video`), Cancelled.
    """
    if previous is not None and previous.youtube_id and previous.sha256 == sha256:
        return YouTubeStep(previous.youtube_id, uploaded=False)
    if not upload:
        return None
    warnings: list[str] = []
    if thumbnail is not None and thumbnail_problems(thumbnail):
        # The thumbnail is made for the web page; YouTube's stricter rules must not stop the upload.
        warnings.append(f"YouTube keeps its own thumbnail: {thumbnail_problems(thumbnail)[0]}")
        thumbnail = None
    meta = metadata_from_project(project, thumbnail=thumbnail)
    check_metadata(meta)
    sign_in = load_sign_in(playlists=bool(meta.playlist_id))
    client = YouTubeClient(sign_in)
    store = RecordSessionStore(record_file, _provisional_record(
        project, project_path, video, render_key, sha256, duration, previous))
    result = yield from upload_video(client, video, meta, store=store, sha256=sha256, cancel=cancel)
    if previous is not None and previous.youtube_id:
        warnings.append(f"the earlier upload of this video ({WATCH_URL.format(id=previous.youtube_id)})"
                        " stays on YouTube: delete it in YouTube Studio if it is no longer wanted")
    return YouTubeStep(result.video_id, uploaded=True, warnings=(*result.warnings, *warnings))


def _provisional_record(project: Project, project_path: Path, video: Path, render_key: str,
                        sha256: str, duration: float, previous: PublishRecord | None
                        ) -> PublishRecord:
    """The record as far as it is known before the upload: enough for a later run to reuse the
    render and continue the upload (the full record is written when publishing completes)."""
    facts = {"project": str(project_path.absolute()), "project_hash": project_hash(project),
             "render_key": render_key, "output": str(video), "sha256": sha256,
             "size_bytes": video.stat().st_size, "duration_seconds": round(duration, 3),
             "updated": now(), "shopreel_version": shopreel_version()}
    if previous is None:
        return PublishRecord(**facts, first_published=now())  # type: ignore[arg-type]
    # The earlier YouTube video belongs to another file; it must not be taken for this one's.
    return replace(previous, **facts, youtube_id=None)  # type: ignore[arg-type]
