"""High-DPI manners: vector icons on the toolbar and the window, thumbnails at the screen's ratio."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

pytest.importorskip("pytestqt")

from PySide6.QtCore import QSize, Qt  # noqa: E402
from PySide6.QtGui import QColor, QImage, QPainter  # noqa: E402
from PySide6.QtSvg import QSvgRenderer  # noqa: E402
from PySide6.QtWidgets import QToolBar  # noqa: E402

from shopreel.app.gui.clips import THUMB, MediaLibrary  # noqa: E402
from shopreel.app.gui.icons import APP_ICON, icon  # noqa: E402
from shopreel.app.gui.main_window import MainWindow  # noqa: E402

ICONS = Path(__file__).resolve().parents[1] / "resources" / "icons"
SVGS = sorted(ICONS.glob("*.svg"))
LINE_COLOUR = (0x5F, 0x6B, 0x7A)


def rgba(image: QImage) -> np.ndarray:
    """The pixels as a height x width x 4 array (straight alpha)."""
    image = image.convertToFormat(QImage.Format.Format_RGBA8888)
    rows = np.frombuffer(image.constBits(), np.uint8).reshape(image.height(), image.bytesPerLine())
    # A copy: the array must not outlive the converted image's memory.
    return rows[:, :image.width() * 4].reshape(image.height(), image.width(), 4).copy()


def render(svg: Path, pixels: int) -> np.ndarray:
    """The SVG drawn straight from its vectors at ``pixels`` x ``pixels``."""
    image = QImage(pixels, pixels, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    QSvgRenderer(str(svg)).render(painter)
    painter.end()
    return rgba(image)


def window(qtbot) -> MainWindow:
    made = MainWindow()
    qtbot.addWidget(made)
    return made


def test_there_are_icons_for_the_window_and_its_actions() -> None:
    names = {svg.stem for svg in SVGS}
    assert {APP_ICON, "new", "open", "save", "import", "undo", "redo", "play", "quick-preview",
            "render", "publish"} <= names


@pytest.mark.parametrize("svg", SVGS, ids=[svg.stem for svg in SVGS])
def test_every_icon_is_a_small_valid_svg_that_draws_something(qapp, svg: Path) -> None:
    assert svg.stat().st_size < 1024, "icons are a few hundred bytes"
    renderer = QSvgRenderer(str(svg))
    assert renderer.isValid()
    assert renderer.viewBox().getRect() == (0, 0, 24, 24)
    drawn = render(svg, 24)[:, :, 3] > 0
    assert 30 < drawn.sum() < 24 * 24 * 0.8, "blank, or a filled square"


@pytest.mark.parametrize("svg", [svg for svg in SVGS if svg.stem != APP_ICON],
                         ids=[svg.stem for svg in SVGS if svg.stem != APP_ICON])
def test_the_line_icons_share_one_colour(qapp, svg: Path) -> None:
    pixels = render(svg, 48)
    solid = pixels[pixels[:, :, 3] == 255][:, :3].astype(int)
    assert len(solid), "no solid stroke at all"
    assert np.abs(solid - LINE_COLOUR).max() <= 2  # strokes that cross round a little


def test_the_app_icon_is_colourful(qapp) -> None:
    pixels = render(ICONS / f"{APP_ICON}.svg", 64)
    solid = pixels[pixels[:, :, 3] == 255][:, :3].astype(int)
    saturation = solid.max(axis=1) - solid.min(axis=1)
    assert (saturation > 100).sum() > 64 * 64 // 4


@pytest.mark.parametrize("name", ["cancel", "quick-preview", "publish", APP_ICON])
def test_an_icon_at_2x_is_drawn_from_the_vectors_not_scaled_up(qapp, name: str) -> None:
    # Icons with curves and diagonals: a straight line on the pixel grid looks the same doubled.
    pixmap = icon(name).pixmap(QSize(24, 24), 2.0)
    assert (pixmap.width(), pixmap.height()) == (48, 48)
    assert pixmap.devicePixelRatio() == 2.0
    shown = rgba(pixmap.toImage())[:, :, 3].astype(int)
    sharp = render(ICONS / f"{name}.svg", 48)[:, :, 3].astype(int)
    assert np.abs(shown - sharp).mean() < 1.0
    # What a 1x picture (a PNG, or Qt without its SVG icon engine) gives on a 2x screen, either
    # way of scaling it up, is clearly different: the comparison above can tell.
    small = QImage(render(ICONS / f"{name}.svg", 24).tobytes(), 24, 24,
                   QImage.Format.Format_RGBA8888)
    for mode in Qt.TransformationMode.FastTransformation, Qt.TransformationMode.SmoothTransformation:
        scaled = rgba(small.scaled(48, 48, Qt.AspectRatioMode.IgnoreAspectRatio, mode))
        assert np.abs(scaled[:, :, 3].astype(int) - sharp).mean() > 5


def test_an_unknown_icon_is_an_error_not_a_blank_button() -> None:
    with pytest.raises(FileNotFoundError, match="no-such-icon"):
        icon("no-such-icon")


def test_the_toolbar_shows_an_icon_and_the_words_for_every_action(qtbot) -> None:
    toolbar = window(qtbot).findChild(QToolBar, "mainToolbar")
    actions = [action for action in toolbar.actions() if not action.isSeparator()]
    assert len(actions) >= 9
    assert [action.text() for action in actions if action.icon().isNull()] == []
    assert toolbar.toolButtonStyle() in (Qt.ToolButtonStyle.ToolButtonTextBesideIcon,
                                         Qt.ToolButtonStyle.ToolButtonTextUnderIcon)


def test_the_menu_actions_with_a_natural_symbol_have_it(qtbot) -> None:
    main = window(qtbot)
    for action in (main.new_action, main.open_action, main.save_action, main.import_action,
                   main.undo_action, main.redo_action, main.play_action, main.quick_action,
                   main.render_action, main.publish_action, main.cancel_action, main.in_action,
                   main.out_action):
        assert not action.icon().isNull(), action.text()


def test_the_window_has_the_app_icon(qtbot) -> None:
    main = window(qtbot)
    assert not main.windowIcon().isNull()
    assert main.windowIcon().cacheKey() == icon(APP_ICON).cacheKey()


def near(image: QImage, x: float, y: float, colour: str) -> bool:
    """The pixel at device coordinates (x, y) is ``colour`` give or take a JPEG's rounding."""
    found, wanted = QColor(image.pixel(int(x), int(y))), QColor(colour)
    return all(abs(a - b) <= 6 for a, b in zip(found.getRgb()[:3], wanted.getRgb()[:3]))


