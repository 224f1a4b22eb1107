"""How the command line shows progress: a bar, JSON lines for scripts, or nothing."""

from __future__ import annotations

import json
import sys
from collections.abc import Generator, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

from shopreel.video.runner import Followed, Progress

T = TypeVar("T")

# How the bar names each stage of a job; other stages show the caller's label.
STAGE_LABELS = {"loudness": "Measuring the sound", "check": "Checking the result",
                "thumbnail": "Making the thumbnail", "done": "Done"}


def emit_json(event: dict[str, Any]) -> None:
    """One JSON object per line on stdout (``--progress json``)."""
    sys.stdout.write(json.dumps(event, ensure_ascii=False) + "\n")
    sys.stdout.flush()


@contextmanager
def _bar(label: str) -> Iterator[Any]:
    from rich.console import Console
    from rich.progress import BarColumn, TaskProgressColumn, TextColumn, TimeRemainingColumn
    from rich.progress import Progress as RichProgress

    columns = (TextColumn("{task.description}"), BarColumn(), TaskProgressColumn(),
               TextColumn("{task.fields[speed]}"), TimeRemainingColumn())
    with RichProgress(*columns, console=Console(stderr=True), transient=False) as bar:
        yield bar, bar.add_task(label, total=1.0, speed="")


def follow(job: Generator[Progress, None, T], mode: str, label: str) -> T:
    """Run a job, showing its progress as ``mode`` says (bar, json or none); return its result."""
    followed = Followed(job)
    if mode == "json":
        for event in followed:
            emit_json(event.to_json())
    elif mode == "bar":
        with _bar(label) as (bar, task):
            for event in followed:
                speed = f"{event.speed:.2g}x" if event.speed else ""
                bar.update(task, completed=event.fraction, speed=speed,
                           description=STAGE_LABELS.get(event.stage, label))
    else:
        for _ in followed:
            pass
    return followed.result
