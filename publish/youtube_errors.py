"""YouTube's answers turned into errors a shop owner can act on.

The Data API reports a failure as an HTTP status plus a ``reason`` (``quotaExceeded``,
``invalidTitle`` ...). This module is the one table that maps those reasons to one-line messages
with a hint, so no caller ever shows an ``HttpError`` or a traceback.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime, time, timedelta, timezone, tzinfo

from shopreel.video.errors import PublishError


class UploadError(PublishError):
    """The upload to YouTube (or a step right after it) failed. Nothing is lost: running the same
    command again continues a started upload. ``reason`` is YouTube's (e.g. ``quotaExceeded``)."""

    def __init__(self, message: str, hint: str | None = None, reason: str = "") -> None:
        super().__init__(message, hint)
        self.reason = reason


class SignInError(UploadError):
    """No usable YouTube sign-in: none stored, expired, revoked, or lacking a needed permission."""


class MetadataError(UploadError):
    """Title, description, tags or other YouTube settings break YouTube's rules. Nothing was sent.

    ``problems`` holds one line per violation; the message joins them.
    """

    def __init__(self, problems: Sequence[str]) -> None:
        self.problems = tuple(problems)
        count = f"{len(self.problems)} problems" if len(self.problems) > 1 else "a problem"
        super().__init__(f"not uploaded, {count} with the YouTube settings: "
                         + "; ".join(self.problems))


def quota_reset(now: datetime | None = None) -> datetime:
    """When YouTube's daily quota resets next: midnight Pacific time (an aware datetime)."""
    pacific = _pacific()
    local = (now or datetime.now(timezone.utc)).astimezone(pacific)
    return datetime.combine(local.date() + timedelta(days=1), time(0), tzinfo=pacific)


def _pacific() -> tzinfo:
    try:
        from zoneinfo import ZoneInfo

        return ZoneInfo("America/Los_Angeles")
    except Exception:  # no time zone database (Windows without tzdata): standard time, <= 1 h off
        return timezone(timedelta(hours=-8), "PST")


def quota_reset_text(now: datetime | None = None) -> str:
    """'midnight Pacific time (18:00 your time, in 5 h 12 min)'."""
    current = now or datetime.now(timezone.utc)
    reset = quota_reset(current)
    minutes = max(1, round((reset - current).total_seconds() / 60))
    wait = f"{minutes // 60} h {minutes % 60} min" if minutes >= 60 else f"{minutes} min"
    local = reset.astimezone()
    return f"midnight Pacific time ({local:%Y-%m-%d %H:%M} your time, in {wait})"


def error_reason(status: int, content: bytes | str | None) -> tuple[str, str]:
    """(reason, message) from a Google API error body; reason '' when the body has none."""
    try:
        data = json.loads(content or b"{}")
        error = data.get("error", {}) if isinstance(data, dict) else {}
        if isinstance(error, str):  # the OAuth token endpoint: {"error": "invalid_grant"}
            return error, str(data.get("error_description", ""))
        details = error.get("errors") or [{}]
        first = details[0] if isinstance(details[0], dict) else {}
        return str(first.get("reason", "")), str(first.get("message") or error.get("message", ""))
    except (ValueError, AttributeError, TypeError, IndexError):
        return "", ""


_SIGN_IN_AGAIN = "run `shopreel youtube login` to sign in again"

# reason -> (what happened, what to do). "{what}" names the step (upload, thumbnail, playlist).
_REASONS: dict[str, tuple[str, str]] = {
    "uploadLimitExceeded": (
        "YouTube refused the upload: this channel has uploaded as many videos as it may for now "
        "(uploadLimitExceeded)",
        "wait a day and run the same command again; verifying the channel raises the limit"),
    "forbidden": (
        "YouTube refused the {what} (forbidden)",
        "check that the signed-in account has a YouTube channel that may upload "
        "(`shopreel youtube status`), or sign in with another one (`shopreel youtube login`)"),
    "insufficientPermissions": (
        "the YouTube sign-in does not allow the {what}",
        "run `shopreel youtube login --playlists` to grant playlist access"),
    "invalidTitle": ("YouTube rejected the title (invalidTitle)",
                     "use 1 to 100 characters without < or >"),
    "invalidDescription": ("YouTube rejected the description (invalidDescription)",
                           "keep it under 5000 bytes and without < or >"),
    "invalidTags": ("YouTube rejected the tags (invalidTags)",
                    "keep them under 500 characters in total, without < or >"),
    "invalidCategoryId": ("YouTube does not know the category id (invalidCategoryId)",
                          "use a valid id such as 22 (People & Blogs) in publish.youtube.category_id"),
    "invalidPublishAt": ("YouTube rejected the scheduled publishing time (invalidPublishAt)",
                         "give a future time with a timezone and privacy private"),
    "forbiddenPrivacySetting": ("YouTube does not allow this privacy setting here "
                                "(forbiddenPrivacySetting)", "choose public, unlisted or private"),
    "invalidVideoMetadata": ("YouTube rejected the video's settings (invalidVideoMetadata)",
                             "check title, description, tags and category"),
    "invalidImage": ("YouTube could not use the thumbnail image (invalidImage)",
                     "use a JPG or PNG of 1280x720 pixels and at most 2 MB"),
    "mediaBodyRequired": ("YouTube received no file for the {what}", "run the command again"),
    "playlistNotFound": ("the playlist does not exist or the signed-in channel cannot see it",
                         "check publish.youtube.playlist_id (the ID after list= in its address)"),
    "playlistOperationUnsupported": ("YouTube does not allow adding videos to this playlist",
                                     "choose another playlist"),
    "videoNotFound": ("YouTube cannot find the video", "check the video ID"),
    "rateLimitExceeded": ("YouTube asks to slow down (rateLimitExceeded)",
                          "run the same command again in a minute"),
    "authError": ("YouTube did not accept the sign-in", _SIGN_IN_AGAIN),
    "invalid_grant": ("the YouTube sign-in has expired or was revoked", _SIGN_IN_AGAIN),
    "unauthorized_client": ("Google does not accept this sign-in's client", _SIGN_IN_AGAIN),
}


def translate(status: int, content: bytes | str | None, what: str = "upload",
              now: datetime | None = None) -> UploadError:
    """The UploadError (one line plus hint) for an error answer of the YouTube Data API."""
    reason, message = error_reason(status, content)
    if reason in ("quotaExceeded", "dailyLimitExceeded") and status == 403:
        return UploadError(
            f"YouTube's daily quota for this API project is used up ({reason}); it resets at "
            f"{quota_reset_text(now)}",
            "run the same command again after that (a started upload continues), or ask Google for "
            "more quota in the Cloud Console", reason)
    if what == "thumbnail" and reason == "forbidden":
        return UploadError("YouTube does not let this channel set custom thumbnails yet (forbidden)",
                           "verify the channel with a phone number at https://www.youtube.com/verify,"
                           " then run `shopreel youtube thumbnail VIDEO_ID FILE`", reason)
    if reason in _REASONS:
        text, hint = _REASONS[reason]
        if hint == _SIGN_IN_AGAIN or reason == "insufficientPermissions":
            return SignInError(text.format(what=what), hint, reason)
        return UploadError(text.format(what=what), hint, reason)
    if status == 401:
        return SignInError("YouTube did not accept the sign-in (HTTP 401)", _SIGN_IN_AGAIN, reason)
    detail = f": {message}" if message else ""
    code = f" ({reason})" if reason else ""
    return UploadError(f"YouTube answered HTTP {status} to the {what}{code}{detail}",
                       "run the same command again; if it keeps failing, run with -v and report it",
                       reason)
