"""Thumbnails that sell: the best frame of a video (or the one asked for), designed, in limits.

``make_thumbnail(video, spec, out)`` makes one thumbnail:

1. the frame: ``spec.at`` seconds, or ``"auto"``: candidates spread over the content range
   (``ContentRange``: for a plain video all of it but the first and last half second; for a
   project the part between intro and end card, see ``thumbnail_project``) are decoded small
   and fast (``thumbnail_frames``), scored (``frame_score``; frames under a caption count less)
   and the best is taken, the same one for the same video on every run;
2. that frame decoded exactly at full size, cropped to the thumbnail's shape;
3. the design drawn over it (``thumbnail_design``: title, logo, accent frame);
4. encoded within the 2 MB / 160x90..1920x1080 limits and written atomically
   (``thumbnail_format``), optionally with a contact sheet of the best candidates.

The automatic choice is recorded in the thumbnail itself and reused while the video keeps its
length and layout, so re-rendering a project after a small edit keeps the thumbnail's moment.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Literal

from PIL import Image

from shopreel.video.atomic import write_if_changed
from shopreel.video.contact_sheet import SheetEntry, write_contact_sheet
from shopreel.video.errors import Cancelled, MediaError, OutputError
from shopreel.video.frame_score import FrameScore, score_frame
from shopreel.video.layout import Rect
from shopreel.video.probe import MediaInfo, probe
from shopreel.video.runner import CancelToken
from shopreel.video.thumbnail_design import Crop, Design, check_logo, cover, draw_design
from shopreel.video.thumbnail_format import (
    MAX_BYTES,
    SUFFIXES,
    default_size,
    encode,
    image_format,
    made_by_shopreel,
    read_record,
    size_problem,
)
from shopreel.video.thumbnail_frames import (
    Sample,
    candidate_size,
    decode_frame,
    display_size,
    frame_start,
    sample_decoded,
    sample_keyframes,
)
from shopreel.video.thumbnail_range import EDGE_SECONDS, ContentRange, Overlay, video_range
from shopreel.video.timecode import format_time

__all__ = ["EDGE_SECONDS", "Candidate", "ContentRange", "Overlay", "ThumbnailOptions",
           "ThumbnailResult", "ThumbnailSpec", "check_output", "contact_sheet_path",
           "make_thumbnail", "rank_candidates", "thumbnail_path", "video_info", "video_range"]

DEFAULT_CANDIDATES = 16
# Fewer distinct keyframes than this in the range (a long GOP): decode the range instead.
MIN_KEYFRAMES = 4
# A frame with a caption over the product sells less; it wins only when clearly better.
CAPTION_FACTOR = 0.6
# A caption-free stretch shorter than this is not worth decoding for (it is mostly fades).
MIN_FREE_SECONDS = 0.3
RECORD_VERSION = 1


@dataclass(frozen=True)
class ThumbnailSpec:
    """What to make. ``size`` None: the video's shape in 1280x1080 (1280x720 for 16:9)."""

    at: float | Literal["auto"] = "auto"
    design: Design = Design()
    size: tuple[int, int] | None = None
    format: str = "jpg"
    candidates: int = 0  # write a contact sheet of this many best candidates (0: none)
    fresh: bool = False  # choose again even when the thumbnail records an earlier choice
    force: bool = False  # replace an existing file that ShopReel did not make
    max_bytes: int = MAX_BYTES


@dataclass(frozen=True)
class ThumbnailOptions:
    """What a user asked for (command line, GUI); None leaves it to the project or the default.

    ``thumbnail_batch.video_spec`` and ``thumbnail_project.project_spec`` turn it into the
    ThumbnailSpec of a plain video or of a project.
    """

    at: float | Literal["auto"] | None = None
    title: str | None = None
    title_style: str | None = None
    title_position: str | None = None
    logo: Path | None = None
    brand_kit: Path | None = None  # colours, font and logo of a brand kit (plain videos)
    frame: bool = False
    size: tuple[int, int] | None = None
    format: str = "jpg"
    candidates: int = 0
    fresh: bool = False
    force: bool = False


