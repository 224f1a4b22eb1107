"""``shopreel youtube login|logout|status|upload|thumbnail``: YouTube from the command line.

Registered by ``app/cli.py`` (``add_parser``) and run through its error handling, so typed errors
become one-line messages with their exit status there. Credentials are never printed: only where
they are kept and what they allow.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Generator
from dataclasses import replace
from pathlib import Path
from typing import Any

from shopreel.app.messages import say as _say
from shopreel.app.messages import warn as _warn
from shopreel.app.progress import emit_json, follow
from shopreel.video.runner import Followed

EXIT_OK, EXIT_USER = 0, 2


def _size(text: str) -> int:
    """'4m', '512k' or bytes; a multiple of 256 KiB."""
    units = {"k": 1024, "m": 1024 * 1024}
    try:
        value = int(text[:-1]) * units[text[-1].lower()] if text[-1:].lower() in units else int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a size like 4m or 512k") from None
    if value <= 0 or value % (256 * 1024):
        raise argparse.ArgumentTypeError(f"{text}: must be a multiple of 256k (YouTube's rule)")
    return value


def add_parser(command: Callable[[str, str], argparse.ArgumentParser],
               common: argparse.ArgumentParser) -> None:
    """Add ``youtube`` and its actions through the CLI's subcommand factory."""
    youtube = command("youtube", "sign in to YouTube and upload videos")
    actions = youtube.add_subparsers(dest="youtube_command", metavar="ACTION", required=True)

    def action(name: str, help_text: str) -> argparse.ArgumentParser:
        return actions.add_parser(name, parents=[common], help=help_text, description=help_text)

    login = action("login", "sign in to YouTube in the browser (once; refreshed automatically)")
    login.add_argument("--client-secrets", type=Path, metavar="FILE",
                       help="OAuth client file (type Desktop app) from the Google Cloud Console; "
                            "needed the first time, remembered after")
    login.add_argument("--playlists", action="store_true",
                       help="also allow adding videos to playlists (asks for wider access)")
    login.add_argument("--no-browser", action="store_true",
                       help="only print the address to open, do not start a browser")
    action("logout", "forget the stored YouTube sign-in")
    action("status", "which channel is signed in, with what access, and where it is kept")

    upload = action("upload", "upload a video to YouTube (resumable: run again to continue)")
    upload.add_argument("video", type=Path, help="the video file")
    upload.add_argument("--project", type=Path,
                        help="take title, description, tags and YouTube settings from this project")
    upload.add_argument("--title", help="1 to 100 characters (default: the project's title or the "
                                        "file name)")
    upload.add_argument("--description", help="up to 5000 bytes")
    upload.add_argument("--tags", help="comma-separated keywords, up to 500 characters in all")
    upload.add_argument("--thumbnail", type=Path, metavar="FILE",
                        help="custom thumbnail, JPG or PNG, at most 2 MB (1280x720 is best)")
    upload.add_argument("--privacy", choices=("public", "unlisted", "private"),
                        help="default: the project's, else unlisted")
    upload.add_argument("--publish-at", metavar="ISO",
                        help="make public at this time (with --privacy private), "
                             "like 2025-06-01T09:00+02:00")
    upload.add_argument("--category", metavar="ID", help="YouTube category id (default 22)")
    kids = upload.add_mutually_exclusive_group()
    kids.add_argument("--for-kids", dest="made_for_kids", action="store_const", const=True,
                      help="the video is made for children (YouTube requires a declaration)")
    kids.add_argument("--not-for-kids", dest="made_for_kids", action="store_const", const=False,
                      help="the video is not made for children")
    upload.add_argument("--playlist", metavar="ID", help="add the video to this playlist")
    upload.add_argument("--chunk-size", type=_size, metavar="SIZE",
                        help="bytes per request, a multiple of 256k (default 4m)")
    upload.add_argument("--again", action="store_true",
                        help="upload even though this file was uploaded before")

    thumbnail = action("thumbnail", "set the custom thumbnail of an uploaded video")
    thumbnail.add_argument("video_id", metavar="VIDEO_ID")
    thumbnail.add_argument("image", type=Path, metavar="FILE", help="JPG or PNG, at most 2 MB")


