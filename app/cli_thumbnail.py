"""``shopreel thumbnail INPUT...``: thumbnails of projects, videos and folders of videos.

Registered by ``app/cli.py`` (``add_parser``). Many inputs run in parallel (``--jobs``) with a
progress bar that counts files; one bad input is reported on its own line and skipped, the others
finish. The exit status says whether all succeeded: 0 all, 2 some input was unusable, 1 an
internal failure, 130 cancelled.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from shopreel.app.arguments import seconds_argument
from shopreel.app.messages import say, say_error, warn
from shopreel.app.progress import emit_json

EXIT_OK, EXIT_INTERNAL, EXIT_USER = 0, 1, 2


def add_parser(command: Callable[[str, str], argparse.ArgumentParser],
               common: argparse.ArgumentParser) -> None:
    """Add ``thumbnail`` through the CLI's subcommand factory (``common``: shared options)."""
    from shopreel.video.thumbnail_design import POSITIONS, TITLE_STYLES
    from shopreel.video.thumbnail_format import FORMATS

    parser = command("thumbnail", "make thumbnails of projects, videos or folders of videos")
    parser.add_argument("inputs", nargs="+", type=Path, metavar="INPUT",
                        help="project file (its rendered video), video file, or folder (every "
                             "video in it)")
    when = parser.add_mutually_exclusive_group()
    when.add_argument("--at", type=seconds_argument, metavar="TIME",
                      help="take the frame at this time (seconds or m:ss.s; for a project on its "
                           "output timeline)")
    when.add_argument("--auto", action="store_true",
                      help="choose the best frame (default, unless the project gives a time)")
    parser.add_argument("--title", help="title text drawn on the thumbnail")
    parser.add_argument("--title-style", choices=TITLE_STYLES,
                        help="badge: plate in the accent colour (default); banner: band in the "
                             "primary colour")
    parser.add_argument("--title-position", choices=POSITIONS, metavar="POSITION",
                        help="where the title goes (default bottom-center)")
    parser.add_argument("--logo", type=Path, metavar="FILE", help="logo image to add")
    parser.add_argument("--brand", type=Path, metavar="KIT",
                        help="brand kit (JSON) for the colours, font and logo of videos")
    parser.add_argument("--frame", action="store_true", help="an accent-coloured frame")
    parser.add_argument("--size", type=_size, metavar="WxH",
                        help="thumbnail size (default: the video's shape in 1280x1080, so "
                             "1280x720 for 16:9); 160x90 to 1920x1080")
    parser.add_argument("--format", choices=FORMATS, default="jpg",
                        help="jpg (default), png or webp; at most 2 MB")
    parser.add_argument("--out-dir", type=Path, metavar="DIR",
                        help="folder for the thumbnails (default: beside each video)")
    parser.add_argument("--jobs", type=_positive, default=os.cpu_count() or 1, metavar="N",
                        help="thumbnails made at the same time (default: number of CPU cores)")
    parser.add_argument("--candidates", type=_candidates, default=0, metavar="N",
                        help="also write NAME.candidates.jpg, a contact sheet of the N best frames")
    parser.add_argument("--fresh", action="store_true",
                        help="choose again instead of keeping the frame chosen last time")
    parser.add_argument("--force", action="store_true",
                        help="replace existing images that ShopReel did not make")


def _size(text: str) -> tuple[int, int]:
    from shopreel.video.thumbnail_format import parse_size

    try:
        return parse_size(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def _candidates(text: str) -> int:
    value = _positive(text)
    if value > 48:
        raise argparse.ArgumentTypeError("at most 48 candidates fit on a contact sheet")
    return value


def run(args: argparse.Namespace) -> int:
    """Make the thumbnails; print one line per input; return the exit status."""
    from shopreel.video.thumbnail import ThumbnailOptions
    from shopreel.video.thumbnail_batch import plan_batch, run_batch, video_spec

    options = ThumbnailOptions(
        at="auto" if args.auto else args.at, title=args.title, title_style=args.title_style,
        title_position=args.title_position, logo=args.logo, brand_kit=args.brand,
        frame=args.frame, size=args.size, format=args.format, candidates=args.candidates,
        fresh=args.fresh, force=args.force)
    video_spec(options)  # a bad logo or brand kit fails every input alike: say so once
    batch = plan_batch(args.inputs, options, args.out_dir)
    written = failed = 0
    worst = EXIT_OK
    with _progress(args.progress, batch.total) as advance:
        for outcome in run_batch(batch, options, jobs=args.jobs):
            if outcome.result is not None:
                written += 1
                _report_result(args, outcome.to_json())
            else:
                failed += 1
                worst = max(worst, outcome.exit_status, key=_severity)
                _report_error(args, outcome.to_json())
            advance()
    if args.progress == "json":
        emit_json({"event": "done", "written": written, "failed": failed})
    elif failed and batch.total > 1:
        sys.stderr.write(f"shopreel: {failed} of {batch.total} inputs failed; "
                         f"{written} thumbnail{'s' if written != 1 else ''} written\n")
        sys.stderr.flush()
    return worst


def _severity(status: int) -> int:
    # An internal failure (1) says more than a user error (2).
    return {EXIT_OK: 0, EXIT_USER: 1, EXIT_INTERNAL: 2}.get(status, 3)


def _report_result(args: argparse.Namespace, event: dict[str, Any]) -> None:
    if args.progress == "json":
        emit_json(event)  # its warnings travel inside the event
        return
    from shopreel.video.timecode import format_time

    for warning in event["warnings"]:
        warn(args, warning)
    choice = {"at": "as asked", "auto": "best frame", "recorded": "frame chosen before"}
    say(args, f"Wrote {event['output']} ({event['width']}x{event['height']}, "
              f"{event['size_bytes'] / 1000:.0f} KB, {format_time(event['at'])}, "
              f"{choice.get(event['choice'], event['choice'])})")
    if event["contact_sheet"]:
        say(args, f"Wrote {event['contact_sheet']} (best candidates)")


def _report_error(args: argparse.Namespace, event: dict[str, Any]) -> None:
    if args.progress == "json":
        emit_json(event)
    else:
        say_error(event["message"])


@contextmanager
def _progress(mode: str, total: int) -> Iterator[Callable[[], None]]:
    """A callable that counts one finished file: a bar, JSON progress events, or nothing."""
    done = 0
    if mode == "json":
        def advance_json() -> None:
            nonlocal done
            done += 1
            emit_json({"event": "progress", "stage": "thumbnail", "done": done, "total": total,
                       "fraction": round(done / total, 4) if total else 1.0})
        yield advance_json
    elif mode == "bar":
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        columns = (TextColumn("Thumbnails"), BarColumn(), MofNCompleteColumn(),
                   TimeRemainingColumn())
        with Progress(*columns, console=Console(stderr=True), transient=False) as bar:
            task = bar.add_task("thumbnails", total=total)
            yield lambda: bar.advance(task)
    else:
        yield lambda: None
