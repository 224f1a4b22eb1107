"""The project file (format 1): an immutable, validated model plus load, migrate and save.

The JSON is parsed at the boundary into frozen pydantic models; edits make new objects with
``model_copy(update=...)``. Errors name the field the way users see it (``captions[1].end``).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StrictBool,
    ValidationError,
    WithJsonSchema,
    field_validator,
    model_validator,
)

from shopreel.video.atomic import atomic_write_bytes
from shopreel.video.errors import ProjectError
from shopreel.video.presets import DEFAULT_PRESET, ENCODER_SPEEDS, PRESETS
from shopreel.video.probe import MEDIA_SUFFIXES
from shopreel.video.timecode import parse_time

FORMAT_VERSION = 1
SUFFIX = ".shopreel.json"

_TIME_SCHEMA = {"anyOf": [{"type": "number"}, {"type": "string", "pattern": r"^-?(\d+:)?\d+:\d+(\.\d+)?$"}]}
Seconds = Annotated[float, BeforeValidator(parse_time), WithJsonSchema({**_TIME_SCHEMA, "minimum": 0})]
OutputTime = Annotated[
    float, BeforeValidator(lambda v: parse_time(v, allow_negative=True)), WithJsonSchema(_TIME_SCHEMA)
]
_COLOR_PATTERN = r"^#[0-9a-fA-F]{6}([0-9a-fA-F]{2})?$"
_SIZE_PATTERN = r"^\d{2,5}x\d{2,5}$"
_PATTERN_MEANING = {_COLOR_PATTERN: "must be a colour like #2e7d32 (or #2e7d32cc with alpha)",
                    _SIZE_PATTERN: "must be WIDTHxHEIGHT, like 1280x720"}
Color = Annotated[str, Field(pattern=_COLOR_PATTERN)]
Position = Literal["top-left", "top-center", "top-right", "center-left", "center", "center-right",
                   "bottom-left", "bottom-center", "bottom-right"]
Fraction01 = Annotated[float, Field(gt=0, le=1)]
CaptionStyle = Literal["badge", "banner", "plain"]


def _overlay_time(value: object) -> object:
    return value if value in ("start", "after-intro") else parse_time(value)


def _auto_or_time(value: object) -> object:
    return value if value == "auto" else parse_time(value)


ThumbnailTime = Annotated[
    Literal["auto"] | float,
    BeforeValidator(_auto_or_time),
    WithJsonSchema({"anyOf": [{"const": "auto"}, {**_TIME_SCHEMA, "minimum": 0}]}),
]
OverlayTime = Annotated[
    Literal["start", "after-intro"] | float,
    BeforeValidator(_overlay_time),
    WithJsonSchema({"anyOf": [{"enum": ["start", "after-intro"]}, _TIME_SCHEMA]}),
]


class FrozenModel(BaseModel):
    """Base of every part of a project (and of brand kits): frozen, unknown keys are errors."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class Clip(FrozenModel):
    path: str = Field(min_length=1)
    in_: Seconds | None = Field(default=None, alias="in")  # keyword: type checkers miss a positional default
    out: Seconds | None = None
    duration: Annotated[Seconds, Field(gt=0)] | None = None
    mute: StrictBool = False

    @model_validator(mode="after")
    def _trim_order(self) -> Clip:
        if self.in_ is not None and self.out is not None and self.out <= self.in_:
            raise _field_error("out", "before in" if self.out < self.in_ else "equal to in (empty clip)")
        return self


class Output(FrozenModel):
    preset: str = DEFAULT_PRESET
    fit: Literal["pad", "crop", "blur"] = "blur"
    path: str | None = None
    size: Annotated[str, Field(pattern=_SIZE_PATTERN)] | None = None
    fps: Annotated[float, Field(gt=0, le=120)] | None = None
    crf: Annotated[int, Field(ge=0, le=51)] | None = None
    encoder_speed: Literal[ENCODER_SPEEDS] | None = None  # type: ignore[valid-type]

    @field_validator("preset")
    @classmethod
    def _known_preset(cls, name: str) -> str:
        if name not in PRESETS:
            raise ValueError(f"unknown preset {name!r}; choose one of {', '.join(PRESETS)}")
        return name

    @field_validator("size")
    @classmethod
    def _even_size(cls, size: str | None) -> str | None:
        if size:
            width, height = (int(n) for n in size.split("x"))
            if width % 2 or height % 2 or min(width, height) < 16 or max(width, height) > 7680:
                raise ValueError("width and height must be even numbers between 16 and 7680")
        return size


class Colors(FrozenModel):
    primary: Color = "#1f2937"
    accent: Color = "#f59e0b"
    text: Color = "#ffffff"


