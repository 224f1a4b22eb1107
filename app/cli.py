"""The command line: every capability of ShopReel as a subcommand.

This is the edge where typed errors become one-line messages and exit statuses:
0 ok, 1 internal error, 2 user error (bad input, validation), 130 cancelled.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
import time
from collections.abc import Sequence
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING

from shopreel.app import cli_publish, cli_sitemap, cli_thumbnail, cli_youtube
from shopreel.app.arguments import seconds_argument
from shopreel.app.messages import say as _say
from shopreel.app.messages import say_error as _say_error
from shopreel.app.messages import warn as _warn
from shopreel.app.progress import emit_json, follow
from shopreel.video.errors import Cancelled, ProjectError, RenderError, ShopReelError

if TYPE_CHECKING:
    from shopreel.video.sound import SoundReport

EXIT_OK, EXIT_INTERNAL, EXIT_USER, EXIT_CANCELLED = 0, 1, 2, 130


class _Parser(argparse.ArgumentParser):
    def parse_known_args(  # type: ignore[override]
        self, args: Sequence[str] | None = None, namespace: argparse.Namespace | None = None
    ) -> tuple[argparse.Namespace, list[str]]:
        self._seen = list(sys.argv[1:] if args is None else args)  # for error() below
        return super().parse_known_args(args, namespace)

    def error(self, message: str) -> None:  # type: ignore[override]
        # argparse's own usage errors: one line plus the usage, exit status 2 like other user errors.
        # argparse takes an existing file named "-x.mp4" for an option; say so, naming the file.
        dashed = next((arg for arg in getattr(self, "_seen", ()) if arg.startswith("-")
                       and os.path.exists(arg)), None)
        if dashed:
            message += f" ({dashed} is a file, not an option: write ./{dashed} or put -- before it)"
        self.print_usage(sys.stderr)
        sys.stderr.write(f"shopreel: error: {message}\n")
        raise SystemExit(EXIT_USER)


def _version_text() -> str:
    from shopreel.video.ffmpeg_binary import ffmpeg_exe, ffmpeg_version

    ours = metadata.version("shopreel")
    try:
        exe = ffmpeg_exe()
        theirs = f"ffmpeg {ffmpeg_version(exe)} ({exe})"
    except ShopReelError as exc:
        theirs = f"ffmpeg unavailable: {exc.one_line()}"
    return f"ShopReel {ours}\n{theirs}"


class _VersionAction(argparse.Action):
    def __call__(self, parser: argparse.ArgumentParser, *_: object) -> None:
        print(_version_text())
        parser.exit()


def build_parser() -> argparse.ArgumentParser:
    common = _Parser(add_help=False)  # a parent of the subcommands' _Parser: the same class
    common.add_argument("--progress", choices=("bar", "json", "none"), default=None,
                        help="how to show progress (default: a bar on a terminal, else none)")
    common.add_argument("-q", "--quiet", action="store_true", help="print only errors")
    common.add_argument("-v", "--verbose", action="store_true",
                        help="print details of errors (ffmpeg command and output)")

    parser = _Parser(prog="shopreel", parents=[common],
                     description="Turn raw product clips into a finished, web-ready product video.")
    parser.add_argument("--version", action=_VersionAction, nargs=0,
                        help="print ShopReel's and ffmpeg's versions")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    def command(name: str, help_text: str) -> argparse.ArgumentParser:
        return sub.add_parser(name, help=help_text, description=help_text, parents=[common])

    gui = command("gui", "open the desktop editor")
    gui.add_argument("project", nargs="?", type=Path, help="project file to open")

    demo = command("demo", "make the bundled example project and render it (no network needed)")
    demo.add_argument("--out", type=Path, default=Path("shopreel-demo"),
                      help="folder for the example project and its output (default: shopreel-demo)")

    new = command("new", "create a project file from clips")
    new.add_argument("project", type=Path, help="project file to write (NAME.shopreel.json)")
    new.add_argument("--clip", action="append", type=Path, required=True, dest="clips",
                     metavar="FILE", help="a video or photo; repeat for more clips, in order")
    new.add_argument("--title", help="the video's title (default: from the file name)")
    new.add_argument("--preset", help="output preset (see `shopreel presets`)")
    new.add_argument("--force", action="store_true", help="replace an existing project file")

    render = command("render", "render a project into a web-ready MP4 (one ffmpeg pass)")
    render.add_argument("project", type=Path, help="project file")
    render.add_argument("-o", "--output", type=Path, help="output MP4 (default: from the project)")
    render.add_argument("--preset", help="output preset (see `shopreel presets`)")

    probe = command("probe", "print the media facts of a file as JSON")
    probe.add_argument("file", type=Path)
    probe.add_argument("--loudness", action="store_true",
                       help="also measure the sound's loudness (LUFS, true peak, range)")

    frame = command("frame", "save the frame shown at a time of a video as an image")
    frame.add_argument("video", type=Path)
    frame.add_argument("--at", required=True, type=seconds_argument, metavar="TIME",
                       help="seconds or m:ss.s")
    frame.add_argument("-o", "--output", type=Path, required=True, help="PNG, JPG or WebP file")
    frame.add_argument("--width", type=int, help="scale to this width (keeps the aspect)")

    command("presets", "list the output presets")
    command("schema", "print the project file's JSON Schema")
    cli_sitemap.add_parser(command, common)
    cli_thumbnail.add_parser(command, common)
    cli_publish.add_parsers(command)
    cli_youtube.add_parser(command, common)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``shopreel`` command. Returns (and exits with) the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.progress is None:
        args.progress = "bar" if sys.stderr.isatty() and not args.quiet else "none"
    _route_core_logging(args)
    try:
        status = _dispatch(parser, args)
    except KeyboardInterrupt:
        _say_error("cancelled; nothing was written")
        status = EXIT_CANCELLED
    except Cancelled as exc:
        _say_error(exc.one_line())
        status = EXIT_CANCELLED
    except ShopReelError as exc:
        _say_error(exc.one_line())
        if args.verbose and isinstance(exc, RenderError):
            sys.stderr.write("command: " + " ".join(exc.cmd) + "\n" + exc.stderr_tail + "\n")
        if args.progress == "json":
            emit_json({"event": "error", "message": exc.one_line(), "exit_status": exc.exit_status})
        status = exc.exit_status
    except Exception as exc:  # the last line of defence: a bug, reported as one line
        if args.verbose:
            import traceback

            traceback.print_exc()
        _say_error(f"internal error: {type(exc).__name__}: {exc} (run with -v for details and "
                   "please report it)")
        status = EXIT_INTERNAL
    if argv is None:
        raise SystemExit(status)
    return status


class _CoreLogHandler(logging.Handler):
    """The core logs warnings (e.g. a retried render); show them like the CLI's own warnings."""

    def __init__(self, args: argparse.Namespace) -> None:
        super().__init__(logging.DEBUG if args.verbose else logging.WARNING)
        self.args = args

    def emit(self, record: logging.LogRecord) -> None:
        _warn(self.args, record.getMessage())


