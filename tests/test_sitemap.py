"""The video sitemap, checked as Google would read it.

Every sitemap written here is validated with lxml against the sitemaps.org 0.9 schema together
with Google's video 1.1 schema (copies in tests/data, independent of the ones ShopReel ships), plus
the rules those schemas leave out: duration of at least one second, a content_loc or player_loc,
neither equal to the page. Files are compared as parsed trees, so the tests do not depend on
whitespace.
"""

from __future__ import annotations

import gzip
import json
import os
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from lxml import etree

from shopreel.app.cli import main
from shopreel.publish.lock import lock_path_for
from shopreel.publish.sitemap import (
    PlatformRule,
    Restriction,
    SitemapLimits,
    Uploader,
    VideoEntry,
    upsert_video,
    upsert_videos,
)
from shopreel.publish.sitemap_validate import validate_sitemap
from shopreel.video.errors import OutputError, PublishError

DATA = Path(__file__).parent / "data"
SM = "http://www.sitemaps.org/schemas/sitemap/0.9"
VIDEO = "http://www.google.com/schemas/sitemap-video/1.1"
NS = {"sm": SM, "video": VIDEO}
SITE = "https://www.hof-laden.de"
CEST = timezone(timedelta(hours=2))

# Titles that break naive XML and HTML writers.
HOSTILE_TITLES = [
    "Bio & Co <b>fett</b>",
    "Kiste ]]> Ende <![CDATA[ x ]]>",
    '</script><script>alert("x")</script>',
    "Sag \"Hallo\" & 'tschüß' <!-- nicht -->",
    "Äpfel & Birnen \N{EM DASH} 100 % bio, 5 \N{EURO SIGN}",
    "&amp; &lt;schon escaped&gt; &#x41;",
]


def entry(n: int | str = 1, **changes: object) -> VideoEntry:
    base = VideoEntry(
        page_url=f"{SITE}/produkte/{n}", content_url=f"{SITE}/media/{n}.mp4",
        thumbnail_url=f"{SITE}/media/{n}.jpg", title=f"Produkt {n}",
        description=f"Das Produkt {n}, frisch vom Hof.", duration_seconds=65.4,
        publication_date=datetime(2024, 5, 1, 12, 30, tzinfo=CEST), tags=("bio", "hof"))
    return replace(base, **changes)  # type: ignore[arg-type]


# ---------------------------------------------------------------------------------------------
# Independent checks: the schemas from tests/data and the rules they leave out


def _schema(*imports: tuple[str, str]) -> etree.XMLSchema:
    lines = "".join(f'<xsd:import namespace="{ns}" schemaLocation="{(DATA / name).as_uri()}"/>'
                    for ns, name in imports)
    return etree.XMLSchema(etree.fromstring(
        f'<xsd:schema xmlns:xsd="http://www.w3.org/2001/XMLSchema">{lines}</xsd:schema>'))


URLSET_SCHEMA = _schema(
    (SM, "sitemap.xsd"), (VIDEO, "sitemap-video.xsd"),
    ("http://www.google.com/schemas/sitemap-image/1.1", "lax-image.xsd"),
    ("http://www.w3.org/1999/xhtml", "lax-xhtml.xsd"),
    ("http://www.google.com/schemas/sitemap-news/0.9", "lax-news.xsd"))
INDEX_SCHEMA = _schema((SM, "siteindex.xsd"))


def read_xml(path: Path) -> etree._ElementTree:
    data = path.read_bytes()
    if path.name.endswith(".gz"):
        data = gzip.decompress(data)
    return etree.ElementTree(etree.fromstring(data, etree.XMLParser(remove_blank_text=True)))


def check_urlset(tree: etree._ElementTree) -> None:
    """Valid against both schemas, and Google's rules the schemas do not enforce."""
    assert URLSET_SCHEMA.validate(tree), URLSET_SCHEMA.error_log
    for url in tree.getroot().iterfind("sm:url", NS):
        loc = url.findtext("sm:loc", namespaces=NS).strip()
        for video in url.iterfind("video:video", NS):
            content = video.findtext("video:content_loc", namespaces=NS)
            player = video.findtext("video:player_loc", namespaces=NS)
            assert content or player, f"{loc}: neither content_loc nor player_loc"
            assert loc not in (content, player), f"{loc}: video address equals the page"
            duration = video.findtext("video:duration", namespaces=NS)
            assert duration is not None and 1 <= int(duration) <= 28_800, duration
            for deprecated in ("category", "gallery_loc", "price", "tvshow"):
                assert video.find(f"video:{deprecated}", NS) is None


