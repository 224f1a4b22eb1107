"""The README's main command: `shopreel demo` publishes the bundled example, and it checks clean.

One real run at the example's own size (1920x1080, 14 s): the same as a user's first command.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from lxml import etree

SHOPREEL = [sys.executable, "-m", "shopreel.app"]


def test_demo_publishes_everything_and_the_check_finds_no_failure(tmp_path: Path) -> None:
    folder = tmp_path / "shopreel-demo"
    done = subprocess.run([*SHOPREEL, "demo", "--out", str(folder)], capture_output=True,
                          text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    out = folder / "out"
    expected = ["bio-kiste.mp4", "bio-kiste.jpg", "bio-kiste.jsonld", "bio-kiste.embed.html",
                "embed-preview.html", "publish.json"]
    for name in expected:
        assert (out / name).is_file() and (out / name).stat().st_size > 0, name
    sitemap = etree.parse(str(folder / "site" / "video-sitemap.xml"))
    assert sitemap.findtext(".//{*}content_loc") == "https://www.hof-laden.de/media/bio-kiste.mp4"
    record = json.loads((out / "publish.json").read_text(encoding="utf-8"))
    assert record["output"] == str(out / "bio-kiste.mp4")

    check = subprocess.run([*SHOPREEL, "check", str(folder / "demo.shopreel.json"), "--json"],
                           capture_output=True, text=True, timeout=300)
    report = json.loads(check.stdout)
    assert check.returncode == 0 and report["failures"] == 0, report
    assert report["warnings"] == 0, [c for c in report["checks"] if c["status"] != "pass"]