def run(args: argparse.Namespace) -> int:
    from shopreel.publish.youtube_errors import MetadataError

    handler = {"login": _login, "logout": _logout, "status": _status, "upload": _upload,
               "thumbnail": _thumbnail}[args.youtube_command]
    try:
        return handler(args)
    except MetadataError as exc:
        # One line per broken rule, so each can be fixed from its own message.
        for problem in exc.problems:
            if args.progress == "json":
                emit_json({"event": "error", "message": problem, "exit_status": exc.exit_status})
            else:
                sys.stderr.write(f"shopreel: error: {problem}\n")
        if args.progress != "json":
            sys.stderr.write("shopreel: error: nothing was uploaded\n")
        return exc.exit_status


def _access(sign_in: Any) -> str:
    if sign_in.scopes is None:
        return "as granted in the credentials file"
    return "uploads and playlists" if sign_in.can_use_playlists else "uploads only"


def _channel(args: argparse.Namespace, sign_in: Any) -> str | None:
    """'Name (UC...)' of the signed-in channel: asked from YouTube when the access allows it,
    else the one the last upload went to."""
    from shopreel.publish.youtube_auth import read_settings
    from shopreel.publish.youtube_client import YouTubeClient
    from shopreel.publish.youtube_errors import UploadError

    try:
        found = YouTubeClient(sign_in).channel()
    except UploadError as exc:
        _warn(args, f"could not ask YouTube for the channel: {exc.one_line()}")
        found = None
    if found is not None:
        return f"{found[1]} ({found[0]})"
    remembered = read_settings().get("channel") if not sign_in.from_env else None
    if isinstance(remembered, dict) and remembered.get("id"):
        return f"{remembered.get('title') or '?'} ({remembered['id']}, as of the last upload)"
    return None


def _login(args: argparse.Namespace) -> int:
    from shopreel.publish.youtube_auth import ENV_CREDENTIALS, login

    sign_in, where = login(args.client_secrets, playlists=args.playlists,
                           open_browser=not args.no_browser)
    channel = _channel(args, sign_in)
    _say(args, f"Signed in to YouTube{f' as {channel}' if channel else ''} ({_access(sign_in)}).")
    _say(args, f"The sign-in is kept in {where}.")
    if os.environ.get(ENV_CREDENTIALS):
        _warn(args, f"{ENV_CREDENTIALS} is set: it is used instead of this sign-in")
    if args.progress == "json":
        emit_json({"event": "signed_in", "channel": channel, "access": _access(sign_in),
                   "stored_in": where})
    return EXIT_OK


def _logout(args: argparse.Namespace) -> int:
    from shopreel.publish.youtube_auth import ENV_CREDENTIALS, logout

    removed = logout()
    _say(args, "Signed out: the stored YouTube sign-in is removed. To withdraw ShopReel's access "
               "completely, remove it at https://myaccount.google.com/permissions."
         if removed else "Not signed in: nothing to remove.")
    if os.environ.get(ENV_CREDENTIALS):
        _warn(args, f"{ENV_CREDENTIALS} is set and still used; unset it to sign out fully")
    if args.progress == "json":
        emit_json({"event": "signed_out", "removed": removed})
    return EXIT_OK


def _status(args: argparse.Namespace) -> int:
    from shopreel.publish.youtube_auth import load_sign_in, read_settings

    sign_in = load_sign_in()
    channel = _channel(args, sign_in)
    client_file = read_settings().get("client_secrets")
    if args.progress == "json":
        emit_json({"event": "status", "signed_in": True, "channel": channel,
                   "access": _access(sign_in), "credentials": sign_in.source,
                   "client_secrets": client_file})
        return EXIT_OK
    print(f"Signed in to YouTube as {channel}." if channel else
          "Signed in to YouTube (the channel is named after the first upload; "
          "`shopreel youtube login --playlists` lets ShopReel ask for it).")
    print(f"  access:       {_access(sign_in)}")
    print(f"  credentials:  {sign_in.source}")
    if client_file:
        print(f"  client file:  {client_file}")
    return EXIT_OK


