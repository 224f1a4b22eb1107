"""A project's thumbnail: taken from its rendered video, between intro and end card.

The render plan says where everything sits on the output timeline: the automatic choice looks
only at the content (after the intro's cross-fade, before the end card's), counts frames under a
caption less, and the design keeps clear of the logo and web address the video already shows
(and adds no second logo where the video has its own). The project's ``thumbnail`` keys give
the time, the title and whether to add the logo; the brand gives colours, font and logo.
"""

from __future__ import annotations

import dataclasses
import tempfile
from pathlib import Path

from shopreel.video.artwork import draw_artwork
from shopreel.video.errors import MediaError, ProjectError
from shopreel.video.layout import Rect
from shopreel.video.plan import RenderPlan, default_output
from shopreel.video.project import Project, resolve_path
from shopreel.video.runner import CancelToken
from shopreel.video.thumbnail import (
    ThumbnailOptions,
    ThumbnailResult,
    ThumbnailSpec,
    make_thumbnail,
    thumbnail_path,
)
from shopreel.video.thumbnail_design import TITLE_STYLES, Design, check_logo
from shopreel.video.thumbnail_range import EDGE_SECONDS, ContentRange, Overlay
from shopreel.video.timecode import format_time

# Clear of the cross-fades into and out of the content.
TRANSITION_MARGIN = 0.1


def rendered_video(project: Project, project_path: Path) -> Path:
    """Where ``shopreel render`` writes the project's video (as ``plan_render`` decides)."""
    if project.output.path:
        return resolve_path(project_path.parent, project.output.path).absolute()
    return default_output(project_path).absolute()


def project_thumbnail_path(video: Path, fmt: str = "jpg", out_dir: Path | None = None) -> Path:
    """Beside the rendered video (``bio-kiste.mp4`` -> ``bio-kiste.jpg``), or in ``out_dir``."""
    return thumbnail_path(video, fmt, out_dir)


def project_content(plan: RenderPlan) -> ContentRange:
    """The content part of the output timeline and the graphics shown over it, in seconds."""
    timeline = plan.timeline
    total = float(timeline.seconds(timeline.total_frames))
    start = (float(timeline.seconds(timeline.intro_frames)) + TRANSITION_MARGIN
             if timeline.intro_frames else min(EDGE_SECONDS, total / 4))
    end = (float(timeline.seconds(timeline.outro_start)) - TRANSITION_MARGIN
           if timeline.outro_frames else total - min(EDGE_SECONDS, total / 4))
    if end - start < 0.2:  # content too short to leave out the parts around it
        start, end = 0.0, total
    # Only the overlays are needed: leave out the title and end cards, the largest drawings.
    branding = dataclasses.replace(plan.branding, intro_card=None, has_outro=False)
    with tempfile.TemporaryDirectory(prefix="shopreel-thumb-") as work:
        artwork = draw_artwork(branding, timeline, plan.canvas, Path(work))
    overlays = tuple(
        Overlay(kind=layer.path.stem.split("-")[0],
                start=float(timeline.seconds(layer.window.start)),
                end=float(timeline.seconds(layer.window.end)),
                rect=Rect(layer.x, layer.y, layer.width, layer.height))
        for layer in artwork.overlays)
    return ContentRange(start, end, overlays)


def check_project_thumbnail(project: Project, plan: RenderPlan) -> None:
    """Find a thumbnail time outside the video before anything is rendered. Raises ProjectError."""
    at = project.thumbnail.at
    total = float(plan.duration)
    if at != "auto" and not 0 <= at < total:
        raise ProjectError(
            f"thumbnail.at: {format_time(at)} is past the end of the video ({format_time(total)} "
            "long)", 'choose an earlier time or "auto"', field="thumbnail.at")


def project_spec(project: Project, plan: RenderPlan,
                 options: ThumbnailOptions | None = None) -> ThumbnailSpec:
    """The project's ``thumbnail`` keys and brand, with what the user asked for on top."""
    options = options or ThumbnailOptions()
    own = project.thumbnail
    brand = plan.branding.brand
    logo = options.logo or (brand.logo if own.logo else None)
    if options.logo is not None:
        check_logo(options.logo)
    kit_style = brand.styles.caption_style if brand.styles.caption_style in TITLE_STYLES else None
    design = Design(
        title=options.title if options.title is not None else own.title,
        title_style=options.title_style or kit_style or "badge",
        title_position=options.title_position or "bottom-center",
        logo=logo, logo_position=brand.styles.logo_position, frame=options.frame,
        colors=brand.colors, font=brand.font)
    return ThumbnailSpec(
        at=options.at if options.at is not None else own.at, design=design, size=options.size,
        format=options.format, candidates=options.candidates, fresh=options.fresh,
        force=options.force)


def project_thumbnail(project: Project, plan: RenderPlan, *, project_path: Path | None = None,
                      options: ThumbnailOptions | None = None, out: Path | None = None,
                      out_dir: Path | None = None,
                      cancel: CancelToken | None = None) -> ThumbnailResult:
    """Make the project's thumbnail from its rendered video (``plan.output``).

    Written beside the video unless ``out`` or ``out_dir`` say otherwise. Raises MediaError when
    the video has not been rendered yet, ProjectError for a ``thumbnail.at`` outside the video,
    and whatever ``make_thumbnail`` raises.
    """
    video = plan.output
    if not video.is_file():
        command = f"shopreel render {project_path}" if project_path else "shopreel render PROJECT"
        raise MediaError(str(video), "the project's video has not been rendered yet",
                         f"render it first: {command}")
    spec = project_spec(project, plan, options)
    if spec.at != "auto" and (options is None or options.at is None):
        check_project_thumbnail(project, plan)
    target = out or project_thumbnail_path(video, spec.format, out_dir)
    result = make_thumbnail(video, spec, target, content=project_content(plan), cancel=cancel)
    if project_path is not None and _older(video, project_path):
        return dataclasses.replace(result, warnings=(
            *result.warnings, f"{video.name} is older than {project_path.name}: render again "
            "to see the latest edits in the thumbnail"))
    return result


def _older(video: Path, project_path: Path) -> bool:
    try:
        return video.stat().st_mtime < project_path.stat().st_mtime
    except OSError:
        return False
