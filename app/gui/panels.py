"""Inspector panels for the look and sound: Intro, Branding, Sound, Output."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QPushButton

from shopreel.app.gui.forms import Panel, position_options
from shopreel.video.brand import example_kit
from shopreel.video.presets import ENCODER_SPEEDS, PRESETS
from shopreel.video.project import Project

MEDIA_FILTER = "Videos and photos (*.mp4 *.mov *.m4v *.mkv *.webm *.avi *.jpg *.jpeg *.png *.webp)"
IMAGE_FILTER = "Images (*.png *.jpg *.jpeg *.webp *.svg)"
AUDIO_FILTER = "Audio (*.mp3 *.m4a *.wav *.aac *.ogg *.flac)"


class IntroPanel(Panel):
    title = "Intro"

    def __init__(self, *args: object) -> None:
        super().__init__(*args)  # type: ignore[arg-type]
        self.enabled = self.section(self.tr("Show a title card at the start"), "intro",
                                    self.tr("A short card with title, subtitle and logo, "
                                            "cross-faded into the first clip"), {})
        self.line(self.tr("Title"), ("intro", "title"),
                  self.tr("Large text of the title card (empty: the project title)"))
        self.line(self.tr("Subtitle"), ("intro", "subtitle"), self.tr("Smaller line under the title"))
        self.number(self.tr("Duration"), ("intro", "duration"),
                    self.tr("How long the title card shows"), 0.5, 30, 0.5, 1, " s")
        self.choice(self.tr("Entrance"), ("intro", "style"), self.tr("How the title appears"),
                    [("fade", self.tr("Fade in")), ("slide", self.tr("Slide up"))])
        self.file(self.tr("Own intro clip"), ("intro", "clip"),
                  self.tr("Use your own clip instead of the generated card"), MEDIA_FILTER)
        self.form.addRow(QLabel(""))
        self.section(self.tr("Show an end card"), "outro",
                     self.tr("A closing card with text, web address and logo"), {})
        self.line(self.tr("End card text"), ("outro", "text"),
                  self.tr("The call to action, e.g. \"Order now\""))
        self.number(self.tr("End card duration"), ("outro", "duration"),
                    self.tr("How long the end card shows"), 0.5, 30, 0.5, 1, " s")
        self.finish()


class BrandingPanel(Panel):
    title = "Branding"

    def __init__(self, *args: object) -> None:
        super().__init__(*args)  # type: ignore[arg-type]
        self.file(self.tr("Brand kit"), ("brand", "kit"),
                  self.tr("A shared brand kit (brand.json): colours, font and logo for all your "
                          "videos; the values below override it"), "Brand kit (*.json)")
        example = QPushButton(self.tr("Use the example brand kit"))
        example.setToolTip(self.tr("Fill in the bundled example kit to see how branding looks"))
        example.clicked.connect(lambda: self._set(self.tr("Brand kit"), ("brand", "kit"),
                                                  str(example_kit())))
        self.form.addRow("", example)
        self.file(self.tr("Logo"), ("brand", "logo"), self.tr("Your shop's logo (PNG with "
                                                              "transparency works best)"),
                  IMAGE_FILTER)
        self.line(self.tr("Web address"), ("brand", "url"),
                  self.tr("Shown on screen and on the end card, e.g. www.my-shop.com"))
        self.colour(self.tr("Main colour"), ("brand", "colors", "primary"),
                    self.tr("Cards, banners and bars"))
        self.colour(self.tr("Accent colour"), ("brand", "colors", "accent"),
                    self.tr("Caption badges and highlights"))
        self.colour(self.tr("Text colour"), ("brand", "colors", "text"),
                    self.tr("Text on cards and banners"))
        self.file(self.tr("Font"), ("brand", "font"), self.tr("A TTF/OTF font for all text"),
                  "Fonts (*.ttf *.otf)")
        positions = position_options()
        starts = [("after-intro", self.tr("After the intro")), ("start", self.tr("At the start"))]
        ends = [(None, self.tr("At the end"))]
        at_time = self.tr("At a time")
        self.form.addRow(QLabel(""))
        self.overlay_switch(self.tr("Show the logo on the video"), "logo",
                            self.tr("The logo in a corner while the clips play"))
        self.choice(self.tr("Logo position"), ("overlays", "logo", "position"),
                    self.tr("Where the logo sits (inside the safe area)"), positions)
        self.number(self.tr("Logo size"), ("overlays", "logo", "size"),
                    self.tr("Height as a share of the video height"), 0.02, 0.5, 0.01, 2)
        self.number(self.tr("Logo opacity"), ("overlays", "logo", "opacity"),
                    self.tr("1 = solid, lower = see-through"), 0.05, 1, 0.05, 2)
        self.logo_from, self.logo_from_seconds = self.time_choice(
            self.tr("Logo appears"), ("overlays", "logo", "from"),
            self.tr("When the logo comes in: with the video, after the intro, or at a time"),
            starts, at_time)
        self.logo_to, self.logo_to_seconds = self.time_choice(
            self.tr("Logo disappears"), ("overlays", "logo", "to"),
            self.tr("When the logo goes: at the end of the clips, or at a time"), ends, at_time)
        self.overlay_switch(self.tr("Show the web address on the video"), "url",
                            self.tr("The web address in a corner while the clips play"))
        self.choice(self.tr("Address position"), ("overlays", "url", "position"),
                    self.tr("Where the web address sits"), positions)
        self.number(self.tr("Address size"), ("overlays", "url", "size"),
                    self.tr("Height as a share of the video height"), 0.02, 0.2, 0.005, 3)
        self.choice(self.tr("Address style"), ("overlays", "url", "style"),
                    self.tr("On a coloured plate, or plain text"),
                    [("plate", self.tr("Plate")), ("plain", self.tr("Plain"))])
        self.url_from, self.url_from_seconds = self.time_choice(
            self.tr("Address appears"), ("overlays", "url", "from"),
            self.tr("When the web address comes in: with the video, after the intro, or at a time"),
            starts, at_time)
        self.url_to, self.url_to_seconds = self.time_choice(
            self.tr("Address disappears"), ("overlays", "url", "to"),
            self.tr("When the web address goes: at the end of the clips, or at a time"),
            ends, at_time)
        self.finish()


class SoundPanel(Panel):
    title = "Sound"

    def __init__(self, *args: object) -> None:
        super().__init__(*args)  # type: ignore[arg-type]
        self.file(self.tr("Music"), ("audio", "music"),
                  self.tr("Background music, looped or cut to length, faded in and out"),
                  AUDIO_FILTER)
        self.number(self.tr("Music level"), ("audio", "music_gain_db"),
                    self.tr("How loud the music is (0 dB = as recorded)"), -60, 0, 1, 0, " dB")
        self.check(self.tr("Lower the music while clips have sound (ducking)"), ("audio", "duck"),
                   self.tr("The music dips whenever the clips' own sound plays"))
        self.check(self.tr("Even out the clips' levels"), ("audio", "normalize"),
                   self.tr("Bring every clip to a common level; off keeps them as filmed"))
        self.number(self.tr("Loudness target"), ("audio", "loudness_lufs"),
                    self.tr("-14 LUFS for the web, -23 LUFS for broadcast; empty: the preset's"),
                    -36, -8, 1, 0, " LUFS", none_text=self.tr("preset default"))
        self.number(self.tr("Peak limit"), ("audio", "true_peak_db"),
                    self.tr("The highest peak allowed"), -9, 0, 0.5, 1, " dBTP")
        self.finish()


class OutputPanel(Panel):
    title = "Output"

    def __init__(self, *args: object) -> None:
        super().__init__(*args)  # type: ignore[arg-type]
        self.preset = self.choice(self.tr("Preset"), ("output", "preset"),
                                  self.tr("Size and encoding of the video"),
                                  [(name, f"{name}  ({p.width}x{p.height})")
                                   for name, p in PRESETS.items()])
        self.choice(self.tr("Fit"), ("output", "fit"),
                    self.tr("How clips of another shape fill the picture"),
                    [("blur", self.tr("Blurred background")), ("pad", self.tr("Bars (brand colour)")),
                     ("crop", self.tr("Fill and cut"))])
        self.line(self.tr("Video file"), ("output", "path"),
                  self.tr("Where the video is written (empty: beside the project)"), "out/video.mp4")
        self.line(self.tr("Custom size"), ("output", "size"),
                  self.tr("WIDTHxHEIGHT instead of the preset's size (empty: the preset's)"),
                  "1280x720")
        self.choice(self.tr("Encoder speed"), ("output", "encoder_speed"),
                    self.tr("Slower makes smaller files of the same quality"),
                    [(None, self.tr("preset default"))] + [(s, s) for s in ENCODER_SPEEDS])
        self.fps = self.number(self.tr("Frame rate"), ("output", "fps"),
                               self.tr("Frames per second of the video (empty: the preset's)"),
                               1, 120, 1, 3, " fps", none_text=self.tr("preset default"))
        self.crf = self.number(self.tr("Quality (CRF)"), ("output", "crf"),
                               self.tr("Lower is better quality and a bigger file; 18-28 is usual "
                                       "(empty: the preset's)"),
                               0, 51, 1, 0, none_text=self.tr("preset default"))
        self.finish()

    def refreshed(self, project: Project) -> None:
        self.preset.setToolTip(PRESETS[project.output.preset].description)
