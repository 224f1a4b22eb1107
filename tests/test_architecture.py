"""House rules that keep the core headless: checked, not just written down."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _in_namespace(tree: Path, command: list[str], path_variable: str = "PYTHONPATH"
                  ) -> subprocess.CompletedProcess[str]:
    """Run ``command`` with the source folders of ``tree`` mounted as the ``shopreel`` namespace.

    That is exactly how they are installed, so tools read the source tree whether or not (and
    however) the project is installed.
    """
    with tempfile.TemporaryDirectory() as mount:
        namespace = Path(mount) / "shopreel"
        namespace.mkdir()
        for name in ("app", "video", "publish", "resources"):
            (namespace / name).symlink_to(tree / name, target_is_directory=True)
        env = {**os.environ, path_variable: mount}
        return subprocess.run(command, capture_output=True, text=True, cwd=ROOT, env=env)


def _lint_imports(tree: Path) -> subprocess.CompletedProcess[str]:
    """import-linter with the project's contracts over the source folders in ``tree``."""
    code = "from importlinter.cli import lint_imports_command; lint_imports_command()"
    return _in_namespace(tree, [sys.executable, "-c", code])


def test_all_packages_type_check() -> None:
    """mypy (strict) over video, publish and app (the command line and the GUI), with the shopreel
    namespace resolved."""
    done = _in_namespace(ROOT, [sys.executable, "-m", "mypy", "--config-file",
                                str(ROOT / "pyproject.toml"), "--cache-dir", os.devnull,
                                "-p", "shopreel.video", "-p", "shopreel.publish",
                                "-p", "shopreel.app"], "MYPYPATH")
    assert done.returncode == 0, done.stdout + done.stderr


def test_import_contracts_hold() -> None:
    """import-linter: video/publish never import Qt; video never imports publish or app."""
    done = _lint_imports(ROOT)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "3 kept, 0 broken" in done.stdout


def test_import_contracts_catch_qt_in_the_core(tmp_path: Path) -> None:
    import shutil

    for name in ("app", "video", "publish", "resources"):
        shutil.copytree(ROOT / name, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__"))
    (tmp_path / "video" / "leak.py").write_text("from PySide6 import QtCore\n")
    done = _lint_imports(tmp_path)
    assert done.returncode != 0
    assert "never imports Qt BROKEN" in done.stdout


def test_command_line_and_core_run_without_qt() -> None:
    code = (
        "import sys\n"
        "import shopreel.video, shopreel.video.render, shopreel.video.compose, shopreel.publish\n"
        "from shopreel.app import cli\n"
        "cli.main(['presets'])\n"
        "assert not any(m.startswith(('PySide6', 'shiboken6')) for m in sys.modules), 'Qt imported'\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "web-1080p" in done.stdout


def test_version_names_shopreel_and_ffmpeg() -> None:
    done = subprocess.run([sys.executable, "-m", "shopreel.app", "--version"],
                          capture_output=True, text=True, check=True)
    assert done.stdout.startswith("ShopReel ")
    assert "ffmpeg " in done.stdout


def test_ffmpeg_override_is_honoured(tmp_path: Path) -> None:
    env = {**os.environ, "SHOPREEL_FFMPEG": str(tmp_path / "no-such-ffmpeg")}
    clip = tmp_path / "clip.mp4"
    clip.write_bytes(b"\x00" * 1000)
    done = subprocess.run([sys.executable, "-m", "shopreel.app", "probe", str(clip)],
                          capture_output=True, text=True, env=env)
    assert done.returncode == 2
    assert "SHOPREEL_FFMPEG" in done.stderr and "Traceback" not in done.stderr