@dataclass(frozen=True)
class Candidate:
    seconds: float
    score: FrameScore
    value: float  # the score as ranked (lowered under captions)
    image: Image.Image
    keyframe: bool
    under_caption: bool


@dataclass(frozen=True)
class ThumbnailResult:
    """What was written, and which frame it shows."""

    path: Path
    source: Path
    seconds: float
    choice: str  # "at", "auto" or "recorded" (an earlier automatic choice, kept)
    score: FrameScore | None
    width: int
    height: int
    format: str
    size_bytes: int
    quality: int | None
    contact_sheet: Path | None = None
    warnings: tuple[str, ...] = ()

    def to_json(self) -> dict[str, object]:
        return {
            "event": "thumbnail", "output": str(self.path), "source": str(self.source),
            "at": round(self.seconds, 6), "choice": self.choice,
            "score": self.score.to_json() if self.score else None,
            "width": self.width, "height": self.height, "format": self.format,
            "size_bytes": self.size_bytes, "quality": self.quality,
            "contact_sheet": str(self.contact_sheet) if self.contact_sheet else None,
            "warnings": list(self.warnings),
        }


def thumbnail_path(video: Path, fmt: str = "jpg", out_dir: Path | None = None) -> Path:
    """``clip.mp4`` -> ``clip.jpg`` beside it, or in ``out_dir``."""
    name = video.stem + SUFFIXES[image_format(fmt)]
    return (out_dir / name) if out_dir is not None else video.with_name(name)


def contact_sheet_path(out: Path) -> Path:
    return out.with_name(out.stem + ".candidates.jpg")


def check_output(out: Path, force: bool = False) -> None:
    """Refuse early an output that cannot or must not be written. Raises OutputError."""
    if out.is_dir():
        raise OutputError(f"{out}: is a folder", "give the thumbnail a file name")
    if out.exists() and not force and not made_by_shopreel(out):
        raise OutputError(f"{out}: exists and was not made by ShopReel",
                          "remove or rename it, choose another --out-dir, or add --force")
    folder = next((p for p in out.absolute().parents if p.exists()), None)
    if folder is not None and not folder.is_dir():
        raise OutputError(f"{folder}: is a file, not a folder", "choose another output folder")
    if folder is not None and not os.access(folder, os.W_OK):
        raise OutputError(f"{folder}: no permission to write here",
                          "choose another output folder (--out-dir)")


def video_info(video: Path) -> MediaInfo:
    """Probe ``video`` and make sure it is a video. Raises MediaError."""
    info = probe(video)
    if info.kind == "image":
        raise MediaError(str(video), "is a photo, not a video",
                         "thumbnails are taken from videos; use the photo as it is")
    if info.kind != "video" or not info.duration:
        raise MediaError(str(video), "has no picture to take a thumbnail from",
                         "give a video file (MP4, MOV, MKV, WebM)")
    return info