def valid_sitemap(path: Path) -> list[etree._Element]:
    """Check the sitemap (or index and its parts); return every <url> element, in order."""
    tree = read_xml(path)
    root = tree.getroot()
    if root.tag == f"{{{SM}}}sitemapindex":
        assert INDEX_SCHEMA.validate(tree), INDEX_SCHEMA.error_log
        urls: list[etree._Element] = []
        for loc in root.iterfind("sm:sitemap/sm:loc", NS):
            part = path.with_name(loc.text.rsplit("/", 1)[-1])
            part_tree = read_xml(part)
            assert part_tree.getroot().tag == f"{{{SM}}}urlset"
            check_urlset(part_tree)
            assert len(part_tree.getroot().findall("sm:url", NS)) <= 50_000
            urls.extend(part_tree.getroot().iterfind("sm:url", NS))
        return urls
    check_urlset(tree)
    return root.findall("sm:url", NS)


def videos_by_key(path: Path) -> dict[tuple[str, str], etree._Element]:
    """(page, video address) -> <video:video>, asserting no key appears twice."""
    found: dict[tuple[str, str], etree._Element] = {}
    for url in valid_sitemap(path):
        loc = url.findtext("sm:loc", namespaces=NS)
        for video in url.iterfind("video:video", NS):
            key = (loc, video.findtext("video:content_loc", namespaces=NS)
                   or video.findtext("video:player_loc", namespaces=NS))
            assert key not in found, f"duplicate entry {key}"
            found[key] = video
    return found


def no_temp_files(folder: Path) -> None:
    leftovers = [p.name for p in folder.iterdir() if ".part" in p.name]
    assert leftovers == [], leftovers


def canonical(element: etree._Element) -> object:
    """A parsed element as nested tuples (tag, attributes, text, children): whitespace-free."""
    text = (element.text or "").strip() if len(element) == 0 else ""
    return (element.tag, sorted(element.attrib.items()), text,
            [canonical(child) for child in element])


# ---------------------------------------------------------------------------------------------
# Writing


def test_fresh_sitemap_holds_every_field_in_schema_order_and_hostile_titles_survive(
        tmp_path: Path) -> None:
    sitemap = tmp_path / "video-sitemap.xml"
    full = entry("voll", player_url=f"{SITE}/player/voll",
                 expiration_date=datetime(2030, 1, 1, tzinfo=timezone.utc),
                 family_friendly=False, restriction=Restriction("allow", ("de", "AT")),
                 platform=PlatformRule("deny", ("tv",)),
                 uploader=Uploader("Hof-Laden", f"{SITE}/ueber-uns"))
    assert upsert_video(sitemap, full) == []
    for n, title in enumerate(HOSTILE_TITLES):
        assert upsert_video(sitemap, entry(n, title=title, description=title)) == []

    videos = videos_by_key(sitemap)
    assert len(videos) == 1 + len(HOSTILE_TITLES)
    video = videos[(f"{SITE}/produkte/voll", f"{SITE}/media/voll.mp4")]
    names = [etree.QName(child).localname for child in video]
    assert names == ["thumbnail_loc", "title", "description", "content_loc", "player_loc",
                     "duration", "expiration_date", "publication_date", "tag", "tag",
                     "family_friendly", "restriction", "uploader", "platform"]
    assert video.findtext("video:duration", namespaces=NS) == "65"  # whole seconds, rounded
    assert video.findtext("video:publication_date", namespaces=NS) == "2024-05-01T12:30:00+02:00"
    assert video.findtext("video:family_friendly", namespaces=NS) == "no"
    assert video.find("video:restriction", NS).text == "DE AT"
    assert video.find("video:restriction", NS).get("relationship") == "allow"
    assert video.find("video:uploader", NS).get("info") == f"{SITE}/ueber-uns"
    for n, title in enumerate(HOSTILE_TITLES):
        video = videos[(f"{SITE}/produkte/{n}", f"{SITE}/media/{n}.mp4")]
        assert video.findtext("video:title", namespaces=NS) == title
        assert video.findtext("video:description", namespaces=NS) == title
    assert b"]]>" not in sitemap.read_bytes()
    assert validate_sitemap(sitemap).ok
    no_temp_files(tmp_path)


def test_long_title_and_description_are_cut_at_a_word_with_a_warning(tmp_path: Path) -> None:
    sitemap = tmp_path / "video-sitemap.xml"
    title = "Frische Bio-Gemüsekiste vom Hof " * 5  # 160 characters
    description = "Saisonal und regional. " * 100  # 2300 characters
    warnings = upsert_video(sitemap, entry(title=title, description=description))
    assert any(w.startswith("title shortened from 159 to") for w in warnings), warnings
    assert any(w.startswith("description shortened from 2299 to") for w in warnings), warnings
    video = next(iter(videos_by_key(sitemap).values()))
    short_title = video.findtext("video:title", namespaces=NS)
    short_description = video.findtext("video:description", namespaces=NS)
    assert len(short_title) <= 100 and len(short_description) <= 2048
    assert short_title.endswith("…") and short_description.endswith("…")
    # Cut between words: what remains is a prefix of the original that ends a word.
    kept = short_title.removesuffix("…")
    assert title.startswith(kept) and title[len(kept)] == " "


