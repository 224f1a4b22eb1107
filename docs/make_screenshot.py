"""Make docs/gui.png: the main window with the example project loaded (Qt offscreen grab).

    /work/venv/bin/python docs/make_screenshot.py [--out docs/gui.png] [--at 5.0]

The example project comes from ``shopreel.video.demo.create_demo`` (made in a temporary
folder); the picture is the real window, as ``shopreel gui`` shows it, with the preview at
``--at`` seconds. The PNG is palette-reduced to stay small.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path(__file__).with_name("gui.png"))
    parser.add_argument("--at", type=float, default=5.0, help="preview time in seconds")
    parser.add_argument("--size", default="1280x800")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="shopreel-shot-") as work:
        os.environ["SHOPREEL_SETTINGS"] = str(Path(work) / "settings" / "shopreel.ini")
        from PIL import Image
        from PySide6.QtWidgets import QApplication

        from shopreel.app.gui.main_window import MainWindow
        from shopreel.video.demo import create_demo

        project = create_demo(Path(work) / "demo")
        app = QApplication(sys.argv[:1])
        window = MainWindow()
        width, height = (int(n) for n in args.size.split("x"))
        window.resize(width, height)
        window.show()
        if not window.open_project(project):
            raise SystemExit(f"cannot open {project}")
        window.inspector.setCurrentWidget(window.captions_panel)
        window.preview.seek(args.at)

        def wait(done: object, limit: float = 60.0) -> None:
            deadline = time.monotonic() + limit
            while time.monotonic() < deadline:
                app.processEvents()
                if done():  # type: ignore[operator]
                    return
                time.sleep(0.02)
            raise SystemExit("timed out waiting for the preview")

        wait(lambda: window.preview.image is not None and not window.preview.busy
             and not window.library.busy)
        window.show_status(f"Opened {project.name}")
        for _ in range(5):
            app.processEvents()
        shot = Path(work) / "shot.png"
        window.grab().save(str(shot))
        window.shutdown()
        with Image.open(shot) as image:
            small = image.convert("RGB").quantize(colors=256, method=Image.Quantize.MEDIANCUT,
                                                  dither=Image.Dither.NONE)
            args.out.parent.mkdir(parents=True, exist_ok=True)
            small.save(args.out, optimize=True)
    print(f"wrote {args.out} ({args.out.stat().st_size // 1024} KB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