def _metadata(args: argparse.Namespace) -> Any:
    from shopreel.publish.youtube_metadata import VideoMetadata, metadata_from_project

    tags = None if args.tags is None else tuple(t.strip() for t in args.tags.split(",") if t.strip())
    overrides = {"title": args.title, "description": args.description, "tags": tags,
                 "privacy": args.privacy, "category_id": args.category,
                 "made_for_kids": args.made_for_kids, "publish_at": args.publish_at,
                 "thumbnail": args.thumbnail, "playlist_id": args.playlist}
    if args.project is not None:
        from shopreel.video.project import load_project

        return metadata_from_project(load_project(args.project), **overrides)
    title = args.video.stem.replace("_", " ").replace("-", " ").strip()
    base = VideoMetadata(title=title, made_for_kids=None)
    return replace(base, **{key: value for key, value in overrides.items() if value is not None})


def _follow_upload(job: Generator[Any, None, Any], args: argparse.Namespace, label: str) -> Any:
    """Show an upload's progress: bytes, rate and time left on a bar; else as ``follow`` does."""
    from shopreel.video.errors import Cancelled

    try:
        if args.progress != "bar":
            return follow(job, args.progress, label)
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            DownloadColumn,
            TextColumn,
            TimeRemainingColumn,
            TransferSpeedColumn,
        )
        from rich.progress import Progress as RichProgress

        columns = (TextColumn("{task.description}"), BarColumn(), DownloadColumn(),
                   TransferSpeedColumn(), TimeRemainingColumn())
        with RichProgress(*columns, console=Console(stderr=True)) as bar:
            task = bar.add_task(label, total=None)
            followed = Followed(job)
            for event in followed:
                total = getattr(event, "total_bytes", 0) or None
                bar.update(task, total=total, completed=getattr(event, "sent_bytes", 0))
            return followed.result
    except KeyboardInterrupt:
        job.close()
        raise Cancelled("upload interrupted; run the same command again to continue where it "
                        "stopped") from None


def _upload(args: argparse.Namespace) -> int:
    from shopreel.publish.record import file_sha256
    from shopreel.publish.youtube_auth import load_sign_in
    from shopreel.publish.youtube_client import WATCH_URL, YouTubeClient
    from shopreel.publish.youtube_errors import UploadError
    from shopreel.publish.youtube_metadata import check_metadata
    from shopreel.publish.youtube_session import DEFAULT_CHUNK_SIZE
    from shopreel.publish.youtube_upload import standalone_store, upload_video

    video: Path = args.video
    if not video.is_file():
        raise UploadError(f"{video}: no such file", "check the path")
    meta = _metadata(args)
    check_metadata(meta)  # before signing in, hashing or any network call
    sign_in = load_sign_in(playlists=bool(meta.playlist_id))
    digest = file_sha256(video)
    store = standalone_store(digest)
    earlier = store.read().get("video_id")
    if earlier and not args.again:
        raise UploadError(f"{video}: already uploaded as {WATCH_URL.format(id=earlier)}",
                          "add --again to upload another copy")
    if args.again:
        store.write({})
    job = upload_video(YouTubeClient(sign_in), video, meta, store=store, sha256=digest,
                       chunk_size=args.chunk_size or DEFAULT_CHUNK_SIZE)
    result = _follow_upload(job, args, f"Uploading {video.name}")
    store.write({"video_id": result.video_id, "session": None})
    for warning in result.warnings:
        _warn(args, warning)
    if args.progress == "json":
        emit_json(result.to_json())
        return EXIT_OK
    if result.resumed_at:
        _say(args, f"Continued an interrupted upload ({result.resumed_at / 1024 / 1024:.1f} MiB "
                   "were already on YouTube).")
    _say(args, f"Uploaded {video.name} to YouTube as {result.privacy}.")
    if args.quiet:
        print(result.video_id)
    else:
        print(f"  video id: {result.video_id}\n  url:      {result.url}")
    return EXIT_OK


def _thumbnail(args: argparse.Namespace) -> int:
    from shopreel.publish.youtube_auth import load_sign_in
    from shopreel.publish.youtube_client import WATCH_URL, YouTubeClient
    from shopreel.publish.youtube_errors import MetadataError
    from shopreel.publish.youtube_metadata import thumbnail_problems

    problems = thumbnail_problems(args.image)
    if problems:
        raise MetadataError(problems)
    YouTubeClient(load_sign_in()).set_thumbnail(args.video_id, args.image)
    _say(args, f"Thumbnail set for {WATCH_URL.format(id=args.video_id)}")
    return EXIT_OK