def test_too_many_tags_are_dropped_with_a_warning(tmp_path: Path) -> None:
    sitemap = tmp_path / "video-sitemap.xml"
    tags = tuple(f"tag{i}" for i in range(40)) + ("TAG0", "  ")
    warnings = upsert_video(sitemap, entry(tags=tags))
    assert any("40 tags given" in w and "tag39" in w for w in warnings), warnings
    video = next(iter(videos_by_key(sitemap).values()))
    assert [t.text for t in video.iterfind("video:tag", NS)] == [f"tag{i}" for i in range(32)]


def test_republishing_replaces_the_entry_and_keeps_everything_else(tmp_path: Path) -> None:
    sitemap = tmp_path / "video-sitemap.xml"
    shutil.copy(DATA / "foreign-sitemap.xml", sitemap)
    before = read_xml(sitemap)
    check_urlset(before)
    page = f"{SITE}/produkte/bio-kiste"
    video_url = f"{SITE}/media/bio-kiste.mp4"
    for attempt in range(3):
        upsert_video(sitemap, entry("bio-kiste", title=f"Bio-Kiste, Fassung {attempt}",
                                    publication_date=None))

    videos = videos_by_key(sitemap)
    ours = videos[(page, video_url)]
    assert ours.findtext("video:title", namespaces=NS) == "Bio-Kiste, Fassung 2"
    assert sum(1 for key in videos if key[1] == video_url) == 1
    # Take our entry out again: what is left is exactly the file we started from.
    after = read_xml(sitemap)
    for video in after.getroot().iterfind("sm:url/video:video", NS):
        if video.findtext("video:content_loc", namespaces=NS) == video_url:
            video.getparent().remove(video)
    assert canonical(after.getroot()) == canonical(before.getroot())
    assert after.getroot().nsmap == before.getroot().nsmap  # also the unused mobile: prefix
    preamble = [str(node) for node in after.getroot().itersiblings(preceding=True)]
    assert preamble == [str(node) for node in before.getroot().itersiblings(preceding=True)]
    assert len(preamble) == 2  # the stylesheet link and the comment


def test_republishing_keeps_the_first_publication_date(tmp_path: Path) -> None:
    sitemap = tmp_path / "video-sitemap.xml"
    upsert_video(sitemap, entry(1))  # published 2024-05-01T12:30:00+02:00
    upsert_video(sitemap, entry(1, publication_date=None, title="Neuer Titel"))
    upsert_video(sitemap, entry(2, publication_date=None))
    videos = videos_by_key(sitemap)
    first = videos[(f"{SITE}/produkte/1", f"{SITE}/media/1.mp4")]
    assert first.findtext("video:publication_date", namespaces=NS) == "2024-05-01T12:30:00+02:00"
    assert first.findtext("video:title", namespaces=NS) == "Neuer Titel"
    # A new entry without a date is dated now, with a timezone.
    dated = datetime.fromisoformat(videos[(f"{SITE}/produkte/2", f"{SITE}/media/2.mp4")].findtext(
        "video:publication_date", namespaces=NS))
    assert abs(dated - datetime.now(timezone.utc)) < timedelta(minutes=1)


def test_the_key_is_page_and_video_address(tmp_path: Path) -> None:
    sitemap = tmp_path / "video-sitemap.xml"
    upsert_video(sitemap, entry(1))
    # The same video on a second page is a second entry; a second video on a page is added.
    upsert_video(sitemap, entry(1, page_url=f"{SITE}/angebote"))
    upsert_video(sitemap, entry(1, content_url=f"{SITE}/media/zweites.mp4"))
    # A player-only entry, later given its file: one entry, found by the player address.
    player = entry(2, content_url=None, player_url=f"{SITE}/player/2")
    upsert_video(sitemap, player)
    upsert_video(sitemap, replace(player, content_url=f"{SITE}/media/2.mp4"))
    assert sorted(videos_by_key(sitemap)) == sorted([
        (f"{SITE}/produkte/1", f"{SITE}/media/1.mp4"),
        (f"{SITE}/angebote", f"{SITE}/media/1.mp4"),
        (f"{SITE}/produkte/1", f"{SITE}/media/zweites.mp4"),
        (f"{SITE}/produkte/2", f"{SITE}/media/2.mp4"),
    ])
    assert len(valid_sitemap(sitemap)) == 3  # one <url> per page


def test_gzip_sitemap_is_read_and_written_compressed(tmp_path: Path) -> None:
    sitemap = tmp_path / "video-sitemap.xml.gz"
    upsert_videos(sitemap, [entry(n) for n in range(3)])
    upsert_video(sitemap, entry(1, title="Neu"))
    assert sitemap.read_bytes()[:2] == b"\x1f\x8b"
    videos = videos_by_key(sitemap)
    assert len(videos) == 3
    assert videos[(f"{SITE}/produkte/1", f"{SITE}/media/1.mp4")].findtext(
        "video:title", namespaces=NS) == "Neu"
    assert validate_sitemap(sitemap).ok


