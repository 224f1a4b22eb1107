"""What you see is what you render: the preview frame comes from the render's own graph."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import write_project
from PIL import Image

from shopreel.video.frames import extract_frame
from shopreel.video.plan import plan_render
from shopreel.video.preview import frame_index, preview_frame, preview_plan, single_frame_command
from shopreel.video.project import load_project
from shopreel.video.render import render_to_end

ACCENT = (255, 0, 255)  # a caption badge colour found nowhere in the test clips


def caption_project(tmp_path: Path, media: dict[str, Path]) -> Path:
    return write_project(tmp_path, {
        "clips": [{"path": str(media["counter"])}], "intro": None, "overlays": {"logo": None,
                                                                              "url": None},
        "brand": {"colors": {"accent": "#ff00ff"}},
        "captions": [{"text": "Jetzt kaufen", "start": 1.0, "end": 2.0, "fade": 0}]})


def accent_share(image: Image.Image) -> float:
    pixels = list(image.convert("RGB").getdata())
    hits = sum(1 for r, g, b in pixels if r > 200 and g < 80 and b > 200)
    return hits / len(pixels)


def test_single_frame_command_keeps_the_render_graph() -> None:
    render_args = ["ffmpeg", "-hide_banner", "-nostdin", "-y", "-loglevel", "warning", "-progress",
                   "pipe:1", "-nostats", "-stats_period", "0.5", "-ss", "1.0", "-i", "a.mp4",
                   "-filter_complex", "[0:v]null[v];[0:a]anull[a]", "-map", "[v]", "-map", "[a]",
                   "-c:v", "libx264", "out.mp4"]
    command = single_frame_command(render_args, 12)
    assert command[command.index("-i") - 2:command.index("-i") + 2] == ["-ss", "1.0", "-i", "a.mp4"]
    graph = command[command.index("-filter_complex") + 1]
    assert graph.startswith("[0:v]null[v];[0:a]anull[a];[v]trim=start_frame=12")
    assert graph.endswith("[a]anullsink")
    assert command[-4:] == ["-c:v", "png", "-f", "image2pipe"] or command[-1] == "-"
    assert "libx264" not in command and "out.mp4" not in command


def test_preview_frame_matches_the_rendered_frame(tmp_path: Path, media: dict[str, Path]) -> None:
    path = caption_project(tmp_path, media)
    project = load_project(path)
    plan = preview_plan(project, path, width=320)
    assert plan.canvas == (320, 180)
    with_caption = preview_frame(plan, 1.5)
    without = preview_frame(plan, 0.5)
    assert with_caption.size == (320, 180)
    assert accent_share(with_caption) > 0.02
    assert accent_share(without) == 0
    # The counter clip's gray level tells which source frame is shown: the frame index's.
    assert frame_index(plan, 0.5) == 15

    # The real render (same size) shows the same picture at the same time.
    full = plan_render(project, path)
    render_to_end(full)
    rendered = extract_frame(full.output, 1.5, tmp_path / "frame.png")
    with Image.open(rendered) as image:
        real = image.convert("RGB")
    assert accent_share(real) == pytest.approx(accent_share(with_caption), rel=0.15)
    corner = (8, 8)
    assert abs(real.getpixel(corner)[0] - with_caption.getpixel(corner)[0]) <= 6


pytest.importorskip("pytestqt")


def test_the_window_preview_shows_the_caption_at_its_time(qtbot, tmp_path: Path,
                                                          media: dict[str, Path]) -> None:
    from PySide6.QtWidgets import QMessageBox

    from shopreel.app.gui.main_window import MainWindow

    window = MainWindow()
    qtbot.addWidget(window)
    window.ask_unsaved = lambda: QMessageBox.StandardButton.Discard  # never block the test
    window.show()
    window.open_project(caption_project(tmp_path, media))
    with qtbot.waitSignal(window.preview.frame_shown, timeout=20_000,
                          check_params_cb=lambda seconds: seconds == 1.5):
        window.preview.seek(1.5)
    assert window.preview.image is not None and accent_share(window.preview.image) > 0.02
    # Pixels of the widget itself, not only the image behind it.
    shown = window.preview.view.grab().toImage()
    magenta = sum(1 for x in range(0, shown.width(), 4) for y in range(0, shown.height(), 4)
                  if (c := shown.pixelColor(x, y)).red() > 200 and c.green() < 80 and c.blue() > 200)
    assert magenta > 10
    # Editing the caption updates the preview (the same graph, redrawn in the background).
    with qtbot.waitSignal(window.preview.frame_shown, timeout=20_000):
        window.document.set_value("caption", ("captions", 0, "start"), 1.8)
    assert accent_share(window.preview.image) == 0
    qtbot.waitUntil(lambda: not window.preview.busy and not window.library.busy, timeout=20_000)