class Brand(FrozenModel):
    kit: str | None = None  # a shared brand kit file; the keys below override single values
    logo: str | None = None
    url: str | None = None
    colors: Colors = Colors()
    font: str | None = None


class Intro(FrozenModel):
    title: str | None = None
    subtitle: str | None = None
    duration: Annotated[Seconds, Field(gt=0, le=30)] = 2.5
    style: Literal["fade", "slide"] = "fade"
    clip: str | None = None


class Outro(FrozenModel):
    text: str | None = None
    duration: Annotated[Seconds, Field(gt=0, le=30)] = 3.0


class LogoOverlay(FrozenModel):
    position: Position = "top-right"
    size: Fraction01 = 0.10
    opacity: Fraction01 = 0.9
    from_: OverlayTime = Field("after-intro", alias="from")
    to: Seconds | None = None


class UrlOverlay(FrozenModel):
    position: Position = "bottom-left"
    size: Fraction01 = 0.045
    style: Literal["plate", "plain"] = "plate"
    opacity: Fraction01 = 1.0
    from_: OverlayTime = Field("after-intro", alias="from")
    to: Seconds | None = None


class Overlays(FrozenModel):
    logo: LogoOverlay | None = LogoOverlay.model_validate({})
    url: UrlOverlay | None = UrlOverlay.model_validate({})


class Caption(FrozenModel):
    text: str = Field(min_length=1, max_length=500)
    start: OutputTime
    end: OutputTime
    # None: the brand kit's default, else bottom-center / badge.
    position: Position | None = None
    style: CaptionStyle | None = None
    fade: Annotated[float, Field(ge=0, le=2)] = 0.3

    @field_validator("text")
    @classmethod
    def _visible(cls, text: str) -> str:
        if not text.strip():
            raise ValueError("must not be empty (a caption needs visible text)")
        return text

    @model_validator(mode="after")
    def _order(self) -> Caption:
        # Times of the same sign are comparable now; mixed signs only once the length is known.
        if (self.start >= 0) == (self.end >= 0) and self.end <= self.start:
            raise _field_error("end", "before start" if self.end < self.start else "equal to start")
        return self


class Audio(FrozenModel):
    music: str | None = None
    music_gain_db: Annotated[float, Field(ge=-60, le=0)] = -18.0
    duck: StrictBool = True
    loudness_lufs: Annotated[float, Field(ge=-36, le=-8)] | None = None
    true_peak_db: Annotated[float, Field(ge=-9, le=0)] = -1.0
    # false keeps every clip's level as filmed (no measuring, no gain).
    normalize: StrictBool = True


class Thumbnail(FrozenModel):
    at: ThumbnailTime = "auto"
    title: str | None = None
    logo: StrictBool = True


class YouTube(FrozenModel):
    enabled: StrictBool = False
    privacy: Literal["public", "unlisted", "private"] = "unlisted"
    category_id: str = "22"
    made_for_kids: StrictBool = False
    playlist_id: str | None = None
    publish_at: str | None = None


class Publish(FrozenModel):
    page_url: str | None = None
    video_url: str | None = None
    thumbnail_url: str | None = None
    description: str = ""
    tags: list[str] = []
    family_friendly: StrictBool = True
    sitemap: str | None = None
    youtube: YouTube = YouTube()


class Project(FrozenModel):
    """A ShopReel project, format 1 (see PROJECT_FORMAT.md)."""

    version: Literal[1]
    title: str = ""
    clips: list[Clip] = Field(min_length=1)
    output: Output = Output()
    brand: Brand = Brand()
    intro: Intro | None = Intro()
    outro: Outro | None = None
    overlays: Overlays = Overlays()
    captions: list[Caption] = []
    audio: Audio = Audio()
    thumbnail: Thumbnail = Thumbnail()
    publish: Publish = Publish()


def _field_error(field: str, problem: str) -> ValueError:
    # Model validators can only raise for the whole model; this marker names the field in it.
    return ValueError(f"@{field}@{problem}")


# One step per historical format: MIGRATIONS[n] turns format n into format n + 1.
MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {}


def migrate(data: dict[str, Any]) -> dict[str, Any]:
    """Bring raw project data up to FORMAT_VERSION, one step per version."""
    version = data.get("version")
    if version is None:
        raise ProjectError("version: missing", f'add "version": {FORMAT_VERSION} at the top',
                           field="version")
    if isinstance(version, bool) or not isinstance(version, int):
        raise ProjectError(f"version: must be a whole number, not {version!r}", field="version")
    if version > FORMAT_VERSION:
        raise ProjectError(f"version: format {version} was written by a newer ShopReel",
                           "update ShopReel to open this project", field="version")
    while version < FORMAT_VERSION:
        if version not in MIGRATIONS:
            raise ProjectError(f"version: format {version} is unknown", field="version")
        data = MIGRATIONS[version](data)
        version = data["version"]
    return data