@pytest.mark.parametrize("name", ["video-sitemap.xml", "video-sitemap.xml.gz"])
def test_too_many_urls_split_into_numbered_files_and_an_index(tmp_path: Path, name: str) -> None:
    sitemap = tmp_path / name
    limits = SitemapLimits(max_urls=5)
    titles = HOSTILE_TITLES * 4
    warnings = upsert_videos(sitemap, [entry(n, title=titles[n]) for n in range(12)],
                             limits=limits, sitemap_url=f"{SITE}/sitemaps/{name}")
    assert "now a sitemap index listing 3 files" in warnings[0]
    assert len(videos_by_key(sitemap)) == 12
    index = read_xml(sitemap).getroot()
    locs = [loc.text for loc in index.iterfind("sm:sitemap/sm:loc", NS)]
    assert len(locs) == 3 and all(loc.startswith(f"{SITE}/sitemaps/video-sitemap-") for loc in locs)
    suffix = ".xml.gz" if name.endswith(".gz") else ".xml"
    assert all(loc.endswith(suffix) for loc in locs)

    # Growing, republishing and adding keep every entry exactly once.
    upsert_videos(sitemap, [entry(n, title=f"Neu {n}") for n in range(8, 20)], limits=limits)
    upsert_video(sitemap, entry(3, title="Nochmal"), limits=limits)
    videos = videos_by_key(sitemap)
    assert len(videos) == 20
    assert videos[(f"{SITE}/produkte/3", f"{SITE}/media/3.mp4")].findtext(
        "video:title", namespaces=NS) == "Nochmal"
    assert videos[(f"{SITE}/produkte/5", f"{SITE}/media/5.mp4")].findtext(
        "video:title", namespaces=NS) == titles[5]
    # Only the files the index lists are left (old parts deleted), and no temporary files.
    listed = {loc.text.rsplit("/", 1)[-1] for loc in read_xml(sitemap).getroot().iterfind(
        "sm:sitemap/sm:loc", NS)}
    assert len(listed) == 4
    assert {p.name for p in tmp_path.iterdir()} == {name, lock_path_for(sitemap).name, *listed}
    report = validate_sitemap(sitemap)
    assert report.ok and report.is_index and report.videos == 20, report


def test_too_many_bytes_split_too_and_each_file_stays_within_the_limit(tmp_path: Path) -> None:
    sitemap = tmp_path / "video-sitemap.xml"
    limits = SitemapLimits(max_bytes=6_000)
    upsert_videos(sitemap, [entry(n, description="Lang " * 150) for n in range(10)],
                  limits=limits)
    parts = [p for p in tmp_path.iterdir() if p.name.startswith("video-sitemap-")]
    assert len(parts) > 1
    assert all(len(p.read_bytes()) <= 6_000 for p in parts), [len(p.read_bytes()) for p in parts]
    assert len(videos_by_key(sitemap)) == 10


def test_index_keeps_other_sitemaps_it_lists(tmp_path: Path) -> None:
    sitemap = tmp_path / "video-sitemap.xml"
    limits = SitemapLimits(max_urls=2)
    upsert_videos(sitemap, [entry(n) for n in range(3)], limits=limits)
    (tmp_path / "produkte-sitemap.xml").write_text(
        f'<urlset xmlns="{SM}"><url><loc>{SITE}/produkte/</loc></url></urlset>')
    tree = read_xml(sitemap)
    foreign = etree.SubElement(tree.getroot(), f"{{{SM}}}sitemap")
    etree.SubElement(foreign, f"{{{SM}}}loc").text = f"{SITE}/produkte-sitemap.xml"
    tree.getroot().insert(0, foreign)
    tree.write(str(sitemap), xml_declaration=True, encoding="UTF-8")
    upsert_video(sitemap, entry(9), limits=limits)
    locs = [loc.text for loc in read_xml(sitemap).getroot().iterfind("sm:sitemap/sm:loc", NS)]
    assert locs[0] == f"{SITE}/produkte-sitemap.xml" and len(locs) == 3
    assert len(videos_by_key(sitemap)) == 4


def test_the_real_limit_of_50000_urls(tmp_path: Path) -> None:
    sitemap = tmp_path / "video-sitemap.xml"
    entries = [VideoEntry(page_url=f"{SITE}/p/{n}", content_url=f"{SITE}/v/{n}.mp4",
                          thumbnail_url=f"{SITE}/t/{n}.jpg", title=f"Produkt {n}",
                          description="Frisch.", duration_seconds=30,
                          publication_date=datetime(2024, 5, 1, tzinfo=CEST))
               for n in range(50_001)]
    upsert_videos(sitemap, entries[:50_000])
    assert read_xml(sitemap).getroot().tag == f"{{{SM}}}urlset"  # exactly full: still one file
    upsert_videos(sitemap, entries[50_000:])
    parts = sorted(p for p in tmp_path.iterdir() if p.name.startswith("video-sitemap-"))
    assert len(parts) == 2
    counts = [read_xml(p).getroot().xpath("count(sm:url)", namespaces=NS) for p in parts]
    assert sorted(counts) == [1, 50_000]
    second = min(parts, key=lambda p: p.stat().st_size)
    check_urlset(read_xml(second))
    assert INDEX_SCHEMA.validate(read_xml(sitemap))


