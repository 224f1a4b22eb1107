"""Upload a video to YouTube in a way real networks cannot spoil.

``upload_video`` checks the settings before any network call, then uploads in chunks over YouTube's
resumable protocol (:mod:`youtube_session`). A failed exchange (5xx, 429, a dropped or stalled
connection) is retried with exponential backoff and jitter, bounded in count and in time without
progress; before sending more it asks the server how much it holds and continues from there. The
session is saved (``store``) before the first byte goes out, so a later run - after a crash, a
closed laptop or Ctrl-C - continues it; a session YouTube has discarded (404) is started afresh,
once. Then the custom thumbnail is set and the video added to a playlist; problems there are
warnings, since the video is already up.

The function is a generator of :class:`UploadProgress` events (bytes, rate, ETA) that returns an
:class:`UploadResult`; a :class:`CancelToken` stops it, mid-chunk included.
"""

from __future__ import annotations

import collections
import hashlib
import json
import logging
import random
import threading
import time
from collections.abc import Callable, Generator
from dataclasses import dataclass
from datetime import datetime, timezone
from functools import partial
from pathlib import Path
from typing import IO, Any

from shopreel.publish.youtube_auth import config_dir, remember_channel
from shopreel.publish.youtube_client import (
    OnYouTube,
    YouTubeClient,
    refresh_failure,
    transport_errors,
)
from shopreel.publish.youtube_errors import SignInError, UploadError, error_reason, translate
from shopreel.publish.youtube_metadata import VideoMetadata, check_metadata, video_resource
from shopreel.publish.youtube_session import (
    CHUNK_UNIT,
    DEFAULT_CHUNK_SIZE,
    Aborted,
    Answer,
    ChunkBody,
    FileSessionStore,
    ResumableProtocol,
    SessionStore,
    UploadSession,
)
from shopreel.video.errors import Cancelled
from shopreel.video.runner import CancelToken, Progress

_log = logging.getLogger("shopreel.youtube")

RETRY_STATUSES = frozenset({408, 429, 500, 502, 503, 504})
# Reasons of a 403 that mean "slow down", not "no".
RETRY_REASONS = frozenset({"rateLimitExceeded", "userRateLimitExceeded", "backendError"})
_RATE_WINDOW = 10.0  # seconds of history behind the shown rate
_MIME = {".mp4": "video/mp4", ".m4v": "video/mp4", ".mov": "video/quicktime",
         ".webm": "video/webm", ".mkv": "video/x-matroska", ".avi": "video/x-msvideo"}


@dataclass(frozen=True)
class RetryPolicy:
    """How long a failing upload keeps trying: at most ``max_retries`` failed exchanges in a row and
    ``max_seconds`` without the server storing more bytes. Waits grow from ``first_delay`` to
    ``max_delay`` (doubling), each with random jitter so many clients do not retry in step."""

    max_retries: int = 10
    max_seconds: float = 900.0
    first_delay: float = 1.0
    max_delay: float = 64.0

    def delay(self, attempt: int, rand: Callable[[], float] = random.random) -> float:
        ceiling = min(self.max_delay, self.first_delay * 2 ** max(0, attempt - 1))
        return float(ceiling / 2 + rand() * ceiling / 2)


@dataclass(frozen=True)
class UploadProgress(Progress):
    """A progress event of an upload: bytes on YouTube (or on the wire), rate and ETA."""

    sent_bytes: int = 0
    total_bytes: int = 0
    bytes_per_second: float | None = None

    def to_json(self) -> dict[str, object]:
        rate = None if self.bytes_per_second is None else round(self.bytes_per_second)
        return {**super().to_json(), "sent_bytes": self.sent_bytes,
                "total_bytes": self.total_bytes, "bytes_per_second": rate}


@dataclass(frozen=True)
class UploadResult(OnYouTube):
    """An uploaded video. ``resumed_at``: bytes already on YouTube when this run continued an
    interrupted upload (None: started fresh). ``retries``: failed exchanges that were retried."""

    video_id: str
    privacy: str
    channel_id: str | None = None
    channel_title: str | None = None
    resumed_at: int | None = None
    retries: int = 0
    thumbnail_set: bool = False
    playlist_added: bool = False
    warnings: tuple[str, ...] = ()

    def to_json(self) -> dict[str, object]:
        return {"event": "uploaded", "video_id": self.video_id, "url": self.url,
                "embed_url": self.embed_url, "privacy": self.privacy,
                "channel_id": self.channel_id, "channel_title": self.channel_title,
                "resumed_at": self.resumed_at, "retries": self.retries,
                "thumbnail_set": self.thumbnail_set, "playlist_added": self.playlist_added,
                "warnings": list(self.warnings)}


