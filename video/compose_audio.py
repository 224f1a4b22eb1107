"""Graph pieces for the sound track: join, cross-fade with the cards, music bed, final loudness.

The same ``sound_track`` feeds the render and the loudness measurement before it, so what is
measured is exactly what gets encoded, apart from the final gain.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import ffmpeg

from shopreel.video.compose_clips import silence
from shopreel.video.escape import ffmpeg_url
from shopreel.video.plan import SAMPLE_RATE, RenderPlan
from shopreel.video.sound import (
    CODEC_PEAK_HEADROOM_DB,
    MUSIC_FADE_IN_SECONDS,
    MUSIC_FADE_OUT_SECONDS,
    Levels,
    Music,
    Normalisation,
    db_to_ratio,
)

# Ducking: the music dips by about 10 dB under clip sound at the target level, reacting within
# a few syllables and coming back smoothly in pauses longer than half a second.
_DUCK = {"threshold": 0.03, "ratio": 6, "attack": 40, "release": 600, "knee": 4,
         "detection": "rms", "link": "maximum"}


def total_samples(plan: RenderPlan) -> int:
    return round(plan.duration * SAMPLE_RATE)


def audio_crossfade(first: Any, second: Any, transition_frames: int, fps: Fraction) -> Any:
    """Sound of two pieces overlapping by exactly the pictures' cross-fade."""
    samples = round(Fraction(transition_frames) / fps * SAMPLE_RATE)
    return ffmpeg.filter([first, second], "acrossfade", nb_samples=samples,
                         curve1="qsin", curve2="qsin")


def sound_track(plan: RenderPlan, sounds: list[Any], levels: Levels) -> Any:
    """The whole programme's sound before normalisation.

    ``sounds`` are the segments' sounds in timeline order, the user's intro clip first if any.
    """
    sounds = list(sounds)
    timeline = plan.timeline
    intro = sounds.pop(0) if plan.intro_clip is not None else None
    track = ffmpeg.concat(*sounds, v=0, a=1) if len(sounds) > 1 else sounds[0]
    cards = silence((intro is None and timeline.intro_frames > 0) + (timeline.outro_frames > 0))
    if intro is None and timeline.intro_frames > 0:
        intro = _cut(cards.pop(0), timeline.intro_frames, timeline.fps)
    if intro is not None:
        track = audio_crossfade(intro, track, timeline.intro_transition, timeline.fps)
    if timeline.outro_frames:
        outro = _cut(cards.pop(0), timeline.outro_frames, timeline.fps)
        track = audio_crossfade(track, outro, timeline.outro_transition, timeline.fps)
    music = plan.sound.music
    if music is not None:
        talking = any(s.use_audio for s in plan.segments) or bool(
            plan.intro_clip and plan.intro_clip.use_audio)
        track = _with_music(track, music, levels.music_gain_db, total_samples(plan),
                            duck=music.duck and talking)
    return track


def _cut(stream: Any, frames: int, fps: Fraction) -> Any:
    return stream.filter("atrim", end_sample=round(Fraction(frames) / fps * SAMPLE_RATE))


def music_stream(music: Music, gain_db: float, samples: int) -> Any:
    """The music file looped or cut to ``samples``, levelled, faded in and out."""
    source = ffmpeg.input(ffmpeg_url(music.path), stream_loop=-1, vn=None)["a:0"]
    source = source.filter("aresample", SAMPLE_RATE)
    if music.info.channels == 1:
        source = source.filter("pan", args="stereo|c0=c0|c1=c0")
    source = (source.filter("aformat", sample_fmts="fltp", sample_rates=SAMPLE_RATE,
                            channel_layouts="stereo")
              .filter("atrim", end_sample=samples).filter("asetpts", "N/SR/TB")
              .filter("volume", volume=f"{gain_db:.3f}dB"))
    # Fades take at most a third of the video each, so a 3-second video still has a body.
    fade_in = min(round(MUSIC_FADE_IN_SECONDS * SAMPLE_RATE), samples // 3)
    fade_out = min(round(MUSIC_FADE_OUT_SECONDS * SAMPLE_RATE), samples // 3)
    if fade_in:
        source = source.filter("afade", type="in", start_sample=0, nb_samples=fade_in)
    if fade_out:
        source = source.filter("afade", type="out", start_sample=samples - fade_out,
                               nb_samples=fade_out)
    return source


def _with_music(track: Any, music: Music, gain_db: float, samples: int, *, duck: bool) -> Any:
    bed = music_stream(music, gain_db, samples)
    if duck:
        voice = track.filter_multi_output("asplit")
        track, key = voice[0], voice[1]
        bed = ffmpeg.filter([bed, key], "sidechaincompress", **_DUCK)
    return ffmpeg.filter([track, bed], "amix", inputs=2, duration="first", normalize=0,
                         dropout_transition=0)


def normalised(track: Any, final: Normalisation | None) -> Any:
    """The last step: the mix brought to the target loudness.

    Linear: one gain. Dynamic: the gain, then a look-ahead limiter on the peaks that would pass
    the ceiling, working at four times the sample rate so it also catches the peaks between
    samples (true peak). ffmpeg's loudnorm in dynamic mode was tried first and missed the target
    by 5 to 9 LU on clips with sharp transients; the limiter's gain is corrected by measurement
    instead (see ``sound_levels``).
    """
    if final is None:
        return track
    track = track.filter("volume", volume=f"{final.gain_db:.3f}dB")
    if final.mode == "linear":
        return track
    limit = db_to_ratio(final.true_peak_db - CODEC_PEAK_HEADROOM_DB)
    return (track.filter("aresample", 4 * SAMPLE_RATE)
            .filter("alimiter", limit=f"{limit:.5f}", attack=1, release=60, level=0, latency=1)
            .filter("aresample", SAMPLE_RATE))
