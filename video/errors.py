"""The typed errors of ShopReel's core.

The core raises these; only the edges (``app/cli.py``, ``app/gui``) turn them into exit codes or
dialogs. Every error carries a one-line ``message`` that names the file or field, and an optional
``hint`` that tells a shop owner what to do about it.
"""

from __future__ import annotations

from collections.abc import Sequence


class ShopReelError(Exception):
    """Base of every error ShopReel expects and can explain to a user."""

    #: Exit status the command line uses for this kind of error (2 = the user's input is at fault).
    exit_status = 2

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def one_line(self) -> str:
        """The message and hint joined into the single line a user sees."""
        return f"{self.message}: {self.hint}" if self.hint else self.message


class ProjectError(ShopReelError):
    """The project file is missing, malformed or invalid. ``field`` names the offending key."""

    def __init__(self, message: str, hint: str | None = None, field: str | None = None) -> None:
        super().__init__(message, hint)
        self.field = field


class MediaError(ShopReelError):
    """A media file cannot be used: missing, unreadable, corrupt, or of the wrong kind."""

    def __init__(self, path: str, problem: str, hint: str | None = None) -> None:
        super().__init__(f"{path}: {problem}", hint)
        self.path = path
        self.problem = problem


class OutputError(ShopReelError):
    """The output cannot be written where the user asked (permissions, missing folder, disk)."""


class PublishError(ShopReelError):
    """Publishing metadata failed: a sitemap that cannot be read or updated, or bad publish values
    (page, video or thumbnail URL, title, dates). The existing files are left as they were."""


class FFmpegNotFoundError(ShopReelError):
    """No usable ffmpeg binary. This is an installation problem, not an internal failure."""


class RenderError(ShopReelError):
    """ffmpeg failed. Keeps the command and the tail of its stderr for the details view."""

    exit_status = 1

    def __init__(
        self,
        message: str,
        hint: str | None = None,
        *,
        cmd: Sequence[str] = (),
        returncode: int | None = None,
        stderr_tail: str = "",
    ) -> None:
        super().__init__(message, hint)
        self.cmd = list(cmd)
        self.returncode = returncode
        self.stderr_tail = stderr_tail


class Stalled(RenderError):
    """ffmpeg stopped making progress and was stopped; trying again usually succeeds."""


class Cancelled(ShopReelError):
    """The user cancelled a long job. Nothing was written."""

    exit_status = 130

    def __init__(self, message: str = "cancelled; nothing was written") -> None:
        super().__init__(message)
