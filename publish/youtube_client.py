"""The YouTube Data API client: google-api-python-client on an authorized httplib2 transport.

The client is built from the discovery document that ships inside google-api-python-client, so
building it needs no network. ``SHOPREEL_YOUTUBE_API_ROOT`` (e.g. ``http://127.0.0.1:8080/``)
replaces the API's root URL, media uploads included, so the real client can talk to a local server.
"""

from __future__ import annotations

import http.client
import json
import os
import socket
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from shopreel.publish.youtube_auth import ENV_API_ROOT, SignIn
from shopreel.publish.youtube_errors import SignInError, UploadError, translate

DEFAULT_ROOT = "https://youtube.googleapis.com/"
# Seconds a single HTTP exchange may stall (no bytes moving) before it counts as a dropped
# connection and is retried.
DEFAULT_TIMEOUT = 60.0
WATCH_URL = "https://www.youtube.com/watch?v={id}"
EMBED_URL = "https://www.youtube.com/embed/{id}"


class OnYouTube:
    """The watch and embed addresses of a video with a ``video_id`` (for the dataclasses)."""

    video_id: str

    @property
    def url(self) -> str:
        return WATCH_URL.format(id=self.video_id)

    @property
    def embed_url(self) -> str:
        return EMBED_URL.format(id=self.video_id)

T = TypeVar("T")


def api_root() -> str:
    """The API root URL: ``SHOPREEL_YOUTUBE_API_ROOT`` or Google's."""
    root = os.environ.get(ENV_API_ROOT) or DEFAULT_ROOT
    return root if root.endswith("/") else root + "/"


def transport_errors() -> tuple[type[BaseException], ...]:
    """Exceptions that mean the connection failed (worth retrying), not that YouTube said no."""
    import httplib2
    from google.auth.exceptions import TransportError

    return (OSError, socket.timeout, http.client.HTTPException, httplib2.HttpLib2Error,
            TransportError)


class YouTubeClient:
    """The Data API for one sign-in: ``service`` (the discovery-built resource) and ``http`` (the
    authorized transport the resumable upload talks through)."""

    def __init__(self, sign_in: SignIn, *, root: str | None = None,
                 timeout: float = DEFAULT_TIMEOUT) -> None:
        import google_auth_httplib2
        from googleapiclient.discovery import build_from_document
        from googleapiclient.discovery_cache import get_static_doc
        from googleapiclient.http import build_http

        self.sign_in = sign_in
        self.root = root or api_root()
        document = json.loads(get_static_doc("youtube", "v3") or "{}")
        if not document:
            raise UploadError("this google-api-python-client lacks YouTube's API description",
                              "reinstall ShopReel")
        document["rootUrl"] = document["mtlsRootUrl"] = self.root
        document["baseUrl"] = self.root + document.get("servicePath", "")
        transport = build_http()  # googleapiclient's: it does not follow 308 (resumable answers)
        transport.timeout = timeout
        self.http = google_auth_httplib2.AuthorizedHttp(sign_in.credentials, http=transport)
        self.service = build_from_document(document, http=self.http)

    def call(self, request: Any, what: str, retries: int = 3) -> Any:
        """Execute a small API request; failures become UploadError/SignInError (never tracebacks)."""
        return self.guard(lambda: request.execute(num_retries=retries), what)

    def guard(self, action: Callable[[], T], what: str) -> T:
        """Run ``action`` (an API exchange), translating every failure into a typed error."""
        from google.auth.exceptions import RefreshError
        from googleapiclient.errors import HttpError

        try:
            result = action()
        except HttpError as exc:
            raise translate(exc.resp.status, exc.content, what) from None
        except RefreshError as exc:
            raise refresh_failure(exc) from None
        except transport_errors() as exc:
            raise UploadError(f"cannot reach YouTube for the {what} ({type(exc).__name__}: {exc})",
                              "check the internet connection and run the same command again"
                              ) from None
        finally:
            self.sign_in.save_if_refreshed()
        return result

    def set_thumbnail(self, video_id: str, image: Path) -> None:
        """``thumbnails.set``: the custom thumbnail of an uploaded video."""
        from googleapiclient.http import MediaIoBaseUpload

        mimetype = "image/png" if image.read_bytes()[:4] == b"\x89PNG" else "image/jpeg"
        with open(image, "rb") as handle:
            media = MediaIoBaseUpload(handle, mimetype=mimetype, resumable=False)
            self.call(self.service.thumbnails().set(videoId=video_id, media_body=media),
                      "thumbnail")

    def add_to_playlist(self, playlist_id: str, video_id: str) -> None:
        """``playlistItems.insert``: append the video to a playlist (needs the youtube scope)."""
        body = {"snippet": {"playlistId": playlist_id,
                            "resourceId": {"kind": "youtube#video", "videoId": video_id}}}
        # No automatic retry: a retried insert that had in fact succeeded would add it twice.
        self.call(self.service.playlistItems().insert(part="snippet", body=body), "playlist",
                  retries=0)

    def channel(self) -> tuple[str, str] | None:
        """(id, title) of the signed-in channel, or None when the sign-in may not ask for it
        (``channels.list`` needs more than the upload scope)."""
        from googleapiclient.errors import HttpError

        if not self.sign_in.can_use_playlists:
            return None
        request = self.service.channels().list(part="snippet", mine=True)

        def lookup() -> Any:
            try:
                return request.execute(num_retries=1)
            except HttpError as exc:
                if exc.resp.status == 403:  # granted scopes unknown and too narrow after all
                    return None
                raise

        answer = self.guard(lookup, "channel lookup")
        if answer is None:
            return None
        items = answer.get("items") or []
        if not items:
            return None
        return str(items[0]["id"]), str(items[0].get("snippet", {}).get("title", ""))


def refresh_failure(exc: Exception) -> SignInError:
    """The SignInError for a sign-in Google no longer accepts (refresh failed)."""
    revoked = "invalid_grant" in str(exc)
    what = "has expired or was revoked" if revoked else "could not be renewed"
    return SignInError(f"the YouTube sign-in {what}",
                       "run `shopreel youtube login` to sign in again")
