"""The one runner for ffmpeg: argument lists in, progress events out, cancellable.

``-progress pipe:1`` feeds progress on stdout; stderr is drained on a thread and its tail kept for
errors. The generator kills ffmpeg in ``finally``, so breaking out of the loop, Ctrl-C or a cancel
token all stop the process.
"""

from __future__ import annotations

import collections
import os
import subprocess
import threading
import time
from collections.abc import Generator, Sequence
from dataclasses import dataclass, replace
from typing import Any, Generic, TypeVar

from shopreel.video.errors import Cancelled, RenderError, Stalled
from shopreel.video.ffmpeg_binary import subprocess_flags
from shopreel.video.hints import hint_for, last_error_line

T = TypeVar("T")

STDERR_TAIL_LINES = 60
# ffmpeg reports every half second; this long without any advance means it is stuck.
STALL_SECONDS = 60.0


class CancelToken:
    """Shared between a worker and whoever may cancel it (GUI button, signal handler)."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        self._event.set()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()


@dataclass(frozen=True)
class RunLog:
    """What ffmpeg said: the tail of its log, and its error lines (with ``-loglevel level+...``)."""

    tail: str
    errors: tuple[str, ...] = ()


@dataclass(frozen=True)
class Progress:
    """One progress report of a long job."""

    fraction: float  # 0..1
    done_seconds: float
    total_seconds: float
    elapsed_seconds: float
    fps: float | None = None
    speed: float | None = None
    eta_seconds: float | None = None
    stage: str = "render"

    def to_json(self) -> dict[str, object]:
        return {
            "event": "progress", "stage": self.stage, "fraction": round(self.fraction, 4),
            "done_seconds": round(self.done_seconds, 3), "total_seconds": round(self.total_seconds, 3),
            "elapsed_seconds": round(self.elapsed_seconds, 2), "fps": self.fps, "speed": self.speed,
            "eta_seconds": None if self.eta_seconds is None else round(self.eta_seconds, 1),
        }


class Followed(Generic[T]):
    """A job's progress events to iterate over; ``result`` holds what the job returned.

    ``for event in (followed := Followed(job)): ...`` then ``followed.result``.
    """

    def __init__(self, job: Generator[Any, None, T]) -> None:
        self._job = job
        self._result: tuple[T] | None = None

    def __iter__(self) -> Generator[Any, None, None]:
        self._result = ((yield from self._job),)

    @property
    def result(self) -> T:
        if self._result is None:
            raise RuntimeError("the job has not finished")
        return self._result[0]


def finish(job: Generator[Progress, None, T]) -> T:
    """Run a job without watching its progress; return its result."""
    followed = Followed(job)
    for _ in followed:
        pass
    return followed.result


def within(job: Generator[Progress, None, T], start: float, end: float
           ) -> Generator[Progress, None, T]:
    """A step of a longer job: its fractions mapped onto [start, end] of the whole job.

    Returns the step's own result (``result = yield from within(step, 0.0, 0.1)``).
    """
    while True:
        try:
            event = next(job)
        except StopIteration as finished:
            result: T = finished.value
            return result
        yield replace(event, fraction=start + (end - start) * event.fraction)


def run_ffmpeg(
    args: Sequence[str],
    total_seconds: float,
    *,
    cancel: CancelToken | None = None,
    stage: str = "render",
    stall_seconds: float = STALL_SECONDS,
) -> Generator[Progress, None, RunLog]:
    """Run ffmpeg (``args[0]`` is the binary) and yield Progress until it finishes.

    Returns ffmpeg's log (``log = yield from run_ffmpeg(...)``): measuring filters print their
    results there.

    ``args`` must contain ``-progress pipe:1``. Raises RenderError with the stderr tail and a hint
    when ffmpeg fails, Stalled when it stops making progress for ``stall_seconds``, Cancelled
    when the token is set. ffmpeg is always gone when this returns.
    """
    started = time.monotonic()
    try:
        process = subprocess.Popen(
            list(args), stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            creationflags=subprocess_flags(),
            # Own process group: Ctrl-C reaches Python, which then stops ffmpeg deliberately.
            start_new_session=os.name == "posix",
        )
    except OSError as exc:
        raise RenderError(f"cannot start ffmpeg ({exc.strerror})",
                          "reinstall ShopReel or check SHOPREEL_FFMPEG", cmd=args) from exc
    tail: collections.deque[str] = collections.deque(maxlen=STDERR_TAIL_LINES)
    errors: collections.deque[str] = collections.deque(maxlen=STDERR_TAIL_LINES)
    drain = threading.Thread(target=_drain, args=(process.stderr, tail, errors), daemon=True)
    drain.start()
    watchdog = _Watchdog(process, cancel, stall_seconds)
    watchdog.start()
    try:
        fields: dict[str, str] = {}
        previous: dict[str, str] = {}
        assert process.stdout is not None
        for raw in process.stdout:
            key, _, value = raw.decode("utf-8", "replace").strip().partition("=")
            # While it flushes and finishes the file ffmpeg reports out_time=N/A; keep the last
            # known value, or progress would jump back to 0 just before the end.
            fields[key] = previous.get(key, value) if value == "N/A" else value
            if key in ("out_time_us", "total_size", "frame") and value != previous.get(key):
                watchdog.advanced()
            if key == "progress":
                yield _progress(fields, total_seconds, started, stage)
                previous, fields = fields, {}
        process.wait()
        drain.join(timeout=5)
        if cancel is not None and cancel.cancelled:
            raise Cancelled()
        if watchdog.stalled:
            raise Stalled(
                f"ffmpeg stopped making progress for {stall_seconds:.0f} s and was stopped",
                "try again; if it happens again, run with -v and report the output",
                cmd=args, returncode=process.returncode, stderr_tail="\n".join(tail))
        if process.returncode != 0:
            stderr_tail = "\n".join(tail)
            raise RenderError(
                f"ffmpeg failed: {last_error_line(stderr_tail)}",
                hint_for(stderr_tail), cmd=args, returncode=process.returncode,
                stderr_tail=stderr_tail,
            )
        return RunLog("\n".join(tail), tuple(errors))
    finally:
        watchdog.stop()
        if process.poll() is None:
            process.kill()
            process.wait()
        if process.stdout:
            process.stdout.close()


def _drain(stream: object, tail: collections.deque[str], errors: collections.deque[str]) -> None:
    for raw in stream:  # type: ignore[attr-defined]
        line = raw.decode("utf-8", "replace").rstrip()
        tail.append(line)
        if "[error]" in line or "[fatal]" in line:
            errors.append(line)


class _Watchdog(threading.Thread):
    """Kills ffmpeg when the user cancels or when it stops advancing (a stuck filter graph)."""

    def __init__(self, process: subprocess.Popen[bytes], cancel: CancelToken | None,
                 stall_seconds: float) -> None:
        super().__init__(daemon=True)
        self._process = process
        self._cancel = cancel
        self._stall_seconds = stall_seconds
        self._last_advance = time.monotonic()
        self._done = threading.Event()
        self.stalled = False

    def advanced(self) -> None:
        self._last_advance = time.monotonic()

    def stop(self) -> None:
        self._done.set()

    def run(self) -> None:
        while not self._done.wait(0.1) and self._process.poll() is None:
            if self._cancel is not None and self._cancel.cancelled:
                self._process.kill()
                return
            if time.monotonic() - self._last_advance > self._stall_seconds:
                self.stalled = True
                self._process.kill()
                return


def _number(text: str | None) -> float | None:
    try:
        return float(str(text).rstrip("x"))
    except ValueError:
        return None


def _progress(fields: dict[str, str], total: float, started: float, stage: str) -> Progress:
    out_us = _number(fields.get("out_time_us")) or _number(fields.get("out_time_ms"))
    done = max(0.0, (out_us or 0.0) / 1_000_000)
    finished = fields.get("progress") == "end"
    fraction = 1.0 if finished else (min(done / total, 1.0) if total > 0 else 0.0)
    elapsed = time.monotonic() - started
    eta = elapsed * (1 - fraction) / fraction if 0 < fraction < 1 else (0.0 if finished else None)
    return Progress(
        fraction=fraction, done_seconds=min(done, total) if total else done, total_seconds=total,
        elapsed_seconds=elapsed, fps=_number(fields.get("fps")), speed=_number(fields.get("speed")),
        eta_seconds=eta, stage=stage,
    )
