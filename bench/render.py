"""Render benchmark: ShopReel against the plain-transcode floor and a moviepy version of the edit.

One run renders the same example edit (five clips of mixed sizes, frame rates and sound formats,
trimmed off keyframe, 30 s of web-1080p output) in several ways, each in a fresh Python process:

``shopreel``
    The project file through ShopReel's public API: ``load_project`` -> ``plan_render`` ->
    ``render`` (loading, probing, planning and photo preparation included in the time).
``floor``
    The plain ffmpeg transcode of the same source segments (same ``-ss``/``-t`` trims, same
    encoder settings, built from the same ``Preset`` and checked against ShopReel's own command)
    with no composition: no scaling, no fit, no concat; one ffmpeg per segment, one after the
    other. This is the floor of the issue's acceptance test.
``floor-canvas``
    The floor plus a plain resize of every frame to the canvas (stretched, no fit): the same
    number of pixels to encode as ShopReel, so the gap to it is the cost of the composition alone.
``moviepy``
    The same edit written with moviepy 2's compositing API (``subclipped``, ``resized``,
    ``CompositeVideoClip`` over a ``ColorClip`` for the fit, ``concatenate_videoclips``,
    ``write_videofile`` with the same encoder settings): frames are composited in Python.

Then ShopReel renders the same edit with every trim four times as long (120 s) to show that its
peak memory does not grow with the length of the video.

For each run it prints the wall time of the work (``time.perf_counter`` in the measured process,
interpreter start and imports excluded), the CPU time of the process and its children, and the
peak memory: ``ru_maxrss`` of the measured process plus the largest ``ru_maxrss`` among its
children (``resource.getrusage``) and, where psutil is installed, the peak of the summed RSS of
the whole process tree, sampled from outside every 50 ms. It also shows how many CPU cores other
processes used meanwhile, because a busy machine slows every variant down unevenly.

Usage::

    python bench/render.py                 # full run (30 s and 120 s edits); several minutes
    python bench/render.py --quick         # 10 s and 40 s edits, for a smoke check
    python bench/render.py --skip-moviepy  # without the (slow) moviepy variant
    python bench/render.py --repeat 3      # every variant three times, the fastest run counts
    python bench/render.py --loudness-only # ShopReel with and without loudness normalisation
    python bench/render.py --branded-only  # the fully branded render against the floor
    python bench/render.py --encoder-speed veryfast  # another x264 preset for all variants

Source media is synthesised once into ``bench/_work/`` (``--work DIR`` to change) and reused.
The exit status is 0 whenever the measurement completed, whether or not the targets were met.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import json
import os
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from fractions import Fraction
from pathlib import Path
from typing import Any

from machine import describe_machine  # beside this script

BENCH_DIR = Path(__file__).resolve().parent
DEFAULT_WORK = BENCH_DIR / "_work"
PRESET_NAME = "web-1080p"
BASE_SECONDS = 30
QUICK_SECONDS = 10
LONG_FACTOR = 4  # the memory check renders the edit with every trim this many times longer

# Targets from the issue.
FLOOR_TARGET = 1.15  # ShopReel's wall time at most this multiple of the floor
MOVIEPY_TARGET = 4.0  # ShopReel at least this many times faster than moviepy
MEMORY_FLAT = 1.10  # peak memory of the long edit at most this multiple of the short one
BRANDED_TARGET = 1.25  # the fully branded render against the same floor
LOUDNESS_TARGET = 1.10  # the render with loudness normalisation against the same without

# Like camera and phone footage: some sensor grain for the encoder to work on (clean synthetic
# pictures make the encode unrealistically cheap next to the filters), tagged BT.709.
DEFAULT_GRAIN = 8
TAG_BT709 = "setparams=range=tv:color_primaries=bt709:color_trc=bt709:colorspace=bt709"


def camera_look(grain: int) -> str:
    """The filter chain that makes a synthetic picture look like footage from a camera."""
    return f"noise=alls={grain}:allf=t,{TAG_BT709}" if grain else TAG_BT709


@dataclass(frozen=True)
class Source:
    """One clip of the example edit: how to synthesise it and how it is trimmed (at 30 s)."""

    name: str
    length: float  # seconds used in the 30 s edit; scaled with the edit's length
    trim_in: float | None = None  # None for a photo
    size: tuple[int, int] = (1920, 1080)  # upright picture
    fps: float = 30
    picture: str = "testsrc2"
    tone_hz: float | None = 440.0
    sample_rate: int = 48_000
    channels: int = 2
    display_rotation: int = 0

    @property
    def is_photo(self) -> bool:
        return self.trim_in is None


# The example edit: 8 + 6 + 6 + 7 + 3 = 30 s. In points are off the 1 s keyframe grid.
EDIT: tuple[Source, ...] = (
    Source("camera_1080p30.mp4", 8.0, trim_in=1.37, picture="testsrc2", tone_hz=330),
    Source("phone_portrait.mp4", 6.0, trim_in=0.53, size=(1080, 1920),
           picture="gradients=n=4:speed=0.03:seed=7", tone_hz=523, display_rotation=90),
    Source("camera_720p25.mp4", 6.0, trim_in=2.21, size=(1280, 720), fps=25,
           picture="gradients=n=3:speed=0.02:seed=3", tone_hz=392),
    Source("interview_mono.mov", 7.0, trim_in=0.81, picture="testsrc2", tone_hz=220,
           sample_rate=44_100, channels=1),
    Source("packshot.jpg", 3.0, size=(1600, 1200)),
)


# --------------------------------------------------------------------------------------------
# Source media and project files


def _source_seconds(source: Source, scale: float) -> float:
    """How long the synthesised clip must be: the trim plus a second to spare."""
    return round((source.trim_in or 0) + source.length * scale + 1.0, 2)


def _source_path(media: Path, source: Source, scale: float, look: str) -> Path:
    """Where the synthesised clip is kept; the name changes with its recipe, so edits re-make it."""
    seconds = _source_seconds(source, scale)
    recipe = hashlib.sha256(repr((source, seconds, look)).encode()).hexdigest()[:8]
    stem, suffix = source.name.rsplit(".", 1)
    return media / f"{stem}_{seconds:g}s_{recipe}.{suffix}"


def prepare_project(work: Path, seconds: float, *, encoder_speed: str | None = None,
                    grain: int = DEFAULT_GRAIN) -> Path:
    """Synthesise the sources (once) and write the project file of a ``seconds`` long edit."""
    from shopreel.video.synth import make_clip, make_photo

    media = work / "media"
    media.mkdir(parents=True, exist_ok=True)
    scale = seconds / BASE_SECONDS
    look = camera_look(grain)
    clips: list[dict[str, Any]] = []
    for source in EDIT:
        path = _source_path(media, source, scale, look)
        if not path.exists():
            print(f"  synthesising {path.name} ...", flush=True)
            partial = path.with_name(".part-" + path.name)
            if source.is_photo:
                make_photo(partial, size=source.size)
            else:
                make_clip(partial, size=source.size, seconds=_source_seconds(source, scale),
                          fps=source.fps, picture=source.picture, tone_hz=source.tone_hz,
                          sample_rate=source.sample_rate, channels=source.channels,
                          display_rotation=source.display_rotation, draw=look,
                          gop=round(source.fps))
            partial.replace(path)
        length = round(source.length * scale, 3)
        clip: dict[str, Any] = {"path": os.path.relpath(path, work)}
        if source.is_photo:
            clip["duration"] = length
        else:
            clip["in"] = source.trim_in
            clip["out"] = round((source.trim_in or 0) + length, 3)
        clips.append(clip)
    project = {
        "version": 1,
        "title": f"Benchmark edit {seconds:g} s",
        "clips": clips,
        "output": {"preset": PRESET_NAME, "fit": "blur",
                   "path": f"out/shopreel-{seconds:g}s.mp4",
                   **({"encoder_speed": encoder_speed} if encoder_speed else {})},
        # The benchmark measures the edit itself: no title cards and no overlays.
        "intro": None,
        "outro": None,
        "overlays": {"logo": None, "url": None},
    }
    path = work / f"bench-{seconds:g}s.shopreel.json"
    path.write_text(json.dumps(project, indent=2) + "\n", encoding="utf-8")
    return path


def prepare_branded_project(work: Path, plain: Path) -> Path:
    """The same edit fully branded: intro card, logo, web address, three captions, end card."""
    import shutil

    from shopreel.video.brand import example_kit

    kit = work / "brand"
    if not kit.exists():
        shutil.copytree(example_kit().parent, kit)
    project = json.loads(plain.read_text(encoding="utf-8"))
    project.update({
        "title": "Bio-Gemüsekiste",
        "output": {**project["output"], "path": project["output"]["path"].replace(".mp4",
                                                                                  "-branded.mp4")},
        "brand": {"kit": "brand/brand.json"},
        "intro": {"subtitle": "frisch vom Hof", "style": "slide"},
        "outro": {"text": "Jetzt bestellen", "duration": 3},
        "overlays": {"logo": {"position": "top-right", "size": 0.12},
                     "url": {"position": "bottom-left", "style": "plate"}},
        "captions": [
            {"text": "Heute ohne Versandkosten", "start": 4, "end": 10, "style": "badge"},
            {"text": "Frisch vom Hof in die Kiste", "start": 8, "end": 14, "style": "badge"},
            {"text": "Nur solange der Vorrat reicht", "start": -9, "end": -4, "style": "banner"},
        ],
    })
    path = plain.with_name(plain.stem.replace(".shopreel", "") + "-branded.shopreel.json")
    path.write_text(json.dumps(project, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


def prepare_raw_sound_project(plain: Path) -> Path:
    """The same edit with ``audio.normalize`` false: no loudness measurement, no gain."""
    project = json.loads(plain.read_text(encoding="utf-8"))
    project["audio"] = {**project.get("audio", {}), "normalize": False}
    path = plain.with_name(plain.stem.replace(".shopreel", "") + "-raw-sound.shopreel.json")
    path.write_text(json.dumps(project, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


def _load_plan(project_path: Path, output: Path) -> Any:
    from shopreel.video.plan import plan_render
    from shopreel.video.project import load_project

    return plan_render(load_project(project_path), project_path, output=output)


# --------------------------------------------------------------------------------------------
# The encoder settings, shared by the floor and the moviepy version


def encoder_args(plan: Any) -> list[str]:
    """ShopReel's encoder settings as ffmpeg output options, built from the plan's Preset.

    ``check_same_encoder`` verifies against ShopReel's compiled command that they did not drift.
    """
    from shopreel.video.plan import SAMPLE_RATE

    preset = plan.preset
    fps = plan.fps
    args = ["-c:v", "libx264", "-profile:v", "high", "-preset", preset.encoder_speed,
            "-crf", str(preset.crf), "-pix_fmt", "yuv420p", "-r", str(fps), "-fps_mode", "cfr"]
    if preset.youtube_gop:
        args += ["-g", str(max(1, round(fps / 2))), "-bf", "2", "-flags", "+cgop"]
    else:
        args += ["-g", str(max(1, round(fps * 2)))]
    if preset.maxrate_kbps:
        args += ["-maxrate", f"{preset.maxrate_kbps}k", "-bufsize", f"{2 * preset.maxrate_kbps}k"]
    args += ["-c:a", "aac", "-b:a", f"{preset.audio_bitrate_kbps}k", "-ar", str(SAMPLE_RATE),
             "-ac", "2", "-movflags", "+faststart"]
    return args


def check_same_encoder(plan: Any, ours: Sequence[str]) -> None:
    """Fail loudly if ShopReel's own command encodes with other settings than ``ours``."""
    import tempfile

    from shopreel.video.artwork import draw_artwork
    from shopreel.video.compose import compile_render

    with tempfile.TemporaryDirectory() as work:
        artwork = draw_artwork(plan.branding, plan.timeline, plan.canvas, Path(work))
        theirs = compile_render(plan, plan.output, "ffmpeg", artwork)
    pairs = {(theirs[i], theirs[i + 1]) for i in range(len(theirs) - 1)}
    missing = [f"{ours[i]} {ours[i + 1]}" for i in range(0, len(ours), 2)
               if (ours[i], ours[i + 1]) not in pairs]
    if missing:
        raise SystemExit(f"bench: encoder settings drifted from ShopReel's: {', '.join(missing)}")


