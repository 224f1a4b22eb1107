"""User interface language: Qt's translation system, English by default, German complete.

The translations are compiled Qt ``.qm`` files in ``shopreel.resources/i18n`` (made from the
``.ts`` sources by ``resources/i18n/build.py``). The language comes from the setting, else
from the system locale.
"""

from __future__ import annotations

from importlib import resources

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

LANGUAGES = ("en", "de")


def choose_language(setting: str, locale: QLocale | None = None) -> str:
    """The language to use: the setting when it names one we have, else the system's, else English."""
    if setting in LANGUAGES:
        return setting
    code = (locale or QLocale.system()).name().split("_")[0]
    return code if code in LANGUAGES else "en"


def install_translator(app: QCoreApplication, language: str) -> list[QTranslator]:
    """Load ShopReel's (and Qt's own) translations for ``language``; English needs none."""
    if language == "en":
        return []
    installed = []
    ours = QTranslator(app)
    data = resources.files("shopreel.resources") / "i18n" / f"shopreel_{language}.qm"
    if data.is_file():
        with resources.as_file(data) as file:
            if ours.load(str(file)):
                app.installTranslator(ours)
                installed.append(ours)
    qt = QTranslator(app)  # the standard buttons (Save, Cancel, ...)
    if qt.load(f"qtbase_{language}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt)
        installed.append(qt)
    return installed