# ---------------------------------------------------------------------------------------------
# Bad input: a one-line error that says what to do, and the existing sitemap untouched


@pytest.fixture
def existing(tmp_path: Path) -> Path:
    sitemap = tmp_path / "video-sitemap.xml"
    upsert_video(sitemap, entry("alt"))
    return sitemap


BAD_ENTRIES = [
    ("relative page", {"page_url": "/produkte/kiste"}, "page URL '/produkte/kiste': is not an "
                                                      "absolute http(s) address"),
    ("ftp page", {"page_url": "ftp://www.hof-laden.de/x"}, "is not an absolute http(s)"),
    ("no video", {"content_url": None}, "needs a video file URL or a player URL"),
    ("video is the page", {"content_url": f"{SITE}/produkte/1"}, "is the product page itself"),
    ("player is the page", {"player_url": f"{SITE}/produkte/1"}, "is the product page itself"),
    ("zero duration", {"duration_seconds": 0}, "must be a positive number of seconds"),
    ("too long", {"duration_seconds": 28_801}, "longer than 28800 s"),
    ("no title", {"title": "  "}, "has no title"),
    ("date without timezone", {"publication_date": datetime(2024, 5, 1)}, "has no timezone"),
    ("bad country", {"restriction": Restriction("allow", ("Germany",))},
     "GERMANY is not a country code"),
    ("bad platform", {"platform": PlatformRule("allow", ("fridge",))}, "fridge is not a platform"),
    ("uploader elsewhere", {"uploader": Uploader("X", "https://elsewhere.example/x")},
     "must be on the same site as the page"),
]


@pytest.mark.parametrize(("changes", "message"), [case[1:] for case in BAD_ENTRIES],
                         ids=[case[0] for case in BAD_ENTRIES])
def test_bad_entry_is_refused_and_the_sitemap_untouched(
        existing: Path, changes: dict[str, object], message: str) -> None:
    before = existing.read_bytes()
    with pytest.raises(PublishError) as caught:
        upsert_video(existing, entry(1, **changes))
    assert message in caught.value.one_line()
    assert caught.value.hint and "\n" not in caught.value.one_line()
    assert existing.read_bytes() == before
    no_temp_files(existing.parent)


def test_media_on_another_site_is_a_warning(tmp_path: Path) -> None:
    warnings = upsert_video(tmp_path / "s.xml", entry(
        1, thumbnail_url="https://cdn.example.net/t.jpg",
        content_url=None, player_url="https://www.youtube.com/embed/abc"))
    assert any("thumbnail URL https://cdn.example.net/t.jpg is on another site" in w
               for w in warnings), warnings
    assert any("is on YouTube" in w for w in warnings), warnings
    # A subdomain of the shop's own domain is the same site.
    assert upsert_video(tmp_path / "s.xml", entry(2, content_url="https://media.hof-laden.de/2.mp4")
                        ) == []


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>&lol3;</loc></url></urlset>
"""
EXTERNAL_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE urlset [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>&secret;</loc></url></urlset>
"""
BAD_FILES = [
    ("plain text", "video-sitemap.xml", b"Das ist keine Sitemap.\n", "is not valid XML (line 1)"),
    ("cut off", "video-sitemap.xml", b'<?xml version="1.0"?><urlset xmlns="' + SM.encode()
     + b'"><url><loc>', "is not valid XML"),
    ("RSS feed", "video-sitemap.xml", (DATA / "not-a-sitemap.rss").read_bytes(),
     "is an RSS feed, not a sitemap"),
    ("HTML page", "video-sitemap.xml", b"<html><body>hi</body></html>", "is a web page"),
    ("old namespace", "video-sitemap.xml",
     b'<urlset xmlns="http://www.google.com/schemas/sitemap/0.84"/>',
     "uses the namespace 'http://www.google.com/schemas/sitemap/0.84'"),
    ("billion laughs", "video-sitemap.xml", BILLION_LAUGHS, "declares a DOCTYPE or entities"),
    ("external entity", "video-sitemap.xml", EXTERNAL_ENTITY, "declares a DOCTYPE or entities"),
    ("not gzip", "video-sitemap.xml.gz", b"<urlset/>", "is not a gzip file"),
    ("gzip cut off", "video-sitemap.xml.gz",
     gzip.compress((DATA / "foreign-sitemap.xml").read_bytes())[:-6], "cut short"),
]


