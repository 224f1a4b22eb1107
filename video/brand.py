"""The effective brand of a project: its brand kit (shared by many projects) plus overrides.

A brand kit is a small JSON file (logo, colours, font, URL, default styles); paths in it are
relative to the kit. The project's ``brand`` keys override single values of the kit.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Literal

from pydantic import ValidationError

from shopreel.video.errors import ProjectError
from shopreel.video.project import (
    Brand,
    CaptionStyle,
    Colors,
    FrozenModel,
    Position,
    resolve_path,
    translate_validation_error,
)


class KitStyles(FrozenModel):
    caption_style: CaptionStyle = "badge"
    caption_position: Position = "bottom-center"
    url_style: Literal["plate", "plain"] = "plate"
    logo_position: Position = "top-right"


class BrandKit(FrozenModel):
    version: Literal[1] = 1
    name: str = ""
    logo: str | None = None
    url: str | None = None
    colors: Colors = Colors()
    font: str | None = None
    styles: KitStyles = KitStyles()


@dataclass(frozen=True)
class EffectiveBrand:
    logo: Path | None
    url: str | None
    colors: Colors
    font: Path | None
    styles: KitStyles


def example_kit() -> Path:
    """The brand kit shipped in resources/ (a farm shop), for the demo and as a template."""
    return Path(str(resources.files("shopreel.resources") / "brands" / "hofladen" / "brand.json"))


def load_kit(path: Path, field: str = "brand.kit") -> BrandKit:
    """Read and validate a brand kit. Raises ProjectError naming the field and the kit's key."""
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except FileNotFoundError:
        raise ProjectError(f"{field}: {path}: brand kit not found", field=field) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ProjectError(f"{field}: {path}: cannot read the brand kit ({exc})", field=field) from None
    except json.JSONDecodeError as exc:
        raise ProjectError(f"{field}: {path}: not valid JSON (line {exc.lineno}, column {exc.colno})",
                           field=field) from None
    if not isinstance(data, dict):
        raise ProjectError(f"{field}: {path}: a brand kit must be a JSON object", field=field)
    try:
        return BrandKit.model_validate(data)
    except ValidationError as exc:
        inner = translate_validation_error(exc)
        raise ProjectError(f"{field}: {path}: {inner.message}", field=field) from None


def effective_brand(brand: Brand, base_dir: Path) -> EffectiveBrand:
    """Merge the kit named by ``brand.kit`` (if any) with the project's own brand values."""
    kit = BrandKit()
    kit_dir = base_dir
    if brand.kit:
        kit_path = resolve_path(base_dir, brand.kit)
        kit = load_kit(kit_path)
        kit_dir = kit_path.parent
    chosen = brand.model_fields_set

    def pick_path(key: str) -> Path | None:
        if key in chosen:
            value = getattr(brand, key)
            return resolve_path(base_dir, value) if value else None
        value = getattr(kit, key)
        return resolve_path(kit_dir, value) if value else None

    colors = kit.colors
    if "colors" in chosen:
        own = brand.colors
        colors = colors.model_copy(update={k: getattr(own, k) for k in own.model_fields_set})
    return EffectiveBrand(
        logo=pick_path("logo"),
        url=brand.url if "url" in chosen else kit.url,
        colors=colors,
        font=pick_path("font"),
        styles=kit.styles,
    )
