"""GUI startup: time from process start to the main window shown (target: under 2 s).

Starts a fresh Python process (as ``shopreel gui`` does) that builds the main window, shows it
and reports once the event loop has painted it; the clock runs in this process from just before
the child is spawned, so interpreter start-up and imports count. Runs offscreen unless
``--screen`` is given. Prints each run, the median and the verdict; exits 0 either way.

    /work/venv/bin/python bench/gui_startup.py [--runs 5] [--project FILE] [--screen]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TARGET_SECONDS = 2.0

CHILD = r"""
import sys
from pathlib import Path
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from shopreel.app.gui.i18n import choose_language, install_translator
from shopreel.app.gui.main_window import MainWindow
from shopreel.app.gui.settings import Settings

app = QApplication(sys.argv[:1])
settings = Settings()
install_translator(app, choose_language(settings.language))
window = MainWindow(settings)
if len(sys.argv) > 1:
    window.open_project(Path(sys.argv[1]))
window.show()

def shown():
    print("shown", flush=True)
    window.shutdown()
    app.quit()

QTimer.singleShot(0, shown)  # runs after the first paint of the shown window
app.exec()
"""


def one_run(project: Path | None, env: dict[str, str]) -> float:
    started = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-c", CHILD, *([str(project)] if project else [])],
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env)
    assert process.stdout is not None
    for line in process.stdout:
        if line.strip() == "shown":
            elapsed = time.perf_counter() - started
            break
    else:
        raise SystemExit("the window was never shown")
    process.wait(timeout=60)
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--project", type=Path, help="open this project at start")
    parser.add_argument("--screen", action="store_true", help="use the real screen, not offscreen")
    args = parser.parse_args()
    env = dict(os.environ)
    if not args.screen:
        env["QT_QPA_PLATFORM"] = "offscreen"
    with tempfile.TemporaryDirectory() as settings:
        env["SHOPREEL_SETTINGS"] = str(Path(settings) / "shopreel.ini")
        one_run(args.project, env)  # warm the file cache: the first run after install is slower
        times = [one_run(args.project, env) for _ in range(args.runs)]
    for number, seconds in enumerate(times, 1):
        print(f"run {number}: {seconds:.2f} s")
    median = statistics.median(times)
    verdict = "met" if median < TARGET_SECONDS else "NOT met"
    print(f"median start-up to window shown: {median:.2f} s "
          f"({median / TARGET_SECONDS:.2f}x the {TARGET_SECONDS:.0f} s target: {verdict})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
