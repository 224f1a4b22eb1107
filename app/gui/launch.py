"""Start the desktop editor."""

from __future__ import annotations

from pathlib import Path

from shopreel.video.errors import ShopReelError


def launch_gui(project: Path | None) -> int:
    """Open the main window (optionally with a project) and run Qt's event loop."""
    raise ShopReelError("the desktop editor is not in this version yet",
                        "use the commands instead: shopreel --help")
