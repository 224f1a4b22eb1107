"""Thumbnails of many inputs at once: project files, video files and folders of videos.

Inputs are expanded and named first (so names never depend on which job finishes first), then
made in parallel by a pool of threads, each driving its own ffmpeg processes. One bad input is
reported and skipped; the others finish. Every file is written atomically, so a failed or
cancelled input leaves nothing half-written.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path

from shopreel.video.brand import effective_brand
from shopreel.video.errors import Cancelled, ShopReelError
from shopreel.video.fonts import font_chain
from shopreel.video.probe import VIDEO_SUFFIXES
from shopreel.video.project import Brand, load_project
from shopreel.video.runner import CancelToken
from shopreel.video.thumbnail import (
    ThumbnailOptions,
    ThumbnailResult,
    ThumbnailSpec,
    make_thumbnail,
    thumbnail_path,
)
from shopreel.video.thumbnail_design import Design, check_logo
from shopreel.video.thumbnail_project import project_thumbnail, rendered_video


@dataclass(frozen=True)
class Job:
    """One thumbnail to make: from a project (its rendered video) or a video file."""

    label: str  # the input as the user will recognise it
    path: Path
    is_project: bool
    out: Path


@dataclass(frozen=True)
class Outcome:
    """How one input went: a result, or a one-line error and the exit status it deserves."""

    label: str
    result: ThumbnailResult | None = None
    error: str | None = None
    exit_status: int = 0

    @property
    def ok(self) -> bool:
        return self.result is not None

    def to_json(self) -> dict[str, object]:
        if self.result is not None:
            return {**self.result.to_json(), "input": self.label}
        return {"event": "error", "input": self.label, "message": self.error,
                "exit_status": self.exit_status}


@dataclass(frozen=True)
class Batch:
    jobs: tuple[Job, ...]
    refused: tuple[Outcome, ...]  # inputs found unusable before any work (missing, no videos)

    @property
    def total(self) -> int:
        return len(self.jobs) + len(self.refused)


def video_spec(options: ThumbnailOptions) -> ThumbnailSpec:
    """The spec for plain videos: the options, with a brand kit's colours, font and logo.

    Raises ProjectError for an unusable brand kit or font, MediaError for an unreadable logo.
    """
    design = Design()
    if options.brand_kit is not None:
        brand = effective_brand(Brand(kit=str(options.brand_kit.absolute())), Path.cwd())
        font_chain(brand_font=brand.font)
        design = Design(logo=brand.logo, logo_position=brand.styles.logo_position,
                        colors=brand.colors, font=brand.font)
    logo = options.logo or design.logo
    if logo is not None:
        check_logo(logo)
    design = Design(
        title=options.title, title_style=options.title_style or "badge",
        title_position=options.title_position or "bottom-center", logo=logo,
        logo_position=design.logo_position, frame=options.frame, colors=design.colors,
        font=design.font)
    return ThumbnailSpec(
        at=options.at if options.at is not None else "auto", design=design, size=options.size,
        format=options.format, candidates=options.candidates, fresh=options.fresh,
        force=options.force)


def plan_batch(inputs: Sequence[Path], options: ThumbnailOptions,
               out_dir: Path | None = None) -> Batch:
    """Expand folders, read project files, and give every thumbnail its own file name."""
    jobs: list[Job] = []
    refused: list[Outcome] = []
    seen: set[Path] = set()
    taken: set[str] = set()

    def add(label: str, path: Path, is_project: bool, video: Path) -> None:
        key = path.resolve()
        if key in seen:
            return
        seen.add(key)
        out = thumbnail_path(video, options.format, out_dir)
        # Two videos with the same name (a.mp4 and a.mov, or from two folders) into one folder.
        number = 2
        base = out
        while str(out.absolute()).casefold() in taken:
            out = base.with_name(f"{base.stem}-{number}{base.suffix}")
            number += 1
        taken.add(str(out.absolute()).casefold())
        jobs.append(Job(label, path, is_project, out))

    for path in inputs:
        label = str(path)
        if path.is_dir():
            videos = _videos_in(path)
            if not videos:
                refused.append(Outcome(label, error=(
                    f"{label}: no videos in this folder (looked for "
                    f"{', '.join(VIDEO_SUFFIXES[:6])} ...): give a folder with videos"),
                    exit_status=2))
            for video in videos:
                add(str(video), video, False, video)
        elif not path.exists():
            refused.append(Outcome(label, error=f"{label}: not found: check the path",
                                   exit_status=2))
        elif path.suffix.lower() == ".json":
            try:
                video = rendered_video(load_project(path), path)
            except ShopReelError as exc:
                refused.append(Outcome(label, error=_named(label, exc), exit_status=exc.exit_status))
                continue
            add(label, path, True, video)
        else:
            add(label, path, False, path)
    return Batch(tuple(jobs), tuple(refused))


def _videos_in(folder: Path) -> list[Path]:
    try:
        entries = sorted(folder.iterdir(), key=lambda p: (p.name.casefold(), p.name))
    except OSError:
        return []
    # Hidden files include the ".name.part.mp4" of a render still being written.
    return [p for p in entries if p.suffix.lower() in VIDEO_SUFFIXES and p.is_file()
            and not p.name.startswith(".")]


def _named(label: str, exc: ShopReelError) -> str:
    line = exc.one_line()
    return line if line.startswith(label) else f"{label}: {line}"


def make_one(job: Job, options: ThumbnailOptions, spec: ThumbnailSpec,
             cancel: CancelToken | None = None) -> ThumbnailResult:
    """The thumbnail of one job (``spec`` is ``video_spec(options)``, used for videos)."""
    if not job.is_project:
        return make_thumbnail(job.path, spec, job.out, cancel=cancel)
    from shopreel.video.plan import plan_render

    project = load_project(job.path)
    plan = plan_render(project, job.path)
    return project_thumbnail(project, plan, project_path=job.path, options=options, out=job.out,
                             cancel=cancel)


def run_batch(batch: Batch, options: ThumbnailOptions, *, jobs: int | None = None,
              cancel: CancelToken | None = None) -> Iterator[Outcome]:
    """Make every job's thumbnail, ``jobs`` at a time; yield each outcome as it is known.

    The refused inputs come first. Raises ProjectError/MediaError (before any work) for options
    that fail every input alike (a bad brand kit or logo), Cancelled when ``cancel`` is set.
    """
    spec = video_spec(options)
    yield from batch.refused
    cancel = cancel or CancelToken()
    workers = max(1, jobs or os.cpu_count() or 1)
    pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="thumbnail")
    finished = False
    try:
        futures: dict[Future[ThumbnailResult], Job] = {
            pool.submit(make_one, job, options, spec, cancel): job for job in batch.jobs}
        for future in as_completed(futures):
            job = futures[future]
            try:
                yield Outcome(job.label, result=future.result())
            except Cancelled:
                raise
            except ShopReelError as exc:
                yield Outcome(job.label, error=_named(job.label, exc), exit_status=exc.exit_status)
            except Exception as exc:  # a bug: reported for this input, the others go on
                yield Outcome(job.label, error=f"{job.label}: internal error: "
                              f"{type(exc).__name__}: {exc} (please report it)", exit_status=1)
        finished = True
    finally:
        if not finished:
            # Ctrl-C, a cancel or a consumer that stopped early: start nothing new; running
            # jobs see the token between their steps. Files appear only when complete.
            cancel.cancel()
        pool.shutdown(wait=True, cancel_futures=True)
