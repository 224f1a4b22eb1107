"""Thumbnail benchmark: ShopReel's batch export against one naive ffmpeg per video and moviepy.

One run synthesises (once, then reuses) a folder of 1080p videos of one minute each and makes a
1280x720 JPEG of every one of them several ways, all in the same run on the same files:

``shopreel --at``
    ``shopreel thumbnail VIDEOS... --at T`` in a fresh process (interpreter start included):
    probe, fast input seek to the keyframe before T, exact decode of the frame shown at T,
    Pillow resize, JPEG within 2 MB, atomic write; ``--jobs`` videos at a time.
``naive``
    One ffmpeg per video that decodes from the start: ``ffmpeg -i VIDEO -ss T -frames:v 1
    -vf scale=1280:720 OUT.jpg`` (``-ss`` after ``-i``), the same number at a time.
``moviepy``
    ``VideoFileClip(VIDEO).get_frame(T)``, resized and saved with Pillow, the same number at
    a time.
``shopreel auto``
    The same batch with ``--auto``: candidates sampled over each video, scored, the best frame
    decoded and written. Timed twice: as a batch (``--jobs`` at a time) and one video after
    another (the time a single video takes).

It prints wall time, CPU time, throughput and the ratios, and checks that the fixed-time variants
show the same frame. It is a measurement, not a test: the exit status is 0 whenever it completed.

Usage::

    python bench/thumbnails.py                # 40 videos of 60 s at 1080p
    python bench/thumbnails.py --quick        # 6 videos of 20 s, a smoke check
    python bench/thumbnails.py --repeat 2     # every variant twice, the fastest run counts
    python bench/thumbnails.py --skip-moviepy

Sources are synthesised into ``bench/_work/thumbnails/`` (``--work DIR`` to change, gitignored)
and reused; synthesis of the full set takes about a quarter of an hour on two cores.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from machine import describe_machine  # beside this script

ROOT = Path(__file__).resolve().parent
DEFAULT_WORK = ROOT / "_work" / "thumbnails"
FIXED_TARGET = 5.0  # ShopReel's fixed-time throughput at least this many times the naive one
AUTO_TARGET = 1.5  # seconds per 60 s 1080p video in auto mode, at most
SIZE = (1920, 1080)
FPS = 30
THUMB = (1280, 720)

# Like ShopReel's own web-1080p output (CRF 21, at most 8 Mbit/s, a keyframe every 2 s, AAC) and
# like camera footage (a little grain); superfast keeps the one-off synthesis bearable while
# keeping the decoder's work (CABAC, B-frames) that of a real H.264 High profile file.
ENCODE = ["-c:v", "libx264", "-preset", "superfast", "-crf", "21", "-maxrate", "8000k",
          "-bufsize", "16000k", "-g", str(2 * FPS), "-pix_fmt", "yuv420p",
          "-c:a", "aac", "-b:a", "128k", "-movflags", "+faststart"]
TAG_BT709 = "setparams=range=tv:color_primaries=bt709:color_trc=bt709:colorspace=bt709"


def source_recipe(index: int, seconds: float) -> str:
    """A different picture per video, with a dark stretch and a blurred one (auto has a choice)."""
    pictures = ("testsrc2", "smptehdbars", "rgbtestsrc", "testsrc")
    picture = pictures[index % len(pictures)]
    dark = (0.1 * seconds, 0.25 * seconds)
    blurred = (0.55 * seconds, 0.7 * seconds)
    return (f"{picture}=s={SIZE[0]}x{SIZE[1]}:r={FPS}:d={seconds},"
            f"hue=h={index * 37 % 360},"
            f"eq=brightness=-0.35:enable='between(t,{dark[0]:g},{dark[1]:g})',"
            f"gblur=sigma=5:enable='between(t,{blurred[0]:g},{blurred[1]:g})',"
            f"noise=alls=4:allf=t,{TAG_BT709}")


def prepare_sources(folder: Path, count: int, seconds: float) -> list[Path]:
    """Synthesise the videos once; a changed recipe makes new ones."""
    from shopreel.video.ffmpeg_binary import ffmpeg_exe

    folder.mkdir(parents=True, exist_ok=True)
    videos = []
    for index in range(count):
        path = folder / f"product-{index:02d}-{seconds:g}s.mp4"
        if not path.exists():
            print(f"  synthesising {path.name} ...", flush=True)
            partial = path.with_name(".part-" + path.name)
            tone = f"sine=f={220 + 20 * index}:d={seconds}:r=48000"
            subprocess.run([ffmpeg_exe(), "-hide_banner", "-nostdin", "-loglevel", "error", "-y",
                            "-f", "lavfi", "-i", source_recipe(index, seconds),
                            "-f", "lavfi", "-i", tone, *ENCODE, "-shortest", str(partial)],
                           check=True)
            partial.replace(path)
        videos.append(path)
    return videos


# --------------------------------------------------------------------------------------------
# The variants: each makes one thumbnail of every video into its own folder.

Variant = Callable[[list[Path], Path, int], None]


def shopreel_fixed(at: float) -> Variant:
    def run(videos: list[Path], out: Path, jobs: int) -> None:
        _shopreel_batch(videos, out, jobs, at)
    return run


def shopreel_auto(videos: list[Path], out: Path, jobs: int) -> None:
    _shopreel_batch(videos, out, jobs, "auto")


def _shopreel_batch(videos: list[Path], out: Path, jobs: int, at: float | str) -> None:
    """``shopreel thumbnail VIDEOS... --at T|--auto`` in a fresh process, as a user runs it.

    A fresh process also means nothing is cached from an earlier variant (``probe`` keeps
    what it learnt about a file for the life of the process). ``--fresh``: choose every time,
    as on a first run (a second run would reuse the choice recorded in the thumbnail).
    """
    when = ["--auto"] if at == "auto" else ["--at", f"{at}"]
    command = [sys.executable, "-m", "shopreel.app", "thumbnail", *map(str, videos), *when,
               "--size", f"{THUMB[0]}x{THUMB[1]}", "--out-dir", str(out), "--jobs", str(jobs),
               "--fresh", "--progress", "none", "--quiet"]
    done = subprocess.run(command, stdin=subprocess.DEVNULL, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"bench: ShopReel failed: {done.stderr.strip()}")


def naive(at: float) -> Variant:
    from shopreel.video.ffmpeg_binary import ffmpeg_exe

    exe = ffmpeg_exe()

    def one(video: Path, out: Path) -> None:
        subprocess.run([exe, "-hide_banner", "-nostdin", "-loglevel", "error", "-y",
                        "-i", str(video), "-ss", f"{at:.6f}", "-frames:v", "1",
                        "-vf", f"scale={THUMB[0]}:{THUMB[1]}", "-q:v", "2",
                        str(out / (video.stem + ".jpg"))], check=True, stdin=subprocess.DEVNULL)

    return lambda videos, out, jobs: _pool(one, videos, out, jobs)


def moviepy_variant(at: float) -> Variant:
    from shopreel.video.ffmpeg_binary import ffmpeg_exe

    os.environ["FFMPEG_BINARY"] = ffmpeg_exe()  # the same ffmpeg, read when moviepy is imported
    from moviepy import VideoFileClip
    from PIL import Image

    def one(video: Path, out: Path) -> None:
        clip = VideoFileClip(str(video), audio=False)
        try:
            frame = clip.get_frame(at)
        finally:
            clip.close()
        image = Image.fromarray(frame).resize(THUMB, Image.Resampling.LANCZOS)
        image.save(out / (video.stem + ".jpg"), quality=92)

    return lambda videos, out, jobs: _pool(one, videos, out, jobs)


def _pool(one: Callable[[Path, Path], None], videos: list[Path], out: Path, jobs: int) -> None:
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        list(pool.map(lambda video: one(video, out), videos))


# --------------------------------------------------------------------------------------------
# Measuring


@dataclass
class Run:
    label: str
    videos: int
    wall: float
    cpu: float
    others: float | None
    walls: list[float] = field(default_factory=list)

    @property
    def per_second(self) -> float:
        return self.videos / self.wall

    @property
    def per_video(self) -> float:
        return self.wall / self.videos


def _cpu_seconds() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _busy_cpu_seconds() -> float | None:
    """CPU time all processes of the machine have used since boot (Linux), else None."""
    try:
        fields = Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]
    except OSError:
        return None
    ticks = [int(value) for value in fields]
    idle = ticks[3] + (ticks[4] if len(ticks) > 4 else 0)
    return (sum(ticks[:8]) - idle) / os.sysconf("SC_CLK_TCK")


def measure(label: str, variant: Variant, videos: list[Path], out: Path, jobs: int) -> Run:
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    cpu, busy = _cpu_seconds(), _busy_cpu_seconds()
    started = time.perf_counter()
    variant(videos, out, jobs)
    wall = time.perf_counter() - started
    cpu_after, busy_after = _cpu_seconds(), _busy_cpu_seconds()
    ours = cpu_after - cpu
    others = (None if busy is None or busy_after is None
              else max(0.0, (busy_after - busy - ours) / wall))
    written = sorted(out.glob("*.jpg"))
    if len(written) != len(videos):
        raise SystemExit(f"bench: {label} wrote {len(written)} of {len(videos)} thumbnails")
    print(f"  {label} ... {wall:.2f} s wall, {ours:.1f} s CPU, other processes used "
          f"{'n/a' if others is None else f'{others:.2f}'} cores", flush=True)
    return Run(label, len(videos), wall, ours, others, [wall])


def _fastest(runs: list[Run]) -> Run:
    best = min(runs, key=lambda run: run.wall)
    best.walls = [run.wall for run in runs]
    return best


def same_frames(first: Path, second: Path) -> float:
    """The largest mean difference (0..255) between thumbnails of the same name in two folders."""
    import numpy as np
    from PIL import Image

    worst = 0.0
    for path in sorted(first.glob("*.jpg")):
        with Image.open(path) as a, Image.open(second / path.name) as b:
            pixels_a = np.asarray(a.convert("RGB").resize((320, 180)), dtype=float)
            pixels_b = np.asarray(b.convert("RGB").resize((320, 180)), dtype=float)
        worst = max(worst, float(np.abs(pixels_a - pixels_b).mean()))
    return worst


def run_benchmark(work: Path, count: int, seconds: float, *, jobs: int, repeat: int,
                  moviepy: bool, single: int) -> None:
    at = round(seconds / 2 + 1.5, 3)  # the middle, off the 2 s keyframe grid
    print(f"ShopReel thumbnail benchmark, {datetime.now():%Y-%m-%d %H:%M}")
    print(f"machine: {describe_machine()}")
    print(f"sources: {count} videos of {seconds:g} s, {SIZE[0]}x{SIZE[1]} @ {FPS} fps, H.264 "
          f"High (CRF 21, max 8 Mbit/s, keyframe every 2 s) + AAC; work folder {work}")
    videos = prepare_sources(work / "media", count, seconds)
    megabytes = sum(video.stat().st_size for video in videos) / 1e6
    print(f"  {megabytes:.0f} MB in all; read once so that every variant finds them cached")
    for video in videos:
        video.read_bytes()
    print(f"thumbnails: {THUMB[0]}x{THUMB[1]} JPEG, fixed time {at:g} s; {jobs} at a time")

    # (label, variant, jobs, videos, output folder)
    plans: list[tuple[str, Variant, int, list[Path], str]] = [
        ("shopreel --at", shopreel_fixed(at), jobs, videos, "shopreel-at"),
        ("naive", naive(at), jobs, videos, "naive"),
    ]
    if moviepy:
        plans.append(("moviepy", moviepy_variant(at), jobs, videos, "moviepy"))
    plans += [("shopreel --auto", shopreel_auto, jobs, videos, "shopreel-auto"),
              ("shopreel --auto, 1 job", shopreel_auto, 1, videos[:single], "shopreel-auto-1")]
    rounds: dict[str, list[Run]] = {label: [] for label, *_ in plans}
    for number in range(repeat):
        for label, variant, workers, chosen, folder in plans:
            print(f"  [{number + 1}/{repeat}]", end="")
            rounds[label].append(measure(label, variant, chosen, work / "out" / folder, workers))
    runs = {label: _fastest(found) for label, found in rounds.items()}
    report(runs, work, repeat, videos, at)


def frame_shown(video: Path, folder: Path, at: float) -> int:
    """Which frame near ``at`` a thumbnail shows: the nearest of three decoded exactly."""
    import numpy as np
    from PIL import Image

    from shopreel.video.probe import probe
    from shopreel.video.thumbnail_frames import decode_frame

    info = probe(video)
    with Image.open(folder / (video.stem + ".jpg")) as image:
        shown = np.asarray(image.convert("RGB").resize((320, 180)), dtype=float)
    nearest = round(at * FPS)
    distances = {}
    for frame in (nearest - 1, nearest, nearest + 1):
        exact = decode_frame(video, info, frame / FPS).resize((320, 180))
        distances[frame] = float(np.abs(np.asarray(exact, dtype=float) - shown).mean())
    return min(distances, key=lambda frame: distances[frame])


def report(runs: dict[str, Run], work: Path, repeat: int, videos: list[Path],
           at: float) -> None:
    print()
    print(f"Results (fastest of {repeat} run{'s' if repeat > 1 else ''} each)")
    header = (f"{'variant':<24}{'videos':>7}{'wall s':>9}{'CPU s':>9}{'thumbs/s':>10}"
              f"{'s/video':>9}{'others':>8}")
    print(header)
    print("-" * len(header))
    for run in runs.values():
        others = "n/a" if run.others is None else f"{run.others:.2f}"
        print(f"{run.label:<24}{run.videos:>7}{run.wall:>9.2f}{run.cpu:>9.1f}"
              f"{run.per_second:>10.2f}{run.per_video:>9.3f}{others:>8}")
    print("wall s: time of the work (sources cached; ShopReel's rows include starting the `shopreel`")
    print("process); CPU s: user+system time of this process and its children (ffmpeg, shopreel);")
    print("others: CPU cores used by other processes on the machine meanwhile (0 when quiet).")

    ours, base = runs["shopreel --at"], runs["naive"]
    out = work / "out"
    print()
    print("checks:")
    if "moviepy" in runs:
        print(f"  fixed time, ShopReel vs moviepy: mean pixel difference at most "
              f"{same_frames(out / 'shopreel-at', out / 'moviepy'):.2f} of 255")
    print(f"  fixed time, ShopReel vs naive: at most "
          f"{same_frames(out / 'shopreel-at', out / 'naive'):.2f} of 255 (naive's JPEG keeps "
          "BT.709 colours that viewers read as BT.601)")
    for variant in ("naive", "moviepy", "shopreel-at"):
        if (out / variant).is_dir():
            shown = [frame_shown(video, out / variant, at) for video in videos[:3]]
            print(f"  frame shown by {variant:<12} {shown} (the frame at {at:g} s: "
                  f"{round(at * FPS)})")
    print()
    print("verdicts:")
    ratio = ours.per_second / base.per_second
    print(f"  fixed time, ShopReel / naive throughput   {ratio:6.2f}x  (>= {FIXED_TARGET:g}x)  "
          f"{'met' if ratio >= FIXED_TARGET else 'MISSED'}")
    print(f"    ({ours.per_second:.2f} against {base.per_second:.2f} thumbnails per second; "
          f"CPU {base.cpu / ours.cpu:.2f}x less)")
    if "moviepy" in runs:
        movie = runs["moviepy"]
        print(f"  fixed time, ShopReel / moviepy throughput {ours.per_second / movie.per_second:6.2f}x"
              f"  (no target)")
    auto, single = runs["shopreel --auto"], runs["shopreel --auto, 1 job"]
    print(f"  auto, one video at a time                 {single.per_video:6.2f} s per video  "
          f"(<= {AUTO_TARGET:g} s)  {'met' if single.per_video <= AUTO_TARGET else 'MISSED'}")
    print(f"  auto, batch of {auto.videos} ({auto.videos / auto.wall:.2f} per second)     "
          f"{auto.per_video:6.2f} s per video  (<= {AUTO_TARGET:g} s)  "
          f"{'met' if auto.per_video <= AUTO_TARGET else 'MISSED'}")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--work", type=Path, default=DEFAULT_WORK,
                        help="folder for the synthesised videos and the thumbnails")
    parser.add_argument("--quick", action="store_true", help="6 videos of 20 s (a smoke check)")
    parser.add_argument("--videos", type=int, help="number of videos (default 40, quick 6)")
    parser.add_argument("--seconds", type=float, help="length of each video (default 60, quick 20)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1,
                        help="thumbnails made at the same time by every variant (default: cores)")
    parser.add_argument("--repeat", type=int, default=1,
                        help="run every variant this many times; the fastest run counts")
    parser.add_argument("--single", type=int, default=10,
                        help="videos for the one-at-a-time auto timing (default 10)")
    parser.add_argument("--skip-moviepy", action="store_true", help="leave out moviepy")
    args = parser.parse_args(argv)
    count = args.videos or (6 if args.quick else 40)
    seconds = args.seconds or (20.0 if args.quick else 60.0)
    run_benchmark(args.work, count, seconds, jobs=max(1, args.jobs), repeat=max(1, args.repeat),
                  moviepy=not args.skip_moviepy, single=max(1, min(args.single, count)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
