"""Playback in the preview: both players (Qt Multimedia with sound, ffmpeg frames without) play
clips upright from where asked, stop at a trim's end, and hand the view back to the composed
frame. The Qt Multimedia tests run where the system can load it (it needs libpulse on Linux).
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

pytest.importorskip("pytestqt")

from conftest import FPS, counter_level, write_project  # noqa: E402
from PySide6.QtGui import QImage  # noqa: E402
from PySide6.QtWidgets import QMessageBox  # noqa: E402

from shopreel.app.gui import preview_pane  # noqa: E402
from shopreel.app.gui.main_window import MainWindow  # noqa: E402
from shopreel.app.gui.playback import (  # noqa: E402
    FramePlayer,
    Player,
    PlayRequest,
    explain_import_error,
    multimedia_problem,
    open_player,
)
from shopreel.app.gui.worker import running_workers  # noqa: E402

MULTIMEDIA = multimedia_problem()
needs_multimedia = pytest.mark.skipif(bool(MULTIMEDIA), reason=MULTIMEDIA or "")


def media_player(parent: object = None) -> Player:
    from shopreel.app.gui.playback_media import MediaPlayer

    return MediaPlayer(parent)  # type: ignore[arg-type]


PLAYERS = [pytest.param(FramePlayer, id="ffmpeg-frames"),
           pytest.param(media_player, id="qt-multimedia", marks=needs_multimedia)]


def collect(qtbot, player: Player, request: PlayRequest, frames: int
            ) -> list[tuple[QImage, float]]:
    """Play, keep the first ``frames`` pictures, stop, and wait for ``ended``."""
    seen: list[tuple[QImage, float]] = []
    player.frame.connect(lambda image, seconds: seen.append((image, seconds)))
    with qtbot.waitSignal(player.ended, timeout=20_000):
        player.play(request)
        qtbot.waitUntil(lambda: len(seen) >= frames, timeout=15_000)
        player.stop()
    assert not player.active
    return seen


def gray(image: QImage) -> int:
    return image.pixelColor(image.width() // 2, image.height() // 2).red()


@pytest.mark.parametrize("make", PLAYERS)
def test_a_player_starts_where_asked_and_counts_up(qtbot, media: dict[str, Path], make) -> None:
    player = make(None)
    seen = collect(qtbot, player, PlayRequest(media["counter"], 1.0, (320, 180), FPS), 8)
    times = [seconds for _image, seconds in seen]
    assert times[0] == pytest.approx(1.0, abs=1.5 / FPS)
    assert times == sorted(times) and times[-1] > times[0]
    # The picture is the one for its time: the counter clip's gray level is its frame number.
    for image, seconds in seen[:3]:
        assert abs(gray(image) - counter_level(round(seconds * FPS))) <= 4
    player.shutdown()


@pytest.mark.parametrize("make", PLAYERS)
def test_a_phone_clip_plays_upright(qtbot, media: dict[str, Path], make) -> None:
    player = make(None)
    image, _seconds = collect(qtbot, player, PlayRequest(media["portrait"], 0.0, (180, 320), FPS),
                              1)[0]
    assert image.height() > image.width()
    top = image.pixelColor(image.width() // 2, image.height() // 8)
    bottom = image.pixelColor(image.width() // 2, image.height() * 7 // 8)
    assert top.red() > 150 and top.blue() < 80, "red is on top when the phone is upright"
    assert bottom.blue() > 150 and bottom.red() < 80
    player.shutdown()


@pytest.mark.parametrize("make", PLAYERS)
def test_a_broken_file_reports_one_line_and_ends(qtbot, tmp_path: Path, make) -> None:
    broken = tmp_path / "broken.mp4"
    broken.write_bytes(b"not a video at all" * 100)
    player = make(None)
    problems: list[str] = []
    player.failed.connect(problems.append)
    with qtbot.waitSignal(player.ended, timeout=20_000):
        player.play(PlayRequest(broken, 0.0, (320, 180), FPS))
    assert len(problems) == 1 and "\n" not in problems[0].strip()
    assert not player.active
    player.shutdown()


@pytest.mark.parametrize("make", PLAYERS)
def test_a_file_rewritten_in_place_plays_its_new_content(qtbot, tmp_path: Path,
                                                         media: dict[str, Path], make) -> None:
    """The quick preview is rendered again to the same path: Play must show the new one."""
    import os
    import shutil

    quick = tmp_path / "quick.mp4"
    shutil.copy(media["counter"], quick)
    player = make(None)
    image, _ = collect(qtbot, player, PlayRequest(quick, 0.0, (320, 180), FPS), 1)[0]
    assert gray(image) < 100
    fresh = tmp_path / "fresh.mp4"
    shutil.copy(media["portrait"], fresh)
    os.replace(fresh, quick)  # as the render writes: a new file renamed over the old
    image, _ = collect(qtbot, player, PlayRequest(quick, 0.0, (320, 180), FPS), 1)[0]
    top = image.pixelColor(image.width() // 2, image.height() // 8)
    assert top.red() > 150 and top.green() < 80, "the new file's picture, not the old one's"
    player.shutdown()


@needs_multimedia
def test_the_multimedia_player_carries_sound(qtbot, media: dict[str, Path]) -> None:
    from PySide6.QtMultimedia import QMediaDevices

    player = media_player()
    if not QMediaDevices.audioOutputs():  # no sound server for this process (see test_gui_sound)
        assert not player.with_sound and "no sound output" in player.silent_reason
    collect(qtbot, player, PlayRequest(media["counter"], 0.0, (320, 180), FPS), 2)
    assert player._player.hasAudio()  # type: ignore[attr-defined]
    assert player._player.audioOutput() is player._audio  # type: ignore[attr-defined]
    player.set_muted(True)
    assert player._audio.isMuted()  # type: ignore[attr-defined]
    player.shutdown()


def test_why_there_is_no_sound_is_said_in_words() -> None:
    missing = ImportError("libpulse.so.0: cannot open shared object file: No such file or directory")
    assert "libpulse.so.0" in explain_import_error(missing)
    assert "apt install libpulse0" in explain_import_error(missing)
    assert "reinstall" in explain_import_error(ImportError("No module named 'PySide6.QtMultimedia'"))


def test_without_qt_multimedia_playback_goes_on_without_sound(monkeypatch: pytest.MonkeyPatch
                                                              ) -> None:
    monkeypatch.setitem(sys.modules, "PySide6.QtMultimedia", None)  # import fails, as without it
    assert multimedia_problem()
    player = open_player()
    assert isinstance(player, FramePlayer)
    assert not player.with_sound and player.silent_reason


def trimmed_project(tmp_path: Path, media: dict[str, Path]) -> Path:
    return write_project(tmp_path, {
        "clips": [{"path": str(media["counter"]), "in": 0.5, "out": 1.2},
                  {"path": str(media["still"]), "duration": 1.0}],
        "intro": None, "overlays": {"logo": None, "url": None}})


@pytest.fixture(params=["ffmpeg-frames", pytest.param("qt-multimedia", marks=needs_multimedia)])
def window(request: pytest.FixtureRequest, qtbot, tmp_path: Path, media: dict[str, Path],
           monkeypatch: pytest.MonkeyPatch) -> MainWindow:
    """The editor with a trimmed clip and a photo, its preview drawn, with either player."""
    if request.param == "ffmpeg-frames":
        monkeypatch.setattr(preview_pane, "open_player",
                            lambda parent: FramePlayer(parent, "chosen by the test"))
    window = MainWindow()
    qtbot.addWidget(window)
    window.ask_unsaved = lambda: QMessageBox.StandardButton.Discard
    window.show()
    window.open_project(trimmed_project(tmp_path, media))
    preview = window.preview
    qtbot.waitUntil(lambda: preview.plan is not None and not preview.busy, timeout=20_000)
    return window


def test_the_window_plays_a_clip_to_its_trim_and_shows_the_composed_frame_again(
        qtbot, window: MainWindow) -> None:
    preview = window.preview
    heads: list[float] = []
    preview.playhead_changed.connect(heads.append)
    played: list[tuple[QImage, float]] = []
    preview.player.frame.connect(lambda image, seconds: played.append((image, seconds)))
    shown: list[float] = []
    preview.frame_shown.connect(shown.append)
    assert preview.play_button.text() == "Play"

    window.play_action.trigger()  # Space
    assert preview.playing and preview.play_button.text() == "Pause"
    qtbot.waitUntil(lambda: not preview.playing, timeout=20_000)  # ends by itself at the trim
    assert preview.play_button.text() == "Play"
    assert len(heads) >= 10, "the playhead moved with the picture"
    assert heads == sorted(heads)
    assert heads[-1] < 0.7 + 1e-6, "the clip's 0.7 s played, not the rest of the file"
    # The first picture is the trim's in point: the counter's gray level is its frame number.
    image, seconds = played[0]
    assert seconds == pytest.approx(0.5, abs=1.5 / FPS)
    assert abs(gray(image) - counter_level(round(seconds * FPS))) <= 4
    # Afterwards the view shows the composed frame at the playhead again.
    qtbot.waitUntil(lambda: bool(shown) and not preview.busy, timeout=20_000)
    assert shown[-1] == pytest.approx(heads[-1])
    # Playing from the photo does nothing (nothing moves), and says so by not starting.
    preview.seek(1.2)
    assert not preview.play()
    # The sound button says why when there is no sound.
    if not preview.player.with_sound:
        assert not preview.mute_button.isEnabled()
        assert preview.player.silent_reason in preview.mute_button.toolTip()
    window.close()
    qtbot.waitUntil(lambda: running_workers() == 0, timeout=20_000)


def test_the_quick_preview_renders_small_and_plays_the_whole_video(
        qtbot, window: MainWindow) -> None:
    preview = window.preview
    heads: list[float] = []
    preview.playhead_changed.connect(heads.append)

    assert window.start_quick_preview()
    qtbot.waitUntil(lambda: preview.playing, timeout=60_000)  # rendered, then it plays at once
    assert preview.quick_preview_current()
    qtbot.waitUntil(lambda: not preview.playing, timeout=20_000)
    # One file from start to end: through the clip (0.7 s) and the photo (1 s), no stop between.
    assert heads[0] == pytest.approx(0.0, abs=1.5 / FPS)
    assert heads[-1] > 1.5
    assert heads == sorted(heads)
    # An edit makes it stale: Play goes back to the source clip under the playhead.
    window.document.set_value("trim", ("clips", 0, "out"), 1.0)
    assert not preview.quick_preview_current()
    window.close()
    qtbot.waitUntil(lambda: running_workers() == 0, timeout=20_000)


@needs_multimedia
def test_stopping_while_python_threads_are_busy_never_deadlocks(qtbot, media: dict[str, Path]
                                                                ) -> None:
    """Qt Multimedia's threads need Python's lock to tear down; a stop that kept it hung (about
    one stop in 15, measured, with a busy Python thread beside it)."""
    import faulthandler
    import threading
    import time

    # A deadlock holds the interpreter lock, so no Python timeout can fire: faulthandler's
    # watchdog is C, and ends the run with every thread's stack instead of hanging it.
    faulthandler.dump_traceback_later(120, exit=True)
    busy = True

    def spin() -> None:
        while busy:
            pass

    spinner = threading.Thread(target=spin)
    spinner.start()
    try:
        for _round in range(25):
            player = media_player()
            seen: list[float] = []
            player.frame.connect(lambda _image, seconds, seen=seen: seen.append(seconds))
            player.play(PlayRequest(media["vfr"], 0.5, (320, 180), FPS))
            qtbot.waitUntil(lambda seen=seen: len(seen) >= 2, timeout=15_000)
            time.sleep(0.05)
            player.shutdown()
            player.deleteLater()
    finally:
        busy = False
        spinner.join()
        faulthandler.cancel_dump_traceback_later()