@pytest.mark.parametrize(("name", "content", "message"), [case[1:] for case in BAD_FILES],
                         ids=[case[0] for case in BAD_FILES])
def test_a_file_that_is_not_a_sitemap_is_refused_and_kept(
        tmp_path: Path, name: str, content: bytes, message: str) -> None:
    sitemap = tmp_path / name
    sitemap.write_bytes(content)
    with pytest.raises(PublishError) as caught:
        upsert_video(sitemap, entry(1))
    assert message in caught.value.one_line() and name in caught.value.one_line()
    assert sitemap.read_bytes() == content
    no_temp_files(tmp_path)
    with pytest.raises(PublishError):
        validate_sitemap(sitemap)


def test_sitemap_name_must_be_xml(tmp_path: Path) -> None:
    with pytest.raises(PublishError, match="must end in .xml or .xml.gz"):
        upsert_video(tmp_path / "sitemap.txt", entry(1))


def test_folder_that_is_a_file_is_refused(tmp_path: Path) -> None:
    blocker = tmp_path / "site"
    blocker.write_text("notes\n")
    with pytest.raises(OutputError, match="is a file, not a folder"):
        upsert_video(blocker / "video-sitemap.xml", entry(1))
    assert blocker.read_text() == "notes\n"


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0,
                    reason="root (and Windows) ignore folder permissions")
def test_read_only_folder_is_refused_and_the_sitemap_kept(existing: Path) -> None:
    before = existing.read_bytes()
    existing.parent.chmod(0o555)
    try:
        with pytest.raises(OutputError, match="cannot write"):
            upsert_video(existing, entry(1))
    finally:
        existing.parent.chmod(0o755)
    assert existing.read_bytes() == before


# ---------------------------------------------------------------------------------------------
# Two writers at once, and a writer killed half-way

CHILD_PRELUDE = """
import json, os, signal, sys, time
from datetime import datetime, timezone
from pathlib import Path
from shopreel.publish.sitemap import SitemapLimits, VideoEntry, upsert_video, upsert_videos
SITE = "https://www.hof-laden.de"

def make(who, n):
    return VideoEntry(page_url=f"{SITE}/{who}/{n}", content_url=f"{SITE}/{who}/{n}.mp4",
                      thumbnail_url=f"{SITE}/{who}/{n}.jpg", title=f"{who} {n} & <mehr>",
                      description="Frisch.", duration_seconds=12,
                      publication_date=datetime(2024, 5, 1, tzinfo=timezone.utc))
"""

WRITER = CHILD_PRELUDE + """
sitemap, who, go = Path(sys.argv[1]), sys.argv[2], Path(sys.argv[3])
while not go.exists():
    time.sleep(0.001)
for n in range(200):
    upsert_video(sitemap, make(who, n))
"""


@pytest.mark.skipif(os.name != "posix", reason="fork-free subprocesses are enough; POSIX paths")
def test_two_processes_updating_one_sitemap_lose_nothing(tmp_path: Path) -> None:
    sitemap = tmp_path / "video-sitemap.xml"
    go = tmp_path / "go"
    writers = [subprocess.Popen([sys.executable, "-c", WRITER, str(sitemap), who, str(go)],
                                stderr=subprocess.PIPE, text=True) for who in ("a", "b")]
    time.sleep(0.5)  # both imported and waiting
    go.touch()
    for writer in writers:
        _, err = writer.communicate(timeout=120)
        assert writer.returncode == 0, err
    videos = videos_by_key(sitemap)
    expected = {(f"{SITE}/{who}/{n}", f"{SITE}/{who}/{n}.mp4") for who in "ab" for n in range(200)}
    assert set(videos) == expected
    no_temp_files(tmp_path)


CRASHER = CHILD_PRELUDE + """
import shopreel.video.atomic as atomic
from shopreel.video.atomic import atomic_target

sitemap, limits = Path(sys.argv[1]), SitemapLimits(**json.loads(sys.argv[2]))

def half_then_killed(target, data):
    if target.name != sitemap.name:  # the index's parts are written in full
        return real_write(target, data)
    with atomic_target(target) as temporary, open(temporary, "wb") as handle:
        handle.write(data[: len(data) // 2])
        handle.flush()
        os.kill(os.getpid(), signal.SIGKILL)

real_write, atomic.atomic_write_bytes = atomic.atomic_write_bytes, half_then_killed
upsert_videos(sitemap, [make("neu", n) for n in range(2000)], limits=limits)
"""


