"""The YouTube upload over real HTTP: the real google-api-python-client against a fake YouTube on
127.0.0.1 (tests/fake_youtube.py) with injected faults. Each case checks what a user would
notice: the bytes YouTube assembled are the file (sha256), the metadata arrived as sent, retries
stayed within their bound, and the result or message is the right one."""

from __future__ import annotations

import hashlib
import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from conftest import drain
from fake_youtube import SCOPE_UPLOAD, SCOPE_YOUTUBE, UNIT, FakeYouTube, youtube_fixture  # noqa: F401

from shopreel.publish.youtube_auth import load_sign_in
from shopreel.publish.youtube_client import YouTubeClient
from shopreel.publish.youtube_errors import SignInError, UploadError
from shopreel.publish.youtube_metadata import VideoMetadata, video_resource
from shopreel.publish.youtube_session import FileSessionStore
from shopreel.publish.youtube_upload import RetryPolicy, UploadProgress, UploadResult, upload_video
from shopreel.video.errors import Cancelled
from shopreel.video.runner import CancelToken, Progress

SHOPREEL = [sys.executable, "-m", "shopreel.app"]
FAST = RetryPolicy(max_retries=4, max_seconds=30, first_delay=0.01, max_delay=0.05)
META = VideoMetadata(title="Äpfel vom Hof – frisch", description="Knackig, süß und regional. 🍎",
                     tags=("äpfel", "obst vom hof"), privacy="unlisted", category_id="22",
                     made_for_kids=False)


@pytest.fixture
def video(tmp_path: Path) -> Path:
    """2.25 MiB plus an odd tail: the last chunk is short, as it is for real files."""
    path = tmp_path / "apfel.mp4"
    path.write_bytes(os.urandom(9 * UNIT + 12_345))
    return path


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def upload(video: Path, meta: VideoMetadata = META, *, chunk: int = 2 * UNIT,
           retry: RetryPolicy = FAST, store: FileSessionStore | None = None,
           cancel: CancelToken | None = None) -> tuple[list[Progress], UploadResult]:
    client = YouTubeClient(load_sign_in(playlists=bool(meta.playlist_id)), timeout=10)
    return drain(upload_video(client, video, meta, store=store, chunk_size=chunk, retry=retry,
                            cancel=cancel, tick=0.05))


def assert_arrived(youtube: FakeYouTube, result: UploadResult, video: Path,
                   meta: VideoMetadata = META) -> None:
    """YouTube holds exactly the file, with exactly the metadata that was sent."""
    assert sha(youtube.video_bytes[result.video_id]) == sha(video.read_bytes())
    session = next(s for s in youtube.sessions.values() if s.video_id == result.video_id)
    assert session.metadata == video_resource(meta)
    assert session.metadata["snippet"]["title"] == meta.title  # umlauts and dashes intact
    assert session.content_type == "video/mp4"


def test_upload_assembles_the_file_and_reports_bytes_rate_and_eta(
        youtube: FakeYouTube, video: Path) -> None:
    events, result = upload(video)
    assert_arrived(youtube, result, video)
    assert result.url == f"https://www.youtube.com/watch?v={result.video_id}"
    assert result.retries == 0 and result.resumed_at is None and result.warnings == ()
    uploads = [e for e in events if isinstance(e, UploadProgress)]
    sent = [e.sent_bytes for e in uploads]
    assert sent == sorted(sent) and sent[-1] == video.stat().st_size
    assert all(e.total_bytes == video.stat().st_size and e.stage == "upload" for e in uploads)
    assert uploads[-1].fraction == 1.0
    assert json.loads(json.dumps(uploads[-1].to_json()))["sent_bytes"] == sent[-1]
    # Each chunk but the last is a multiple of 256 KiB; the server counted every byte once.
    chunks = [e["range"] for e in youtube.requests("chunk")]
    assert len(chunks) == 5 and chunks[0] == f"bytes 0-{2 * UNIT - 1}/{9 * UNIT + 12_345}"
    assert youtube.bytes_received == video.stat().st_size


