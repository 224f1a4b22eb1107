"""Branding in the plan: intro and end card, logo and URL overlays, captions, all checked.

Everything a user can get wrong (a missing logo, a caption outside the video, a font that is not
a font) is found here, before anything is drawn or rendered.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from shopreel.video.brand import EffectiveBrand, effective_brand
from shopreel.video.errors import ProjectError
from shopreel.video.fonts import font_chain
from shopreel.video.graphics import load_logo
from shopreel.video.project import Project
from shopreel.video.timeline import Timeline, Window, caption_window, overlay_window

OVERLAY_FADE_SECONDS = 0.4


@dataclass(frozen=True)
class CaptionSpec:
    field: str
    text: str
    window: Window
    position: str
    style: str
    fade_frames: int


@dataclass(frozen=True)
class OverlaySpec:
    field: str
    window: Window
    position: str
    size: float  # fraction of the output height
    opacity: float
    style: str
    fade_frames: int


@dataclass(frozen=True)
class IntroCard:
    title: str
    subtitle: str | None
    style: str


@dataclass(frozen=True)
class Branding:
    brand: EffectiveBrand
    intro_card: IntroCard | None
    outro_text: str | None
    has_outro: bool
    logo: OverlaySpec | None
    url: OverlaySpec | None
    captions: tuple[CaptionSpec, ...]

    @property
    def is_empty(self) -> bool:
        return not (self.intro_card or self.has_outro or self.logo or self.url or self.captions)


def resolve_brand(project: Project, base_dir: Path) -> EffectiveBrand:
    """The project's brand (kit plus overrides) with its logo and font checked."""
    brand = effective_brand(project.brand, base_dir)
    if brand.logo is not None:
        try:
            load_logo(brand.logo)
        except FileNotFoundError:
            raise ProjectError(f"brand.logo: {brand.logo}: file not found",
                               "check the path of the logo image", field="brand.logo") from None
        except (OSError, ValueError, SyntaxError):
            raise ProjectError(f"brand.logo: {brand.logo}: not an image ShopReel can read",
                               "use a PNG, JPEG or WebP (PNG with transparency looks best)",
                               field="brand.logo") from None
    font_chain(brand_font=brand.font)  # raises ProjectError naming brand.font
    return brand


def intro_card(project: Project) -> IntroCard | None:
    """The generated title card, or None (no intro, an intro clip, or nothing to show)."""
    intro = project.intro
    if intro is None or intro.clip:
        return None
    title = intro.title if intro.title is not None else project.title
    if not title.strip():
        return None
    return IntroCard(title=title.strip(), subtitle=intro.subtitle, style=intro.style)


def plan_branding(project: Project, brand: EffectiveBrand, timeline: Timeline,
                  warnings: list[str]) -> Branding:
    """Resolve every overlay and caption onto the timeline, in frames."""
    fade = round(OVERLAY_FADE_SECONDS * timeline.fps)
    overlays = project.overlays
    logo = url = None
    if overlays.logo is not None and brand.logo is not None:
        chosen = overlays.logo.model_fields_set
        logo = OverlaySpec(
            field="overlays.logo",
            window=overlay_window(overlays.logo.from_, overlays.logo.to, "overlays.logo",
                                  timeline, warnings),
            position=overlays.logo.position if "position" in chosen else brand.styles.logo_position,
            size=overlays.logo.size, opacity=overlays.logo.opacity, style="logo", fade_frames=fade)
    elif "logo" in overlays.model_fields_set and overlays.logo is not None:
        warnings.append("overlays.logo: no logo is shown because brand.logo is not set")
    if overlays.url is not None and brand.url:
        chosen = overlays.url.model_fields_set
        url = OverlaySpec(
            field="overlays.url",
            window=overlay_window(overlays.url.from_, overlays.url.to, "overlays.url",
                                  timeline, warnings),
            position=overlays.url.position, size=overlays.url.size, opacity=overlays.url.opacity,
            style=overlays.url.style if "style" in chosen else brand.styles.url_style,
            fade_frames=fade)
    elif "url" in overlays.model_fields_set and overlays.url is not None:
        warnings.append("overlays.url: no web address is shown because brand.url is not set")

    captions = []
    for index, caption in enumerate(project.captions):
        field = f"captions[{index}]"
        captions.append(CaptionSpec(
            field=field, text=caption.text,
            window=caption_window(caption.start, caption.end, field, timeline, warnings),
            position=caption.position or brand.styles.caption_position,
            style=caption.style or brand.styles.caption_style,
            fade_frames=round(caption.fade * timeline.fps)))
    outro = project.outro
    return Branding(
        brand=brand, intro_card=intro_card(project),
        outro_text=outro.text if outro is not None else None, has_outro=outro is not None,
        logo=logo, url=url, captions=tuple(captions))
