"""Inspector panels for what happens after the render: Thumbnail and Publish."""

from __future__ import annotations

import importlib
from typing import Any

from PIL.ImageQt import ImageQt
from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QIcon, QPixmap
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QPushButton

from shopreel.app.gui.forms import Panel
from shopreel.video.project import Project
from shopreel.video.thumbnail import Candidate
from shopreel.video.timecode import format_time


class ThumbnailPanel(Panel):
    """The frame for the thumbnail: at the playhead, Auto, or one of the best candidates."""

    title = "Thumbnail"
    find_candidates = Signal()  # the window runs the search in the background

    def __init__(self, *args: object) -> None:
        super().__init__(*args)  # type: ignore[arg-type]
        self.playhead = 0.0
        self.chosen = QLabel()
        self.chosen.setToolTip(self.tr("Which frame the thumbnail shows"))
        self.form.addRow(self.tr("Frame"), self.chosen)
        self.at_playhead = QPushButton(self.tr("Use the frame at the playhead"))
        self.at_playhead.setToolTip(self.tr("The thumbnail shows the frame the preview shows now"))
        self.at_playhead.clicked.connect(self.use_playhead)
        self.auto = QPushButton(self.tr("Auto (best frame)"))
        self.auto.setToolTip(self.tr("ShopReel picks the sharpest, most colourful frame"))
        self.auto.clicked.connect(lambda: self._set(self.tr("Thumbnail: auto"), ("thumbnail", "at"),
                                                    "auto"))
        self.form.addRow("", self.at_playhead)
        self.form.addRow("", self.auto)
        self.line(self.tr("Title on the thumbnail"), ("thumbnail", "title"),
                  self.tr("A few words drawn on the thumbnail (empty: none)"))
        self.check(self.tr("Add the logo"), ("thumbnail", "logo"),
                   self.tr("Put the brand logo on the thumbnail"))
        self.search = QPushButton(self.tr("Find candidates"))
        self.search.setToolTip(self.tr("Rank frames of the rendered video; click one to use it"))
        self.search.clicked.connect(self.find_candidates.emit)
        self.form.addRow("", self.search)
        self.candidates = QListWidget()
        self.candidates.setObjectName("thumbnailCandidates")
        self.candidates.setViewMode(QListWidget.ViewMode.IconMode)
        self.candidates.setIconSize(QSize(128, 72))
        self.candidates.setMinimumHeight(180)
        self.candidates.setToolTip(self.tr("The best frames, best first: click to use one"))
        self.candidates.itemClicked.connect(self._candidate_chosen)
        self.outer.addWidget(self.candidates)
        self.finish()

    def use_playhead(self) -> None:
        self._set(self.tr("Thumbnail at the playhead"), ("thumbnail", "at"), round(self.playhead, 3))

    def refreshed(self, project: Project) -> None:
        at = project.thumbnail.at
        self.chosen.setText(self.tr("Auto (best frame)") if at == "auto" else format_time(at))

    def show_candidates(self, candidates: list[Candidate]) -> None:
        self.candidates.clear()
        for candidate in candidates[:8]:
            image = candidate.image.copy()
            image.thumbnail((256, 144))
            item = QListWidgetItem(QIcon(QPixmap.fromImage(ImageQt(image.convert("RGBA")))),
                                   format_time(candidate.seconds))
            item.setData(Qt.ItemDataRole.UserRole, candidate.seconds)
            item.setToolTip(self.tr("Score {0:.2f}").format(candidate.value))
            self.candidates.addItem(item)

    def _candidate_chosen(self, item: QListWidgetItem) -> None:
        seconds = float(item.data(Qt.ItemDataRole.UserRole))
        self._set(self.tr("Thumbnail candidate"), ("thumbnail", "at"), round(seconds, 3))


class PublishPanel(Panel):
    """Where and how the video is published: URLs, description, tags, sitemap, YouTube."""

    title = "Publish"

    def __init__(self, *args: object) -> None:
        super().__init__(*args)  # type: ignore[arg-type]
        self.line(self.tr("Product page"), ("publish", "page_url"),
                  self.tr("The page the video is shown on (for the sitemap)"),
                  "https://www.my-shop.com/products/…")
        self.line(self.tr("Video URL"), ("publish", "video_url"),
                  self.tr("Where the video file will be online"), "https://…/video.mp4")
        self.line(self.tr("Thumbnail URL"), ("publish", "thumbnail_url"),
                  self.tr("Where the thumbnail will be online"), "https://…/video.jpg")
        self.text(self.tr("Description"), ("publish", "description"),
                  self.tr("One or two sentences about the product, for search engines"))
        tags = self.line(self.tr("Tags"), ("publish", "tags"),
                         self.tr("Keywords, separated by commas"), "organic, vegetables")
        tags.editingFinished.disconnect()
        tags.editingFinished.connect(lambda: self._set(
            self.tr("Tags"), ("publish", "tags"),
            [t.strip() for t in tags.text().split(",") if t.strip()]))
        self.bindings[-1].show = lambda v: tags.setText(", ".join(v or []))
        self.check(self.tr("Family friendly"), ("publish", "family_friendly"),
                   self.tr("Safe for all ages (told to search engines)"))
        self.file(self.tr("Sitemap file"), ("publish", "sitemap"),
                  self.tr("The video sitemap to add the video to (created if missing)"),
                  "Sitemaps (*.xml)")
        self.form.addRow(QLabel(""))
        self.check(self.tr("Upload to YouTube"), ("publish", "youtube", "enabled"),
                   self.tr("Upload the video when publishing"))
        self.choice(self.tr("Visibility"), ("publish", "youtube", "privacy"),
                    self.tr("Who can see the video on YouTube"),
                    [("unlisted", self.tr("Unlisted")), ("private", self.tr("Private")),
                     ("public", self.tr("Public"))])
        self.line(self.tr("Category"), ("publish", "youtube", "category_id"),
                  self.tr("YouTube category number (22: People & Blogs)"))
        self.check(self.tr("Made for kids"), ("publish", "youtube", "made_for_kids"),
                   self.tr("Required by YouTube: is the video made for children?"))
        self.line(self.tr("Playlist"), ("publish", "youtube", "playlist_id"),
                  self.tr("Add the video to this playlist (its ID)"))
        self.sign_in = QPushButton(self.tr("Sign in to YouTube…"))
        self.sign_in.setToolTip(self.tr("Allow ShopReel to upload to your channel (opens the "
                                         "browser)"))
        self.sign_in.clicked.connect(self._sign_in)
        self.form.addRow("", self.sign_in)
        self.sign_in_status = QLabel()
        self.form.addRow("", self.sign_in_status)
        self.finish()

    def _sign_in(self) -> None:
        login = youtube_login()
        if login is None:
            self.sign_in_status.setText(self.tr("YouTube sign-in is not available in this "
                                                "version; use `shopreel youtube login`."))
            return
        try:
            login()
        except Exception as exc:  # noqa: BLE001 (shown to the user)
            self.sign_in_status.setText(self.tr("Sign-in failed: {0}").format(exc))
        else:
            self.sign_in_status.setText(self.tr("Signed in."))


def youtube_login() -> Any:
    """The core's YouTube sign-in function, when this version has one."""
    for module in ("shopreel.publish.youtube_auth", "shopreel.publish.youtube"):
        try:
            found = importlib.import_module(module)
        except ImportError:
            continue
        login = getattr(found, "login", None)
        if callable(login):
            return login
    return None

