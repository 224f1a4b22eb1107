"""The window's icons: small SVG line drawings in ``shopreel.resources/icons``.

Qt's SVG icon engine draws them at whatever size and device pixel ratio a button asks for, so
they stay sharp on high-DPI screens.
"""

from __future__ import annotations

from functools import cache
from importlib import resources

from PySide6.QtGui import QIcon

APP_ICON = "shopreel"


@cache
def icon(name: str) -> QIcon:
    """The icon ``resources/icons/{name}.svg``.

    Raises FileNotFoundError when there is no such icon, ValueError when Qt cannot read it (a
    typo or a broken file is a bug to see at once, not a button that is silently blank).
    """
    source = resources.files("shopreel.resources") / "icons" / f"{name}.svg"
    if not source.is_file():
        raise FileNotFoundError(f"no icon {name!r}: resources/icons/{name}.svg does not exist")
    # A path, not the bytes: the SVG engine reads the file again for each new size. The
    # resources are installed (and frozen) as plain files, so the path lasts.
    made = QIcon(str(source))
    if made.isNull():
        raise ValueError(f"resources/icons/{name}.svg is not an icon Qt can draw")
    return made
