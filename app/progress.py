"""How the command line shows progress: a bar, JSON lines for scripts, or nothing."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from shopreel.video.runner import Progress


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


def follow(events: Iterable[Progress], mode: str, label: str) -> None:
    """Consume a progress iterator, showing it as ``mode`` says (bar, json or none)."""
    if mode == "json":
        for event in events:
            emit_json(event.to_json())
    elif mode == "bar":
        with _bar(label) as (bar, task):
            for event in events:
                speed = f"{event.speed:.2g}x" if event.speed else ""
                bar.update(task, completed=event.fraction, speed=speed)
    else:
        for _ in events:
            pass
