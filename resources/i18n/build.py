"""Build the user interface translations: update the .ts sources from app/gui, compile .qm.

Run from anywhere: ``python resources/i18n/build.py`` (needs PySide6's pyside6-lupdate and
pyside6-lrelease, which ship with PySide6). The .ts files are the sources translators edit (Qt
Linguist); the compiled .qm files next to them are what ShopReel loads.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
GUI = HERE.parent.parent / "app" / "gui"
LANGUAGES = ("de",)


def tool(name: str) -> str:
    beside = Path(sys.executable).with_name(name)
    found = str(beside) if beside.exists() else shutil.which(name)
    if not found:
        raise SystemExit(f"{name} not found: install PySide6")
    return found


def main() -> int:
    sources = sorted(str(path) for path in GUI.glob("*.py"))
    for language in LANGUAGES:
        ts = HERE / f"shopreel_{language}.ts"
        subprocess.run([tool("pyside6-lupdate"), "-no-obsolete", "-locations", "none",
                        "-target-language", language, *sources, "-ts", str(ts)], check=True)
        subprocess.run([tool("pyside6-lrelease"), "-removeidentical", str(ts),
                        "-qm", str(ts.with_suffix(".qm"))], check=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
