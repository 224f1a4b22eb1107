"""``shopreel check``: the readiness report of a project (after rendering) or of any video file."""

from __future__ import annotations

from pathlib import Path

from shopreel.publish.pipeline import THUMBNAIL_SUFFIXES, plan_publish
from shopreel.publish.readiness import (
    Check,
    Readiness,
    project_checks,
    readiness,
    sitemap_check,
    thumbnail_checks,
    video_checks,
)
from shopreel.publish.sitemap_validate import validate_sitemap
from shopreel.video.loudness import Loudness, measure_file_now
from shopreel.video.presets import DEFAULT_PRESET, PRESETS
from shopreel.video.project import SUFFIX, load_project, resolve_path
from shopreel.video.web_facts import web_facts


def is_project_file(path: Path) -> bool:
    return path.name.endswith(SUFFIX) or path.suffix.lower() == ".json"


def thumbnail_beside(video: Path) -> Path | None:
    """The thumbnail ShopReel writes beside a video (same name, image suffix), if there is one."""
    for suffix in THUMBNAIL_SUFFIXES:
        candidate = video.with_suffix(suffix)
        if candidate.is_file():
            return candidate
    return None


def _loudness(video: Path, has_audio: bool) -> Loudness | None:
    return measure_file_now(video) if has_audio else None


def check_video(video: Path) -> Readiness:
    """Web playback facts, length, loudness (web target) and the thumbnail beside the file."""
    facts = web_facts(video)
    preset = PRESETS[DEFAULT_PRESET]
    checks = video_checks(facts, _loudness(video, facts.info.has_audio), preset.loudness_lufs,
                          preset.true_peak_db)
    checks += thumbnail_checks(thumbnail_beside(video))
    return readiness(str(video), checks)


def check_project(project_path: Path, out_dir: Path | None = None) -> Readiness:
    """Everything ``publish`` checks, for a project that has been rendered (or published)."""
    project = load_project(project_path)
    plan = plan_publish(project, project_path, out_dir)
    video = plan.output
    checks: list[Check] = []
    if not video.is_file():
        checks.append(Check("rendered", "fail", "the rendered video", f"{video.name}: not there",
                            f"render it: shopreel publish {project_path} (or shopreel render)"))
    else:
        facts = web_facts(video)
        checks += video_checks(facts, _loudness(video, facts.info.has_audio),
                               plan.sound.target_lufs, plan.sound.true_peak_db)
        checks += thumbnail_checks(thumbnail_beside(video))
    checks += project_checks(project, plan)
    settings = project.publish
    if settings.sitemap:
        sitemap = resolve_path(project_path.parent, settings.sitemap)
        if sitemap.is_file():
            checks.append(sitemap_check(validate_sitemap(sitemap).problems, sitemap))
        else:
            checks.append(Check("sitemap", "warn", "a valid video sitemap entry",
                                f"{sitemap.name}: not written yet",
                                f"publish it: shopreel publish {project_path}"))
    else:
        checks.append(sitemap_check(None, None))
    return readiness(str(project_path), checks)