def _route_core_logging(args: argparse.Namespace) -> None:
    logger = logging.getLogger("shopreel")
    logger.handlers[:] = [_CoreLogHandler(args)]
    logger.setLevel(logging.DEBUG if args.verbose else logging.WARNING)
    logger.propagate = False


def _dispatch(parser: argparse.ArgumentParser, args: argparse.Namespace) -> int:
    if args.command in (None, "gui"):
        from shopreel.app.gui.launch import launch_gui

        return launch_gui(getattr(args, "project", None))
    handler = {
        "demo": _cmd_demo, "new": _cmd_new, "render": _cmd_render, "probe": _cmd_probe,
        "frame": _cmd_frame,
        "presets": _cmd_presets, "schema": _cmd_schema, "sitemap": cli_sitemap.run,
        "thumbnail": cli_thumbnail.run, "publish": cli_publish.run_publish,
        "check": cli_publish.run_check,
        "youtube": cli_youtube.run,
    }[args.command]
    return handler(args)


def _cmd_probe(args: argparse.Namespace) -> int:
    from shopreel.video.probe import probe

    facts = probe(args.file).to_json()
    if args.loudness:
        from shopreel.video.loudness import measure_file

        facts["loudness"] = follow(measure_file(args.file), "none" if args.progress == "json"
                                   else args.progress, f"Measuring {args.file.name}").to_json()
    print(json.dumps(facts, indent=2, ensure_ascii=False))
    return EXIT_OK


def _cmd_frame(args: argparse.Namespace) -> int:
    from shopreel.video.frames import extract_frame

    extract_frame(args.video, args.at, args.output, args.width)
    _say(args, f"Wrote {args.output}")
    return EXIT_OK


