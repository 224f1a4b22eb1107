"""``shopreel sitemap add|validate``: the video sitemap from the command line.

Registered by ``app/cli.py`` (``add_parser``) and run through its error handling, so typed errors
become one-line messages with exit status 2 there. Warnings go to the ``shopreel`` logger, which
the command line shows as its own warnings (also as JSON events with ``--progress json``).
"""

from __future__ import annotations

import argparse
import logging
from collections.abc import Callable
from datetime import date, datetime, time
from pathlib import Path

from shopreel.app.arguments import seconds_argument
from shopreel.app.progress import emit_json

EXIT_OK = 0

_log = logging.getLogger("shopreel.sitemap")


def add_parser(command: Callable[[str, str], argparse.ArgumentParser],
               common: argparse.ArgumentParser) -> None:
    """Add ``sitemap add`` and ``sitemap validate`` through the CLI's subcommand factory.

    ``common`` holds the options every command accepts (``-q``, ``--progress`` ...).
    """
    sitemap = command("sitemap", "add a video to a Google video sitemap, or validate one")
    actions = sitemap.add_subparsers(dest="sitemap_command", metavar="ACTION", required=True)

    add = actions.add_parser(
        "add", parents=[common], help="add a video to the sitemap (or update its entry)",
        description="Add a video to a Google video sitemap, or update its entry: publishing the "
                    "same page and video again replaces it. The file is created if missing; "
                    "other entries and extensions in it are kept.")
    add.add_argument("sitemap", type=Path, help="sitemap file (.xml or .xml.gz)")
    add.add_argument("--page", required=True, metavar="URL", help="the product page's address")
    add.add_argument("--video", metavar="URL", help="the video file's address (MP4)")
    add.add_argument("--player", metavar="URL", help="a player page's address (instead of or "
                     "besides --video)")
    add.add_argument("--thumbnail", required=True, metavar="URL", help="the thumbnail's address")
    add.add_argument("--title", required=True, help="the video's title (up to 100 characters)")
    add.add_argument("--duration", required=True, type=seconds_argument, metavar="SECONDS",
                     help="the video's length: seconds or m:ss")
    add.add_argument("--description", default="", help="up to 2048 characters")
    add.add_argument("--tag", action="append", default=[], dest="tags", metavar="TAG",
                     help="a keyword; repeat for more (up to 32)")
    add.add_argument("--date", type=_moment, metavar="ISO",
                     help="publication date, like 2024-05-01 or 2024-05-01T12:00+02:00 "
                          "(default: kept from an earlier entry, else now)")
    add.add_argument("--expires", type=_moment, metavar="ISO", help="when the video goes offline")
    add.add_argument("--not-family-friendly", action="store_true",
                     help="the video is not suitable for all ages (SafeSearch)")
    countries = add.add_mutually_exclusive_group()
    countries.add_argument("--allow-country", action="append", metavar="CC",
                           help="show only in this country (ISO code like DE); repeat for more")
    countries.add_argument("--deny-country", action="append", metavar="CC",
                           help="do not show in this country; repeat for more")
    platforms = add.add_mutually_exclusive_group()
    platforms.add_argument("--allow-platform", action="append", choices=("web", "mobile", "tv"),
                           help="show only on this platform; repeat for more")
    platforms.add_argument("--deny-platform", action="append", choices=("web", "mobile", "tv"),
                           help="do not show on this platform; repeat for more")
    add.add_argument("--uploader", metavar="NAME", help="who published the video (the shop)")
    add.add_argument("--uploader-info", metavar="URL",
                     help="a page about the uploader on the same site")
    add.add_argument("--sitemap-url", metavar="URL",
                     help="the sitemap's own web address (used when it grows into a sitemap "
                          "index; default: the page's site root)")

    validate = actions.add_parser(
        "validate", parents=[common], help="check a sitemap against Google's schemas and rules",
        description="Check a sitemap (or sitemap index and its parts) against the sitemaps.org "
                    "and Google video schemas and the rules they leave out. Exit status 2 if "
                    "it has problems.")
    validate.add_argument("sitemap", type=Path, help="sitemap file (.xml or .xml.gz)")


def run(args: argparse.Namespace) -> int:
    """Run ``shopreel sitemap ...``. Raises ShopReelError for bad input."""
    if args.sitemap_command == "add":
        return _add(args)
    return _validate(args)


def _add(args: argparse.Namespace) -> int:
    from shopreel.publish.sitemap import PlatformRule, Restriction, Uploader, VideoEntry, upsert_video
    from shopreel.video.errors import PublishError

    if not args.video and not args.player:
        raise PublishError("sitemap add: no video address",
                           "give --video URL (the MP4 file) or --player URL")
    if args.uploader_info and not args.uploader:
        raise PublishError("sitemap add: --uploader-info needs --uploader NAME",
                           "add the uploader's name")
    restriction = None
    if args.allow_country or args.deny_country:
        restriction = Restriction("allow" if args.allow_country else "deny",
                                  tuple(args.allow_country or args.deny_country))
    platform = None
    if args.allow_platform or args.deny_platform:
        platform = PlatformRule("allow" if args.allow_platform else "deny",
                                tuple(args.allow_platform or args.deny_platform))
    entry = VideoEntry(
        page_url=args.page, content_url=args.video, player_url=args.player,
        thumbnail_url=args.thumbnail, title=args.title, description=args.description,
        duration_seconds=args.duration, publication_date=args.date, expiration_date=args.expires,
        family_friendly=not args.not_family_friendly, tags=tuple(args.tags),
        restriction=restriction, platform=platform,
        uploader=Uploader(args.uploader, args.uploader_info) if args.uploader else None)
    for warning in upsert_video(args.sitemap, entry, sitemap_url=args.sitemap_url):
        _log.warning(warning)
    if args.progress == "json":
        emit_json({"event": "done", "sitemap": str(args.sitemap), "page": args.page,
                   "video": args.video or args.player})
    elif not args.quiet:
        print(f"Updated {args.sitemap}: {args.video or args.player} on {args.page}")
    return EXIT_OK


def _validate(args: argparse.Namespace) -> int:
    from shopreel.publish.sitemap_validate import validate_sitemap
    from shopreel.video.errors import PublishError

    report = validate_sitemap(args.sitemap)
    for warning in report.warnings:
        _log.warning(warning)
    if args.progress == "json":
        emit_json({"event": "report", "sitemap": str(args.sitemap), "ok": report.ok,
                   "urls": report.urls, "videos": report.videos,
                   "problems": list(report.problems), "warnings": list(report.warnings)})
    elif not report.ok:
        # The report itself goes to stdout (one problem a line, for grep); the verdict is the
        # command's one-line error below.
        for problem in report.problems:
            print(f"{args.sitemap}: {problem}")
    if not report.ok:
        raise PublishError(report.summary(), "fix the problems listed, then validate again")
    if not args.quiet and args.progress != "json":
        print(report.summary())
    return EXIT_OK


def _moment(text: str) -> datetime:
    """An ISO date or date-time; without a timezone it means the computer's local time."""
    value = text.strip()
    try:
        if len(value) == 10:
            moment = datetime.combine(date.fromisoformat(value), time())
        else:
            moment = datetime.fromisoformat(value.replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a date; write 2024-05-01 or 2024-05-01T12:00:00+02:00") from None
    return moment if moment.tzinfo else moment.astimezone()
