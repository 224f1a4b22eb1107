"""The one ffmpeg runner: progress events, errors with hints, and ffmpeg always stopped."""

from __future__ import annotations

import os
import time
from pathlib import Path

import psutil
import pytest

from shopreel.video.errors import Cancelled, RenderError, Stalled
from shopreel.video.ffmpeg_binary import ffmpeg_exe
from shopreel.video.hints import hint_for, last_error_line
from shopreel.video.runner import CancelToken, run_ffmpeg

PROGRESS = ["-progress", "pipe:1", "-nostats", "-stats_period", "0.2"]


def _encode(seconds: int, out: Path) -> list[str]:
    return [ffmpeg_exe(), "-hide_banner", "-nostdin", "-y", *PROGRESS, "-f", "lavfi",
            "-i", f"testsrc2=s=640x360:r=30:d={seconds}", "-c:v", "libx264", "-preset", "medium",
            "-f", "mp4", f"file:{out}"]


def _ffmpeg_children() -> list[psutil.Process]:
    return [p for p in psutil.Process().children(recursive=True) if "ffmpeg" in p.name()]


def test_progress_grows_to_one_with_speed_and_eta(tmp_path: Path) -> None:
    events = list(run_ffmpeg(_encode(3, tmp_path / "a.mp4"), 3.0))
    fractions = [event.fraction for event in events]
    assert fractions == sorted(fractions)
    assert fractions[-1] == 1.0
    assert events[-1].eta_seconds == 0.0
    assert any(event.speed for event in events)
    assert (tmp_path / "a.mp4").stat().st_size > 0


def test_a_failing_ffmpeg_raises_with_its_stderr_tail_and_a_hint(tmp_path: Path) -> None:
    broken = tmp_path / "broken.mp4"
    broken.write_bytes(b"\x00\x00\x00\x18ftypmp42" + b"\x00" * 64)
    args = [ffmpeg_exe(), "-hide_banner", "-nostdin", "-y", *PROGRESS, "-i", f"file:{broken}",
            "-f", "null", "-"]
    with pytest.raises(RenderError) as caught:
        list(run_ffmpeg(args, 1.0))
    error = caught.value
    assert error.returncode not in (0, None)
    assert "moov atom not found" in error.stderr_tail
    assert error.hint is not None and "copy it again" in error.hint
    assert error.cmd == args
    assert "\n" not in error.one_line()


def test_cancel_kills_ffmpeg(tmp_path: Path) -> None:
    token = CancelToken()
    events = run_ffmpeg(_encode(120, tmp_path / "long.mp4"), 120.0, cancel=token)
    next(events)
    token.cancel()
    started = time.monotonic()
    with pytest.raises(Cancelled):
        for _ in events:
            pass
    assert time.monotonic() - started < 5
    assert not _ffmpeg_children()


def test_leaving_the_loop_early_stops_ffmpeg(tmp_path: Path) -> None:
    events = run_ffmpeg(_encode(120, tmp_path / "long.mp4"), 120.0)
    next(events)
    assert _ffmpeg_children()
    events.close()
    assert not _ffmpeg_children()


@pytest.mark.parametrize(
    ("stderr", "expected"),
    [
        ("[out#0/mp4 @ 0x1] Error writing trailer: No space left on device", "disk is full"),
        ("file:/x/out.mp4: Permission denied", "permissions"),
        ("[mov,mp4 @ 0x2] moov atom not found", "copy it again"),
        ("Something nobody has seen before", None),
    ],
)
def test_known_failures_become_hints(stderr: str, expected: str | None) -> None:
    hint = hint_for(stderr)
    assert (hint is None) if expected is None else (expected in (hint or ""))


def test_last_error_line_prefers_the_error_over_noise() -> None:
    tail = "frame=  10 fps=0.0\n[libx264 @ 0x5] Error: width not divisible by 2\nConversion done"
    assert last_error_line(tail) == "Error: width not divisible by 2"


def test_a_stuck_ffmpeg_is_stopped_instead_of_hanging_forever(tmp_path: Path) -> None:
    fifo = tmp_path / "never-written"
    os.mkfifo(fifo)  # ffmpeg blocks opening it: no progress ever comes
    args = [ffmpeg_exe(), "-hide_banner", "-nostdin", "-y", *PROGRESS, "-f", "s16le",
            "-i", f"file:{fifo}", "-f", "null", "-"]
    started = time.monotonic()
    with pytest.raises(Stalled, match="stopped making progress"):
        list(run_ffmpeg(args, 10.0, stall_seconds=1.5))
    assert time.monotonic() - started < 10
    assert not _ffmpeg_children()
