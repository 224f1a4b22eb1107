"""The sound track: loudness to standard, common clip levels, music with ducking, clean cuts, sync.

Every figure is measured on the written file, by the tests' own ffmpeg calls: loudness with the
``ebur128`` filter on the decoded AAC (ShopReel measures its mix before encoding and decides the
gain from that), levels and steps from the decoded samples.
Test signals are modulated tones (a pure sine has no loudness range and fools loudnorm).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from conftest import FPS, write_project
from mediacheck import FFMPEG, audio_samples, band_level_db, ebur128, frame_count, streams

from shopreel.app.cli import main
from shopreel.video.errors import ProjectError
from shopreel.video.plan import plan_render
from shopreel.video.project import load_project
from shopreel.video.render import RenderResult, render_to_end
from shopreel.video.synth import make_clip, make_music

RATE = 48_000
FRAME = 1 / FPS
SHOPREEL = [sys.executable, "-m", "shopreel.app"]


def _ffmpeg(*args: str) -> None:
    subprocess.run([FFMPEG, "-hide_banner", "-nostdin", "-loglevel", "error", "-y", *args],
                   check=True)


@pytest.fixture(scope="module")
def sounds(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("sounds")
    small = (320, 180)
    files = {
        # About -38 LUFS and -7 LUFS: a whisper next to a shout.
        "quiet": make_clip(folder / "quiet.mp4", size=small, seconds=2.0, tone_hz=440,
                           tone_amplitude=0.02),
        "loud": make_clip(folder / "loud.mp4", size=small, seconds=2.0, tone_hz=550,
                          tone_amplitude=0.7),
        "talk": make_clip(folder / "talk.mp4", size=small, seconds=3.0, tone_hz=440,
                          tone_amplitude=0.3),
        "music": make_music(folder / "music tone.m4a", seconds=2.5, tone_hz=1000, amplitude=0.3),
        # One second: every whole second of the mix holds the same music, whatever its phase.
        "beat": make_music(folder / "beat.wav", seconds=1.0, tone_hz=1000, amplitude=0.3),
        "chords": make_music(folder / "chords.mp3", seconds=4.0),
    }
    # Quiet sound with short loud clicks: linear gain to -14 LUFS would push the peaks far over.
    peaky = folder / "peaky.mp4"
    _ffmpeg("-f", "lavfi", "-i", "color=c=gray:s=320x180:r=30:d=3",
            "-f", "lavfi", "-i",
            "aevalsrc='0.08*sin(2*PI*440*t)*(0.65+0.35*sin(2*PI*1.3*t))"
            "+if(lt(mod(t,1),0.0005),0.9*sin(2*PI*3000*t),0)':s=48000:d=3",
            "-c:v", "libx264", "-preset", "ultrafast", "-c:a", "pcm_s16le", "-shortest",
            str(peaky.with_suffix(".mov")))
    files["peaky"] = peaky.with_suffix(".mov")
    return files


def _render(folder: Path, data: dict, **options: object) -> tuple[Path, RenderResult]:
    """Render ``data`` (without the default intro card unless it names one)."""
    project = write_project(folder, {"intro": None, **data})
    plan = plan_render(load_project(project), project, output=folder / "out.mp4", **options)
    return folder / "out.mp4", render_to_end(plan)


# --- loudness -------------------------------------------------------------------------------


@pytest.mark.parametrize("target", [-14.0, -23.0])
def test_clips_at_very_different_levels_end_at_the_target(
    sounds: dict[str, Path], tmp_path: Path, target: float
) -> None:
    out, result = _render(tmp_path, {
        "title": "Pegel", "intro": {"title": "Pegel", "duration": 1.0},
        "clips": [{"path": str(sounds["quiet"])}, {"path": str(sounds["loud"])},
                  {"path": str(sounds["quiet"])}],
        "audio": {"loudness_lufs": target},
    })
    measured = ebur128(out)
    assert abs(measured.integrated - target) <= 1.0, measured
    assert measured.true_peak <= -1.0, measured
    # The quiet clip was brought up to the loud one: no jump at the cut.
    quiet = ebur128(out, start=0.5 + 0.3, seconds=1.4).integrated
    loud = ebur128(out, start=2.5 + 0.3, seconds=1.4).integrated
    assert abs(quiet - loud) <= 2.0, (quiet, loud)
    sound = result.sound
    assert sound is not None and sound.mode == "linear" and sound.target_lufs == target
    assert sound.output is not None and abs(sound.output.integrated_lufs - measured.integrated) < 0.5


def test_peaks_that_linear_gain_would_clip_get_dynamic_normalisation_and_say_so(
    sounds: dict[str, Path], tmp_path: Path
) -> None:
    out, result = _render(tmp_path, {"title": "Klicks", "clips": [{"path": str(sounds["peaky"])}]})
    measured = ebur128(out)
    assert result.sound is not None and result.sound.mode == "dynamic"
    assert abs(measured.integrated - -14.0) <= 1.0, measured
    assert measured.true_peak <= -1.0, measured
    assert streams(out).sample_rate == RATE  # not loudnorm's 192 kHz


def test_normalize_false_keeps_the_clips_as_filmed(sounds: dict[str, Path], tmp_path: Path) -> None:
    out, result = _render(tmp_path, {"title": "Roh", "clips": [{"path": str(sounds["quiet"])}],
                                     "audio": {"normalize": False}})
    assert result.sound is not None and result.sound.mode == "off"
    assert ebur128(out).integrated < -35


def test_a_video_without_any_sound_reports_silence(media: dict[str, Path], tmp_path: Path) -> None:
    _, result = _render(tmp_path, {"title": "Stumm", "clips": [{"path": str(media["no_audio"])}]})
    assert result.sound is not None and result.sound.mode == "silent"
    assert result.sound.output is not None and result.sound.output.silent


# --- music and ducking -------------------------------------------------------------------------


def _music_level(samples: np.ndarray, start: float, end: float) -> float:
    window = samples[int(start * RATE):int(end * RATE)]
    return band_level_db(window, RATE, 990, 1010)


@pytest.mark.parametrize("duck", [True, False])
def test_music_dips_under_clip_sound_and_not_under_a_muted_clip(
    sounds: dict[str, Path], tmp_path: Path, duck: bool
) -> None:
    talk, muted = {"path": str(sounds["talk"])}, {"path": str(sounds["talk"]), "mute": True}
    out, _ = _render(tmp_path, {
        "title": "Musik", "clips": [talk, muted, muted],  # 9 s; the music fades out from 7 s
        "audio": {"music": str(sounds["beat"]), "music_gain_db": -6, "duck": duck},
    })
    samples = audio_samples(out)
    under_talk = _music_level(samples, 1.0, 2.0)
    under_silence = _music_level(samples, 5.0, 6.0)
    if duck:
        assert under_silence - under_talk >= 6.0, (under_talk, under_silence)
    else:
        assert abs(under_silence - under_talk) <= 1.0, (under_talk, under_silence)


def test_music_is_looped_to_the_length_and_fades_in_and_out(
    sounds: dict[str, Path], tmp_path: Path
) -> None:
    out, _ = _render(tmp_path, {
        "title": "Schleife", "clips": [{"path": str(sounds["talk"]), "mute": True},
                                       {"path": str(sounds["talk"]), "mute": True}],
        "audio": {"music": str(sounds["music"]), "duck": False},
    })
    samples = audio_samples(out)  # 6 s of video, 2.5 s of music: it loops twice
    levels = [_music_level(samples, t, t + 0.5) for t in (0.0, 2.5, 4.0, 5.5)]
    assert levels[1] - levels[0] >= 3  # fading in
    assert abs(levels[2] - levels[1]) <= 2  # still there after the file's end
    assert levels[2] - levels[3] >= 3  # fading out
    assert abs(len(samples) / RATE - 6.0) <= FRAME


# --- clean cuts and sync ----------------------------------------------------------------------


def test_no_step_in_the_waveform_at_cuts(tmp_path: Path) -> None:
    # Trims chosen so the raw waveforms would meet far apart: a loud peak against a zero.
    a = make_clip(tmp_path / "a.mp4", size=(320, 180), seconds=2.0, tone_hz=450, tone_amplitude=0.5)
    b = make_clip(tmp_path / "b.mp4", size=(320, 180), seconds=2.0, tone_hz=300, tone_amplitude=0.5)
    out, _ = _render(tmp_path, {
        "title": "Schnitt", "clips": [{"path": str(a), "out": 1.0}, {"path": str(b), "in": 0.5},
                                      {"path": str(a), "in": 0.3, "out": 1.3}],
        "audio": {"normalize": False},
    })
    samples = audio_samples(out)
    slope = np.abs(np.diff(samples))
    typical = np.percentile(slope[int(0.3 * RATE):int(0.7 * RATE)], 99.9)
    for boundary in (1.0, 2.5):
        at = int(boundary * RATE)
        near = slope[at - 480:at + 480].max()
        assert near <= 1.5 * typical, (boundary, near, typical)


def _sync_clip(path: Path, late_audio: float, variable_frame_rate: bool) -> Path:
    """A white flash frame and a beep at the same instant, 2.0 s into the clip.

    ``late_audio``: the sound stream starts that much after the picture (its own clock starts
    there, so the beep sits earlier on it).
    """
    select = ",select='if(between(t,1,3.5),not(mod(n,3)),1)'" if variable_frame_rate else ""
    beep_at = 2.0 - late_audio
    beep = f"if(between(t,{beep_at},{beep_at + 0.1}),0.5*sin(2*PI*1000*t),0)"
    _ffmpeg("-f", "lavfi", "-i",
            f"color=c=black:s=320x180:r=30:d=4,drawbox=c=white:t=fill:enable='eq(n,60)'{select}",
            "-itsoffset", f"{late_audio}", "-f", "lavfi", "-i",
            f"aevalsrc='{beep}':s=48000:d={4 - late_audio}",
            "-c:v", "libx264", "-preset", "ultrafast", "-g", "60", "-c:a", "aac",
            *(["-fps_mode", "vfr"] if variable_frame_rate else []), str(path))
    return path


@pytest.mark.parametrize(("late_audio", "vfr"), [(0.0, True), (0.4, False)],
                         ids=["variable-frame-rate", "audio-starts-late"])
def test_flash_and_beep_stay_together_after_an_off_keyframe_trim_and_an_intro(
    tmp_path: Path, late_audio: float, vfr: bool
) -> None:
    clip = _sync_clip(tmp_path / "sync.mp4", late_audio, vfr)
    out, _ = _render(tmp_path, {"title": "Sync", "intro": {"title": "Sync", "duration": 1.5},
                                "clips": [{"path": str(clip), "in": 0.7}]})
    frames = frame_count(out)
    gray = subprocess.run([FFMPEG, "-nostdin", "-i", str(out), "-vf", "scale=32:18", "-f", "rawvideo",
                           "-pix_fmt", "gray", "-"], capture_output=True, check=True).stdout
    means = np.frombuffer(gray, dtype=np.uint8).reshape(frames, -1).mean(axis=1)
    flash = int(np.argmax(means > 128)) / FPS
    samples = audio_samples(out)
    beep = int(np.argmax(np.abs(samples) > 0.05)) / RATE
    expected = 1.5 - 0.5 + (2.0 - 0.7)  # intro minus cross-fade, then the trimmed clip
    assert abs(flash - expected) <= FRAME, (flash, expected)
    assert abs(beep - flash) <= FRAME, (beep, flash)


# --- report and command line -------------------------------------------------------------------


def test_progress_json_ends_with_the_measured_loudness(sounds: dict[str, Path], tmp_path: Path) -> None:
    project = write_project(tmp_path, {"title": "Bericht", "clips": [{"path": str(sounds["loud"])}]})
    done = subprocess.run([*SHOPREEL, "render", str(project), "-o", str(tmp_path / "o.mp4"),
                           "--progress", "json"], capture_output=True, text=True, check=True)
    events = [json.loads(line) for line in done.stdout.splitlines()]
    stages = {event.get("stage") for event in events[:-1]}
    assert {"loudness", "render", "check"} <= stages
    fractions = [event["fraction"] for event in events[:-1]]
    assert fractions == sorted(fractions)
    sound = events[-1]["sound"]
    assert sound["normalization"] == "linear" and sound["target_lufs"] == -14
    assert sound["input"]["integrated_lufs"] > -12  # the loud clip as it came in
    assert abs(sound["output"]["integrated_lufs"] - -14) <= 1
    assert {"integrated_lufs", "true_peak_dbtp", "range_lu"} <= set(sound["output"])


def test_probe_measures_loudness_of_any_file(sounds: dict[str, Path], capsys: pytest.CaptureFixture[str]
                                             ) -> None:
    assert main(["probe", "--loudness", str(sounds["chords"])]) == 0
    facts = json.loads(capsys.readouterr().out)
    reference = ebur128(sounds["chords"])
    assert abs(facts["loudness"]["integrated_lufs"] - reference.integrated) <= 0.3
    assert abs(facts["loudness"]["true_peak_dbtp"] - reference.true_peak) <= 0.3


# --- bad input ---------------------------------------------------------------------------------


def _cli_error(tmp_path: Path, data: dict, capsys: pytest.CaptureFixture[str]) -> str:
    project = write_project(tmp_path, {"title": "Fehler", **data})
    status = main(["render", str(project), "-o", str(tmp_path / "o.mp4"), "--progress", "none"])
    err = capsys.readouterr().err.strip()
    assert status == 2, err
    assert len(err.splitlines()) == 1 and "Traceback" not in err, err
    assert not (tmp_path / "o.mp4").exists()
    return err


def test_music_that_is_not_audio_names_the_field(media: dict[str, Path], tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    err = _cli_error(tmp_path, {"clips": [{"path": str(media["counter"])}],
                                "audio": {"music": str(media["still"])}}, capsys)
    assert "audio.music" in err and "no sound" in err


def test_missing_music_names_the_field(media: dict[str, Path], tmp_path: Path,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    err = _cli_error(tmp_path, {"clips": [{"path": str(media["counter"])}],
                                "audio": {"music": "nicht-da.mp3"}}, capsys)
    assert "audio.music" in err and "not found" in err


@pytest.mark.parametrize(("key", "value"), [("loudness_lufs", -60), ("loudness_lufs", 0),
                                            ("true_peak_db", 3), ("music_gain_db", 12)])
def test_extreme_targets_are_refused_naming_the_field(media: dict[str, Path], tmp_path: Path,
                                                      key: str, value: float) -> None:
    project = write_project(tmp_path, {"title": "x", "clips": [{"path": str(media["counter"])}],
                                       "audio": {key: value}})
    with pytest.raises(ProjectError, match=f"audio.{key}"):
        load_project(project)


def _damage_adts(data: bytes) -> bytes:
    """Scramble the payload of the middle third of an ADTS stream's frames, headers intact."""
    frames = []
    position = 0
    while position + 7 <= len(data):
        assert data[position] == 0xFF and data[position + 1] & 0xF0 == 0xF0
        length = ((data[position + 3] & 0x03) << 11) | (data[position + 4] << 3) | (
            data[position + 5] >> 5)
        frames.append((position, length))
        position += length
    damaged = bytearray(data)
    rng = np.random.default_rng(7)
    for start, length in frames[len(frames) // 3: 2 * len(frames) // 3]:
        damaged[start + 7:start + length] = rng.integers(0, 256, length - 7, dtype=np.uint8).tobytes()
    return bytes(damaged)


def test_a_clip_with_damaged_sound_is_rendered_with_a_warning(
    media: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    tone = tmp_path / "tone.aac"
    _ffmpeg("-f", "lavfi", "-i", "aevalsrc='0.3*sin(2*PI*440*t)*(0.65+0.35*sin(2*PI*1.3*t))':d=3",
            "-c:a", "aac", str(tone))
    tone.write_bytes(_damage_adts(tone.read_bytes()))
    clip = tmp_path / "damaged.mkv"
    _ffmpeg("-f", "lavfi", "-i", "color=c=gray:s=320x180:r=30:d=3", "-i", str(tone),
            "-c:v", "libx264", "-preset", "ultrafast", "-c:a", "copy", "-shortest", str(clip))
    project = write_project(tmp_path, {"title": "Kaputt", "clips": [{"path": str(clip)}]})
    status = main(["render", str(project), "-o", str(tmp_path / "o.mp4"), "--progress", "none"])
    err = capsys.readouterr().err
    assert status == 0, err
    assert "warning" in err and "clips[0]" in err and "damaged" in err, err
