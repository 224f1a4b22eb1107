"""The document: undo snapshots, dirty marker, save/save-as, recent files, autosave and recovery,
closing with unsaved changes, remembered layout and the German user interface."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

pytest.importorskip("pytestqt")

from conftest import write_project  # noqa: E402
from PySide6.QtCore import QLocale  # noqa: E402
from PySide6.QtWidgets import QApplication, QMessageBox  # noqa: E402

from shopreel.app.gui.document import ProjectDocument, pending_recoveries, rebase_paths  # noqa: E402
from shopreel.app.gui.i18n import choose_language, install_translator  # noqa: E402
from shopreel.app.gui.main_window import MainWindow  # noqa: E402
from shopreel.app.gui.settings import Settings  # noqa: E402
from shopreel.video.project import load_project  # noqa: E402


def window_for(qtbot, answer=QMessageBox.StandardButton.Discard) -> MainWindow:
    window = MainWindow()
    qtbot.addWidget(window)
    window.ask_unsaved = lambda: answer
    return window


def idle(qtbot, window: MainWindow) -> None:
    qtbot.waitUntil(lambda: not window.library.busy and not window.preview.busy, timeout=20_000)


def test_edits_are_undoable_snapshots_and_mark_the_document(qtbot, tmp_path: Path,
                                                            media: dict[str, Path]) -> None:
    path = write_project(tmp_path, {"clips": [{"path": str(media["counter"])}]})
    document = ProjectDocument(Settings())
    document.open(path)
    original = document.project
    assert not document.dirty
    assert document.set_value("Title", ("title",), "Kiste")
    assert document.set_value("Intro", ("intro", "title"), "Hallo")
    assert document.dirty and document.undo_stack.count() == 2
    assert document.project.intro is not None and document.project.intro.title == "Hallo"
    assert not document.set_value("Fit", ("output", "fit"), "stretch")  # invalid: refused
    assert document.undo_stack.count() == 2
    document.undo_stack.undo()
    document.undo_stack.undo()
    assert document.project is original and not document.dirty
    document.undo_stack.redo()
    assert document.project.title == "Kiste"
    # An edit that changes nothing adds no undo step.
    assert document.set_value("Title", ("title",), "Kiste")
    assert (document.undo_stack.index(), document.undo_stack.count()) == (1, 2)


def test_save_as_elsewhere_keeps_relative_paths_working(qtbot, tmp_path: Path,
                                                        media: dict[str, Path]) -> None:
    clip = tmp_path / "clips" / "a.mp4"
    clip.parent.mkdir()
    clip.write_bytes(media["no_audio"].read_bytes())
    path = write_project(tmp_path, {"clips": [{"path": "clips/a.mp4"}],
                                    "audio": {"music": "clips/a.mp4"}})
    document = ProjectDocument(Settings())
    document.open(path)
    target = tmp_path / "elsewhere" / "deep" / "copy.shopreel.json"
    target.parent.mkdir(parents=True)
    document.save_as(target)
    saved = json.loads(target.read_text(encoding="utf-8"))
    assert saved["clips"][0]["path"] == "../../clips/a.mp4"
    assert saved["audio"]["music"] == "../../clips/a.mp4"
    assert (target.parent / saved["clips"][0]["path"]).resolve() == clip.resolve()
    assert document.path == target and not document.dirty
    assert rebase_paths({"clips": [{"path": "/abs/x.mp4"}]}, tmp_path, target.parent) == \
        {"clips": [{"path": "/abs/x.mp4"}]}


def test_title_shows_the_dirty_marker_and_recent_files(qtbot, tmp_path: Path,
                                                       media: dict[str, Path]) -> None:
    path = write_project(tmp_path, {"clips": [{"path": str(media["counter"])}]})
    window = window_for(qtbot)
    window.open_project(path)
    assert window.windowTitle() == "test[*] — ShopReel" and not window.isWindowModified()
    window.title_edit.setText("Neu")
    window.title_edit.editingFinished.emit()
    assert window.isWindowModified() and window.project.title == "Neu"
    assert window.save()
    assert not window.isWindowModified() and load_project(path).title == "Neu"
    assert window.settings.recent()[0] == path
    window._fill_recent()
    assert str(path) in [a.text() for a in window.recent_menu.actions()]
    idle(qtbot, window)


def test_closing_with_unsaved_changes_asks_and_cancel_keeps_the_window(qtbot, tmp_path: Path,
                                                                        media: dict[str, Path]) -> None:
    path = write_project(tmp_path, {"clips": [{"path": str(media["counter"])}]})
    asked: list[bool] = []
    window = window_for(qtbot)

    def cancel() -> QMessageBox.StandardButton:
        asked.append(True)
        return QMessageBox.StandardButton.Cancel
    window.ask_unsaved = cancel
    window.show()
    window.open_project(path)
    window.document.set_value("Title", ("title",), "Geändert")
    assert not window.close()
    assert asked and window.isVisible() and window.project.title == "Geändert"
    idle(qtbot, window)
    window.ask_unsaved = lambda: QMessageBox.StandardButton.Save
    assert window.close()
    assert load_project(path).title == "Geändert"


def test_autosave_and_recovery_after_a_crash(qtbot, tmp_path: Path, media: dict[str, Path]) -> None:
    path = write_project(tmp_path, {"clips": [{"path": str(media["counter"])}]})
    settings = Settings()
    crashed = ProjectDocument(settings)
    crashed.open(path)
    crashed.set_value("Caption", ("captions",), [{"text": "Gerettet", "start": 0.2, "end": 1}])
    recovery = crashed.autosave()
    assert recovery is not None and recovery.parent == settings.recovery_dir
    assert load_project(path).captions == []  # the project file itself is untouched
    # The process dies here; the next session finds the copy.
    assert pending_recoveries(settings) == [recovery]
    window = window_for(qtbot)
    assert window.recover(recovery)
    assert window.project.captions[0].text == "Gerettet"
    assert window.project_path == path.absolute() and window.isWindowModified()
    assert pending_recoveries(settings) == []
    window.undo_action.trigger()  # the recovered edits are one undo step on top of the file
    assert window.project.captions == []
    idle(qtbot, window)


def test_the_window_layout_is_remembered(qtbot, tmp_path: Path) -> None:
    first = window_for(qtbot)
    first.show()
    first.resize(1000, 700)
    first.inspector_dock.setVisible(False)
    assert first.close()
    second = window_for(qtbot)
    second.show()
    # (The offscreen platform may trim the width to the docks' minimum; the height is kept.)
    assert second.height() == 700 and second.width() != 1280
    assert not second.inspector_dock.isVisible()


def test_german_user_interface(qtbot, tmp_path: Path) -> None:
    assert choose_language("", QLocale("de_DE")) == "de"
    assert choose_language("", QLocale("fr_FR")) == "en"
    assert choose_language("en", QLocale("de_DE")) == "en"
    app = QApplication.instance()
    translators = install_translator(app, "de")
    try:
        assert translators, "the compiled German translation is missing (resources/i18n/build.py)"
        window = window_for(qtbot)
        assert window.publish_button.text() == "Veröffentlichen"
        assert window.inspector.tabText(2) == "Einblendungen"
        assert window.captions_panel.add_button.text() == "Einblendung hinzufügen"
        assert window.windowTitle() == "Unbenannt[*] — ShopReel"
        assert window.preview.view.toolTip().startswith("Das fertige Video")
        assert window.trim.slider.accessibleName() == "Schnittbereich"
        assert window.trim.slider.toolTip().startswith("Ziehen Sie die Griffe")
        assert window.branding_panel.logo_from.itemText(1) == "Am Anfang"
        from shopreel.app.gui.playback import explain_import_error

        assert explain_import_error(ImportError("libpulse.so.0: cannot open shared object file")
                                    ).startswith("Qt Multimedia braucht die Systembibliothek")
    finally:
        for translator in translators:
            app.removeTranslator(translator)


def test_every_control_has_a_tooltip(qtbot) -> None:
    from PySide6.QtWidgets import (
        QAbstractButton,
        QAbstractSpinBox,
        QComboBox,
        QLineEdit,
        QPlainTextEdit,
        QTabBar,
        QWidget,
    )

    window = window_for(qtbot)
    kinds = (QAbstractButton, QAbstractSpinBox, QComboBox, QLineEdit, QPlainTextEdit)
    missing = []
    for widget in window.findChildren(QWidget):
        if not isinstance(widget, kinds):
            continue
        if isinstance(widget.parent(), (QTabBar, QAbstractSpinBox, QComboBox)):
            continue  # Qt's own parts (scroll arrows, inner line edits)
        if widget.objectName().startswith("qt_") or widget.toolTip() or widget.parent() is None:
            continue
        if isinstance(widget, QAbstractButton) and widget.text() in ("", "…") and \
                widget.defaultAction() is not None:
            continue
        missing.append(f"{type(widget).__name__} {widget.text() if hasattr(widget, 'text') else ''}")
    toolbar_buttons = [w for w in missing if "ToolButton" in w]
    assert not [w for w in missing if w not in toolbar_buttons], missing
