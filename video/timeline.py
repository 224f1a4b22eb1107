"""The output timeline in whole frames: intro, content, end card, and the windows on it.

Caption and overlay times are written on the output timeline (intro included) and may count
back from the end; here they become exact frame windows, checked against the real length.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from shopreel.video.errors import ProjectError
from shopreel.video.timecode import format_time

# Cross-fades between intro, content and end card.
TRANSITION_SECONDS = Fraction(1, 2)


@dataclass(frozen=True)
class Window:
    """Frames [start, end) of the output timeline."""

    start: int
    end: int

    @property
    def frames(self) -> int:
        return self.end - self.start


@dataclass(frozen=True)
class Timeline:
    fps: Fraction
    intro_frames: int
    intro_transition: int
    content_frames: int
    outro_frames: int
    outro_transition: int

    @property
    def content_start(self) -> int:
        return self.intro_frames - self.intro_transition

    @property
    def content_end(self) -> int:
        return self.content_start + self.content_frames

    @property
    def outro_start(self) -> int:
        return self.content_end - self.outro_transition if self.outro_frames else self.content_end

    @property
    def total_frames(self) -> int:
        return self.outro_start + self.outro_frames if self.outro_frames else self.content_end

    def seconds(self, frames: int) -> Fraction:
        return Fraction(frames) / self.fps

    def frame_at(self, seconds: float | Fraction) -> int:
        return round(Fraction(seconds) * self.fps)


def build_timeline(fps: Fraction, content_frames: int, intro_seconds: Fraction | None,
                   outro_seconds: Fraction | None) -> Timeline:
    """Lay out intro, content and end card; cross-fades never take more than a third of a part."""
    intro = round(intro_seconds * fps) if intro_seconds else 0
    outro = round(outro_seconds * fps) if outro_seconds else 0
    wanted = round(TRANSITION_SECONDS * fps)

    def transition(part: int) -> int:
        return min(wanted, part // 3, content_frames // 3) if part else 0

    return Timeline(fps, intro, transition(intro), content_frames, outro, transition(outro))


def overlay_window(value_from: str | float, value_to: float | None, field: str,
                   timeline: Timeline, warnings: list[str]) -> Window:
    """The window of the logo or URL overlay: ``from`` start/after-intro/seconds, ``to`` seconds."""
    if value_from == "start":
        start = 0
    elif value_from == "after-intro":
        start = timeline.intro_frames
    else:
        start = timeline.frame_at(float(value_from))
    end = timeline.outro_start if value_to is None else timeline.frame_at(value_to)
    return _checked(start, end, field, timeline, warnings)


def caption_window(start: float, end: float, field: str, timeline: Timeline,
                   warnings: list[str]) -> Window:
    """A caption's window; negative times count back from the end of the video."""
    total = timeline.total_frames

    def resolve(value: float) -> int:
        frame = timeline.frame_at(value)
        return total + frame if value < 0 else frame

    return _checked(resolve(start), resolve(end), field, timeline, warnings)


def _checked(start: int, end: int, field: str, timeline: Timeline, warnings: list[str]) -> Window:
    total = timeline.total_frames
    length = format_time(float(timeline.seconds(total)))
    shown = f"{format_time(float(timeline.seconds(start)))}-{format_time(float(timeline.seconds(end)))}"
    if end <= start:
        raise ProjectError(f"{field}: ends before it starts ({shown} on a {length} video)",
                           "check the times; negative times count back from the end", field=field)
    if start >= total or end <= 0:
        raise ProjectError(f"{field}: {shown} is outside the video ({length} long)",
                           "move it inside the video; negative times count back from the end",
                           field=field)
    if start < 0 or end > total:
        warnings.append(f"{field}: {shown} runs past the video ({length}); shortened to fit")
    return Window(max(0, start), min(total, end))
