"""One-click publishing with ``publish.youtube.enabled``: the upload runs after the readiness
check, its player goes into the sitemap (``player_loc``) and the JSON-LD (``embedUrl``), the
video id into the publish record, and a publish interrupted mid-upload continues it."""

from __future__ import annotations

import hashlib
import json
import threading
from pathlib import Path

import pytest
from conftest import drain, write_project
from fake_youtube import FakeYouTube, youtube_fixture  # noqa: F401
from lxml import etree

from shopreel.publish.pipeline import PublishResult, publish_project
from shopreel.publish.record import read_record
from shopreel.video.errors import Cancelled
from shopreel.video.runner import CancelToken

PAGE = "https://www.hof-laden.de/produkte/apfel"
VIDEO_NS = "{http://www.google.com/schemas/sitemap-video/1.1}"


@pytest.fixture
def project(media: dict[str, Path], tmp_path: Path) -> Path:
    return write_project(tmp_path, {
        "title": "Äpfel vom Hof", "clips": [{"path": str(media["counter"])}], "intro": None,
        "output": {"path": "out/apfel.mp4"}, "thumbnail": {"at": 1.0},
        "publish": {"page_url": PAGE, "video_url": "https://www.hof-laden.de/media/apfel.mp4",
                    "thumbnail_url": "https://www.hof-laden.de/media/apfel.jpg",
                    "description": "Knackige Äpfel.", "tags": ["äpfel", "obst vom hof"],
                    "sitemap": "site/video-sitemap.xml",
                    "youtube": {"enabled": True, "privacy": "public", "made_for_kids": False}},
    }, name="apfel.shopreel.json")


def test_publish_uploads_and_names_the_youtube_player_everywhere(
        youtube: FakeYouTube, project: Path) -> None:
    events, result = drain(publish_project(project))
    assert isinstance(result, PublishResult)
    (video_id,) = youtube.videos
    embed = f"https://www.youtube.com/embed/{video_id}"
    assert result.youtube == f"https://www.youtube.com/watch?v={video_id}"
    assert youtube.video_bytes[video_id] == result.video.read_bytes()
    sent = youtube.only_session().metadata
    assert sent["snippet"]["title"] == "Äpfel vom Hof"
    assert sent["snippet"]["tags"] == ["äpfel", "obst vom hof"]
    assert sent["status"] == {"privacyStatus": "public", "selfDeclaredMadeForKids": False}
    # The upload has the larger part of the one progress scale, and it only grows.
    fractions = [event.fraction for event in events]
    assert fractions == sorted(fractions)
    uploads = [event.fraction for event in events if event.stage == "upload"]
    assert uploads and min(uploads) >= 0.4 and max(uploads) <= 0.99

    sitemap = etree.parse(str(project.parent / "site" / "video-sitemap.xml"))
    assert sitemap.findtext(f".//{VIDEO_NS}player_loc") == embed
    assert sitemap.findtext(f".//{VIDEO_NS}content_loc") == "https://www.hof-laden.de/media/apfel.mp4"
    jsonld = json.loads(result.files["jsonld"].read_text(encoding="utf-8"))
    assert jsonld["embedUrl"] == embed
    record = read_record(result.record)
    assert record is not None and record.youtube_id == video_id
    assert record.urls["youtube"] == result.youtube and record.urls["youtube_embed"] == embed
    assert record.youtube_session is None
    assert record.sha256 == hashlib.sha256(result.video.read_bytes()).hexdigest()
    # The project's thumbnail became the video's custom thumbnail on YouTube too.
    assert result.thumbnail is not None
    assert youtube.thumbnails[video_id] == result.thumbnail.read_bytes()

    # Publishing again uploads nothing and rewrites nothing.
    _, again = drain(publish_project(project))
    assert again.reused_render and again.written == ()
    assert again.youtube == result.youtube and len(youtube.requests("open")) == 1


def test_no_upload_publishes_without_touching_youtube(youtube: FakeYouTube,
                                                      project: Path) -> None:
    _, result = drain(publish_project(project, upload=False))
    assert youtube.log == [] and result.youtube is None
    sitemap = etree.parse(str(project.parent / "site" / "video-sitemap.xml"))
    assert sitemap.find(f".//{VIDEO_NS}player_loc") is None


def test_a_publish_interrupted_mid_upload_continues_the_same_upload(
        youtube: FakeYouTube, project: Path) -> None:
    youtube.faults.hang_after = 0
    token = CancelToken()

    def cancel_when_stuck() -> None:
        if youtube.hung.wait(60):
            token.cancel()

    threading.Thread(target=cancel_when_stuck, daemon=True).start()
    with pytest.raises(Cancelled, match="run the same command again"):
        drain(publish_project(project, cancel=token))
    record = read_record(project.parent / "out" / "publish.json")
    assert record is not None and record.youtube_session is not None  # kept for the next run
    assert record.youtube_session["uri"].startswith(youtube.root)
    youtube.faults.hang_after = None
    youtube.release.set()

    _, result = drain(publish_project(project))
    assert result.reused_render  # the interrupted run's render is reused, not redone
    assert len(youtube.requests("open")) == 1  # the same session went on
    (video_id,) = youtube.videos
    assert youtube.video_bytes[video_id] == result.video.read_bytes()
    record = read_record(result.record)
    assert record is not None and record.youtube_id == video_id and record.youtube_session is None


def test_records_with_new_or_missing_optional_fields_still_read(tmp_path: Path) -> None:
    """Format 1 grows by optional fields: a record from before the upload (no youtube_session)
    and one from a later version (a field this one does not know) are both read, not dropped."""
    base = {"project": "p", "project_hash": "h", "render_key": "k", "output": "o.mp4",
            "sha256": "s", "size_bytes": 1, "duration_seconds": 1.0, "first_published": "t",
            "updated": "t", "shopreel_version": "0.1.0", "format": 1}
    path = tmp_path / "publish.json"
    path.write_text(json.dumps(base))
    older = read_record(path)
    assert older is not None and older.youtube_session is None and older.youtube_id is None
    path.write_text(json.dumps({**base, "youtube_id": "abc", "from_the_future": [1]}))
    newer = read_record(path)
    assert newer is not None and newer.youtube_id == "abc"
