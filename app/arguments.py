"""Argument types shared by the commands: argparse turns their ValueError into a usage error."""

from __future__ import annotations

import argparse


def seconds_argument(text: str) -> float:
    """A time as seconds or m:ss.s (``1.5``, ``0:01.5``)."""
    from shopreel.video.timecode import parse_time

    try:
        return parse_time(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None
