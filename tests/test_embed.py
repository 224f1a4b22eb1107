"""The JSON-LD and the embed snippet, read back the way a browser and a search engine read them.

The snippet is parsed with Python's html.parser, which ends a <script> at the first ``</script``
as browsers do, so a title that could break out of the script block is caught.
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from html.parser import HTMLParser
from pathlib import Path

import lxml.html
import pytest

from shopreel.publish.embed import (
    VideoObject,
    embed_snippet,
    iso8601_duration,
    jsonld_script,
    videoobject_jsonld,
)
from shopreel.publish.embed_preview import PREVIEW_NAME, write_preview
from shopreel.video.errors import PublishError

SITE = "https://www.hof-laden.de"
CEST = timezone(timedelta(hours=2))

HOSTILE = [
    "</script><script>alert('x')</script>",
    'Sag "Hallo" & \'tschüß\'',
    "<!-- Kommentar --> <![CDATA[ ]]>",
    "Äpfel & Birnen \N{EM DASH} 5 \N{EURO SIGN} \u2028 neue Zeile",
    "</SCRIPT >\\u003c/script>",
]


def video(name: str = "Bio-Gemüsekiste", description: str = "Frisch vom Hof.",
          **changes: object) -> VideoObject:
    values: dict[str, object] = dict(
        name=name, description=description, thumbnail_url=f"{SITE}/media/kiste.jpg",
        upload_date=datetime(2024, 5, 1, 12, 30, tzinfo=CEST), duration_seconds=65.2,
        content_url=f"{SITE}/media/kiste.mp4?v=2&q=hd")
    values.update(changes)
    return VideoObject(**values)  # type: ignore[arg-type]


class Page(HTMLParser):
    """Every start tag with its (unescaped) attributes, and the text of each <script>."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[tuple[dict[str, str | None], str]] = []
        self._in_script: dict[str, str | None] | None = None
        self.feed(text)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag == "script":
            self._in_script = dict(attrs)
            self.scripts.append((self._in_script, ""))

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = None

    def handle_data(self, data: str) -> None:
        if self._in_script is not None:
            attrs, text = self.scripts[-1]
            self.scripts[-1] = (attrs, text + data)

    def named(self, tag: str) -> list[dict[str, str | None]]:
        return [attrs for name, attrs in self.tags if name == tag]


@pytest.mark.parametrize(("seconds", "expected"), [
    (65, "PT1M5S"), (65.4, "PT1M5S"), (59.6, "PT1M"), (3600, "PT1H"), (3725, "PT1H2M5S"),
    (7, "PT7S"), (0, "PT0S"), (28_800, "PT8H"),
])
def test_iso8601_duration(seconds: float, expected: str) -> None:
    assert iso8601_duration(seconds) == expected


def test_jsonld_has_googles_fields() -> None:
    data = videoobject_jsonld(video(embed_url=f"{SITE}/player/kiste"))
    assert data == {
        "@context": "https://schema.org", "@type": "VideoObject", "name": "Bio-Gemüsekiste",
        "description": "Frisch vom Hof.", "thumbnailUrl": [f"{SITE}/media/kiste.jpg"],
        "uploadDate": "2024-05-01T12:30:00+02:00", "duration": "PT1M5S",
        "contentUrl": f"{SITE}/media/kiste.mp4?v=2&q=hd", "embedUrl": f"{SITE}/player/kiste",
    }


@pytest.mark.parametrize(("changes", "message"), [
    ({"upload_date": datetime(2024, 5, 1)}, "has no timezone"),
    ({"name": "  "}, "has no title"),
    ({"thumbnail_url": "kiste.jpg"}, "thumbnail URL 'kiste.jpg': is not an absolute"),
    ({"duration_seconds": -1}, "must be zero or more seconds"),
])
def test_jsonld_refuses_values_google_cannot_use(changes: dict[str, object], message: str) -> None:
    with pytest.raises(PublishError, match=message):
        videoobject_jsonld(video(**changes))


def test_snippet_needs_the_video_file() -> None:
    with pytest.raises(PublishError, match="needs the address of the video file"):
        embed_snippet(video(content_url=None, embed_url=f"{SITE}/player/kiste"))


@pytest.mark.parametrize("title", HOSTILE)
def test_hostile_titles_stay_inside_their_context(title: str) -> None:
    description = f"Beschreibung: {title}"
    snippet = embed_snippet(video(name=title, description=description), width=1920, height=1080)
    page = Page(snippet)

    [player] = page.named("video")
    assert player["aria-label"] == title
    assert player["poster"] == f"{SITE}/media/kiste.jpg"
    assert "controls" in player and player["preload"] == "metadata"
    assert (player["width"], player["height"]) == ("1920", "1080")
    [source] = page.named("source")
    assert source == {"src": f"{SITE}/media/kiste.mp4?v=2&q=hd", "type": "video/mp4"}
    [(attrs, text)] = page.scripts
    assert attrs == {"type": "application/ld+json"}
    data = json.loads(text)
    assert (data["name"], data["description"]) == (title, description)
    assert data["contentUrl"] == f"{SITE}/media/kiste.mp4?v=2&q=hd"
    assert not any(char in text for char in "<>&")

    # lxml's HTML parser (libxml2) sees the same: one player, one script, no stray elements.
    tree = lxml.html.fragment_fromstring(snippet, create_parent="div")
    assert [element.tag for element in tree] == ["video", "script"]
    assert json.loads(tree.find("script").text)["name"] == title


def test_jsonld_script_is_the_same_json_the_dict_holds() -> None:
    item = video(name=HOSTILE[0])
    [(_, text)] = Page(jsonld_script(item)).scripts
    assert json.loads(text) == videoobject_jsonld(item)


def test_preview_page_shows_the_video_beside_a_buy_button(tmp_path: Path) -> None:
    rendered = tmp_path / "out" / "bio kiste.mp4"
    thumbnail = tmp_path / "out" / "bio kiste.jpg"
    item = video(name=HOSTILE[0], description=HOSTILE[1])
    path = write_preview(tmp_path, item, local_video=rendered, local_thumbnail=thumbnail,
                         shop_name="Hof-Laden & Söhne", price="24,90 €", buy_label="In den Warenkorb")
    assert path == tmp_path / PREVIEW_NAME
    text = path.read_text(encoding="utf-8")
    page = Page(text)
    [player] = page.named("video")
    assert player["poster"] == "out/bio%20kiste.jpg"  # plays the local files before upload
    assert [source["src"] for source in page.named("source")] == ["out/bio%20kiste.mp4"]
    [(_, script)] = page.scripts
    assert json.loads(script)["contentUrl"] == f"{SITE}/media/kiste.mp4?v=2&q=hd"
    [button] = page.named("button")
    assert button == {"class": "button", "type": "button"}
    document = lxml.html.document_fromstring(text)
    assert document.findtext(".//button") == "In den Warenkorb"
    assert document.findtext(".//h1") == HOSTILE[0]
    assert document.findtext(".//header") == "Hof-Laden & Söhne"
    assert "24,90 €" in document.text_content()
    # The copyable snippet uses the public addresses and is text, not a second player.
    code = document.findtext(".//pre/code")
    assert code == embed_snippet(item)
    # Self-contained: no stylesheets, scripts, fonts or frames from anywhere.
    assert not page.named("link") and not page.named("iframe") and not page.named("img")
    assert all(attrs.get("src") is None for attrs in page.named("script"))
    assert "@import" not in text and "url(" not in text
    assert not list(tmp_path.glob(".*part*"))