def project_from_data(data: object, source: str = "project") -> Project:
    """Validate raw JSON data into a Project. Raises ProjectError naming the first bad field."""
    if not isinstance(data, dict):
        raise ProjectError(f"{source}: the top level must be a JSON object {{...}}")
    data = migrate(data)
    try:
        return Project.model_validate(data)
    except ValidationError as exc:
        raise translate_validation_error(exc) from None


def translate_validation_error(exc: ValidationError) -> ProjectError:
    """The first validation problem as a one-line ProjectError naming the field."""
    error = exc.errors(include_url=False)[0]
    loc = list(error["loc"])
    message = str(error["msg"]).removeprefix("Value error, ")
    if message.startswith("@"):
        field, message = message[1:].split("@", 1)
        loc.append(field)
    kind = error["type"]
    ctx = error.get("ctx", {})
    if kind == "extra_forbidden":
        message = "unknown key (check the spelling; see `shopreel schema`)"
    elif kind == "missing":
        message = "missing (required)"
    elif kind == "too_short" and "min_length" in ctx:
        count = ctx["min_length"]
        message = f"needs at least {count} entr{'y' if count == 1 else 'ies'}"
    elif kind == "string_too_short":
        message = "must not be empty"
    elif kind == "string_pattern_mismatch":
        message = _PATTERN_MEANING.get(ctx.get("pattern", ""), message)
    elif kind in ("list_type", "model_type", "dict_type", "model_attributes_type"):
        message = "must be a list [...]" if kind == "list_type" else "must be an object {...}"
    else:
        message = message.replace("Input should be", "must be")
    # Union members add their type names to the location; users never wrote those.
    loc = [part for part in loc if not _is_union_member_name(part)]
    field = _dotted(loc)
    return ProjectError(f"{field}: {message}", field=field)


def _is_union_member_name(part: int | str) -> bool:
    return isinstance(part, str) and (
        part.startswith(("literal[", "function-")) or part in ("float", "str", "bool", "int"))


def _dotted(loc: list[int | str]) -> str:
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "project"


def load_project(path: str | Path) -> Project:
    """Read, migrate and validate a project file. Raises ProjectError with a one-line message."""
    file = Path(path)
    try:
        raw = file.read_bytes()
    except FileNotFoundError:
        raise ProjectError(f"{path}: project file not found",
                           "create one with `shopreel new PROJECT --clip FILE`") from None
    except IsADirectoryError:
        raise ProjectError(f"{path}: is a folder, not a project file") from None
    except OSError as exc:
        raise ProjectError(f"{path}: cannot read the project file ({exc.strerror})") from None
    if file.suffix.lower() in MEDIA_SUFFIXES:
        raise ProjectError(f"{path}: is a media file, not a project file",
                           f"make a project from it first: shopreel new NAME{SUFFIX} --clip {path}")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ProjectError(f"{path}: not UTF-8 text", "save the project file as UTF-8") from None
    try:
        data = json.loads(text, object_pairs_hook=_no_duplicate_keys)
    except json.JSONDecodeError as exc:
        raise ProjectError(f"{path}: not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})",
                           "fix the JSON syntax, e.g. a missing comma or quote") from None
    except ValueError as exc:  # duplicate key
        raise ProjectError(f"{path}: {exc}") from None
    try:
        return project_from_data(data)
    except ProjectError as exc:
        raise ProjectError(f"{path}: {exc.message}", exc.hint, field=exc.field) from None


def _no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise ValueError(f"the key {key!r} appears twice in one object; keep one")
        result[key] = value
    return result


def project_to_json(project: Project) -> str:
    """The project as stable, readable JSON: defaults left out, keys in the documented order."""
    data = project.model_dump(mode="json", by_alias=True, exclude_defaults=True)
    data = {"version": FORMAT_VERSION, **data}
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def save_project(project: Project, path: str | Path) -> None:
    """Write the project atomically: the old file stays intact until the new one is complete."""
    atomic_write_bytes(Path(path), project_to_json(project).encode("utf-8"))


def json_schema() -> dict[str, Any]:
    """The JSON Schema of format 1, as ``shopreel schema`` prints it."""
    schema = Project.model_json_schema(by_alias=True)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "ShopReel project (format 1)"
    return schema


def resolve_path(base_dir: Path, path: str) -> Path:
    """A path from the project file, relative to the project's folder unless absolute."""
    candidate = Path(path).expanduser()
    return candidate if candidate.is_absolute() else base_dir / candidate
