"""How every command speaks to the user: results on stdout, warnings and errors on stderr.

With ``--progress json`` results and warnings become JSON lines instead, so scripts read one
stream; ``-q`` keeps only errors.
"""

from __future__ import annotations

import argparse
import sys

from shopreel.app.progress import emit_json


def say(args: argparse.Namespace, text: str) -> None:
    """A result line for people (not shown with -q or --progress json)."""
    if not args.quiet and args.progress != "json":
        print(text)


def warn(args: argparse.Namespace, text: str) -> None:
    if args.progress == "json":
        emit_json({"event": "warning", "message": text})
    elif not args.quiet:
        sys.stderr.write(f"shopreel: warning: {text}\n")


def say_error(text: str) -> None:
    sys.stderr.write(f"shopreel: error: {text}\n")
