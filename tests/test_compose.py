"""The compiled ffmpeg argument list, checked without running ffmpeg."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import write_project

from shopreel.video.artwork import draw_artwork
from shopreel.video.compose import compile_render
from shopreel.video.plan import plan_render
from shopreel.video.project import load_project


@pytest.fixture()
def args(tmp_path: Path, media: dict[str, Path]) -> list[str]:
    project_path = write_project(tmp_path, {
        "title": "Test; \"quoted\" & ümlaut",
        "clips": [
            {"path": str(media["counter"]), "in": 0.5, "out": 1.5},
            {"path": str(media["no_audio"])},
            {"path": str(media["still"]), "duration": 1},
            {"path": str(media["counter"]), "in": 0.5, "out": 1.5},
        ],
        "output": {"preset": "web-720p", "fit": "pad"},
    })
    plan = plan_render(load_project(project_path), project_path)
    artwork = draw_artwork(plan.branding, plan.timeline, plan.canvas, tmp_path)
    return compile_render(plan, tmp_path / "out put.mp4", "/opt/ffmpeg", artwork)


def test_one_process_with_every_input_once(args: list[str]) -> None:
    assert args[0] == "/opt/ffmpeg"
    inputs = [args[i + 1] for i, arg in enumerate(args) if arg == "-i"]
    # The repeated trim of the counter clip shares one decoded input; one silence source.
    assert sum("counter.mp4" in url for url in inputs) == 1
    assert sum(url.startswith("anullsrc") for url in inputs) == 1
    # The title makes an intro card: its background and title block are two more inputs.
    assert sum(url.endswith(("intro-background.png", "intro-block.png")) for url in inputs) == 2
    assert len(inputs) == 6
    assert args.count("-filter_complex") == 1


def test_paths_are_absolute_file_urls(args: list[str], tmp_path: Path) -> None:
    inputs = [args[i + 1] for i, arg in enumerate(args) if arg == "-i"]
    assert all(url.startswith("file:/") for url in inputs if not url.startswith("anullsrc"))
    assert args[-1] == f"file:{tmp_path / 'out put.mp4'}"


def test_global_options_come_before_inputs(args: list[str]) -> None:
    first_input = args.index("-i")
    for option in ("-progress", "-nostdin", "-y"):
        assert args.index(option) < first_input


def test_web_encoding_settings(args: list[str]) -> None:
    def value(option: str) -> str:
        return args[args.index(option) + 1]

    assert value("-c:v") == "libx264" and value("-profile:v") == "high"
    assert value("-pix_fmt") == "yuv420p"
    assert value("-c:a") == "aac" and value("-ar") == "48000" and value("-ac") == "2"
    assert value("-movflags") == "+faststart"
    assert value("-map_metadata") == "-1"  # no GPS positions from phones in the published file


def test_trims_seek_the_input_and_cut_exact_frames(args: list[str]) -> None:
    assert args[args.index("-ss") + 1] == "0.500000"
    graph = args[args.index("-filter_complex") + 1]
    assert "trim=end_frame=30" in graph  # 1.0 s at 30 fps
    assert "atrim=end_sample=48000" in graph
    assert "concat=a=0:n=4:v=1" in graph and "concat=a=1:n=4:v=0" in graph
    assert "pad=320:180" in graph  # output.size overrides the preset canvas


def test_title_with_hostile_characters_stays_one_argument(args: list[str]) -> None:
    assert 'title=Test; "quoted" & ümlaut' in args