# --------------------------------------------------------------------------------------------
# The variants. Each is set up, then its work is timed, in a fresh process of its own.

Work = Callable[[], dict[str, Any]]


def shopreel_variant(project_path: Path, output: Path) -> Work:
    """Everything a user's render costs: load, probe and plan, photo preparation, the render."""
    from shopreel.video.render import render

    def work() -> dict[str, Any]:
        started = time.perf_counter()
        plan = _load_plan(project_path, output)
        planned = time.perf_counter()
        for _ in render(plan):
            pass
        return {"plan_seconds": planned - started}

    return work


def floor_commands(plan: Any, folder: Path, *, to_canvas: bool = False) -> list[list[str]]:
    """One plain ffmpeg transcode per segment: the same trims and encoder, no composition.

    ``to_canvas`` adds the one thing any render of these segments at the preset's size must do
    on top: a plain resize of every frame to the canvas (stretched; no fit, no pad, no blur).
    """
    from shopreel.video.escape import ffmpeg_url
    from shopreel.video.ffmpeg_binary import ffmpeg_exe

    encode = encoder_args(plan)
    check_same_encoder(plan, encode)
    exe = ffmpeg_exe()
    resize = (["-vf", f"scale={plan.preset.width}:{plan.preset.height}:flags=bicubic,setsar=1"]
              if to_canvas else [])
    commands = []
    for index, segment in enumerate(plan.segments):
        length = f"{float(Fraction(segment.frames) / plan.fps):.6f}"
        if segment.is_still:
            source = ["-loop", "1", "-framerate", str(plan.fps), "-t", length]
        else:
            source = ["-ss", f"{float(segment.start):.6f}", "-t", length]
        streams = ["-map", "0:v:0", *(["-map", "0:a:0"] if segment.use_audio else ["-an"])]
        commands.append([exe, "-hide_banner", "-nostdin", "-y", "-loglevel", "error", *source,
                         "-i", ffmpeg_url(segment.source), *streams, *resize, *encode,
                         ffmpeg_url(folder / f"segment-{index}.mp4")])
    return commands


