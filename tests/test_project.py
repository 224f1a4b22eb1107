"""The project file contract (PROJECT_FORMAT.md): load, validate, migrate, save."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from pydantic import ValidationError

from shopreel.video.errors import OutputError, ProjectError
from shopreel.video.project import (
    Project,
    json_schema,
    load_project,
    project_from_data,
    project_to_json,
    save_project,
)

# The complete example from PROJECT_FORMAT.md: every documented key must be accepted.
FULL_EXAMPLE = {
    "version": 1,
    "title": "Bio-Gemüsekiste",
    "clips": [
        {"path": "clips/kiste_totale.mov", "in": 1.5, "out": 9.0},
        {"path": "clips/detail.mp4", "mute": True},
        {"path": "photos/packshot.jpg", "duration": 3},
    ],
    "output": {"preset": "web-1080p", "fit": "blur", "path": "out/bio-kiste.mp4"},
    "brand": {
        "logo": "brand/logo.png",
        "url": "www.hof-laden.de",
        "colors": {"primary": "#2e7d32", "accent": "#ffb300", "text": "#ffffff"},
        "font": None,
    },
    "intro": {"title": "Bio-Gemüsekiste", "subtitle": "frisch vom Hof", "duration": 2.5,
              "style": "fade", "clip": None},
    "outro": {"text": "Jetzt bestellen", "duration": 3.0},
    "overlays": {
        "logo": {"position": "top-right", "size": 0.10, "opacity": 0.9, "from": "after-intro"},
        "url": {"position": "bottom-left", "size": 0.045, "style": "plate"},
    },
    "captions": [
        {"text": "Heute ohne Versandkosten", "start": 8, "end": 14, "position": "bottom-center",
         "style": "badge"},
        {"text": "Nur solange der Vorrat reicht", "start": -6, "end": -1},
    ],
    "audio": {"music": "music/gitarre.mp3", "music_gain_db": -18, "duck": True,
              "loudness_lufs": -14, "true_peak_db": -1},
    "thumbnail": {"at": "auto", "title": "Bio-Gemüsekiste", "logo": True},
    "publish": {
        "page_url": "https://www.hof-laden.de/produkte/bio-kiste",
        "video_url": "https://www.hof-laden.de/media/bio-kiste.mp4",
        "thumbnail_url": "https://www.hof-laden.de/media/bio-kiste.jpg",
        "description": "Unsere Bio-Gemüsekiste: saisonal, regional, jede Woche frisch.",
        "tags": ["bio", "gemüse", "abo"],
        "family_friendly": True,
        "sitemap": "site/video-sitemap.xml",
        "youtube": {"enabled": False, "privacy": "unlisted", "category_id": "22",
                    "made_for_kids": False, "playlist_id": None, "publish_at": None},
    },
}


def test_the_documented_example_loads_with_every_key() -> None:
    project = project_from_data(FULL_EXAMPLE)
    assert project.clips[0].in_ == 1.5 and project.clips[0].out == 9.0
    assert project.clips[1].mute is True
    assert project.clips[2].duration == 3
    assert project.captions[1].start == -6
    assert project.overlays.logo is not None and project.overlays.logo.from_ == "after-intro"
    assert project.publish.youtube.category_id == "22"


def test_minimal_project_gets_documented_defaults() -> None:
    project = project_from_data({"version": 1, "clips": [{"path": "a.mp4"}]})
    assert project.output.preset == "web-1080p"
    assert project.output.fit == "blur"
    assert project.intro is not None and project.intro.duration == 2.5
    assert project.thumbnail.at == "auto"
    assert project.audio.true_peak_db == -1


@pytest.mark.parametrize(
    ("text", "seconds"),
    [("1:02.5", 62.5), ("0:07", 7.0), ("1:00:00.5", 3600.5), (12, 12.0), (0.25, 0.25)],
)
def test_times_accept_seconds_and_clock_strings(text: object, seconds: float) -> None:
    project = project_from_data({"version": 1, "clips": [{"path": "a.mp4", "in": text}]})
    assert project.clips[0].in_ == seconds


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"captions": [{"text": "a", "start": 1, "end": 2}, {"text": "b", "start": 5, "end": 3}]},
         "captions[1].end: before start"),
        ({"clips": [{"path": "a.mp4", "in": 5, "out": 2}]}, "clips[0].out: before in"),
        ({"clips": [{"path": "a.mp4", "inn": 5}]}, "clips[0].inn: unknown key"),
        ({"titel": "x"}, "titel: unknown key"),
        ({"clips": []}, "clips: needs at least 1 entry"),
        ({"clips": "a.mp4"}, "clips: must be a list"),
        ({"clips": [{"path": "a.mp4", "mute": "yes"}]}, "clips[0].mute:"),
        ({"clips": [{"path": "a.mp4", "in": "abc"}]}, "clips[0].in: 'abc' is not a time"),
        ({"clips": [{"path": "a.mp4", "in": -1}]}, "clips[0].in: must not be negative"),
        ({"clips": [{"path": "a.mp4", "in": "1:75"}]}, "clips[0].in: '1:75' is not a valid time"),
        ({"output": {"preset": "web-4k"}}, "output.preset: unknown preset 'web-4k'"),
        ({"output": {"size": "641x360"}}, "output.size: width and height must be even"),
        ({"brand": {"colors": {"primary": "green"}}}, "brand.colors.primary: must be a colour"),
        ({"overlays": {"logo": {"position": "middle"}}}, "overlays.logo.position: must be"),
        ({"thumbnail": {"at": "soon"}}, "thumbnail.at: 'soon' is not a time"),
        ({"publish": {"youtube": {"privacy": "secret"}}}, "publish.youtube.privacy: must be"),
    ],
)
def test_errors_name_the_field_and_the_problem(change: dict, message: str) -> None:
    data = {"version": 1, "clips": [{"path": "a.mp4"}], **change}
    with pytest.raises(ProjectError) as caught:
        project_from_data(data)
    assert caught.value.message.startswith(message), caught.value.message
    assert "\n" not in caught.value.one_line()


def test_caption_times_of_mixed_sign_wait_for_the_video_length() -> None:
    # 8 s to 1 s before the end is fine for any video longer than 9 s; it cannot be judged yet.
    project_from_data({"version": 1, "clips": [{"path": "a.mp4"}],
                       "captions": [{"text": "x", "start": 8, "end": -1}]})


def test_versions_are_checked_and_migrated() -> None:
    with pytest.raises(ProjectError, match="version: missing"):
        project_from_data({"clips": [{"path": "a.mp4"}]})
    with pytest.raises(ProjectError, match="newer ShopReel"):
        project_from_data({"version": 2, "clips": [{"path": "a.mp4"}]})
    with pytest.raises(ProjectError, match="whole number"):
        project_from_data({"version": "1", "clips": [{"path": "a.mp4"}]})


def test_save_then_load_gives_the_same_project(tmp_path: Path) -> None:
    original = project_from_data(FULL_EXAMPLE)
    path = tmp_path / "roundtrip.shopreel.json"
    save_project(original, path)
    assert load_project(path) == original
    # Stable and readable: saving again writes identical bytes, version first.
    first = path.read_bytes()
    save_project(load_project(path), path)
    assert path.read_bytes() == first
    assert json.loads(first)["version"] == 1
    assert list(json.loads(first))[0] == "version"
    assert "Gemüsekiste" in first.decode("utf-8")  # umlauts stay readable, not \u escapes


def test_edits_make_new_objects() -> None:
    project = project_from_data({"version": 1, "clips": [{"path": "a.mp4"}]})
    edited = project.model_copy(update={"title": "Neu"})
    assert project.title == "" and edited.title == "Neu"
    with pytest.raises(ValidationError, match="frozen"):
        project.title = "changed"  # type: ignore[misc]


def test_save_is_atomic_and_keeps_the_old_file_on_failure(tmp_path: Path) -> None:
    path = tmp_path / "p.shopreel.json"
    project = project_from_data({"version": 1, "clips": [{"path": "a.mp4"}]})
    save_project(project, path)
    before = path.read_bytes()
    if os.geteuid() != 0:
        tmp_path.chmod(0o500)
        try:
            with pytest.raises(OutputError):
                save_project(project.model_copy(update={"title": "x"}), path)
        finally:
            tmp_path.chmod(0o700)
        assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["p.shopreel.json"]


def test_load_reports_bad_files_in_one_line(tmp_path: Path) -> None:
    broken = tmp_path / "broken.shopreel.json"
    broken.write_text('{"version": 1,\n "clips": [{"path": "a.mp4"}]\n "title": "x"}')
    with pytest.raises(ProjectError, match=r"not valid JSON \(line 3, column 2"):
        load_project(broken)
    twice = tmp_path / "twice.shopreel.json"
    twice.write_text('{"version": 1, "title": "a", "title": "b", "clips": [{"path": "a.mp4"}]}')
    with pytest.raises(ProjectError, match="'title' appears twice"):
        load_project(twice)
    with pytest.raises(ProjectError, match="project file not found"):
        load_project(tmp_path / "missing.shopreel.json")
    latin1 = tmp_path / "latin1.shopreel.json"
    latin1.write_bytes('{"version": 1, "title": "Gemüse"}'.encode("latin-1"))
    with pytest.raises(ProjectError, match="not UTF-8"):
        load_project(latin1)


def test_schema_describes_every_top_level_key() -> None:
    schema = json_schema()
    assert set(FULL_EXAMPLE) <= set(schema["properties"])
    assert schema["required"] == ["version", "clips"]
    assert schema["additionalProperties"] is False


def test_project_is_a_frozen_model() -> None:
    assert Project.model_config.get("frozen") is True
    assert project_to_json(project_from_data({"version": 1, "clips": [{"path": "a"}]})).endswith("\n")
