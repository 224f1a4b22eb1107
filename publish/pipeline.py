"""One-click publishing: render, thumbnail, readiness check, sitemap, JSON-LD and embed, record.

``publish_project`` is a generator of progress events (one scale across all steps) that returns a
PublishResult. Publishing an unchanged project again reuses the rendered video and leaves every
file that would not change untouched.
"""

from __future__ import annotations

from collections.abc import Generator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from urllib.parse import quote, urlsplit

from shopreel.publish.embed import VideoObject, embed_snippet, script_json, videoobject_jsonld
from shopreel.publish.embed_preview import PREVIEW_NAME, preview_html
from shopreel.publish.readiness import (
    Readiness,
    project_checks,
    readiness,
    sitemap_check,
    thumbnail_checks,
    video_checks,
)
from shopreel.publish.record import (
    PublishRecord,
    file_sha256,
    now,
    project_hash,
    read_record,
    record_path,
    render_key,
    shopreel_version,
    write_record,
)
from shopreel.publish.sitemap import upsert_video
from shopreel.publish.sitemap_entry import VideoEntry
from shopreel.publish.sitemap_validate import validate_sitemap
from shopreel.publish.youtube_publish import YouTubeStep, publish_to_youtube
from shopreel.video.atomic import write_if_changed
from shopreel.video.errors import OutputError, PublishError
from shopreel.video.loudness import Loudness, measure_file
from shopreel.video.plan import RenderPlan, default_output, plan_render
from shopreel.video.project import Project, load_project, resolve_path
from shopreel.video.render import render
from shopreel.video.runner import CancelToken, Progress, within
from shopreel.video.thumbnail_project import project_thumbnail
from shopreel.video.web_facts import web_facts

# Where each step ends on the one progress scale: rendered, thumbnailed, checked, uploaded. An
# upload usually outlasts the render, so with one the earlier steps share less of the scale.
_MARKS, _UPLOAD_MARKS = (0.85, 0.93, 0.97, 0.97), (0.40, 0.44, 0.46, 0.98)
THUMBNAIL_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp")  # what a thumbnail may be saved as


@dataclass(frozen=True)
class PublishResult:
    video: Path
    record: Path
    readiness: Readiness
    reused_render: bool
    thumbnail: Path | None = None
    sitemap: Path | None = None
    files: dict[str, Path] = field(default_factory=dict)  # role -> file (jsonld, embed, preview)
    written: tuple[Path, ...] = ()  # what this run wrote or replaced
    warnings: tuple[str, ...] = ()
    youtube: str | None = None  # the video's YouTube address, when it is there

    def to_json(self) -> dict[str, object]:
        return {
            "event": "published", "video": str(self.video), "record": str(self.record),
            "youtube": self.youtube,
            "thumbnail": str(self.thumbnail) if self.thumbnail else None,
            "sitemap": str(self.sitemap) if self.sitemap else None,
            "files": {role: str(path) for role, path in self.files.items()},
            "reused_render": self.reused_render, "written": [str(p) for p in self.written],
            "warnings": list(self.warnings), "readiness": self.readiness.to_json(),
        }


def _step(stage: str, fraction: float) -> Progress:
    return Progress(fraction=fraction, done_seconds=0.0, total_seconds=0.0, elapsed_seconds=0.0,
                    stage=stage)


def plan_publish(project: Project, project_path: Path, out_dir: Path | None) -> RenderPlan:
    """The render plan; ``out_dir`` moves the video (named as the project says) to that folder."""
    name = Path(project.output.path).name if project.output.path else default_output(project_path).name
    output = out_dir / name if out_dir is not None else None
    return plan_render(project, project_path, output=output.absolute() if output else None)


def _inputs(plan: RenderPlan, project_path: Path) -> list[Path]:
    paths = [project_path, *(segment.source for segment in plan.segments)]
    if plan.intro_clip is not None:
        paths.append(plan.intro_clip.source)
    if plan.sound.music is not None:
        paths.append(plan.sound.music.path)
    brand = plan.branding.brand
    for extra in (brand.logo, brand.font):
        if extra is not None:
            paths.append(Path(extra))
    return paths