def _cmd_presets(args: argparse.Namespace) -> int:
    from shopreel.video.presets import DEFAULT_PRESET, PRESETS

    if args.progress == "json":
        for preset in PRESETS.values():
            emit_json({"name": preset.name, "size": preset.size, "description": preset.description})
        return EXIT_OK
    for preset in PRESETS.values():
        default = " (default)" if preset.name == DEFAULT_PRESET else ""
        print(f"{preset.name:<15} {preset.size:<10} {preset.description}{default}")
    return EXIT_OK


def _cmd_schema(args: argparse.Namespace) -> int:
    from shopreel.video.project import json_schema

    print(json.dumps(json_schema(), indent=2, ensure_ascii=False))
    return EXIT_OK


def _cmd_new(args: argparse.Namespace) -> int:
    from shopreel.video.probe import probe
    from shopreel.video.project import SUFFIX, Clip, Output, Project, save_project

    target: Path = args.project
    if target.exists() and not args.force:
        raise ProjectError(f"{target}: already exists", "choose another name or add --force")
    folder = target.absolute().parent
    clips = []
    for index, path in enumerate(args.clips):
        try:
            probe(path)
        except ShopReelError as exc:
            raise ProjectError(f"--clip {index + 1}: {exc.one_line()}") from None
        clips.append(Clip(path=_relative_to(path, folder)))
    name = target.name.removesuffix(SUFFIX).removesuffix(".json")
    output = Output(preset=args.preset) if args.preset else Output()
    project = Project(version=1, title=args.title or name.replace("-", " ").replace("_", " "),
                      clips=clips, output=output)
    save_project(project, target)
    _say(args, f"Wrote {target} with {len(clips)} clip(s). Render it with: shopreel render {target}")
    return EXIT_OK


def _relative_to(path: Path, folder: Path) -> str:
    absolute = path.absolute()
    try:
        return os.path.relpath(absolute, folder)
    except ValueError:  # another drive on Windows
        return str(absolute)


def _cmd_render(args: argparse.Namespace) -> int:
    from shopreel.video.project import load_project

    project = load_project(args.project)
    _render(args, project, args.project, args.output, args.preset)
    return EXIT_OK


def _render(args: argparse.Namespace, project: object, project_path: Path,
            output: Path | None, preset: str | None) -> None:
    from shopreel.video.plan import plan_render
    from shopreel.video.render import describe_output, render
    from shopreel.video.thumbnail_project import check_project_thumbnail, project_thumbnail

    plan = plan_render(project, project_path, preset_name=preset,  # type: ignore[arg-type]
                       output=output)
    for warning in plan.warnings:
        _warn(args, warning)
    check_project_thumbnail(project, plan)  # type: ignore[arg-type]
    started = time.monotonic()
    sound = follow(render(plan), args.progress, f"Rendering {plan.output.name}")
    result = describe_output(plan, time.monotonic() - started, sound)
    thumbnail = project_thumbnail(project, plan, project_path=project_path)  # type: ignore[arg-type]
    if args.progress == "json":
        emit_json({**result.to_json(), "thumbnail": str(thumbnail.path)})
        return
    info = result.info
    _say(args, f"Wrote {result.output} ({info.width}x{info.height}, {info.duration:.2f} s, "
               f"{result.size_bytes / 1_000_000:.1f} MB) in {result.elapsed_seconds:.1f} s")
    if result.sound is not None:
        _say(args, _sound_summary(result.sound))
    _say(args, f"Wrote {thumbnail.path} (thumbnail at {thumbnail.seconds:.2f} s)")


def _sound_summary(sound: SoundReport) -> str:
    measured = sound.output
    if measured is None or measured.silent:
        return "Sound: silent"
    text = (f"Sound: {measured.integrated_lufs:.1f} LUFS, true peak {measured.true_peak_dbtp:.1f} dBTP"
            f" (target {sound.target_lufs:g} LUFS, ceiling {sound.true_peak_db:g} dBTP)")
    modes = {"linear": f"one gain of {sound.gain_db:+.1f} dB",
             "dynamic": "dynamic normalisation: linear gain would have clipped the peaks",
             "off": "not normalised (audio.normalize is false)", "silent": "nothing to normalise"}
    return f"{text}; {modes[sound.mode]}"


def _cmd_demo(args: argparse.Namespace) -> int:
    from shopreel.video.demo import create_demo

    project_path = create_demo(args.out)
    _say(args, f"Example project: {project_path}")
    status = cli_publish.run_publish(argparse.Namespace(
        **{**vars(args), "project": project_path, "out": None, "force": False}))
    _say(args, f"Open {args.out / 'out' / 'embed-preview.html'} in a browser to see the product "
               "page with its video.")
    return status

if __name__ == "__main__":
    main()
