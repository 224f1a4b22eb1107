"""Start the desktop editor."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from shopreel.video.errors import ShopReelError


def _has_screen() -> bool:
    if sys.platform != "linux" or os.environ.get("QT_QPA_PLATFORM"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def launch_gui(project: Path | None) -> int:
    """Open the main window (optionally with a project) and run Qt's event loop.

    Raises ShopReelError when there is no screen (Qt would abort the process instead).
    """
    if not _has_screen():
        raise ShopReelError("no screen found for the desktop editor",
                            "run it on a desktop, or use the commands: shopreel --help")
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from shopreel.app.gui.i18n import choose_language, install_translator
    from shopreel.app.gui.icons import APP_ICON, icon
    from shopreel.app.gui.main_window import MainWindow
    from shopreel.app.gui.settings import Settings

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("ShopReel")
    app.setOrganizationName("ShopReel")
    QApplication.setWindowIcon(icon(APP_ICON))  # every window and dialog, and the taskbar
    settings = Settings()
    install_translator(app, choose_language(settings.language))
    window = MainWindow(settings)
    # Normally closeEvent stops the background work; a quit that closes no window (the session
    # ending) must stop it too, before Python tears down what the threads still use.
    app.aboutToQuit.connect(window.shutdown)
    if project is not None:
        window.open_project(project)
    window.show()
    if project is None:
        QTimer.singleShot(0, window.offer_recovery)
    return int(app.exec())
