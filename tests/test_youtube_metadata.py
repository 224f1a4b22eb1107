"""YouTube's metadata rules, checked before anything is sent: each limit at and just past its edge,
with multi-byte text where bytes and characters differ."""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from pathlib import Path

import numpy as np
import pytest
from conftest import write_project
from fake_youtube import FakeYouTube, youtube_fixture  # noqa: F401
from PIL import Image

from shopreel.publish.youtube_errors import MetadataError
from shopreel.publish.youtube_metadata import (
    MAX_THUMBNAIL_BYTES,
    VideoMetadata,
    check_metadata,
    metadata_from_project,
    metadata_problems,
    tags_length,
    video_resource,
)
from shopreel.video.project import load_project

OK = VideoMetadata(title="Äpfel", made_for_kids=False)
NOW = datetime(2025, 5, 1, 12, 0, tzinfo=timezone.utc)


def problems(**changes: object) -> list[str]:
    return metadata_problems(replace(OK, **changes), now=NOW)


def test_fine_metadata_has_no_problems() -> None:
    assert problems() == []
    check_metadata(OK)


@pytest.mark.parametrize("title, fine", [
    ("a" * 100, True), ("a" * 101, False),
    ("ä" * 100, True),  # characters, not bytes: 200 bytes of UTF-8 are fine
    ("🍎" * 100, True), ("🍎" * 101, False),
    ("", False), ("   ", False),
    ("Äpfel <neu>", False), ("5 > 3", False),
])
def test_title_is_1_to_100_characters_without_angle_brackets(title: str, fine: bool) -> None:
    found = problems(title=title)
    assert (found == []) is fine, found
    assert all(p.startswith("title: ") for p in found)


@pytest.mark.parametrize("description, fine", [
    ("a" * 5000, True), ("a" * 5001, False),
    ("ä" * 2500, True), ("ä" * 2500 + "a", False),  # 2 bytes each
    ("€" * 1666 + "ab", True), ("€" * 1667, False),  # 3 bytes each: 5000 / 5001 bytes
    ("🍎" * 1250, True), ("🍎" * 1249 + "ä" * 2 + "a", False),  # 4 bytes each: 5000 / 5001
    ("Jetzt <b>kaufen</b>", False),
])
def test_description_is_at_most_5000_bytes_of_utf8(description: str, fine: bool) -> None:
    found = problems(description=description)
    assert (found == []) is fine, found
    if not fine and "<" not in description:
        (problem,) = found
        assert problem.startswith(f"description: {len(description.encode())} bytes")


def test_tags_are_counted_the_way_youtube_counts_them() -> None:
    assert tags_length(["äpfel"]) == 5
    assert tags_length(["ab", "cd"]) == 5  # the comma counts
    assert tags_length(["obst vom hof"]) == 14  # quoted because of the spaces
    assert tags_length([]) == 0


@pytest.mark.parametrize("tags, fine", [
    (["abcd"] * 100, True),  # 400 + 99 commas = 499
    (["abcd"] * 99 + ["abcde"], True),  # 500
    (["abcd"] * 99 + ["abcdef"], False),  # 501
    (["ab cd"] * 62 + ["abcd"], True),  # 62 * 7 (with quotes) + 4 + 62 commas = 500
    (["ab cd"] * 62 + ["abcde"], False),  # 501
    (["ä b"] * 83 + ["ä"], True),  # 83 * 5 + 1 + 83 commas = 499: umlauts are one character
    (["ä b"] * 83 + ["äb"], True),  # 500
    (["ä b"] * 84, False),  # 84 * 5 + 83 = 503
    (["a,b"], False), ([""], False), (["<tag>"], False),
])
def test_tags_are_at_most_500_characters_in_all(tags: list[str], fine: bool) -> None:
    found = problems(tags=tuple(tags))
    assert (found == []) is fine, found


def test_tags_just_past_the_limit_name_the_count() -> None:
    (problem,) = problems(tags=("ab cd",) * 62 + ("abcdefgh",))
    assert problem.startswith("tags: 504 characters counted YouTube's way")


def test_privacy_publish_at_kids_category() -> None:
    assert problems(privacy="secret") == ["privacy: 'secret' is not one of public, unlisted, private"]
    future = (NOW + timedelta(days=2)).isoformat()
    assert problems(privacy="private", publish_at=future) == []
    assert problems(privacy="private", publish_at="2025-06-01T09:00:00Z") == []
    (only_private,) = problems(privacy="unlisted", publish_at=future)
    assert "only with privacy private" in only_private
    (past,) = problems(privacy="private", publish_at="2025-04-30T09:00:00+02:00")
    assert "in the past" in past
    (no_zone,) = problems(privacy="private", publish_at="2025-06-01T09:00:00")
    assert "has no timezone" in no_zone
    (garbage,) = problems(privacy="private", publish_at="next friday")
    assert "not an ISO 8601 time" in garbage
    (kids,) = problems(made_for_kids=None)
    assert kids.startswith("made for kids: not declared")
    assert problems(made_for_kids=True) == []
    assert problems(category_id="22") == [] and problems(category_id="10") == []
    (category,) = problems(category_id="People")
    assert category.startswith("category: 'People'")
    (playlist,) = problems(playlist_id="https://youtube.com/playlist?list=PL1")
    assert playlist.startswith("playlist:")


