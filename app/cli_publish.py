"""``shopreel publish`` and ``shopreel check``: one-click publishing and the readiness report."""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from shopreel.app.messages import warn as _warn
from shopreel.app.progress import emit_json, follow

_MARKS = {"pass": "ok  ", "warn": "WARN", "fail": "FAIL"}


def add_parsers(command: Callable[[str, str], argparse.ArgumentParser]) -> None:
    publish = command("publish", "render, make the thumbnail, check, and write the sitemap entry, "
                                 "JSON-LD, embed snippet and publish record")
    publish.add_argument("project", type=Path, help="project file")
    publish.add_argument("--out", type=Path, help="folder for the video and its files "
                                                  "(default: as the project says)")
    publish.add_argument("--no-upload", action="store_true",
                         help="never upload, even when publish.youtube.enabled is set")
    publish.add_argument("--force", action="store_true",
                         help="publish even when a readiness check fails")

    check = command("check", "the readiness report of a project or video against the checklist")
    check.add_argument("target", type=Path, metavar="PROJECT|VIDEO")
    check.add_argument("--out", type=Path, help="where the project was published (publish --out)")
    check.add_argument("--json", action="store_true", help="print the report as JSON")


def report_table(report: Any) -> str:
    """The readiness report as a readable table: status, checklist item, finding, fix."""
    lines = [f"Readiness of {report.subject}:"]
    width = max((len(check.what) for check in report.checks), default=0)
    for check in report.checks:
        line = f"  {_MARKS[check.status]}  {check.what:<{width}}  {check.found}"
        if check.fix:
            line += f"\n        -> {check.fix}"
        lines.append(line)
    lines.append(f"{len(report.failures)} failed, {len(report.warnings)} warning(s), "
                 f"{len(report.checks) - len(report.failures) - len(report.warnings)} passed")
    return "\n".join(lines)


def run_publish(args: argparse.Namespace) -> int:
    from shopreel.publish.pipeline import publish_project

    result = follow(publish_project(args.project, out_dir=args.out, force=args.force,
                                    upload=not getattr(args, "no_upload", False)),
                    args.progress, f"Publishing {args.project.name}")
    for warning in result.warnings:
        _warn(args, warning)
    if args.progress == "json":
        emit_json(result.to_json())
        return 0
    if not args.quiet:
        print(report_table(result.readiness))
        reuse = " (the video was unchanged: reused, not rendered again)" if result.reused_render else ""
        print(f"Published {result.video.name}{reuse}.")
        for role, path in (("video", result.video), ("thumbnail", result.thumbnail),
                           ("sitemap", result.sitemap), *result.files.items(),
                           ("record", result.record)):
            if path is not None:
                state = "written" if path in result.written else "unchanged"
                print(f"  {role:<10} {path}  ({state})")
        if result.youtube:
            print(f"  {'youtube':<10} {result.youtube}")
    return 0


def run_check(args: argparse.Namespace) -> int:
    from shopreel.publish.check import check_project, check_video, is_project_file

    target: Path = args.target
    report = (check_project(target, args.out) if is_project_file(target) else check_video(target))
    if args.json or args.progress == "json":
        print(json.dumps(report.to_json(), indent=2, ensure_ascii=False))
    else:
        print(report_table(report))
    # Failing checks are the user's to fix: the same status as other user errors.
    return 2 if report.failures else 0
