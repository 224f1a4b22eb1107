"""Text set with Pillow: wrapping to a width, per-character font fallback, baseline-aligned runs."""

from __future__ import annotations

from dataclasses import dataclass

from PIL import Image, ImageDraw, ImageFilter

from shopreel.video.fonts import FontChain

RGBA = tuple[int, int, int, int]


@dataclass(frozen=True)
class TextStyle:
    chain: FontChain
    size: int  # pixels
    color: RGBA
    line_spacing: float = 1.18

    @property
    def ascent(self) -> int:
        return self.chain.font(0, self.size).getmetrics()[0]

    @property
    def descent(self) -> int:
        return self.chain.font(0, self.size).getmetrics()[1]

    @property
    def line_height(self) -> int:
        return round(self.size * self.line_spacing)


def text_width(text: str, style: TextStyle) -> float:
    return sum(style.chain.font(index, style.size).getlength(run)
               for index, run in style.chain.runs(text))


def wrap(text: str, style: TextStyle, max_width: float) -> list[str]:
    """Break ``text`` into lines no wider than ``max_width``; ``\\n`` forces a break.

    Words longer than the width are split between characters, so nothing is ever cut off.
    """
    lines: list[str] = []
    for paragraph in text.replace("\r\n", "\n").split("\n"):
        line = ""
        for word in paragraph.split(" "):
            candidate = f"{line} {word}" if line else word
            if text_width(candidate, style) <= max_width:
                line = candidate
                continue
            if line:
                lines.append(line)
            line = ""
            for char in word:  # a word wider than the whole line
                if line and text_width(line + char, style) > max_width:
                    lines.append(line)
                    line = ""
                line += char
        lines.append(line)
    return lines


def block_size(lines: list[str], style: TextStyle) -> tuple[int, int]:
    width = max((text_width(line, style) for line in lines), default=0)
    height = style.line_height * (len(lines) - 1) + style.ascent + style.descent
    return int(width + 0.999), height


def draw_lines(
    image: Image.Image,
    lines: list[str],
    style: TextStyle,
    origin: tuple[int, int],
    *,
    width: int,
    align: str = "center",
    shadow: RGBA | None = None,
) -> None:
    """Draw ``lines`` into ``image``; ``origin`` is the top-left of a block ``width`` wide."""
    if shadow is not None:
        # A soft shadow keeps plain text readable on any picture.
        layer = Image.new("RGBA", image.size, (0, 0, 0, 0))
        offset = max(1, style.size // 18)
        _draw(layer, lines, style, (origin[0] + offset, origin[1] + offset), width, align, shadow,
              stroke=max(1, style.size // 14))
        layer = layer.filter(ImageFilter.GaussianBlur(max(1, style.size // 12)))
        image.alpha_composite(layer)
    _draw(image, lines, style, origin, width, align, style.color, stroke=0)


def _draw(image: Image.Image, lines: list[str], style: TextStyle, origin: tuple[int, int],
          width: int, align: str, color: RGBA, stroke: int) -> None:
    draw = ImageDraw.Draw(image)
    x0, y0 = origin
    for number, line in enumerate(lines):
        line_width = text_width(line, style)
        x = x0 + {"left": 0.0, "right": width - line_width}.get(align, (width - line_width) / 2)
        baseline = y0 + style.ascent + number * style.line_height
        for index, run in style.chain.runs(line):
            font = style.chain.font(index, style.size)
            draw.text((x, baseline), run, font=font, fill=color, anchor="ls",
                      stroke_width=stroke, stroke_fill=color)
            x += font.getlength(run)
