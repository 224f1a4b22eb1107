"""Where on a video's timeline a thumbnail may come from, and what the video draws over it.

For a plain video that is all of it but the first and last half second (fades, black frames);
for a project, ``thumbnail_project`` narrows it to the content between intro and end card and
adds the logo, web address and captions the render put on the picture.
"""

from __future__ import annotations

from dataclasses import dataclass

from shopreel.video.layout import Rect
from shopreel.video.probe import MediaInfo

# Videos often open and close on a fade or a black frame.
EDGE_SECONDS = 0.5


@dataclass(frozen=True)
class Overlay:
    """A graphic the video shows over its picture, in video pixels, from ``start`` to ``end``."""

    kind: str  # "logo", "url" or "caption"
    start: float
    end: float
    rect: Rect


@dataclass(frozen=True)
class ContentRange:
    """Where on the video's timeline the thumbnail may come from, and what is drawn over it."""

    start: float
    end: float
    overlays: tuple[Overlay, ...] = ()

    def visible(self, seconds: float) -> tuple[Overlay, ...]:
        return tuple(o for o in self.overlays if o.start <= seconds < o.end)

    def under_caption(self, seconds: float) -> bool:
        return any(o.kind == "caption" for o in self.visible(seconds))

    def free_ranges(self) -> list[tuple[float, float]]:
        """The parts of the range without a caption on screen, in order."""
        free: list[tuple[float, float]] = []
        cursor = self.start
        for start, end in sorted((o.start, o.end) for o in self.overlays if o.kind == "caption"):
            if start > cursor:
                free.append((cursor, min(start, self.end)))
            cursor = max(cursor, end)
        if cursor < self.end:
            free.append((cursor, self.end))
        return [(start, end) for start, end in free if end > start]


def video_range(info: MediaInfo) -> ContentRange:
    """The whole video but its first and last half second (less for very short videos)."""
    length = info.duration or 0.0
    edge = min(EDGE_SECONDS, length / 4)
    return ContentRange(edge, max(edge, length - edge))