def standalone_store(sha256: str) -> FileSessionStore:
    """Where a standalone upload (outside ``publish``) of the file with this digest is remembered."""
    return FileSessionStore(config_dir() / "uploads" / f"{sha256}.json")


def metadata_key(resource: dict[str, Any]) -> str:
    """Fingerprint of the settings a session was opened with (changed settings: new session)."""
    canonical = json.dumps(resource, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def upload_video(client: YouTubeClient, video: Path, meta: VideoMetadata, *,
                 store: SessionStore | None = None, sha256: str | None = None,
                 chunk_size: int = DEFAULT_CHUNK_SIZE, retry: RetryPolicy | None = None,
                 cancel: CancelToken | None = None, tick: float = 0.25
                 ) -> Generator[Progress, None, UploadResult]:
    """Upload ``video`` with ``meta``; see the module's description. ``sha256`` saves hashing the
    file again when the caller knows it. Raises MetadataError before any network call, SignInError,
    UploadError (translated YouTube answers, retries used up), Cancelled."""
    check_metadata(meta)
    if meta.playlist_id and not client.sign_in.can_use_playlists:
        raise SignInError("adding the video to a playlist needs wider YouTube access than this "
                          "sign-in has (only uploads); nothing was uploaded",
                          "run `shopreel youtube login --playlists`, or remove the playlist")
    if chunk_size <= 0 or chunk_size % CHUNK_UNIT:
        raise UploadError(f"chunk size {chunk_size}: must be a multiple of 256 KiB",
                          "use 1, 2, 4, 8 ... MiB")
    try:
        size = video.stat().st_size
    except OSError as exc:
        raise UploadError(f"{video}: cannot be read ({exc.strerror})", "check the path") from None
    if size == 0:
        raise UploadError(f"{video}: the file is empty", "render the video first")
    digest = sha256 or (yield from _hash(video, size, cancel))
    resource = video_resource(meta)
    try:
        with open(video, "rb") as handle:
            upload = _Upload(client, handle, video, size, digest, resource, store,
                             chunk_size, retry or RetryPolicy(), cancel, tick)
            answer = yield from upload.run()
    finally:
        client.sign_in.save_if_refreshed()
    return _after_upload(client, meta, answer, upload)


def _hash(video: Path, size: int, cancel: CancelToken | None) -> Generator[Progress, None, str]:
    digest = hashlib.sha256()
    started = time.monotonic()
    with open(video, "rb") as handle:
        for block in iter(lambda: handle.read(8 << 20), b""):
            digest.update(block)
            if cancel is not None and cancel.cancelled:
                raise Cancelled("upload cancelled before it started; nothing was sent")
            yield UploadProgress(fraction=0.0, done_seconds=0.0, total_seconds=0.0,
                                 elapsed_seconds=time.monotonic() - started, stage="upload",
                                 total_bytes=size)
    return digest.hexdigest()


class _Upload:
    """The state of one upload run: session, bytes acknowledged, failures in a row."""

    def __init__(self, client: YouTubeClient, handle: IO[bytes], video: Path, size: int,
                 digest: str, resource: dict[str, Any], store: SessionStore | None,
                 chunk_size: int, retry: RetryPolicy, cancel: CancelToken | None,
                 tick: float) -> None:
        from googleapiclient.http import MediaIoBaseUpload

        mimetype = _MIME.get(video.suffix.lower(), "application/octet-stream")
        media = MediaIoBaseUpload(handle, mimetype=mimetype, chunksize=chunk_size, resumable=True)
        request = client.service.videos().insert(part="snippet,status", body=resource,
                                                 media_body=media)
        self.protocol = ResumableProtocol(client.http, request, mimetype)
        self.handle, self.size, self.digest = handle, size, digest
        self.key = metadata_key(resource)
        self.store, self.chunk_size, self.retry = store, chunk_size, retry
        self.cancel, self.tick = cancel, tick
        self.started = self.last_advance = time.monotonic()
        self.acknowledged = 0  # bytes the server has confirmed
        self.in_flight = 0  # bytes of the current chunk written to the socket so far
        self.samples: collections.deque[tuple[float, int]] = collections.deque()
        self.failures = 0  # failed exchanges since the server last stored more bytes
        self.retries = 0
        self.expired_once = False
        self.resumed_at: int | None = None
        self.warnings: list[str] = []
        self.abort = threading.Event()

    # -- the protocol loop -------------------------------------------------------------------------

    def run(self) -> Generator[Progress, None, Any]:
        session = self._stored_session()
        continuing = session is not None
        offset: int | None = None if continuing else 0  # None: ask the server first
        while True:
            self._check_cancel()
            try:
                if session is None:
                    answer = yield from self._exchange(partial(self.protocol.open, self.size))
                    if answer.status == 200 and answer.location:
                        session = UploadSession(answer.location, self.size, self.digest, self.key,
                                                datetime.now(timezone.utc).isoformat())
                        self._save(session)  # before any byte: a crash from here on can resume
                        offset = 0
                        self._advanced(0, fresh=True)
                        continue
                    self._refused(answer)
                else:
                    uri = session.uri
                    if offset is None:
                        answer = yield from self._exchange(partial(self.protocol.query, uri, self.size))
                    else:
                        chunk = ChunkBody(self.handle, offset, min(self.chunk_size, self.size - offset),
                                          self._on_sent, self.abort.is_set)
                        answer = yield from self._exchange(
                            partial(self.protocol.put, uri, chunk, self.size))
                    self.in_flight = 0
                    if answer.status in (200, 201):
                        self._save(None)
                        self.acknowledged = self.size
                        yield self._progress()
                        return self.protocol.result(answer)
                    if answer.status == 308:
                        stored = answer.stored
                        if offset is None and continuing and self.resumed_at is None:
                            self.resumed_at = stored
                            _log.info("continuing an interrupted upload: %d of %d bytes are on "
                                      "YouTube", stored, self.size)
                        moved = offset is None or stored > offset
                        self._advanced(stored)
                        if moved and stored < self.size:
                            offset = stored
                            continue
                        self._failed("the server stored nothing of the last chunk"
                                     if stored < self.size else "the server has every byte "
                                     "but did not finish the upload")
                    elif answer.status in (404, 410):
                        self._expired()
                        session, continuing, offset = None, False, 0
                        continue
                    else:
                        self._refused(answer)
            except Aborted:
                self._check_cancel()
                raise
            except transport_errors() as exc:
                self.protocol.reset_connections()
                self._failed(f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__)
            except SignInError:
                raise
            except Exception as exc:
                from google.auth.exceptions import RefreshError

                if isinstance(exc, RefreshError):
                    raise refresh_failure(exc) from None
                raise
            # A failure: wait, then ask the server what it holds before sending more.
            self.in_flight = 0
            offset = None if session is not None else 0
            yield from self._wait()

    def _stored_session(self) -> UploadSession | None:
        if self.store is None:
            return None
        session = self.store.load()
        if session is None:
            return None
        if (session.size, session.sha256, session.metadata_key) == (self.size, self.digest, self.key):
            return session
        self.warnings.append("an interrupted upload of another version of this video (or with other "
                             "settings) was left behind; this upload started from the beginning")
        self._save(None)
        return None

    def _save(self, session: UploadSession | None) -> None:
        if self.store is not None:
            self.store.save(session)

    def _refused(self, answer: Answer) -> None:
        """A non-success answer: retried (returns) when it is passing trouble, else raised."""
        reason, _ = error_reason(answer.status, answer.content)
        if answer.status in RETRY_STATUSES or (answer.status == 403 and reason in RETRY_REASONS):
            self._failed(f"HTTP {answer.status}" + (f" {reason}" if reason else ""))
            return
        raise translate(answer.status, answer.content, "upload")

    def _expired(self) -> None:
        if self.expired_once:
            raise UploadError("YouTube discarded the upload session again (HTTP 404)",
                              "run the same command again to start the upload anew")
        self.expired_once = True
        self._save(None)
        self.acknowledged = 0
        self.warnings.append("the interrupted upload had expired on YouTube's side; it was started "
                             "again from the beginning")
        _log.info("upload session expired (404); starting a new one")

    def _advanced(self, stored: int, fresh: bool = False) -> None:
        if fresh or stored > self.acknowledged:
            self.failures = 0
            self.last_advance = time.monotonic()
        self.acknowledged = stored

    def _failed(self, why: str) -> None:
        """Count a failed exchange; raise when the retry budget is used up."""
        self.failures += 1
        self.retries += 1
        stalled = time.monotonic() - self.last_advance
        if self.failures > self.retry.max_retries or stalled > self.retry.max_seconds:
            percent = 100 * self.acknowledged / self.size
            raise UploadError(
                f"the upload to YouTube failed {self.failures} times in a row (last: {why}); "
                f"{percent:.0f}% is on YouTube",
                "check the internet connection and run the same command again: it continues where "
                "it stopped")
        _log.info("upload exchange failed (%s); retry %d of %d", why, self.failures,
                  self.retry.max_retries)

    # -- waiting, in the background ----------------------------------------------------------------

    def _wait(self) -> Generator[Progress, None, None]:
        until = time.monotonic() + self.retry.delay(self.failures)
        while True:
            self._check_cancel()
            left = until - time.monotonic()
            if left <= 0:
                return
            time.sleep(min(left, self.tick))
            yield self._progress()

    def _exchange(self, action: Callable[[], Answer]) -> Generator[Progress, None, Answer]:
        """Run one HTTP exchange on a worker thread, yielding progress while it runs."""
        box: dict[str, Any] = {}
        done = threading.Event()

        def work() -> None:
            try:
                box["answer"] = action()
            except BaseException as exc:  # handed to the generator's thread
                box["error"] = exc
            finally:
                done.set()

        worker = threading.Thread(target=work, name="shopreel-youtube-upload", daemon=True)
        worker.start()
        try:
            while not done.wait(self.tick):
                self._check_cancel()
                yield self._progress()
        finally:
            if not done.is_set():
                # Cancelled, Ctrl-C or the generator closed: stop writing the chunk. The worker
                # ends with it (or at the socket timeout while it waits for an answer).
                self.abort.set()
        if "error" in box:
            raise box["error"]
        answer: Answer = box["answer"]
        yield self._progress()
        return answer

    def _check_cancel(self) -> None:
        if self.cancel is not None and self.cancel.cancelled:
            self.abort.set()
            raise Cancelled("upload cancelled; run the same command again to continue where it "
                            "stopped")

    def _on_sent(self, sent: int) -> None:
        self.in_flight = sent

    def _progress(self) -> UploadProgress:
        now = time.monotonic()
        sent = min(self.size, self.acknowledged + self.in_flight)
        self.samples.append((now, sent))
        while self.samples and now - self.samples[0][0] > _RATE_WINDOW:
            self.samples.popleft()
        first_time, first_sent = self.samples[0]
        rate = (sent - first_sent) / (now - first_time) if now - first_time > 0.25 else None
        rate = rate if rate is None or rate > 0 else None
        eta = (self.size - sent) / rate if rate else (0.0 if sent >= self.size else None)
        return UploadProgress(fraction=sent / self.size, done_seconds=0.0, total_seconds=0.0,
                              elapsed_seconds=now - self.started, eta_seconds=eta, stage="upload",
                              sent_bytes=sent, total_bytes=self.size, bytes_per_second=rate)


def _after_upload(client: YouTubeClient, meta: VideoMetadata, resource: Any,
                  upload: _Upload) -> UploadResult:
    """Thumbnail, playlist and the privacy check; their problems become warnings (the video is up)."""
    if not isinstance(resource, dict) or not resource.get("id"):
        raise UploadError("YouTube finished the upload but sent no video ID",
                          "look for the video in YouTube Studio before uploading again")
    video_id = str(resource["id"])
    snippet, status = resource.get("snippet") or {}, resource.get("status") or {}
    privacy = str(status.get("privacyStatus") or meta.privacy)
    warnings = list(upload.warnings)
    if privacy == "private" and meta.privacy != "private":
        warnings.append(
            f"YouTube made the video private although {meta.privacy} was asked: uploads through "
            "API projects Google has not verified are locked to private; change it in YouTube "
            "Studio, or have the Cloud project verified (audited) by Google")
    thumbnail_set = playlist_added = False
    if meta.thumbnail is not None:
        try:
            client.set_thumbnail(video_id, meta.thumbnail)
            thumbnail_set = True
        except UploadError as exc:
            warnings.append("the video is uploaded, but its thumbnail was not set: "
                            + exc.one_line().replace("VIDEO_ID FILE", f"{video_id} {meta.thumbnail}"))
    if meta.playlist_id:
        try:
            client.add_to_playlist(meta.playlist_id, video_id)
            playlist_added = True
        except UploadError as exc:
            warnings.append(f"the video is uploaded, but was not added to playlist "
                            f"{meta.playlist_id}: {exc.one_line()}")
    if not client.sign_in.from_env:
        remember_channel(snippet.get("channelId"), snippet.get("channelTitle"))
    return UploadResult(video_id=video_id, privacy=privacy, channel_id=snippet.get("channelId"),
                        channel_title=snippet.get("channelTitle"), resumed_at=upload.resumed_at,
                        retries=upload.retries, thumbnail_set=thumbnail_set,
                        playlist_added=playlist_added, warnings=tuple(warnings))