def rank_candidates(video: Path, info: MediaInfo, content: ContentRange,
                    count: int = DEFAULT_CANDIDATES) -> list[Candidate]:
    """Candidate frames spread over ``content``, best first. Raises RenderError.

    Keyframes reached by fast seeking come first. Frames between keyframes are decoded only
    where that finds nothing: a video with too few keyframes in the range, or one whose
    keyframes all fall under captions while parts of the range are free of them.
    """
    start, end = content.start, content.end
    step = (end - start) / count
    times = [start + (index + 0.5) * step for index in range(count)]
    found = {s.seconds: (s, True) for s in sample_keyframes(video, info, times)
             if start - 1e-6 <= s.seconds <= end + 1e-6}
    extra: list[Sample] = []
    if len(found) < min(MIN_KEYFRAMES, count):
        extra = sample_decoded(video, info, start, end, count)
    elif all(content.under_caption(seconds) for seconds in found):
        free = [(a, b) for a, b in content.free_ranges() if b - a >= MIN_FREE_SECONDS]
        for first, last in sorted(free, key=lambda r: r[0] - r[1])[:3]:  # longest first
            extra += sample_decoded(video, info, first, last, max(2, count // 4))
    for sample in extra:
        found.setdefault(sample.seconds, (sample, False))
    middle = (start + end) / 2
    candidates = []
    for sample, keyframe in found.values():
        score = score_frame(sample.image)
        caption = content.under_caption(sample.seconds)
        value = score.total * (CAPTION_FACTOR if caption else 1.0)
        candidates.append(Candidate(sample.seconds, score, value, sample.image, keyframe, caption))
    # Ties go to the frame nearer the middle, then the earlier one: the same choice every run.
    candidates.sort(key=lambda c: (-round(c.value, 6), abs(c.seconds - middle), c.seconds))
    return candidates


def make_thumbnail(video: Path, spec: ThumbnailSpec, out: Path, *,
                   content: ContentRange | None = None,
                   cancel: CancelToken | None = None) -> ThumbnailResult:
    """Make the thumbnail of ``video`` described by ``spec`` at ``out`` (written atomically).

    ``content`` limits the automatic choice and tells which graphics the video shows (projects);
    by default it is the whole video but its edges. Raises MediaError (unreadable video, a time
    outside it), OutputError (an output that cannot be written, a PNG over the limit),
    RenderError (ffmpeg failed) and Cancelled.
    """
    fmt = image_format(spec.format)
    if out.suffix.lower() not in {SUFFIXES[fmt], ".jpeg" if fmt == "jpg" else ""}:
        raise OutputError(f"{out}: a {fmt.upper()} thumbnail needs a name ending in {SUFFIXES[fmt]}")
    sheet = contact_sheet_path(out) if spec.candidates else None
    check_output(out, spec.force)
    if sheet is not None:
        check_output(sheet, spec.force)
    info = video_info(video)
    size = spec.size or default_size(display_size(info))
    if problem := size_problem(size):
        raise OutputError(f"{out}: {problem}", "choose another --size")
    content = content or video_range(info)
    if spec.design.logo is not None:
        check_logo(spec.design.logo)
    _check(cancel)

    chosen = _choose(video, info, spec, out, content, cancel)
    seconds, score, frame, ranked = chosen.seconds, chosen.score, chosen.frame, chosen.ranked
    _check(cancel)

    picture, crop = cover(frame, size)
    design, keep_out = _fit_design(spec.design, content, seconds, crop, size)
    image = draw_design(picture, design, keep_out)
    record = {"v": RECORD_VERSION, "video": video.name, "at": round(seconds, 6),
              "choice": "at" if chosen.choice == "at" else "auto", "keyframe": chosen.keyframe,
              "score": (chosen.recorded_score if chosen.choice == "recorded"
                        else round(score.total, 4) if score else None),
              "duration": info.duration, "shown": list(display_size(info)),
              "range": [round(content.start, 3), round(content.end, 3)]}
    encoded = encode(image, fmt, record, spec.max_bytes)
    _check(cancel)
    write_if_changed(out, encoded.data)
    if sheet is not None and ranked:
        entries = [SheetEntry(c.seconds, c.score, c.image, "caption" if c.under_caption else "")
                   for c in ranked[:spec.candidates]]
        write_contact_sheet(entries, sheet, chosen=seconds if chosen.choice != "at" else None,
                            title=f"{video.name}: best {len(entries)} candidates")
    return ThumbnailResult(
        path=out, source=video, seconds=seconds, choice=chosen.choice, score=score,
        width=size[0], height=size[1], format=fmt, size_bytes=len(encoded.data),
        quality=encoded.quality, contact_sheet=sheet if ranked else None,
        warnings=chosen.warnings)


@dataclass(frozen=True)
class _Choice:
    seconds: float
    choice: str
    keyframe: bool
    score: FrameScore | None
    frame: Image.Image  # at full size
    ranked: list[Candidate]
    warnings: tuple[str, ...] = ()
    recorded_score: float | None = None  # kept as it was, so the file's bytes stay the same


def _choose(video: Path, info: MediaInfo, spec: ThumbnailSpec, out: Path,
            content: ContentRange, cancel: CancelToken | None) -> _Choice:
    """The frame: the one asked for, the one chosen earlier, or the best candidate."""
    sheet_count = max(DEFAULT_CANDIDATES, spec.candidates)
    if spec.at != "auto":
        seconds = _fixed_time(info, spec.at)
        ranked = rank_candidates(video, info, content, sheet_count) if spec.candidates else []
        return _Choice(seconds, "at", False, None, decode_frame(video, info, seconds), ranked)
    warnings: list[str] = []
    recorded = None if spec.fresh else _recorded_choice(out, info, content)
    if recorded is not None:
        seconds, keyframe, recorded_score = recorded
        frame = decode_frame(video, info, seconds, keyframe=keyframe)
        score = score_frame(frame.resize(candidate_size(info), Image.Resampling.BOX))
        if not score.rejected:
            ranked = rank_candidates(video, info, content, sheet_count) if spec.candidates else []
            return _Choice(seconds, "recorded", keyframe, score, frame, ranked,
                           recorded_score=recorded_score)
        warnings.append(f"the frame chosen earlier ({format_time(seconds)}) is {score.rejected} "
                        "now; chose again")
    _check(cancel)
    ranked = rank_candidates(video, info, content, sheet_count)
    if not ranked:
        raise MediaError(str(video), "no frame could be read for the thumbnail",
                         "check the video with `shopreel probe`, or give --at")
    best = ranked[0]
    if best.score.rejected:
        warnings.append(f"every candidate frame is dark or blank; took the best "
                        f"({format_time(best.seconds)})")
    _check(cancel)
    frame = decode_frame(video, info, best.seconds, keyframe=best.keyframe)
    return _Choice(best.seconds, "auto", best.keyframe, best.score, frame, ranked,
                   tuple(warnings))


def _check(cancel: CancelToken | None) -> None:
    if cancel is not None and cancel.cancelled:
        raise Cancelled()


def _fixed_time(info: MediaInfo, seconds: float) -> float:
    length = info.duration or 0.0
    if not 0 <= seconds < length:
        raise MediaError(info.path, f"{format_time(seconds)} is past the end of the video "
                         f"({format_time(length)} long)", "choose an earlier time, or --auto")
    return frame_start(info, seconds)


def _recorded_choice(out: Path, info: MediaInfo,
                     content: ContentRange) -> tuple[float, bool, float | None] | None:
    """The automatic choice recorded in an earlier thumbnail, if it still fits this video.

    It fits while the video has the same length, picture size and content range: the same edit,
    perhaps with other caption text or a new logo, rendered again.
    """
    record: dict[str, Any] = read_record(out) or {}
    if record.get("v") != RECORD_VERSION or record.get("choice") != "auto":
        return None
    try:
        seconds = float(record["at"])
        length = float(record["duration"])
        shown = tuple(record["shown"])
        first, last = (float(value) for value in record["range"])
        keyframe = bool(record.get("keyframe", False))
        score = float(record["score"]) if record.get("score") is not None else None
    except (KeyError, TypeError, ValueError):
        return None
    frame = 1 / (info.fps or 30.0)
    if (abs(length - (info.duration or 0.0)) > frame or shown != display_size(info)
            or abs(first - content.start) > 0.01 or abs(last - content.end) > 0.01
            or not content.start - 1e-6 <= seconds <= content.end + 1e-6):
        return None
    return seconds, keyframe, score


def _fit_design(design: Design, content: ContentRange, seconds: float, crop: Crop,
                size: tuple[int, int]) -> tuple[Design, Sequence[Rect]]:
    """The design for this frame: no second logo where the video already shows its own, and
    the title kept clear of the graphics the frame already carries."""
    visible = content.visible(seconds)
    if design.logo is not None and any(overlay.kind == "logo" for overlay in visible):
        design = replace(design, logo=None)
    keep_out = []
    for overlay in visible:
        rect = crop.map(overlay.rect)
        if rect.right > 0 and rect.bottom > 0 and rect.x < size[0] and rect.y < size[1]:
            keep_out.append(rect)
    return design, keep_out