@pytest.mark.parametrize(("ratio", "pixels"), [(1.0, (112, 63)), (2.0, (224, 126)),
                                               (1.5, (168, 95))])
def test_thumbnails_have_the_pixels_of_the_screen(qtbot, media: dict[str, Path], ratio: float,
                                                  pixels: tuple[int, int]) -> None:
    library = MediaLibrary()
    library.request(media["still"])  # 400x300: a red-brown disc on cream, letterboxed
    qtbot.waitUntil(lambda: not library.busy, timeout=20_000)
    pixmap = library.pixmap(media["still"], ratio)
    library.shutdown()
    assert pixmap.devicePixelRatio() == ratio
    assert (pixmap.width(), pixmap.height()) == pixels
    assert pixmap.deviceIndependentSize().toSize() == THUMB  # the same size on screen
    image = pixmap.toImage()

    def at(x: float, y: float, colour: str) -> bool:  # logical coordinates
        return near(image, x * ratio, y * ratio, colour)

    assert at(56, 31, "#c8553d")  # the product in the middle
    assert at(3, 31, "#30343b")  # the letterbox: a 4:3 photo in a 16:9 thumbnail
    assert at(THUMB.width() - 3, 31, "#30343b")
    assert at(20, 3, "#f4efe6")  # the photo's background


def test_a_missing_file_is_marked_in_the_middle_at_any_ratio(qtbot, tmp_path: Path) -> None:
    library = MediaLibrary()
    gone = tmp_path / "gone.mp4"
    library.request(gone)
    qtbot.waitUntil(lambda: not library.busy, timeout=20_000)
    library.shutdown()
    assert str(gone) in library.errors
    image = library.pixmap(gone, 2.0).toImage()
    marked = rgba(image)[:, :, :3].astype(int)
    ys, xs = np.nonzero((marked[:, :, 0] > 150) & (marked[:, :, 1] < 140))
    assert len(xs), "no mark"
    assert abs(xs.mean() - THUMB.width()) < 6 and abs(ys.mean() - THUMB.height()) < 6


def test_a_move_to_another_pixel_ratio_redraws_the_thumbnails(qtbot, tmp_path: Path,
                                                             media: dict[str, Path],
                                                             monkeypatch: pytest.MonkeyPatch
                                                             ) -> None:
    from conftest import write_project
    from PySide6.QtCore import QCoreApplication, QEvent

    shown = window(qtbot)
    shown.open_project(write_project(tmp_path, {"clips": [{"path": str(media["still"])}]}))
    qtbot.waitUntil(lambda: not shown.library.busy, timeout=20_000)
    asked: list[float] = []
    drawn = shown.library.pixmap
    monkeypatch.setattr(shown.library, "pixmap",
                        lambda path, ratio=1.0: asked.append(ratio) or drawn(path, ratio))
    for clip_list in (shown.bin, shown.storyboard):
        asked.clear()
        QCoreApplication.sendEvent(clip_list, QEvent(QEvent.Type.DevicePixelRatioChange))
        assert asked == [clip_list.devicePixelRatioF()], "drawn again at the widget's ratio"