def _floor_variant(project_path: Path, output: Path, *, to_canvas: bool) -> Work:
    # The floor needs no planning of its own: its trims would be written out by hand.
    output.mkdir(parents=True, exist_ok=True)
    plan = _load_plan(project_path, output / "unused.mp4")
    commands = floor_commands(plan, output, to_canvas=to_canvas)

    def work() -> dict[str, Any]:
        for command in commands:
            subprocess.run(command, check=True, stdin=subprocess.DEVNULL)
        return {"processes": len(commands)}

    return work


def floor_variant(project_path: Path, output: Path) -> Work:
    return _floor_variant(project_path, output, to_canvas=False)


def floor_canvas_variant(project_path: Path, output: Path) -> Work:
    return _floor_variant(project_path, output, to_canvas=True)


def moviepy_variant(project_path: Path, output: Path) -> Work:
    """The edit in moviepy 2's compositing API; the trims come from ShopReel's plan."""
    from shopreel.video.ffmpeg_binary import ffmpeg_exe

    # The same ffmpeg binary for moviepy's readers and writer (read when moviepy is imported).
    os.environ["FFMPEG_BINARY"] = ffmpeg_exe()
    from moviepy import (
        ColorClip,
        CompositeVideoClip,
        ImageClip,
        VideoFileClip,
        concatenate_videoclips,
    )

    plan = _load_plan(project_path, output)
    preset = plan.preset
    width, height = preset.width, preset.height
    background = tuple(int(plan.pad_color[i:i + 2], 16) for i in (1, 3, 5))
    # The shared encoder settings minus those write_videofile sets through its own parameters.
    encode = encoder_args(plan)
    own = {"-c:v", "-preset", "-r", "-c:a", "-b:a", "-ar"}
    ffmpeg_params = [item for i in range(0, len(encode), 2) if encode[i] not in own
                     for item in encode[i:i + 2]]

    def work() -> dict[str, Any]:
        opened: list[Any] = []
        parts: list[Any] = []
        for segment in plan.segments:
            length = float(Fraction(segment.frames) / plan.fps)
            clip: Any
            if segment.is_still:
                clip = ImageClip(str(segment.source)).with_duration(length)
            else:
                clip = VideoFileClip(str(segment.source), audio=segment.use_audio)
                opened.append(clip)
                if segment.info.rotation in (90, 270) and clip.size[0] == segment.info.width:
                    # moviepy 2.2 misses the "Display Matrix" line of ffmpeg 9 and would squash
                    # the upright frames into the stored size: give it the shown size and reopen.
                    clip.reader.size = [clip.size[1], clip.size[0]]
                    clip.reader.initialize()
                    clip.size = tuple(clip.reader.size)
                clip = clip.subclipped(float(segment.start), float(segment.start) + length)
            clip_w, clip_h = clip.size
            scale = min(width / clip_w, height / clip_h)
            fitted = (min(width, round(clip_w * scale) // 2 * 2),
                      min(height, round(clip_h * scale) // 2 * 2))
            if fitted != (clip_w, clip_h):
                clip = clip.resized(new_size=fitted)
            if fitted != (width, height):
                # The pad fit over the brand colour: less work than ShopReel's blurred fill.
                fill = ColorClip((width, height), color=background, duration=length)
                clip = CompositeVideoClip([fill, clip.with_position("center")],
                                          size=(width, height))
            parts.append(clip.with_duration(length))
        edit = concatenate_videoclips(parts, method="chain")
        edit.write_videofile(
            str(output), fps=float(plan.fps), codec="libx264", preset=preset.encoder_speed,
            audio_codec="aac", audio_bitrate=f"{preset.audio_bitrate_kbps}k", audio_fps=48_000,
            ffmpeg_params=ffmpeg_params, temp_audiofile_path=str(output.parent), logger=None,
        )
        for clip in opened:
            clip.close()
        return {"fit": "pad"}

    return work


VARIANTS: dict[str, Callable[[Path, Path], Work]] = {
    "shopreel": shopreel_variant,
    "floor": floor_variant,
    "floor-canvas": floor_canvas_variant,
    "moviepy": moviepy_variant,
}


def _cpu_seconds() -> float:
    """User plus system time of this process and its waited-for children so far."""
    import resource

    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def measure_here(variant: str, project_path: Path, output: Path) -> None:
    """Run one variant in this process; print its figures as one JSON line on stdout."""
    import resource

    work = VARIANTS[variant](project_path, output)
    cpu_before = _cpu_seconds()
    started = time.perf_counter()
    facts = work()
    wall = time.perf_counter() - started
    cpu = _cpu_seconds() - cpu_before
    unit = 1 if sys.platform == "darwin" else 1024  # ru_maxrss: bytes on macOS, KiB on Linux
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * unit
    child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * unit
    print(json.dumps({"wall_seconds": wall, "cpu_seconds": cpu, "self_peak_bytes": own,
                      "child_peak_bytes": child, **facts}), flush=True)


# --------------------------------------------------------------------------------------------
# The driver


@dataclass(frozen=True)
class Job:
    """One variant on one edit."""

    label: str
    variant: str
    seconds: float  # length of the edit
    project: Path
    output: Path


@dataclass(frozen=True)
class Run:
    """The figures of one job."""

    job: Job
    wall: float
    cpu: float
    self_peak: int
    child_peak: int
    tree_peak: int | None  # sampled summed RSS of the process tree, if psutil is installed
    others: float | None  # CPU cores used by other processes meanwhile (Linux only)
    facts: dict[str, Any]

    @property
    def peak(self) -> int:
        return self.self_peak + self.child_peak


def _tree_peak(pid: int, done: threading.Event, result: list[int]) -> None:
    """Sample the summed RSS of ``pid`` and all its descendants until ``done``; keep the peak."""
    try:
        import psutil
    except ImportError:
        return
    peak = 0
    try:
        root = psutil.Process(pid)
    except psutil.Error:
        return
    while not done.is_set():
        total = 0
        try:
            processes = [root, *root.children(recursive=True)]
        except psutil.Error:
            break
        for process in processes:
            with contextlib.suppress(psutil.Error):
                total += process.memory_info().rss
        peak = max(peak, total)
        done.wait(0.05)
    result.append(peak)


def _busy_cpu_seconds() -> float | None:
    """CPU time all processes of the machine have used since boot (Linux), else None."""
    try:
        fields = Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]
    except OSError:
        return None
    ticks = [int(value) for value in fields]
    idle = ticks[3] + (ticks[4] if len(ticks) > 4 else 0)  # idle + iowait
    return (sum(ticks[:8]) - idle) / os.sysconf("SC_CLK_TCK")


def measure(job: Job) -> Run:
    """Run ``job`` in a fresh Python process and collect its figures."""
    import resource

    command = [sys.executable, str(Path(__file__).resolve()), "--variant", job.variant,
               "--project", str(job.project), "--output", str(job.output)]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    busy_before = _busy_cpu_seconds()
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
    done = threading.Event()
    sampled: list[int] = []
    sampler = threading.Thread(target=_tree_peak, args=(process.pid, done, sampled), daemon=True)
    sampler.start()
    stdout, _ = process.communicate()
    lifetime = time.perf_counter() - started
    busy_after = _busy_cpu_seconds()
    done.set()
    sampler.join()
    if process.returncode != 0:
        raise SystemExit(f"bench: {job.label} failed (exit status {process.returncode})")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    ours = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    others = (None if busy_before is None or busy_after is None
              else max(0.0, (busy_after - busy_before - ours) / lifetime))
    figures = json.loads(stdout.strip().splitlines()[-1])
    return Run(job=job, wall=figures.pop("wall_seconds"), cpu=figures.pop("cpu_seconds"),
               self_peak=figures.pop("self_peak_bytes"), child_peak=figures.pop("child_peak_bytes"),
               tree_peak=sampled[0] if sampled and sampled[0] else None, others=others,
               facts=figures)


def _mib(value: int | None) -> str:
    return "n/a" if value is None else f"{value / 2**20:.0f}"


def _describe_output(path: Path) -> str:
    """Length, size and rate of what a job wrote, to see that all wrote the same edit."""
    from shopreel.video.probe import probe

    files = sorted(path.glob("segment-*.mp4")) if path.is_dir() else [path]
    infos = [probe(file) for file in files]
    seconds = sum(info.duration or 0 for info in infos)
    sizes = "/".join(sorted({f"{info.display_width}x{info.display_height}" for info in infos}))
    rates = "/".join(sorted({f"{info.fps:g}" for info in infos if info.fps}))
    formats = "/".join(sorted({str(info.pix_fmt) for info in infos}))
    megabytes = sum(file.stat().st_size for file in files) / 1e6
    return (f"{seconds:6.2f} s  {sizes} @ {rates} fps  {formats}  {megabytes:.1f} MB"
            f"  ({len(files)} file{'s' if len(files) > 1 else ''})")


def _pixels_encoded(project: Path) -> tuple[int, int]:
    """Pixels the floor encodes (every segment at its own size) and a render at the canvas size."""
    plan = _load_plan(project, project.with_name("unused.mp4"))
    floor = sum(segment.frames * (segment.info.display_width or 0)
                * (segment.info.display_height or 0) for segment in plan.segments)
    return floor, plan.total_frames * plan.preset.width * plan.preset.height


def _verdict_line(label: str, value: float, target: str, ok: bool) -> None:
    print(f"  {label:<40} {value:5.2f}x  ({target})  {'met' if ok else 'MISSED'}")


def run_benchmark(work: Path, seconds: float, *, moviepy: bool, repeat: int,
                  encoder_speed: str | None, grain: int, branded_only: bool = False,
                  loudness_only: bool = False) -> None:
    long_seconds = seconds * LONG_FACTOR
    print(f"ShopReel render benchmark, {datetime.now():%Y-%m-%d %H:%M}")
    print(f"machine: {describe_machine()}")
    print(f"edit: {len(EDIT)} clips, {seconds:g} s (and {long_seconds:g} s for the memory check) "
          f"at {PRESET_NAME}, source grain {grain}; work folder {work}")
    print("preparing sources and projects ...", flush=True)
    short = prepare_project(work, seconds, encoder_speed=encoder_speed, grain=grain)
    long = prepare_project(work, long_seconds, encoder_speed=encoder_speed, grain=grain)
    preset = _load_plan(short, work / "unused.mp4").preset
    print(f"encoder: libx264 preset {preset.encoder_speed}, crf {preset.crf}, "
          f"maxrate {preset.maxrate_kbps}k; AAC {preset.audio_bitrate_kbps}k", flush=True)
    out = work / "out"
    out.mkdir(parents=True, exist_ok=True)
    branded = prepare_branded_project(work, short)
    branded_job = Job("shopreel branded", "shopreel", seconds, branded,
                      out / f"shopreel-{seconds:g}s-branded.mp4")
    raw_sound_job = Job("shopreel raw sound", "shopreel", seconds, prepare_raw_sound_project(short),
                        out / f"shopreel-{seconds:g}s-raw-sound.mp4")
    shopreel_job = Job("shopreel", "shopreel", seconds, short, out / f"shopreel-{seconds:g}s.mp4")
    jobs = [Job("floor", "floor", seconds, short, out / f"floor-{seconds:g}s")]
    if branded_only:
        jobs.append(branded_job)
    elif loudness_only:
        jobs += [shopreel_job, raw_sound_job]
    else:
        jobs += [
            Job("floor-canvas", "floor-canvas", seconds, short, out / f"floor-canvas-{seconds:g}s"),
            shopreel_job, raw_sound_job, branded_job,
        ]
        if moviepy:
            jobs.append(Job("moviepy", "moviepy", seconds, short, out / f"moviepy-{seconds:g}s.mp4"))
        jobs.append(Job(f"shopreel {long_seconds:g} s", "shopreel", long_seconds, long,
                        out / f"shopreel-{long_seconds:g}s.mp4"))

    # Rounds of every job in turn, so a busy spell of the machine does not hit one variant only;
    # the fastest run of each job counts (the one least disturbed by anything else).
    best: dict[str, Run] = {}
    for attempt in range(1, repeat + 1):
        for job in jobs:
            print(f"  [{attempt}/{repeat}] {job.label} ...", end=" ", flush=True)
            run = measure(job)
            load = "" if run.others is None else f", other processes used {run.others:.2f} cores"
            print(f"{run.wall:.1f} s wall, {run.cpu:.1f} s CPU{load}", flush=True)
            if job.label not in best or run.wall < best[job.label].wall:
                best[job.label] = run
    report([best[job.label] for job in jobs], repeat)


def report(runs: Sequence[Run], repeat: int) -> None:
    by_label = {run.job.label: run for run in runs}
    floor = by_label["floor"]
    print()
    print(f"Results ({f'fastest of {repeat} runs' if repeat > 1 else 'one run'} each)")
    header = (f"{'variant':<16} {'edit s':>6} {'wall s':>8} {'x floor':>8} {'CPU s':>8} "
              f"{'x floor':>8} {'peak MiB (py+child)':>20} {'tree MiB':>9} {'others':>7}")
    print(header)
    print("-" * len(header))
    for run in runs:
        peak = f"{_mib(run.peak)} ({_mib(run.self_peak)}+{_mib(run.child_peak)})"
        others = "n/a" if run.others is None else f"{run.others:.2f}"
        same = run.job.seconds == floor.job.seconds  # ratios only between edits of one length
        wall_ratio = f"{run.wall / floor.wall:.2f}" if same else "-"
        cpu_ratio = f"{run.cpu / floor.cpu:.2f}" if same else "-"
        print(f"{run.job.label:<16} {run.job.seconds:>6g} {run.wall:>8.2f} {wall_ratio:>8} "
              f"{run.cpu:>8.1f} {cpu_ratio:>8} {peak:>20} {_mib(run.tree_peak):>9} {others:>7}")
    print("wall s: time of the work in the measured process; CPU s: user+system time of it and its"
          "\nchildren; peak: ru_maxrss of the process + the largest ru_maxrss of its children;"
          "\ntree: sampled peak of the summed RSS of all its processes; others: CPU cores used by"
          "\nother processes on the machine meanwhile (0 on a quiet machine).")
    print()
    print("outputs:")
    for run in runs:
        print(f"  {run.job.label:<16} {_describe_output(run.job.output)}")
    print()
    print("verdicts:")
    if "shopreel raw sound" in by_label:
        raw, normalised = by_label["shopreel raw sound"], by_label["shopreel"]
        ratio = normalised.wall / raw.wall
        _verdict_line("loudness normalisation, wall with / without", ratio,
                      f"<= {LOUDNESS_TARGET:g}x", ratio <= LOUDNESS_TARGET)
        print(f"    (+{normalised.wall - raw.wall:.2f} s; CPU time {normalised.cpu / raw.cpu:.2f}x)")
    if "shopreel branded" in by_label:
        branded = by_label["shopreel branded"]
        ratio = branded.wall / floor.wall
        _verdict_line("ShopReel fully branded / floor, wall", ratio, f"<= {BRANDED_TARGET:g}x",
                      ratio <= BRANDED_TARGET)
        print(f"    (CPU time {branded.cpu / floor.cpu:.2f}x)")
    if "floor-canvas" not in by_label:
        return
    canvas, shopreel = by_label["floor-canvas"], by_label["shopreel"]
    ratio = shopreel.wall / floor.wall
    _verdict_line("ShopReel / floor, wall time", ratio, f"<= {FLOOR_TARGET:g}x",
                  ratio <= FLOOR_TARGET)
    print(f"    (CPU time {shopreel.cpu / floor.cpu:.2f}x; against the floor resized to the "
          f"canvas: wall {shopreel.wall / canvas.wall:.2f}x, CPU {shopreel.cpu / canvas.cpu:.2f}x)")
    floor_pixels, canvas_pixels = _pixels_encoded(shopreel.job.project)
    print(f"    (pixels to encode: floor {floor_pixels / 1e9:.2f} G, ShopReel and floor-canvas "
          f"{canvas_pixels / 1e9:.2f} G, {canvas_pixels / floor_pixels:.2f}x)")
    if "moviepy" in by_label:
        moviepy = by_label["moviepy"]
        speedup = moviepy.wall / shopreel.wall
        _verdict_line("moviepy / ShopReel, wall time", speedup, f">= {MOVIEPY_TARGET:g}x",
                      speedup >= MOVIEPY_TARGET)
        print(f"    (CPU time {moviepy.cpu / shopreel.cpu:.2f}x)")
    else:
        print(f"  {'moviepy / ShopReel, wall time':<40} skipped (--skip-moviepy)")
    long = runs[-1]
    growth = long.peak / shopreel.peak
    _verdict_line(f"ShopReel peak memory, {long.job.seconds:g} s / {shopreel.job.seconds:g} s",
                  growth, f"flat: <= {MEMORY_FLAT:g}x", growth <= MEMORY_FLAT)
    tree = ""
    if long.tree_peak and shopreel.tree_peak:
        tree = (f"; sampled tree {_mib(long.tree_peak)} vs {_mib(shopreel.tree_peak)} MiB, "
                f"{long.tree_peak / shopreel.tree_peak:.2f}x")
    print(f"    ({_mib(long.peak)} vs {_mib(shopreel.peak)} MiB{tree})")
    print(f"  ShopReel's wall time includes {shopreel.facts.get('plan_seconds', 0):.2f} s of "
          "loading, probing and planning")


def main(argv: Sequence[str] | None = None) -> int:
    from shopreel.video.presets import ENCODER_SPEEDS

    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--work", type=Path, default=DEFAULT_WORK,
                        help=f"folder for sources and outputs (default: {DEFAULT_WORK})")
    parser.add_argument("--quick", action="store_true",
                        help=f"a {QUICK_SECONDS} s edit instead of {BASE_SECONDS} s (smoke check)")
    parser.add_argument("--skip-moviepy", action="store_true", help="leave out the moviepy variant")
    parser.add_argument("--branded-only", action="store_true",
                        help="only the floor and the fully branded ShopReel render")
    parser.add_argument("--loudness-only", action="store_true",
                        help="only ShopReel with and without loudness normalisation (and the floor)")
    parser.add_argument("--repeat", type=int, default=1,
                        help="run every variant this many times and keep the fastest (default 1)")
    parser.add_argument("--encoder-speed", choices=ENCODER_SPEEDS,
                        help="override the preset's x264 preset for every variant (default: "
                             "the preset's own)")
    parser.add_argument("--grain", type=int, default=DEFAULT_GRAIN, metavar="N",
                        help="strength of the sensor grain in the synthetic clips, 0 for clean "
                             f"pictures (default {DEFAULT_GRAIN})")
    parser.add_argument("--variant", choices=sorted(VARIANTS), help=argparse.SUPPRESS)
    parser.add_argument("--project", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--output", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.variant:
        if not args.project or not args.output:
            parser.error("--variant needs --project and --output")
        measure_here(args.variant, args.project, args.output)
        return 0
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    run_benchmark(args.work.resolve(), QUICK_SECONDS if args.quick else BASE_SECONDS,
                  moviepy=not args.skip_moviepy, repeat=args.repeat,
                  encoder_speed=args.encoder_speed, grain=args.grain,
                  branded_only=args.branded_only, loudness_only=args.loudness_only)
    return 0


if __name__ == "__main__":
    sys.exit(main())
