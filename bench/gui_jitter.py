"""GUI responsiveness: how late a 10 ms UI timer fires while a render runs (target: under 100 ms).

Opens the main window (offscreen unless ``--screen``) on a small synthesised project (a 6 s
640x360 clip with a caption), starts a render from the window as the Render button does, and
measures the lateness of a precise 10 ms timer on the UI thread until the render has finished.
Several rounds; prints each round's worst and median lateness, then the worst of all against
the target. Exits 0 either way.

    /work/venv/bin/python bench/gui_jitter.py [--rounds 5] [--screen]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

TARGET_MS = 100.0
INTERVAL_MS = 10


def _project(folder: Path) -> Path:
    from shopreel.video.synth import make_clip

    clip = make_clip(folder / "clip.mp4", size=(640, 360), seconds=6)
    project = folder / "jitter.shopreel.json"
    project.write_text(json.dumps({
        "version": 1, "title": "Jitter", "clips": [{"path": str(clip)}], "intro": None,
        "output": {"size": "640x360"},
        "captions": [{"text": "Jetzt bestellen", "start": 1, "end": 4}]}), encoding="utf-8")
    return project


def one_round(project: Path) -> list[float]:
    from PySide6.QtCore import QEventLoop, Qt, QTimer
    from PySide6.QtWidgets import QApplication

    from shopreel.app.gui.main_window import MainWindow
    from shopreel.app.gui.settings import Settings

    app = QApplication.instance() or QApplication(sys.argv[:1])
    window = MainWindow(Settings())
    window.open_project(project)
    window.show()
    lateness: list[float] = []
    last = [time.perf_counter()]

    def tick() -> None:
        now = time.perf_counter()
        lateness.append((now - last[0]) * 1000 - INTERVAL_MS)
        last[0] = now

    loop = QEventLoop()
    window.render_finished.connect(lambda *_: loop.quit())
    timer = QTimer()
    timer.setTimerType(Qt.TimerType.PreciseTimer)
    timer.timeout.connect(tick)
    window.start_render()
    last[0] = time.perf_counter()
    timer.start(INTERVAL_MS)
    loop.exec()
    timer.stop()
    window.shutdown()
    window.close()
    app.processEvents()
    return lateness


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--screen", action="store_true", help="use the real screen")
    args = parser.parse_args()
    if not args.screen:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    os.environ.setdefault("SHOPREEL_SETTINGS", str(Path(tempfile.mkdtemp()) / "settings.ini"))
    worst_of_all = 0.0
    with tempfile.TemporaryDirectory(prefix="shopreel-jitter-") as work:
        project = _project(Path(work))
        for number in range(1, args.rounds + 1):
            lateness = one_round(project)
            worst = max(lateness, default=0.0)
            worst_of_all = max(worst_of_all, worst)
            print(f"round {number}: {len(lateness)} ticks, worst {worst:.1f} ms late, "
                  f"median {statistics.median(lateness) if lateness else 0:.1f} ms", flush=True)
    verdict = "met" if worst_of_all < TARGET_MS else "MISSED"
    print(f"worst lateness of a 10 ms UI timer during a render: {worst_of_all:.1f} ms "
          f"(target < {TARGET_MS:g} ms): {verdict}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
