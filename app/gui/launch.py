"""Start the desktop editor."""

from __future__ import annotations

import sys
from pathlib import Path


def launch_gui(project: Path | None) -> int:
    """Open the main window (optionally with a project) and run Qt's event loop."""
    from PySide6.QtWidgets import QApplication

    from shopreel.app.gui.main_window import MainWindow

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("ShopReel")
    window = MainWindow()
    if project is not None:
        window.open_project(project)
    window.show()
    return int(app.exec())
