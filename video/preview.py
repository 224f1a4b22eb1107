"""Previews for the desktop editor: what the render will show, small and quick.

``preview_frame`` takes the ffmpeg command of the real render (``compose.compile_render``) for a
plan made at preview size and lets it produce only the one frame at the playhead, so the editor
shows intro, overlays and captions exactly as the render draws them ("what you see is what you
render"): no second renderer. ``source_frame`` and ``play_frames`` read plain source clips for
the media bin and for playback.
"""

from __future__ import annotations

import dataclasses
import io
import subprocess
import tempfile
from collections.abc import Generator
from fractions import Fraction
from pathlib import Path

from PIL import Image, ImageOps

from shopreel.video.artwork import draw_artwork
from shopreel.video.compose import GLOBAL_OPTIONS, compile_render
from shopreel.video.errors import Cancelled, MediaError, RenderError
from shopreel.video.escape import ffmpeg_url
from shopreel.video.ffmpeg_binary import ffmpeg_exe, subprocess_flags
from shopreel.video.hints import hint_for, last_error_line
from shopreel.video.plan import RenderPlan, plan_render
from shopreel.video.presets import PRESETS
from shopreel.video.probe import IMAGE_SUFFIXES
from shopreel.video.project import Project
from shopreel.video.runner import CancelToken
from shopreel.video.stills import prepare_stills

PREVIEW_WIDTH = 480