def test_publish_at_is_sent_in_utc() -> None:
    meta = replace(OK, privacy="private", publish_at="2030-06-01T09:00:00+02:00")
    assert video_resource(meta)["status"] == {"privacyStatus": "private",
                                              "selfDeclaredMadeForKids": False,
                                              "publishAt": "2030-06-01T07:00:00Z"}


def test_thumbnail_is_a_jpg_or_png_of_at_most_2_mb(tmp_path: Path) -> None:
    good_jpg, good_png = tmp_path / "t.jpg", tmp_path / "t.png"
    Image.new("RGB", (1280, 720), "#2e7d32").save(good_jpg)
    Image.new("RGB", (1280, 720), "#2e7d32").save(good_png)
    assert problems(thumbnail=good_jpg) == [] and problems(thumbnail=good_png) == []
    gif = tmp_path / "t.gif"
    Image.new("RGB", (1280, 720)).save(gif)
    (not_jpg,) = problems(thumbnail=gif)
    assert "not a JPG or PNG" in not_jpg
    noise = np.random.default_rng(1).integers(0, 256, (1080, 1920, 3), dtype=np.uint8)
    big = tmp_path / "big.jpg"
    Image.fromarray(noise).save(big, quality=100)
    assert big.stat().st_size > MAX_THUMBNAIL_BYTES
    (too_big,) = problems(thumbnail=big)
    assert "YouTube takes at most 2 MB" in too_big
    small = tmp_path / "small.jpg"
    Image.new("RGB", (320, 180)).save(small)
    (narrow,) = problems(thumbnail=small)
    assert "narrower than 640" in narrow
    (missing,) = problems(thumbnail=tmp_path / "none.jpg")
    assert "cannot be read" in missing


def test_every_violation_gets_its_own_message() -> None:
    with pytest.raises(MetadataError) as caught:
        check_metadata(VideoMetadata(title="x" * 101, description="<b>", tags=("a,b",),
                                     privacy="public", publish_at="2020-01-01T00:00:00Z",
                                     category_id="x", made_for_kids=None))
    fields = [problem.split(":")[0] for problem in caught.value.problems]
    assert fields == ["title", "description", "tags", "publish_at", "publish_at",
                      "made for kids", "category"]
    assert caught.value.one_line().startswith("not uploaded, 7 problems with the YouTube settings")


def test_defaults_come_from_the_project(tmp_path: Path) -> None:
    path = write_project(tmp_path, {
        "title": "Bio-Gemüsekiste", "clips": [{"path": "x.mp4"}],
        "publish": {"description": "Saisonal, regional.", "tags": ["bio", "gemüse"],
                    "youtube": {"enabled": True, "privacy": "public", "category_id": "26",
                                "made_for_kids": False, "playlist_id": "PLkiste"}}})
    meta = metadata_from_project(load_project(path), title="Neu")
    assert meta == VideoMetadata(title="Neu", description="Saisonal, regional.",
                                 tags=("bio", "gemüse"), privacy="public", category_id="26",
                                 made_for_kids=False, playlist_id="PLkiste")


def test_the_command_line_prints_each_violation_and_sends_nothing(
        youtube: FakeYouTube, tmp_path: Path) -> None:
    video = tmp_path / "v.mp4"
    video.write_bytes(b"\0" * 1000)
    done = subprocess.run([sys.executable, "-m", "shopreel.app", "youtube", "upload", str(video),
                           "--title", "a" * 101, "--description", "ä" * 2501,
                           "--tags", ",".join(["abcd"] * 101)],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    lines = done.stderr.splitlines()
    assert [line.split(":")[2].strip() for line in lines[:-1]] == [
        "title", "description", "tags", "made for kids"]
    assert lines[-1] == "shopreel: error: nothing was uploaded"
    assert youtube.log == []
    done = subprocess.run([sys.executable, "-m", "shopreel.app", "youtube", "upload", str(video),
                           "--title", "<x>", "--not-for-kids", "--progress", "json"],
                          capture_output=True, text=True, timeout=60)
    (event,) = [json.loads(line) for line in done.stdout.splitlines()]
    assert event["event"] == "error" and event["message"].startswith("title: contains <")
