"""Bad input on the command line, tested from outside: `python -m shopreel.app ...`.

Every bad input gets exactly one line on stderr (``shopreel: error: ...``) that names the file or
the field and says what is wrong, exit status 2, no traceback, and nothing at the output path: a
file already there keeps its bytes and no ``.part`` file is left beside it. Valid but awkward
names (a leading ``-``, spaces, quotes, umlauts, colons) must render. Ctrl-C stops the render
with exit status 130 and takes ffmpeg with it.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import psutil
import pytest
from conftest import write_project
from mediacheck import streams, top_level_boxes

from shopreel.video.errors import Cancelled
from shopreel.video.ffmpeg_binary import ffmpeg_exe
from shopreel.video.plan import plan_render
from shopreel.video.project import load_project
from shopreel.video.render import render
from shopreel.video.runner import CancelToken
from shopreel.video.synth import make_clip

SHOPREEL = [sys.executable, "-m", "shopreel.app"]
OLD_OUTPUT = b"an earlier render the user wants to keep\n"
# A name with everything that breaks naive argument handling: spaces, both quotes, umlauts, colon.
AWKWARD = "Äpfel \"süß\" l'été: groß ö ü ä"


def shopreel(*args: object, cwd: Path | None = None,
             timeout: float = 60) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONUTF8": "1"}
    return subprocess.run([*SHOPREEL, *map(str, args)], capture_output=True, text=True,
                          encoding="utf-8", cwd=cwd, env=env, timeout=timeout)


def user_error(done: subprocess.CompletedProcess[str], *needles: str) -> str:
    """Assert the one-line user error (exit 2) containing every needle; return the line."""
    assert "Traceback" not in done.stderr, done.stderr
    lines = done.stderr.splitlines()
    assert len(lines) == 1, done.stderr
    line = lines[0]
    assert line.startswith("shopreel: error: "), line
    for needle in needles:
        assert needle in line, f"{needle!r} missing from: {line}"
    assert done.returncode == 2, (done.returncode, line)
    assert done.stdout == "", done.stdout
    return line


def no_partial_files(folder: Path) -> None:
    leftovers = [p.name for p in folder.rglob("*") if ".part" in p.name]
    assert leftovers == [], leftovers


@dataclass
class Target:
    """The output path of a failing command, absent or holding an earlier render."""

    path: Path
    before: bytes | None

    def assert_untouched(self) -> None:
        if self.before is None:
            assert not self.path.exists(), f"{self.path} was written"
        else:
            assert self.path.read_bytes() == self.before, f"{self.path} was changed"
        no_partial_files(self.path.parent)


@pytest.fixture(params=["no output yet", "output exists"])
def target(request: pytest.FixtureRequest, tmp_path: Path) -> Target:
    path = tmp_path / "out.mp4"
    if request.param == "output exists":
        path.write_bytes(OLD_OUTPUT)
        return Target(path, OLD_OUTPUT)
    return Target(path, None)


def _ffmpeg(*args: str) -> None:
    subprocess.run([ffmpeg_exe(), "-hide_banner", "-nostdin", "-loglevel", "error", "-y", *args],
                   check=True, capture_output=True)


@pytest.fixture(scope="module")
def bad(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Unusable clips, each with a name the error message must repeat."""
    folder = tmp_path_factory.mktemp("bad")
    plain = make_clip(folder / "source.mp4", size=(320, 180), seconds=2.0)
    assert top_level_boxes(plain)[-1] == "moov"  # the index comes last, as cameras write it
    faststart = folder / "faststart.mp4"
    _ffmpeg("-i", str(plain), "-c", "copy", "-movflags", "+faststart", str(faststart))
    assert top_level_boxes(faststart).index("moov") < top_level_boxes(faststart).index("mdat")
    files = {
        "missing": folder / "missing.mp4",
        "empty": folder / "empty.mp4",
        "text": folder / "clip.mp4",
        "no moov": folder / "no-moov.mp4",
        "cut faststart": folder / "cut-faststart.mp4",
        "audio only": folder / "tone.m4a",
    }
    files["empty"].write_bytes(b"")
    files["text"].write_text("Just some notes, not a video.\n", encoding="utf-8")
    data = plain.read_bytes()
    files["no moov"].write_bytes(data[: len(data) // 2])
    data = faststart.read_bytes()
    files["cut faststart"].write_bytes(data[: len(data) // 2])
    _ffmpeg("-f", "lavfi", "-i", "sine=frequency=440:duration=1", "-c:a", "aac",
            str(files["audio only"]))
    return files


# (kind of bad clip, what the message must say besides the file's name and clips[0].path)
BAD_CLIPS = [
    ("missing", "file not found"),
    ("empty", "empty (0 bytes)"),
    ("text", "not a video"),
    ("no moov", "moov atom, is missing"),
    ("cut faststart", "truncated"),
    ("audio only", "audio only"),
]


@pytest.mark.parametrize(("kind", "problem"), BAD_CLIPS, ids=[kind for kind, _ in BAD_CLIPS])
def test_unusable_clip_is_named_and_nothing_is_written(
    kind: str, problem: str, bad: dict[str, Path], tmp_path: Path, target: Target
) -> None:
    clip = bad[kind]
    project = write_project(tmp_path, {"clips": [{"path": str(clip)}]})
    done = shopreel("render", project, "-o", target.path)
    user_error(done, "clips[0].path", clip.name, problem)
    target.assert_untouched()


PROJECT = "test.shopreel.json"
# (case, the project file's content from the good clip's path, what the message must say).
# Errors found while reading the file name it; trim errors, found once the clip is probed, name
# the field.
BAD_PROJECTS: list[tuple[str, Callable[[str], object], tuple[str, ...]]] = [
    ("missing comma",
     lambda clip: '{\n  "version": 1,\n  "title": "x"\n  "clips": []\n}',
     (PROJECT, "not valid JSON", "line 4, column 3")),
    ("top level not an object", lambda clip: [{"path": clip}],
     (PROJECT, "project: the top level must be a JSON object")),
    ("unknown top-level key", lambda clip: {"clips": [{"path": clip}], "colour": "red"},
     (PROJECT, "colour: unknown key")),
    ("unknown nested key", lambda clip: {"clips": [{"path": clip, "inn": 1}]},
     (PROJECT, "clips[0].inn: unknown key")),
    ("in after out", lambda clip: {"clips": [{"path": clip, "in": 2, "out": 1}]},
     (PROJECT, "clips[0].out: before in")),
    ("in beyond the clip", lambda clip: {"clips": [{"path": clip, "in": 9}]},
     ("clips[0].in: 0:09 is at or after the end of the clip (0:02.4)",)),
    ("out beyond the clip", lambda clip: {"clips": [{"path": clip, "in": 1, "out": "0:09.5"}]},
     ("clips[0].out: 0:09.5 is beyond the end of the clip (0:02.4)",)),
    ("mute is a string", lambda clip: {"clips": [{"path": clip, "mute": "yes"}]},
     (PROJECT, "clips[0].mute: must be a valid boolean")),
    ("clips is a string", lambda clip: {"clips": clip},
     (PROJECT, "clips: must be a list")),
    ("time is not a time", lambda clip: {"clips": [{"path": clip, "out": "abc"}]},
     (PROJECT, "clips[0].out: 'abc' is not a time")),
    ("caption ends before it starts", lambda clip: {
        "clips": [{"path": clip}],
        "captions": [{"text": "Frisch", "start": 0, "end": 1},
                     {"text": "Vom Hof", "start": 1.5, "end": 1.2}]},
     (PROJECT, "captions[1].end: before start")),
]


@pytest.mark.parametrize(("content", "needles"), [case[1:] for case in BAD_PROJECTS],
                         ids=[case[0] for case in BAD_PROJECTS])
def test_bad_project_names_the_field_and_nothing_is_written(
    content: Callable[[str], object], needles: tuple[str, ...],
    media: dict[str, Path], tmp_path: Path, target: Target,
) -> None:
    data = content(str(media["counter"]))
    if isinstance(data, dict):
        project = write_project(tmp_path, data, name=PROJECT)
    else:
        project = tmp_path / PROJECT
        project.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    line = user_error(shopreel("render", project, "-o", target.path), *needles)
    assert line.count(PROJECT) <= 1, line
    target.assert_untouched()


def test_output_under_a_regular_file_is_refused(media: dict[str, Path], tmp_path: Path) -> None:
    project = write_project(tmp_path, {"clips": [{"path": str(media["counter"])}]})
    blocker = tmp_path / "somefile.txt"
    blocker.write_text("notes\n")
    done = shopreel("render", project, "-o", blocker / "out.mp4")
    user_error(done, "somefile.txt", "is a file, not a folder")
    assert blocker.read_text() == "notes\n"
    no_partial_files(tmp_path)


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0,
                    reason="root (and Windows) ignore folder permissions")
def test_output_in_a_read_only_folder_is_refused(media: dict[str, Path], tmp_path: Path) -> None:
    project = write_project(tmp_path, {"clips": [{"path": str(media["counter"])}]})
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        done = shopreel("render", project, "-o", locked / "out.mp4")
        user_error(done, "locked", "no permission to write")
        assert list(locked.iterdir()) == []
    finally:
        locked.chmod(0o700)


def test_output_without_mp4_suffix_is_refused(media: dict[str, Path], tmp_path: Path) -> None:
    project = write_project(tmp_path, {"clips": [{"path": str(media["counter"])}]})
    for name in ("out.mov", "out"):
        done = shopreel("render", project, "-o", tmp_path / name)
        user_error(done, name, "must be an .mp4 file")
        assert not (tmp_path / name).exists()
    existing = tmp_path / "keep.mkv"
    existing.write_bytes(OLD_OUTPUT)
    user_error(shopreel("render", project, "-o", existing), "keep.mkv", ".mp4")
    assert existing.read_bytes() == OLD_OUTPUT
    no_partial_files(tmp_path)


@pytest.mark.parametrize("spelling", ["same", "with sub/.."])
def test_output_that_is_one_of_the_clips_is_refused_and_the_clip_kept(
    spelling: str, media: dict[str, Path], tmp_path: Path
) -> None:
    clip = Path(shutil.copy(media["counter"], tmp_path / "clip.mp4"))
    original = clip.read_bytes()
    (tmp_path / "sub").mkdir()
    project = write_project(tmp_path, {"clips": [{"path": "clip.mp4"}]})
    output = clip if spelling == "same" else Path(tmp_path, "sub", "..", "clip.mp4")
    user_error(shopreel("render", project, "-o", output), "clip.mp4", "is one of the clips")
    assert clip.read_bytes() == original
    no_partial_files(tmp_path)


def test_video_given_as_project_file_is_recognised(
    media: dict[str, Path], tmp_path: Path, target: Target
) -> None:
    clip = shutil.copy(media["counter"], tmp_path / "clip.mp4")
    done = shopreel("render", clip, "-o", target.path)
    user_error(done, "clip.mp4", "is a media file, not a project file",
               "shopreel new NAME.shopreel.json --clip")
    target.assert_untouched()


def test_missing_project_file_is_named(tmp_path: Path, target: Target) -> None:
    done = shopreel("render", tmp_path / "nope.shopreel.json", "-o", target.path)
    user_error(done, "nope.shopreel.json", "project file not found")
    target.assert_untouched()


@pytest.mark.parametrize("kind", ["missing", "text"])
def test_probe_of_an_unusable_file_is_one_line(kind: str, bad: dict[str, Path]) -> None:
    done = shopreel("probe", bad[kind])
    user_error(done, bad[kind].name, dict(BAD_CLIPS)[kind])
    assert done.stdout == ""


def test_probe_of_a_missing_file_does_not_mention_project_files(bad: dict[str, Path]) -> None:
    # Relative paths given to `probe` start at the current folder; there is no project file.
    line = user_error(shopreel("probe", bad["missing"]), "missing.mp4")
    assert "project" not in line


def test_new_refuses_to_overwrite_a_project_without_force(
    media: dict[str, Path], tmp_path: Path
) -> None:
    project = tmp_path / "kiste.shopreel.json"
    project.write_text('{"version": 1, "title": "mine"}\n')
    done = shopreel("new", project, "--clip", media["counter"])
    user_error(done, "kiste.shopreel.json", "already exists", "--force")
    assert project.read_text() == '{"version": 1, "title": "mine"}\n'
    no_partial_files(tmp_path)


@pytest.mark.parametrize("kind", ["text", "missing"])
def test_new_refuses_a_bad_clip_and_writes_nothing(
    kind: str, bad: dict[str, Path], media: dict[str, Path], tmp_path: Path
) -> None:
    project = tmp_path / "kiste.shopreel.json"
    done = shopreel("new", project, "--clip", media["counter"], "--clip", bad[kind])
    user_error(done, "--clip 2", bad[kind].name, dict(BAD_CLIPS)[kind])
    assert list(tmp_path.iterdir()) == []


# Valid but awkward names: these must render.


def rendered(done: subprocess.CompletedProcess[str], output: Path) -> None:
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    assert output.is_file()
    facts = streams(output)
    assert (facts.width, facts.height) == (320, 180)
    no_partial_files(output.parent)


def test_clip_named_like_an_option_renders(media: dict[str, Path], tmp_path: Path) -> None:
    # Run from the project's folder with relative paths, as a user would, so the paths really
    # start with "-"; ffmpeg must not take them for options.
    shutil.copy(media["counter"], tmp_path / "-clip.mp4")
    write_project(tmp_path, {"clips": [{"path": "-clip.mp4", "out": 0.5}]})
    done = shopreel("render", "test.shopreel.json", "-o", "out.mp4", cwd=tmp_path)
    rendered(done, tmp_path / "out.mp4")
    done = shopreel("render", "test.shopreel.json", "--output=-out.mp4", cwd=tmp_path)
    rendered(done, tmp_path / "-out.mp4")


@pytest.mark.parametrize("spelling", ["after --", "./-x"])
def test_project_file_named_like_an_option_renders(
    spelling: str, media: dict[str, Path], tmp_path: Path
) -> None:
    write_project(tmp_path, {"clips": [{"path": str(media["counter"]), "out": 0.5}]},
                  name="-x.shopreel.json")
    args = (["-o", "out.mp4", "--", "-x.shopreel.json"] if spelling == "after --"
            else ["./-x.shopreel.json", "-o", "out.mp4"])
    rendered(shopreel("render", *args, cwd=tmp_path), tmp_path / "out.mp4")


def test_project_file_named_like_an_option_without_dashes_gets_a_hint(
    media: dict[str, Path], tmp_path: Path
) -> None:
    write_project(tmp_path, {"clips": [{"path": str(media["counter"])}]},
                  name="-x.shopreel.json")
    done = shopreel("render", "-x.shopreel.json", "-o", "out.mp4", cwd=tmp_path)
    # argparse's usage errors print the usage first; the error itself is still one line.
    assert done.returncode == 2 and "Traceback" not in done.stderr
    errors = [line for line in done.stderr.splitlines() if line.startswith("shopreel: error:")]
    assert len(errors) == 1 and done.stderr.splitlines()[-1] == errors[0]
    assert "-x.shopreel.json is a file, not an option" in errors[0]
    assert "./-x.shopreel.json" in errors[0] and "--" in errors[0]
    assert not (tmp_path / "out.mp4").exists()


def test_spaces_quotes_umlauts_and_colons_in_every_path_render(
    media: dict[str, Path], tmp_path: Path
) -> None:
    folder = tmp_path / AWKWARD
    folder.mkdir()
    shutil.copy(media["counter"], folder / f"{AWKWARD}.mp4")
    # "take:2.mp4" looks like a URL with protocol "take" to ffmpeg unless it is escaped.
    shutil.copy(media["no_audio"], folder / "take:2.mp4")
    project = write_project(folder, {"title": AWKWARD, "clips": [
        {"path": f"{AWKWARD}.mp4", "out": 0.5}, {"path": "take:2.mp4", "out": 0.5}]},
        name=f"{AWKWARD}.shopreel.json")
    output = folder / f"Ausgabe 'final' \"v2\": {AWKWARD}.mp4"
    done = shopreel("render", project.name, "-o", output.name, cwd=folder)
    rendered(done, output)
    assert str(output) in done.stdout


# Cancelling.


@pytest.fixture(scope="module")
def long_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An edit that takes several seconds to render: 30 s upscaled to 1280x720."""
    folder = tmp_path_factory.mktemp("long")
    make_clip(folder / "long.mp4", size=(320, 180), seconds=30, tone_hz=None)
    return write_project(folder, {"clips": [{"path": "long.mp4"}],
                                  "output": {"size": "1280x720"}})


def _living(processes: list[psutil.Process]) -> list[psutil.Process]:
    alive = []
    for process in processes:
        try:
            if process.is_running() and process.status() != psutil.STATUS_ZOMBIE:
                alive.append(process)
        except psutil.NoSuchProcess:
            pass
    return alive


@pytest.mark.skipif(os.name != "posix", reason="SIGINT to another process is POSIX only")
def test_ctrl_c_stops_ffmpeg_and_writes_nothing(
    long_project: Path, tmp_path: Path, target: Target
) -> None:
    process = subprocess.Popen(
        [*SHOPREEL, "render", str(long_project), "-o", str(target.path), "--progress", "json"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8")
    try:
        # Wait for the render itself: the short loudness passes before it come and go too fast
        # to catch their ffmpeg running.
        while True:
            first = json.loads(process.stdout.readline())  # type: ignore[union-attr]
            assert first["event"] == "progress" and first["fraction"] < 1
            if first["stage"] == "render":
                break
        children = psutil.Process(process.pid).children(recursive=True)
        assert any("ffmpeg" in child.name() for child in children)
        process.send_signal(signal.SIGINT)
        interrupted = time.monotonic()
        stdout, stderr = process.communicate(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert time.monotonic() - interrupted < 5, "the render ran on after Ctrl-C"
    assert process.returncode == 130, stderr
    assert "Traceback" not in stderr
    assert stderr.splitlines() == ["shopreel: error: cancelled; nothing was written"]
    assert '"event": "done"' not in stdout
    assert _living(children) == [], "ffmpeg still runs after Ctrl-C"
    target.assert_untouched()


def test_cancel_token_stops_the_render_and_writes_nothing(long_project: Path,
                                                          tmp_path: Path) -> None:
    output = tmp_path / "out.mp4"
    output.write_bytes(OLD_OUTPUT)
    plan = plan_render(load_project(long_project), long_project, output=output)
    token = CancelToken()
    fractions: list[float] = []
    with pytest.raises(Cancelled, match="cancelled; nothing was written"):
        for progress in render(plan, cancel=token):
            fractions.append(progress.fraction)
            token.cancel()
    assert fractions and max(fractions) < 1, "ffmpeg ran to the end despite the cancel"
    ffmpegs = [child for child in psutil.Process().children(recursive=True)
               if "ffmpeg" in child.name()]
    assert _living(ffmpegs) == []
    assert output.read_bytes() == OLD_OUTPUT
    no_partial_files(tmp_path)