def preview_size(project: Project, width: int = PREVIEW_WIDTH) -> tuple[int, int]:
    """The project's canvas scaled to ``width`` (even numbers, the same shape)."""
    if project.output.size:
        full_w, full_h = (int(n) for n in project.output.size.split("x"))
    else:
        preset = PRESETS[project.output.preset]
        full_w, full_h = preset.width, preset.height
    width = min(width, full_w)
    height = max(16, round(full_h * width / full_w / 2) * 2)
    return max(16, width // 2 * 2), height


def preview_plan(project: Project, project_path: Path, *, width: int = PREVIEW_WIDTH,
                 output: Path | None = None) -> RenderPlan:
    """The project's render plan at preview size (fast encoder settings for quick previews).

    Raises what ``plan_render`` raises (ProjectError, MediaError, OutputError).
    """
    size = "{}x{}".format(*preview_size(project, width))
    small = project.model_copy(update={"output": project.output.model_copy(
        update={"size": size, "encoder_speed": "ultrafast", "crf": 30})})
    target = output or Path(tempfile.gettempdir()) / "shopreel-preview.mp4"
    return plan_render(small, project_path, output=target)


def frame_index(plan: RenderPlan, seconds: float) -> int:
    """The output frame shown at ``seconds`` (clamped to the video)."""
    frame = int(Fraction(seconds).limit_denominator(10_000) * plan.fps)
    return max(0, min(plan.total_frames - 1, frame))


def preview_frame(plan: RenderPlan, seconds: float) -> Image.Image:
    """The composed output frame at ``seconds`` of ``plan``'s timeline, as an RGB image.

    The plan's canvas decides the size (make it with ``preview_plan``). Raises RenderError when
    ffmpeg fails.
    """
    exe = ffmpeg_exe()
    index = frame_index(plan, seconds)
    with tempfile.TemporaryDirectory(prefix="shopreel-preview-") as work:
        plan = prepare_stills(plan, Path(work))
        artwork = draw_artwork(plan.branding, plan.timeline, plan.canvas, Path(work))
        render_args = compile_render(plan, Path(work) / "unused.mp4", exe, artwork)
        command = single_frame_command(render_args, index)
        done = subprocess.run(command, capture_output=True, creationflags=subprocess_flags())
    if done.returncode != 0 or not done.stdout:
        stderr = done.stderr.decode("utf-8", "replace")
        raise RenderError(f"cannot draw the preview: {last_error_line(stderr)}", hint_for(stderr),
                          cmd=command, returncode=done.returncode, stderr_tail=stderr[-2000:])
    with Image.open(io.BytesIO(done.stdout)) as image:
        frame: Image.Image = image.convert("RGB")
    return frame


def single_frame_command(render_args: list[str], frame: int) -> list[str]:
    """Turn the render command into one that writes only output frame ``frame`` as PNG to stdout.

    Inputs and the filter graph stay exactly as compiled; the picture is cut to the one frame
    and the sound track ends in a sink (nothing is encoded).
    """
    graph_at = render_args.index("-filter_complex")
    maps = [render_args[i + 1] for i, arg in enumerate(render_args) if arg == "-map"]
    if len(maps) != 2:
        raise ValueError("expected a render command with one picture and one sound output")
    video, audio = maps
    graph = (f"{render_args[graph_at + 1]};{video}trim=start_frame={frame},"
             f"setpts=PTS-STARTPTS[preview];{audio}anullsink")
    head = 1 + len(GLOBAL_OPTIONS)
    if tuple(render_args[1:head]) != GLOBAL_OPTIONS:
        raise ValueError("not a command made by compile_render")
    inputs = render_args[head:graph_at]
    return [render_args[0], "-hide_banner", "-nostdin", "-loglevel", "error", *inputs,
            "-filter_complex", graph, "-map", "[preview]", "-frames:v", "1",
            "-c:v", "png", "-f", "image2pipe", "-"]


def source_frame(path: Path, seconds: float, size: tuple[int, int]) -> Image.Image:
    """A frame of a source clip (or the photo itself), upright, fitted inside ``size``.

    Raises MediaError when the file cannot be read.
    """
    if path.suffix.lower() in IMAGE_SUFFIXES:
        try:
            with Image.open(path) as opened:
                image = ImageOps.exif_transpose(opened).convert("RGB")
        except (OSError, ValueError) as exc:
            raise MediaError(str(path), f"cannot read the picture ({exc})") from None
        image.thumbnail(size)
        return image
    width, height = size
    command = [ffmpeg_exe(), "-hide_banner", "-nostdin", "-loglevel", "error",
               "-ss", f"{max(0.0, seconds):.3f}", "-i", ffmpeg_url(path), "-frames:v", "1",
               "-vf", f"scale={width}:{height}:force_original_aspect_ratio=decrease",
               "-c:v", "png", "-f", "image2pipe", "-"]
    done = subprocess.run(command, capture_output=True, creationflags=subprocess_flags())
    if done.returncode != 0 or not done.stdout:
        stderr = done.stderr.decode("utf-8", "replace")
        raise MediaError(str(path), f"cannot read a frame ({last_error_line(stderr)})",
                         hint_for(stderr))
    with Image.open(io.BytesIO(done.stdout)) as image:
        frame: Image.Image = image.convert("RGB")
    return frame


@dataclasses.dataclass(frozen=True)
class PlayedFrame:
    seconds: float  # time in the played file
    width: int
    height: int
    rgb: bytes


def play_frames(path: Path, start: float, size: tuple[int, int], fps: float = 25.0, *,
                cancel: CancelToken | None = None) -> Generator[PlayedFrame, None, None]:
    """Decode ``path`` from ``start`` as RGB frames of exactly ``size`` at ``fps``, as fast as
    the consumer takes them (the player paces them). Raises Cancelled, MediaError when ffmpeg
    cannot decode a single frame."""
    width, height = size
    scale = (f"fps={fps},scale={width}:{height}:force_original_aspect_ratio=decrease,"
             f"pad={width}:{height}:(ow-iw)/2:(oh-ih)/2")
    command = [ffmpeg_exe(), "-hide_banner", "-nostdin", "-loglevel", "error",
               "-ss", f"{max(0.0, start):.3f}", "-i", ffmpeg_url(path), "-an", "-vf", scale,
               "-pix_fmt", "rgb24", "-f", "rawvideo", "-"]
    process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, creationflags=subprocess_flags())
    frame_bytes = width * height * 3
    assert process.stdout is not None
    try:
        number = 0
        while True:
            if cancel is not None and cancel.cancelled:
                raise Cancelled("playback stopped")
            data = process.stdout.read(frame_bytes)
            if len(data) < frame_bytes:
                break
            yield PlayedFrame(start + number / fps, width, height, data)
            number += 1
        if number == 0 and process.wait() != 0:
            assert process.stderr is not None
            stderr = process.stderr.read().decode("utf-8", "replace")
            raise MediaError(str(path), f"cannot be played ({last_error_line(stderr)})",
                             hint_for(stderr) or "check that the file is a video, or import it "
                             "again")
    finally:
        process.kill()
        process.wait()
        if process.stdout:
            process.stdout.close()
        if process.stderr:
            process.stderr.close()