@pytest.mark.skipif(os.name != "posix", reason="SIGKILL")
@pytest.mark.parametrize("limits", [{}, {"max_urls": 700}], ids=["one file", "index"])
def test_writer_killed_mid_write_leaves_the_previous_sitemap(
        tmp_path: Path, limits: dict[str, int]) -> None:
    sitemap = tmp_path / "video-sitemap.xml"
    upsert_videos(sitemap, [entry(n) for n in range(800)], limits=SitemapLimits(**limits))
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    done = subprocess.run([sys.executable, "-c", CRASHER, str(sitemap), json.dumps(limits)],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == -signal.SIGKILL, done.stderr
    # The files that were there are byte for byte the same, and still a valid sitemap.
    assert all((tmp_path / name).read_bytes() == data for name, data in before.items())
    assert len(videos_by_key(sitemap)) == 800
    assert [p.name for p in tmp_path.iterdir() if ".part" in p.name]  # the killed write's debris
    # The next write tidies up: no temporary files, no orphaned parts, all entries.
    upsert_video(sitemap, entry(5000), limits=SitemapLimits(**limits))
    no_temp_files(tmp_path)
    assert len(videos_by_key(sitemap)) == 801
    if limits:
        listed = {loc.text.rsplit("/", 1)[-1] for loc in read_xml(sitemap).getroot().iterfind(
            "sm:sitemap/sm:loc", NS)}
        parts = {p.name for p in tmp_path.iterdir() if p.name.startswith("video-sitemap-")}
        assert parts == listed


def test_a_held_lock_times_out_with_a_clear_error(existing: Path) -> None:
    holder = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent("""
            import sys, time
            from pathlib import Path
            from shopreel.publish.lock import locked
            with locked(Path(sys.argv[1])):
                print("locked", flush=True)
                time.sleep(30)
            """), str(existing)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        before = existing.read_bytes()
        with pytest.raises(PublishError, match="another program has been updating this file"):
            upsert_video(existing, entry(1), lock_timeout=0.3)
        assert existing.read_bytes() == before
    finally:
        holder.kill()
        holder.wait()
    assert upsert_video(existing, entry(1), lock_timeout=5) == []  # released when its holder died


# ---------------------------------------------------------------------------------------------
# Validation


def _write_video_sitemap(path: Path, video_xml: str, loc: str = f"{SITE}/produkte/1") -> Path:
    path.write_text(f"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="{SM}" xmlns:video="{VIDEO}">
  <url><loc>{loc}</loc><video:video>{video_xml}</video:video></url>
</urlset>
""", encoding="utf-8")
    return path


GOOD_VIDEO = (f"<video:thumbnail_loc>{SITE}/t.jpg</video:thumbnail_loc><video:title>T</video:title>"
              "<video:description>D</video:description>"
              f"<video:content_loc>{SITE}/v.mp4</video:content_loc><video:duration>5</video:duration>")

INVALID_VIDEOS = [
    ("duration 0", GOOD_VIDEO.replace(">5<", ">0<"), "video:duration 0 must be 1 to 28800"),
    ("no video address", GOOD_VIDEO.replace(f"<video:content_loc>{SITE}/v.mp4</video:content_loc>",
                                            ""), "needs video:content_loc or video:player_loc"),
    ("content is the page", GOOD_VIDEO.replace(f"{SITE}/v.mp4", f"{SITE}/produkte/1"),
     "must not be the page's own address"),
    ("wrong order", GOOD_VIDEO.replace("<video:title>T</video:title>", "")
     + "<video:title>T</video:title>", "video:title"),
    ("title too long", GOOD_VIDEO.replace(">T<", ">" + "x" * 101 + "<"), "line 3"),
    ("date without zone", GOOD_VIDEO + "<video:publication_date>2024-05-01T10:00:00"
                                       "</video:publication_date>", "needs a timezone"),
]


@pytest.mark.parametrize(("video_xml", "message"), [case[1:] for case in INVALID_VIDEOS],
                         ids=[case[0] for case in INVALID_VIDEOS])
def test_validate_finds_what_google_would_reject(tmp_path: Path, video_xml: str,
                                                 message: str) -> None:
    report = validate_sitemap(_write_video_sitemap(tmp_path / "s.xml", video_xml))
    assert not report.ok
    assert any(message in problem for problem in report.problems), report.problems
    # The independent schema check agrees where the schema can tell at all.
    if message in ("video:title", "line 3"):
        assert not URLSET_SCHEMA.validate(read_xml(tmp_path / "s.xml"))


def test_validate_accepts_good_files_and_warns_about_the_rest(tmp_path: Path) -> None:
    assert validate_sitemap(_write_video_sitemap(tmp_path / "s.xml", GOOD_VIDEO)).ok
    report = validate_sitemap(_write_video_sitemap(
        tmp_path / "s.xml", GOOD_VIDEO + "<video:category>Obst</video:category>"))
    assert report.ok and any("video:category is deprecated" in w for w in report.warnings)
    shutil.copy(DATA / "foreign-sitemap.xml", tmp_path / "foreign.xml")
    report = validate_sitemap(tmp_path / "foreign.xml")
    assert report.ok, report.problems
    assert any("not checked" in w and "sitemap-image" in w for w in report.warnings)


# ---------------------------------------------------------------------------------------------
# The command line


def run_cli(capsys: pytest.CaptureFixture[str], *args: object) -> tuple[int, str, str]:
    try:
        status = main([str(arg) for arg in args])
    except SystemExit as exit_:  # argparse's own usage errors
        status = int(exit_.code or 0)
    out, err = capsys.readouterr()
    return status, out, err


def one_error_line(err: str, *needles: str) -> str:
    assert "Traceback" not in err, err
    lines = err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("shopreel: error: "), err
    for needle in needles:
        assert needle in lines[0], (needle, lines[0])
    return lines[0]


ADD = ["sitemap", "add", "--page", f"{SITE}/produkte/bio-kiste", "--video",
       f"{SITE}/media/bio-kiste.mp4", "--thumbnail", f"{SITE}/media/bio-kiste.jpg",
       "--title", "Bio-Gemüsekiste & mehr", "--duration", "1:05"]


def test_cli_add_then_validate(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    sitemap = tmp_path / "site" / "video-sitemap.xml"
    sitemap.parent.mkdir()
    status, out, err = run_cli(capsys, *ADD[:2], sitemap, *ADD[2:], "--tag", "bio", "--tag",
                               "kiste", "--date", "2024-05-01T10:00:00+02:00", "--description",
                               "Saisonal.", "--deny-country", "US", "--uploader", "Hof-Laden")
    assert (status, err) == (0, ""), err
    assert out.strip() == f"Updated {sitemap}: {SITE}/media/bio-kiste.mp4 on {SITE}/produkte/bio-kiste"
    video = next(iter(videos_by_key(sitemap).values()))
    assert video.findtext("video:duration", namespaces=NS) == "65"
    assert video.findtext("video:title", namespaces=NS) == "Bio-Gemüsekiste & mehr"
    assert video.findtext("video:publication_date", namespaces=NS) == "2024-05-01T10:00:00+02:00"

    status, out, err = run_cli(capsys, "sitemap", "validate", sitemap)
    assert (status, err) == (0, "")
    assert out.strip() == f"{sitemap}: OK (1 URL(s), 1 video(s))"


def test_cli_warns_on_one_line_each(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = run_cli(capsys, *ADD[:2], tmp_path / "s.xml", *ADD[2:], "--title", "Wort " * 30)
    assert status == 0
    assert [line.split(":")[0:2] for line in err.splitlines()] == [["shopreel", " warning"]] * 2


def test_cli_validate_reports_problems_with_exit_status_2(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    sitemap = _write_video_sitemap(tmp_path / "s.xml", GOOD_VIDEO.replace(">5<", ">0<"))
    status, out, err = run_cli(capsys, "sitemap", "validate", sitemap)
    assert status == 2
    assert "video:duration 0 must be 1 to 28800 seconds" in out
    one_error_line(err, "s.xml: 1 problem(s)", "fix the problems listed")


@pytest.mark.parametrize(("args", "needles"), [
    (["--page", "produkte/kiste"], ("page URL 'produkte/kiste'", "write the full address")),
    (["--video", f"{SITE}/produkte/bio-kiste"], ("is the product page itself", ".mp4")),
    (["--duration", "0"], ("must be a positive number of seconds",)),
    (["--date", "gestern"], ("argument --date", "is not a date")),
    (["--duration", "lang"], ("argument --duration", "is not a time")),
], ids=["relative page", "video is page", "zero duration", "bad date", "bad duration"])
def test_cli_bad_values_get_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                     args: list[str], needles: tuple[str, ...]) -> None:
    sitemap = tmp_path / "video-sitemap.xml"
    status, _, err = run_cli(capsys, *ADD[:2], sitemap, *ADD[2:], *args)
    assert status == 2
    # argparse's usage errors print the usage first; the error itself is still one line.
    errors = [line for line in err.splitlines() if line.startswith("shopreel: error: ")]
    assert len(errors) == 1 and "Traceback" not in err, err
    assert all(needle in errors[0] for needle in needles), errors[0]
    assert not sitemap.exists()


def test_cli_needs_a_video_or_player(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    args = [arg for arg in ADD if arg not in ("--video", f"{SITE}/media/bio-kiste.mp4")]
    status, _, err = run_cli(capsys, *args[:2], tmp_path / "s.xml", *args[2:])
    assert status == 2
    one_error_line(err, "no video address", "--video URL")


def test_cli_refuses_an_rss_file_and_keeps_it(tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    feed = tmp_path / "feed.xml"
    shutil.copy(DATA / "not-a-sitemap.rss", feed)
    for args in ([*ADD[:2], feed, *ADD[2:]], ["sitemap", "validate", feed]):
        status, out, err = run_cli(capsys, *args)
        assert status == 2 and out == ""
        one_error_line(err, "feed.xml: is an RSS feed, not a sitemap", "choose another file name")
    assert feed.read_bytes() == (DATA / "not-a-sitemap.rss").read_bytes()
    no_temp_files(tmp_path)
