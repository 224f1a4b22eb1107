"""Where graphics go: the safe area, the nine positions, and stacking instead of overlapping."""

from __future__ import annotations

from dataclasses import dataclass

from shopreel.video.timeline import Window


@dataclass(frozen=True)
class Rect:
    x: int
    y: int
    width: int
    height: int

    @property
    def right(self) -> int:
        return self.x + self.width

    @property
    def bottom(self) -> int:
        return self.y + self.height

    def intersects(self, other: Rect) -> bool:
        return (self.x < other.right and other.x < self.right
                and self.y < other.bottom and other.y < self.bottom)


def safe_area(width: int, height: int) -> Rect:
    """The part of the canvas where graphics stay visible and clear of players' controls.

    Landscape and square: 5 % on each side. Portrait (Shorts, Reels, stories): more at the
    bottom and top, where the apps put their buttons and captions.
    """
    if height > width:
        left, top, bottom = 0.06, 0.08, 0.14
    else:
        left = top = bottom = 0.05
    x, y = round(width * left), round(height * top)
    return Rect(x, y, width - 2 * x, height - y - round(height * bottom))


def place(position: str, size: tuple[int, int], area: Rect) -> Rect:
    """The rectangle of an element of ``size`` at one of the nine positions inside ``area``."""
    vertical, _, horizontal = position.partition("-")
    if position == "center":
        vertical, horizontal = "center", "center"
    width, height = min(size[0], area.width), min(size[1], area.height)
    x = {"left": area.x, "right": area.right - width}.get(horizontal, area.x + (area.width - width) // 2)
    y = {"top": area.y, "bottom": area.bottom - height}.get(vertical, area.y + (area.height - height) // 2)
    return Rect(x, y, width, height)


@dataclass
class Placed:
    rect: Rect
    window: Window


def stack(position: str, rect: Rect, window: Window, placed: list[Placed], area: Rect,
          gap: int) -> Rect:
    """Move ``rect`` away from its anchored edge until it overlaps nothing shown at the same time.

    Bottom positions stack upwards, the others downwards; the result stays inside ``area``.
    """
    upwards = position.startswith("bottom")
    current = rect
    for _ in range(len(placed) + 1):
        blockers = [p.rect for p in placed
                    if p.window.start < window.end and window.start < p.window.end
                    and p.rect.intersects(current)]
        if not blockers:
            return current
        if upwards:
            y = min(b.y for b in blockers) - gap - current.height
        else:
            y = max(b.bottom for b in blockers) + gap
        y = max(area.y, min(y, area.bottom - current.height))
        if y == current.y:
            return current  # no room left: the area is full, keep the natural place
        current = Rect(current.x, y, current.width, current.height)
    return current
