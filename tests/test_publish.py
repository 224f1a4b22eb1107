"""One-click publishing and the readiness check, end to end through the command line."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import write_project
from lxml import etree
from mediacheck import FFMPEG

from shopreel.app.cli import main
from shopreel.publish.check import check_video
from shopreel.video.synth import make_clip
from shopreel.video.web_facts import web_facts

SHOPREEL = [sys.executable, "-m", "shopreel.app"]
PAGE = "https://www.hof-laden.de/produkte/apfel"
PUBLISH = {"page_url": PAGE, "video_url": "https://www.hof-laden.de/media/apfel.mp4",
           "thumbnail_url": "https://www.hof-laden.de/media/apfel.jpg",
           "description": "Knackige Äpfel vom Hof, frisch gepflückt.", "tags": ["äpfel", "obst"],
           "sitemap": "site/video-sitemap.xml"}


@pytest.fixture
def project(media: dict[str, Path], tmp_path: Path) -> Path:
    return write_project(tmp_path, {
        "title": "Äpfel", "clips": [{"path": str(media["counter"])}],
        "intro": {"title": "Äpfel", "duration": 1.0}, "outro": {"text": "Jetzt bestellen", "duration": 1.0},
        "brand": {"url": "hof-laden.de"},
        "overlays": {"url": {"position": "bottom-left"}},
        "output": {"path": "out/apfel.mp4"}, "thumbnail": {"at": 1.5},
        "publish": PUBLISH,
    }, name="apfel.shopreel.json")


def _publish(project: Path, *extra: str) -> tuple[int, list[dict]]:
    done = subprocess.run([*SHOPREEL, "publish", str(project), "--progress", "json", *extra],
                          capture_output=True, text=True)
    events = [json.loads(line) for line in done.stdout.splitlines() if line.startswith("{")]
    return done.returncode, events


def _files(folder: Path) -> dict[str, int]:
    return {str(p.relative_to(folder)): p.stat().st_mtime_ns for p in folder.rglob("*")
            if p.is_file() and not p.name.startswith(".")}


def test_publish_writes_everything_and_again_rewrites_nothing(project: Path) -> None:
    status, events = _publish(project)
    assert status == 0, events
    result = events[-1]
    assert result["event"] == "published" and not result["reused_render"]
    folder = project.parent
    out = folder / "out"
    for name in ("apfel.mp4", "apfel.jpg", "apfel.jsonld", "apfel.embed.html", "embed-preview.html",
                 "publish.json"):
        assert (out / name).is_file(), name
    assert (folder / "site" / "video-sitemap.xml").is_file()
    assert result["readiness"]["failures"] == 0
    record = json.loads((out / "publish.json").read_text(encoding="utf-8"))
    assert record["sha256"] and record["size_bytes"] == (out / "apfel.mp4").stat().st_size
    assert abs(record["loudness"]["output"]["integrated_lufs"] - -14) <= 1
    assert record["urls"]["page"] == PAGE and record["thumbnail_at"] == pytest.approx(1.5, abs=0.05)
    jsonld = json.loads((out / "apfel.jsonld").read_text(encoding="utf-8"))
    assert jsonld["name"] == "Äpfel" and jsonld["uploadDate"] == record["first_published"]

    before = _files(folder)
    status, events = _publish(project)
    assert status == 0 and events[-1]["reused_render"]
    assert events[-1]["written"] == []
    assert _files(folder) == before  # nothing rewritten, not even the record

    # A changed project renders again; the first publication date stays.
    data = json.loads(project.read_text(encoding="utf-8"))
    data["clips"][0]["out"] = 2.0
    project.write_text(json.dumps(data), encoding="utf-8")
    status, events = _publish(project)
    assert status == 0 and not events[-1]["reused_render"]
    again = json.loads((out / "publish.json").read_text(encoding="utf-8"))
    assert again["first_published"] == record["first_published"]
    assert again["sha256"] != record["sha256"]
    sitemap = etree.parse(str(folder / "site" / "video-sitemap.xml"))
    assert len(sitemap.findall(".//{*}video")) == 1


def test_a_failing_check_stops_publishing_before_anything_public(project: Path) -> None:
    data = json.loads(project.read_text(encoding="utf-8"))
    data["publish"]["video_url"] = PAGE  # the file's address may not be the page's
    project.write_text(json.dumps(data), encoding="utf-8")
    status, events = _publish(project)
    assert status == 2
    error = events[-1]
    assert error["event"] == "error" and "check" in error["message"] and "--force" in error["message"]
    assert not (project.parent / "site").exists()
    assert not (project.parent / "out" / "publish.json").exists()


def test_a_sitemap_that_is_not_xml_is_reported_and_left_alone(project: Path) -> None:
    site = project.parent / "site"
    site.mkdir()
    (site / "video-sitemap.xml").write_text("Hallo, das ist kein XML", encoding="utf-8")
    status, events = _publish(project)
    assert status == 2 and "video-sitemap.xml" in events[-1]["message"]
    assert (site / "video-sitemap.xml").read_text(encoding="utf-8") == "Hallo, das ist kein XML"


def test_check_of_a_plain_video_names_what_a_web_player_lacks(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # A camera-style file: index at the end, Baseline profile from the fast encoder, no thumbnail.
    clip = make_clip(tmp_path / "kamera.mp4", size=(320, 180), seconds=1.0)
    assert not web_facts(clip).faststart
    status = main(["check", str(clip), "--json"])
    report = json.loads(capsys.readouterr().out)
    assert status == 2
    by_key = {check["key"]: check for check in report["checks"]}
    assert by_key["faststart"]["status"] == "fail" and by_key["faststart"]["fix"]
    assert by_key["thumbnail"]["status"] == "fail"
    assert by_key["audio-codec"]["status"] == "pass"


def test_check_of_a_rendered_video_passes_the_playback_checks(project: Path) -> None:
    status, _ = _publish(project)
    assert status == 0
    report = check_video(project.parent / "out" / "apfel.mp4")
    statuses = {check.key: check.status for check in report.checks}
    for key in ("video-codec", "pixel-format", "even-size", "audio-codec", "faststart",
                "stream-lengths", "loudness", "true-peak", "thumbnail"):
        assert statuses[key] == "pass", (key, report.to_json())


def test_web_facts_read_the_profile_and_box_order(tmp_path: Path) -> None:
    clip = tmp_path / "high.mp4"
    subprocess.run([FFMPEG, "-v", "error", "-f", "lavfi", "-i", "testsrc2=s=320x180:d=1",
                    "-c:v", "libx264", "-profile:v", "main", "-movflags", "+faststart",
                    str(clip)], check=True)
    facts = web_facts(clip)
    assert facts.h264_profile == "Main" and facts.faststart
    assert facts.audio_seconds is None and facts.video_seconds == pytest.approx(1.0, abs=0.05)