def test_progress_has_rate_and_eta_while_a_chunk_is_on_the_wire(
        youtube: FakeYouTube, tmp_path: Path) -> None:
    youtube.faults.read_rate = 4 * 1024 * 1024  # a 4 MiB/s line: 3 MiB take 0.75 s
    big = tmp_path / "big.mp4"
    big.write_bytes(os.urandom(12 * UNIT))
    events, result = upload(big, chunk=12 * UNIT)  # one chunk: every rate comes from in flight
    assert_arrived(youtube, result, big)
    rated = [e for e in events if isinstance(e, UploadProgress) and e.bytes_per_second]
    assert rated, "no event carried a rate"
    # The socket buffers some bytes ahead of the server, so the rate is near, not at, 4 MiB/s.
    assert all(1e6 < (e.bytes_per_second or 0) < 40e6 for e in rated)
    assert all(e.eta_seconds is not None and e.eta_seconds >= 0 for e in rated)


def test_a_connection_dropped_mid_chunk_continues_from_what_the_server_holds(
        youtube: FakeYouTube, video: Path) -> None:
    # The second chunk (512 KiB) breaks off after 300,000 bytes: the server keeps 256 KiB of it.
    youtube.faults.drop = {1: 300_000}
    _, result = upload(video)
    assert_arrived(youtube, result, video)
    assert result.retries == 1
    kinds = [(e["kind"], e.get("range", "")) for e in youtube.log if e["kind"] in ("chunk", "query")]
    drop = kinds.index(("chunk", f"bytes {2 * UNIT}-{4 * UNIT - 1}/{video.stat().st_size}"))
    # After the drop it asked how much arrived, and went on from 768 KiB, not from the start.
    assert kinds[drop + 1] == ("query", f"bytes */{video.stat().st_size}")
    assert kinds[drop + 2][1].startswith(f"bytes {3 * UNIT}-")


def test_a_burst_of_503_is_retried_with_backoff(youtube: FakeYouTube, video: Path) -> None:
    youtube.faults.statuses = [503, 503, 503]
    started = time.monotonic()
    _, result = upload(video, retry=RetryPolicy(max_retries=4, first_delay=0.05, max_delay=0.2))
    assert_arrived(youtube, result, video)
    assert result.retries == 3
    # Three waits of growing length (with jitter: at least half of 0.05 + 0.1 + 0.2).
    assert time.monotonic() - started >= 0.17


def test_retries_are_bounded_in_count(youtube: FakeYouTube, video: Path) -> None:
    youtube.faults.statuses = [503] * 50
    with pytest.raises(UploadError) as caught:
        upload(video)
    assert "failed 5 times in a row (last: HTTP 503" in caught.value.one_line()
    assert "run the same command again" in caught.value.one_line()
    assert len(youtube.requests("chunk")) == FAST.max_retries + 1


def test_retries_are_bounded_in_time(youtube: FakeYouTube, video: Path) -> None:
    youtube.faults.statuses = [503] * 50
    policy = RetryPolicy(max_retries=1000, max_seconds=0.3, first_delay=0.05, max_delay=0.05)
    started = time.monotonic()
    with pytest.raises(UploadError, match="times in a row"):
        upload(video, retry=policy)
    assert time.monotonic() - started < 5


def test_a_308_that_stored_fewer_bytes_resends_the_rest(youtube: FakeYouTube, video: Path) -> None:
    youtube.faults.short = {1: UNIT}  # of the second 512 KiB chunk only 256 KiB are kept
    _, result = upload(video)
    assert_arrived(youtube, result, video)
    starts = [e["range"].split()[1].split("-")[0] for e in youtube.requests("chunk")]
    assert starts[:3] == ["0", str(2 * UNIT), str(3 * UNIT)]


