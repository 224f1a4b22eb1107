"""The bundled example: a small product-video project whose clips are made on first use."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from importlib import resources
from pathlib import Path

from shopreel.video.brand import example_kit
from shopreel.video.synth import make_clip, make_music, make_photo

PROJECT_NAME = "demo.shopreel.json"


def create_demo(folder: Path) -> Path:
    """Write the example project and its media into ``folder``; return the project file.

    Existing media is reused, so running the demo again only renders.
    """
    clips = folder / "clips"
    clips.mkdir(parents=True, exist_ok=True)
    template = resources.files("shopreel.resources") / "demo" / PROJECT_NAME
    project = folder / PROJECT_NAME
    if not project.exists():
        with resources.as_file(template) as source:
            shutil.copyfile(source, project)
    kit = folder / "brand"
    if not kit.exists():
        with resources.as_file(example_kit().parent) as source:
            shutil.copytree(source, kit)
    recipes: dict[str, Callable[[Path], Path]] = {
        # A landscape camera clip with sound.
        "kiste_totale.mp4": lambda p: make_clip(p, size=(1280, 720), seconds=6, fps=25,
                                                 picture="gradients=n=4:speed=0.02", tone_hz=330),
        # A phone held upright: stored landscape with rotation metadata, mono 44.1 kHz sound.
        "detail_hochkant.mp4": lambda p: make_clip(p, size=(720, 1280), seconds=4, fps=30,
                                                    picture="gradients=n=3:speed=0.03:seed=7",
                                                    tone_hz=523, sample_rate=44_100, channels=1,
                                                    display_rotation=90),
        "packshot.jpg": lambda p: make_photo(p, size=(1200, 900)),
    }
    for name, make in recipes.items():
        if not (clips / name).exists():
            make(clips / name)
    music = folder / "music" / "hofladen-loop.mp3"
    if not music.exists():
        music.parent.mkdir(exist_ok=True)
        make_music(music, seconds=8.0)
    return project