def _make_folder(folder: Path) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"{folder}: cannot create the folder ({exc.strerror})",
                          "choose another place for publish.sitemap") from None


def publish_project(project_path: Path, *, out_dir: Path | None = None, force: bool = False,
                    upload: bool = True, cancel: CancelToken | None = None
                    ) -> Generator[Progress, None, PublishResult]:
    """Publish a project: see the module's description. Raises PublishError when a readiness
    check fails (unless ``force``), and whatever rendering, writing and uploading raise (the
    upload when ``publish.youtube.enabled`` and ``upload``)."""
    project = load_project(project_path)
    # The marks of this run, under the names the steps below use.
    _RENDERED, _THUMBNAILED, _CHECKED, _UPLOADED = (
        _UPLOAD_MARKS if upload and project.publish.youtube.enabled else _MARKS)
    plan = plan_publish(project, project_path, out_dir)
    warnings = list(plan.warnings)
    written: list[Path] = []
    video = plan.output
    record_file = record_path(video)
    previous = read_record(record_file)
    key = render_key(project, _inputs(plan, project_path), plan.preset.name)

    # 1. The video: rendered, or reused when nothing it is made from has changed.
    reused = bool(previous and previous.render_key == key and video.is_file()
                  and file_sha256(video) == previous.sha256)
    output_loudness: Loudness | None
    if reused:
        assert previous is not None
        yield _step("render", _RENDERED)
        output_loudness = yield from within(measure_file(video, cancel=cancel, stage="check"),
                                            _RENDERED - 0.01, _RENDERED)
        loudness = previous.loudness
    else:
        sound = yield from within(render(plan, cancel=cancel), 0.0, _RENDERED)
        written.append(video)
        output_loudness = sound.output
        loudness = sound.to_json()

    # 2. The thumbnail (beside the video; an earlier automatic choice is kept).
    yield _step("thumbnail", _RENDERED)
    earlier_thumbnails = {path: path.read_bytes() for path in video.parent.glob(video.stem + ".*")
                          if path.suffix.lower() in THUMBNAIL_SUFFIXES}
    thumb = project_thumbnail(project, plan, project_path=project_path, cancel=cancel)
    if earlier_thumbnails.get(thumb.path) != thumb.path.read_bytes():
        written.append(thumb.path)
    warnings += thumb.warnings
    yield _step("thumbnail", _THUMBNAILED)

    # 3. Readiness: stop before anything public is written when something fails.
    sound_plan = plan.sound
    facts = web_facts(video)
    checks = video_checks(facts, output_loudness, sound_plan.target_lufs, sound_plan.true_peak_db)
    checks += thumbnail_checks(thumb.path) + project_checks(project, plan)
    failures = [check for check in checks if check.status == "fail"]
    if failures and not force:
        first = failures[0]
        raise PublishError(
            f"not published: {len(failures)} check(s) failed, first {first.what} "
            f"(found: {first.found})",
            f"{first.fix}; see `shopreel check {project_path}`, or publish anyway with --force")
    yield _step("check", _CHECKED)

    # 3b. YouTube: after the checks (nothing goes public when one fails), before the sitemap and
    # JSON-LD, which then name the YouTube player. A started upload continues where it stopped.
    sha256 = previous.sha256 if reused and previous else file_sha256(video)
    youtube: YouTubeStep | None = None
    if project.publish.youtube.enabled:
        youtube = yield from within(publish_to_youtube(
            project, project_path, video, thumb.path, render_key=key, sha256=sha256,
            duration=facts.info.duration or float(plan.duration), record_file=record_file,
            previous=previous, upload=upload, cancel=cancel), _CHECKED, _UPLOADED)
        if youtube is not None:
            warnings += youtube.warnings

    # 4. Sitemap, JSON-LD, embed snippet, preview page.
    settings = project.publish
    first_published = previous.first_published if previous else now()
    files: dict[str, Path] = {}
    sitemap: Path | None = None
    urls = {"page": settings.page_url, "video": settings.video_url,
            "thumbnail": settings.thumbnail_url}
    duration = facts.info.duration or float(plan.duration)
    if settings.page_url and settings.video_url and settings.thumbnail_url:
        if settings.sitemap:
            sitemap = resolve_path(project_path.parent, settings.sitemap).absolute()
            _make_folder(sitemap.parent)
            before = sitemap.read_bytes() if sitemap.is_file() else None
            warnings += upsert_video(sitemap, VideoEntry(
                page_url=settings.page_url, thumbnail_url=settings.thumbnail_url,
                title=project.title, duration_seconds=duration, content_url=settings.video_url,
                player_url=youtube.embed_url if youtube else None,
                description=settings.description or project.title,
                publication_date=datetime.fromisoformat(first_published),
                family_friendly=settings.family_friendly, tags=tuple(settings.tags)))
            if sitemap.read_bytes() != before:
                written.append(sitemap)
            report = validate_sitemap(sitemap)
            checks.append(sitemap_check(report.problems, sitemap))
        else:
            checks.append(sitemap_check(None, None))
        video_object = VideoObject(
            name=project.title, description=settings.description or project.title,
            thumbnail_url=settings.thumbnail_url, upload_date=datetime.fromisoformat(first_published),
            duration_seconds=duration, content_url=settings.video_url,
            embed_url=youtube.embed_url if youtube else None)
        stem = video.with_suffix("")
        jsonld = stem.with_name(stem.name + ".jsonld")
        embed = stem.with_name(stem.name + ".embed.html")
        info = facts.info
        for path, content in (
            (jsonld, script_json(videoobject_jsonld(video_object)) + "\n"),
            (embed, embed_snippet(video_object, width=info.display_width,
                                  height=info.display_height)),
        ):
            if write_if_changed(path, content.encode("utf-8")):
                written.append(path)
        files.update(jsonld=jsonld, embed=embed)
        preview = video.parent / PREVIEW_NAME
        page = preview_html(video_object, shop_name=urlsplit(settings.page_url).hostname or "",
                            lang="de", buy_label="Jetzt kaufen", video_src=quote(video.name),
                            poster_src=quote(thumb.path.name))
        if write_if_changed(preview, page.encode("utf-8")):
            written.append(preview)
        files["preview"] = preview
    else:
        missing = [f"publish.{name}_url" for name, url in urls.items() if not url]
        warnings.append(f"no sitemap entry, JSON-LD or embed snippet: set {', '.join(missing)}")

    # 5. The record.
    record = PublishRecord(
        project=str(project_path.absolute()), project_hash=project_hash(project), render_key=key,
        output=str(video), sha256=sha256,
        size_bytes=video.stat().st_size, duration_seconds=round(duration, 3),
        first_published=first_published, updated=now(), shopreel_version=shopreel_version(),
        loudness=loudness, thumbnail=str(thumb.path), thumbnail_at=round(thumb.seconds, 6),
        urls={**urls, **({"youtube": youtube.url, "youtube_embed": youtube.embed_url}
                         if youtube else {})},
        sitemap=str(sitemap) if sitemap else None,
        files={role: str(path) for role, path in files.items()},
        youtube_id=youtube.video_id if youtube else previous.youtube_id if previous else None,
        # An upload left unfinished (e.g. --no-upload this time) stays resumable.
        youtube_session=None if youtube else previous.youtube_session if previous else None)
    if write_record(record, record_file, previous):
        written.append(record_file)
    yield _step("done", 1.0)
    return PublishResult(video=video, record=record_file, readiness=readiness(str(project_path),
                         checks), reused_render=reused, thumbnail=thumb.path, sitemap=sitemap,
                         files=files, written=tuple(written), warnings=tuple(warnings),
                         youtube=youtube.url if youtube else None)