def test_an_expired_session_starts_a_fresh_one_once(youtube: FakeYouTube, video: Path) -> None:
    youtube.faults.expire_at = [2]
    _, result = upload(video)
    assert_arrived(youtube, result, video)
    assert len(youtube.requests("open")) == 2
    assert any("expired" in warning for warning in result.warnings)


def test_a_session_that_expires_twice_is_an_error(youtube: FakeYouTube, video: Path) -> None:
    youtube.faults.expire_at = [1, 3]
    with pytest.raises(UploadError, match="discarded the upload session again"):
        upload(video)
    assert len(youtube.requests("open")) == 2


def test_quota_exceeded_says_when_it_resets_and_sends_nothing(
        youtube: FakeYouTube, video: Path) -> None:
    youtube.faults.quota_exceeded = True
    with pytest.raises(UploadError) as caught:
        upload(video)
    line = caught.value.one_line()
    assert "quota" in line and "midnight Pacific time" in line and "your time, in" in line
    assert caught.value.reason == "quotaExceeded"
    assert youtube.bytes_received == 0 and len(youtube.requests("open")) == 1  # not retried


def test_quota_exceeded_on_the_command_line_is_one_line_without_traceback(
        youtube: FakeYouTube, video: Path) -> None:
    youtube.faults.quota_exceeded = True
    done = subprocess.run([*SHOPREEL, "youtube", "upload", str(video), "--not-for-kids"],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("shopreel: error: YouTube's daily quota")
    assert "midnight Pacific time" in lines[0] and "Traceback" not in done.stderr


def test_upload_limit_exceeded_is_explained(youtube: FakeYouTube, video: Path) -> None:
    youtube.faults.upload_limit = True
    with pytest.raises(UploadError, match="uploaded as many videos as it may") as caught:
        upload(video)
    assert "wait a day" in caught.value.one_line()


@pytest.mark.parametrize("status, reason, expected", [
    (400, "invalidTitle", "YouTube rejected the title (invalidTitle): use 1 to 100 characters"),
    (400, "invalidTags", "YouTube rejected the tags (invalidTags)"),
    (400, "invalidCategoryId", "YouTube does not know the category id"),
    (400, "invalidPublishAt", "rejected the scheduled publishing time"),
    (403, "forbiddenPrivacySetting", "does not allow this privacy setting"),
    (403, "forbidden", "YouTube refused the upload (forbidden): check that the signed-in account"),
    (400, "somethingNew", "YouTube answered HTTP 400 to the upload (somethingNew): somethingNew"),
])
def test_refusals_are_translated_into_one_line(youtube: FakeYouTube, video: Path, status: int,
                                               reason: str, expected: str) -> None:
    youtube.faults.open_error = (status, reason)
    with pytest.raises(UploadError) as caught:
        upload(video)
    assert expected in caught.value.one_line() and "\n" not in caught.value.one_line()
    assert youtube.bytes_received == 0 and len(youtube.requests("open")) == 1  # not retried


def test_the_quota_resets_at_midnight_pacific_time() -> None:
    from datetime import datetime, timezone

    from shopreel.publish.youtube_errors import quota_reset

    summer = quota_reset(datetime(2025, 5, 1, 12, 0, tzinfo=timezone.utc))  # 05:00 PDT
    assert summer.astimezone(timezone.utc) == datetime(2025, 5, 2, 7, 0, tzinfo=timezone.utc)
    winter = quota_reset(datetime(2025, 1, 10, 9, 0, tzinfo=timezone.utc))  # 01:00 PST
    assert winter.astimezone(timezone.utc) == datetime(2025, 1, 11, 8, 0, tzinfo=timezone.utc)


def test_thumbnail_is_set_after_the_upload(youtube: FakeYouTube, video: Path,
                                           tmp_path: Path) -> None:
    from PIL import Image

    image = tmp_path / "thumb.jpg"
    Image.new("RGB", (1280, 720), "#2e7d32").save(image, quality=90)
    meta = VideoMetadata(**{**META.__dict__, "thumbnail": image})
    _, result = upload(video, meta)
    assert result.thumbnail_set and youtube.thumbnails[result.video_id] == image.read_bytes()


def test_a_channel_that_may_not_set_thumbnails_keeps_its_video(
        youtube: FakeYouTube, video: Path, tmp_path: Path) -> None:
    from PIL import Image

    image = tmp_path / "thumb.png"
    Image.new("RGB", (1280, 720), "#ffb300").save(image)
    youtube.faults.thumbnail_forbidden = True
    meta = VideoMetadata(**{**META.__dict__, "thumbnail": image})
    _, result = upload(video, meta)
    assert_arrived(youtube, result, video, meta)
    assert not result.thumbnail_set
    (warning,) = result.warnings
    assert "the video is uploaded" in warning and "youtube.com/verify" in warning
    assert f"shopreel youtube thumbnail {result.video_id} {image}" in warning


def test_an_upload_locked_to_private_is_a_warning(youtube: FakeYouTube, video: Path) -> None:
    youtube.faults.lock_private = True
    _, result = upload(video)
    assert result.privacy == "private"
    assert any("private although unlisted was asked" in w and "verified" in w
               for w in result.warnings)


def test_playlist_needs_and_uses_the_wider_scope(youtube: FakeYouTube, video: Path,
                                                 tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                                 ) -> None:
    meta = VideoMetadata(**{**META.__dict__, "playlist_id": "PLhofladen01"})
    with pytest.raises(SignInError, match="playlist needs wider YouTube access"):
        upload(video, meta)
    assert youtube.log == []  # refused before any network call
    wide = tmp_path / "wide.json"
    wide.write_text(json.dumps(youtube.grant({SCOPE_UPLOAD, SCOPE_YOUTUBE})))
    monkeypatch.setenv("SHOPREEL_YOUTUBE_CREDENTIALS", str(wide))
    _, result = upload(video, meta)
    assert result.playlist_added
    (item,) = youtube.playlist_items
    assert item["snippet"] == {"playlistId": "PLhofladen01",
                               "resourceId": {"kind": "youtube#video", "videoId": result.video_id}}


def test_an_expired_access_token_is_refreshed_on_the_way(youtube: FakeYouTube, video: Path,
                                                         tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    stale = tmp_path / "stale.json"
    stale.write_text(json.dumps(youtube.grant(expired=True)))
    monkeypatch.setenv("SHOPREEL_YOUTUBE_CREDENTIALS", str(stale))
    _, result = upload(video)
    assert_arrived(youtube, result, video)
    assert len(youtube.requests("token")) == 1


def test_a_revoked_sign_in_asks_to_log_in_again(youtube: FakeYouTube, video: Path,
                                                tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    revoked = tmp_path / "revoked.json"
    revoked.write_text(json.dumps({**youtube.grant(expired=True), "refresh_token": "1//gone"}))
    monkeypatch.setenv("SHOPREEL_YOUTUBE_CREDENTIALS", str(revoked))
    with pytest.raises(SignInError, match="expired or was revoked") as caught:
        upload(video)
    assert "shopreel youtube login" in caught.value.one_line()


def test_cancel_mid_upload_then_continue_without_resending(youtube: FakeYouTube, video: Path,
                                                           tmp_path: Path) -> None:
    store = FileSessionStore(tmp_path / "state.json")
    token = CancelToken()
    client = YouTubeClient(load_sign_in(), timeout=10)
    job = upload_video(client, video, META, store=store, chunk_size=2 * UNIT, retry=FAST,
                       cancel=token, tick=0.05)
    with pytest.raises(Cancelled, match="run the same command again"):
        for event in job:
            if isinstance(event, UploadProgress) and event.sent_bytes >= 4 * UNIT:
                token.cancel()
    assert store.load() is not None  # the session survives the cancel
    acknowledged = len(youtube.only_session().data)
    assert acknowledged >= 4 * UNIT
    _, result = upload(video, store=store)
    assert_arrived(youtube, result, video)
    assert result.resumed_at == acknowledged
    assert youtube.times_received(youtube.only_session(), 0, acknowledged) == 1
    assert store.load() is None


def test_changed_settings_start_a_new_session(youtube: FakeYouTube, video: Path,
                                              tmp_path: Path) -> None:
    store = FileSessionStore(tmp_path / "state.json")
    youtube.faults.statuses = [400]  # a permanent failure after the session was opened
    with pytest.raises(UploadError):
        upload(video, store=store)
    assert store.load() is not None
    retitled = VideoMetadata(**{**META.__dict__, "title": "Birnen"})
    _, result = upload(video, retitled, store=store)
    assert_arrived(youtube, result, video, retitled)
    assert len(youtube.requests("open")) == 2 and result.resumed_at is None
    assert any("started from the beginning" in w for w in result.warnings)


def _cli_upload(video: Path, *extra: str) -> subprocess.Popen[str]:
    return subprocess.Popen([*SHOPREEL, "youtube", "upload", str(video), "--not-for-kids",
                             "--chunk-size", "256k", "--title", "Äpfel", *extra],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            encoding="utf-8", env={**os.environ, "PYTHONUTF8": "1"})


def test_a_killed_upload_is_continued_by_the_next_process(youtube: FakeYouTube,
                                                          video: Path) -> None:
    """Process 1 is killed (SIGKILL: no clean-up at all) while its 4th chunk is on the way;
    process 2 continues the same session and sends none of the acknowledged bytes again."""
    youtube.faults.hang_after = 3
    first = _cli_upload(video)
    try:
        assert youtube.hung.wait(30), first.communicate(timeout=5)
    finally:
        first.send_signal(signal.SIGKILL)
        first.wait(10)
    youtube.faults.hang_after = None
    youtube.release.set()
    session = youtube.only_session()
    acknowledged = len(session.data)
    assert acknowledged == 3 * UNIT
    second = _cli_upload(video)
    out, err = second.communicate(timeout=60)
    assert second.returncode == 0, err
    assert "Continued an interrupted upload" in out and "Traceback" not in err
    assert len(youtube.requests("open")) == 1  # the same session
    assert youtube.times_received(session, 0, acknowledged) == 1
    assert youtube.bytes_received == video.stat().st_size  # nothing was sent twice
    (video_id,) = youtube.videos
    assert f"video id: {video_id}" in out and f"https://www.youtube.com/watch?v={video_id}" in out
    assert sha(youtube.video_bytes[video_id]) == sha(video.read_bytes())
    # Running it again does not upload a second copy.
    third = _cli_upload(video)
    _, err = third.communicate(timeout=60)
    assert third.returncode == 2 and "already uploaded as" in err and "--again" in err


def test_standalone_upload_prints_the_video_id_as_json(youtube: FakeYouTube, video: Path) -> None:
    done = subprocess.run([*SHOPREEL, "youtube", "upload", str(video), "--not-for-kids",
                           "--tags", "äpfel, obst vom hof", "--privacy", "public",
                           "--progress", "json"], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    events = [json.loads(line) for line in done.stdout.splitlines()]
    assert {e["event"] for e in events[:-1]} == {"progress"}
    assert events[-2]["sent_bytes"] == events[-2]["total_bytes"] == video.stat().st_size
    result = events[-1]
    assert result["event"] == "uploaded" and result["video_id"] in youtube.videos
    sent = youtube.only_session().metadata
    assert sent["snippet"]["tags"] == ["äpfel", "obst vom hof"]
    assert sent["snippet"]["title"] == "apfel" and sent["status"]["privacyStatus"] == "public"


def test_waiting_for_a_stalled_server_can_be_cancelled(youtube: FakeYouTube, video: Path) -> None:
    youtube.faults.hang_after = 0
    token = CancelToken()
    threading.Timer(0.5, token.cancel).start()
    started = time.monotonic()
    with pytest.raises(Cancelled):
        upload(video, cancel=token)
    assert time.monotonic() - started < 5
