"""A fake YouTube Data API on 127.0.0.1 for the real google-api-python-client to talk to.

It speaks the resumable upload protocol as Google documents it (session opened by POST, answered
with ``Location``; chunks PUT with ``Content-Range``; ``bytes */TOTAL`` status queries answered
with 308 and ``Range``; the last chunk answered with the video resource), ``thumbnails.set``,
``playlistItems.insert``, ``channels.list`` and the OAuth endpoints (authorization with PKCE,
token exchange, refresh). Faults are switched on through :class:`Faults`; everything received is
recorded, so tests can compare the assembled bytes and metadata with what was sent.
"""

from __future__ import annotations

import base64
import hashlib
import json
import secrets
import socket
import struct
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest

UNIT = 256 * 1024
SCOPE_UPLOAD = "https://www.googleapis.com/auth/youtube.upload"
SCOPE_YOUTUBE = "https://www.googleapis.com/auth/youtube"
CHANNEL = {"id": "UCfakeHofladen000000000", "title": "Hofladen Test"}


@dataclass
class Faults:
    """What goes wrong. Chunk indices count chunk PUTs (not status queries) from 0, over all
    sessions."""

    quota_exceeded: bool = False  # 403 quotaExceeded when a session is opened
    upload_limit: bool = False  # 400 uploadLimitExceeded when a session is opened
    open_error: tuple[int, str] | None = None  # (status, reason) when a session is opened
    statuses: list[int] = field(default_factory=list)  # answers to the next chunk PUTs (503 ...)
    drop: dict[int, int] = field(default_factory=dict)  # chunk -> bytes read, then RST
    short: dict[int, int] = field(default_factory=dict)  # chunk -> bytes kept of it (308)
    expire_at: list[int] = field(default_factory=list)  # at these chunks the session expires (404)
    hang_after: int | None = None  # after this many chunks, the next PUT hangs until released
    thumbnail_forbidden: bool = False
    lock_private: bool = False  # videos come back private whatever was asked
    token_lifetime: int = 3600
    deny_consent: bool = False  # the user clicks "Cancel" on Google's consent screen
    read_rate: float | None = None  # bytes per second the server reads chunks at (a slow line)


@dataclass
class Session:
    id: str
    metadata: dict[str, Any]
    total: int
    content_type: str
    data: bytearray = field(default_factory=bytearray)
    received: list[tuple[int, int]] = field(default_factory=list)  # byte ranges read from PUTs
    expired: bool = False
    video_id: str | None = None


class FakeYouTube:
    """``with FakeYouTube() as yt:`` serves on ``yt.root`` until the block ends."""

    def __init__(self) -> None:
        self.faults = Faults()
        self.lock = threading.Lock()
        self.sessions: dict[str, Session] = {}
        self.videos: dict[str, dict[str, Any]] = {}
        self.video_bytes: dict[str, bytes] = {}
        self.thumbnails: dict[str, bytes] = {}
        self.playlist_items: list[dict[str, Any]] = []
        self.log: list[dict[str, Any]] = []  # one entry per request
        self.chunk_puts = 0
        self.bytes_received = 0
        self.access: dict[str, tuple[set[str], float]] = {}  # token -> scopes, expiry
        self.refresh: dict[str, set[str]] = {}
        self.codes: dict[str, tuple[str, set[str]]] = {}  # code -> PKCE challenge, scopes
        self.hung = threading.Event()
        self.release = threading.Event()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        self.server.daemon_threads = True
        self.server.fake = self  # type: ignore[attr-defined]
        # A dropped connection is a fault we cause on purpose: no tracebacks on stderr for it.
        self.server.handle_error = lambda *_: None  # type: ignore[method-assign]
        self.root = f"http://127.0.0.1:{self.server.server_address[1]}/"
        # A short poll keeps shutting down quick (the default half second adds up over a suite).
        self.thread = threading.Thread(target=self.server.serve_forever, args=(0.05,),
                                       daemon=True)

    def __enter__(self) -> FakeYouTube:
        self.thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self.release.set()
        self.server.shutdown()
        self.server.server_close()

    # -- credentials ------------------------------------------------------------------------------

    def grant(self, scopes: set[str] | None = None, *, expired: bool = False) -> dict[str, Any]:
        """An authorized-user credentials dict (``Credentials.to_json()`` format) for this server."""
        scopes = scopes or {SCOPE_UPLOAD}
        token, refresh = "ya29.SECRET-access-" + secrets.token_hex(8), "1//SECRET-refresh-" + \
            secrets.token_hex(8)
        expiry = time.time() + (-10 if expired else 3600)
        with self.lock:
            self.access[token] = (scopes, expiry)
            self.refresh[refresh] = scopes
        return {"token": token, "refresh_token": refresh, "token_uri": self.root + "token",
                "client_id": "fake-client.apps.googleusercontent.com",
                "client_secret": "SECRET-client-secret", "scopes": sorted(scopes),
                "expiry": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(expiry))}

    def client_secrets(self) -> dict[str, Any]:
        """An OAuth client file of type Desktop app that points at this server."""
        return {"installed": {"client_id": "fake-client.apps.googleusercontent.com",
                              "client_secret": "SECRET-client-secret",
                              "auth_uri": self.root + "auth", "token_uri": self.root + "token",
                              "redirect_uris": ["http://localhost"]}}

    def secrets_seen(self) -> set[str]:
        """Every token this server issued: none of them may show up in logs or output."""
        with self.lock:
            return {*self.access, *self.refresh}

    # -- what arrived -----------------------------------------------------------------------------

    def times_received(self, session: Session, start: int, end: int) -> int:
        """The most times any byte in [start, end) was received."""
        counts = [0] * (end - start)
        for first, last in session.received:
            for index in range(max(first, start), min(last, end)):
                counts[index - start] += 1
        return max(counts, default=0)

    def requests(self, kind: str) -> list[dict[str, Any]]:
        return [entry for entry in self.log if entry["kind"] == kind]

    def only_session(self) -> Session:
        assert len(self.sessions) == 1, list(self.sessions)
        return next(iter(self.sessions.values()))


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as Google's servers; httplib2 reuses connections

    @property
    def fake(self) -> FakeYouTube:
        return self.server.fake  # type: ignore[attr-defined,no-any-return]

    def log_message(self, *_: Any) -> None:  # quiet
        pass

    # -- plumbing ---------------------------------------------------------------------------------

    def _body(self) -> bytes:
        return self.rfile.read(int(self.headers.get("Content-Length") or 0))

    def _send(self, status: int, payload: Any = None, headers: dict[str, str] | None = None
              ) -> None:
        data = b"" if payload is None else json.dumps(payload).encode("utf-8")
        self.send_response(status)
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        if data:
            self.send_header("Content-Type", "application/json; charset=UTF-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)
        entry = getattr(self, "_entry", None)
        if entry is not None:
            entry["status"] = status

    def _error(self, status: int, reason: str, message: str = "") -> None:
        self._send(status, {"error": {"code": status, "message": message or reason,
                                      "errors": [{"domain": "youtube", "reason": reason,
                                                  "message": message or reason}]}})

    def _authorized(self, need: set[str] | None = None) -> bool:
        token = (self.headers.get("Authorization") or "").removeprefix("Bearer ")
        scopes, expiry = self.fake.access.get(token, (set(), 0.0))
        if expiry < time.time():
            self._error(401, "authError", "Invalid Credentials")
            return False
        if need and not scopes & need:
            self._error(403, "insufficientPermissions", "Request had insufficient scopes.")
            return False
        return True

    def _record(self, kind: str, **extra: Any) -> None:
        self._entry = {"kind": kind, "method": self.command, "path": self.path, **extra}
        with self.fake.lock:
            self.fake.log.append(self._entry)

    def _drop(self) -> None:
        """Reset the connection (RST): the client sees it as a dropped network link."""
        self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.close_connection = True
        self.connection.close()

    # -- routes -----------------------------------------------------------------------------------

    def do_GET(self) -> None:  # noqa: N802
        url = urlsplit(self.path)
        query = parse_qs(url.query)
        if url.path == "/auth":
            self._record("auth")
            return self._authorize(query)
        if url.path == "/youtube/v3/channels":
            self._record("channels")
            if self._authorized({SCOPE_YOUTUBE}):
                self._send(200, {"items": [{"id": CHANNEL["id"],
                                            "snippet": {"title": CHANNEL["title"]}}]})
            return None
        self._record("unknown")
        return self._error(404, "notFound")

    def do_POST(self) -> None:  # noqa: N802
        url = urlsplit(self.path)
        query = parse_qs(url.query)
        if url.path == "/token":
            self._record("token")
            return self._token(parse_qs(self._body().decode()))
        if url.path == "/upload/youtube/v3/videos":
            self._record("open", headers=dict(self.headers))
            return self._open(query)
        if url.path == "/upload/youtube/v3/thumbnails/set":
            self._record("thumbnail")
            return self._thumbnail(query)
        if url.path == "/youtube/v3/playlistItems":
            self._record("playlist")
            body = self._body()
            if self._authorized({SCOPE_YOUTUBE}):
                item = json.loads(body)
                with self.fake.lock:
                    self.fake.playlist_items.append(item)
                self._send(200, {"kind": "youtube#playlistItem", "id": "PLI" + secrets.token_hex(4),
                                 **item})
            return None
        self._record("unknown")
        return self._error(404, "notFound")

    def do_PUT(self) -> None:  # noqa: N802
        query = parse_qs(urlsplit(self.path).query)
        session = self.fake.sessions.get((query.get("upload_id") or [""])[0])
        content_range = self.headers.get("Content-Range", "")
        if content_range.startswith("bytes */"):
            self._record("query", range=content_range)
            self._body()
            if session is None or session.expired:
                return self._error(404, "notFound", "upload session expired")
            return self._state(session)
        self._record("chunk", range=content_range)
        if session is None:
            self._body()
            return self._error(404, "notFound", "upload session expired")
        return self._chunk(session, content_range)

    # -- the resumable protocol -------------------------------------------------------------------

    def _open(self, query: dict[str, list[str]]) -> None:
        body = self._body()
        if not self._authorized({SCOPE_UPLOAD, SCOPE_YOUTUBE}):
            return None
        faults = self.fake.faults
        if faults.quota_exceeded:
            return self._error(403, "quotaExceeded", "The request cannot be completed because you "
                               "have exceeded your quota.")
        if faults.upload_limit:
            return self._error(400, "uploadLimitExceeded", "The user has exceeded the number of "
                               "videos they may upload.")
        if faults.open_error is not None:
            return self._error(*faults.open_error)
        if query.get("uploadType") != ["resumable"] or "X-Upload-Content-Length" not in self.headers:
            return self._error(400, "badRequest", "not a resumable upload")
        session = Session(id=secrets.token_urlsafe(12), metadata=json.loads(body or b"{}"),
                          total=int(self.headers["X-Upload-Content-Length"]),
                          content_type=self.headers.get("X-Upload-Content-Type", ""))
        with self.fake.lock:
            self.fake.sessions[session.id] = session
        location = (f"{self.fake.root}upload/youtube/v3/videos?"
                    + urlencode({"uploadType": "resumable", "part": query["part"][0],
                                 "upload_id": session.id}))
        return self._send(200, None, {"Location": location})

    def _state(self, session: Session) -> None:
        if session.video_id is not None:
            return self._send(200, self.fake.videos[session.video_id])
        stored = len(session.data)
        headers = {"Range": f"bytes=0-{stored - 1}"} if stored else {}
        return self._send(308, None, headers)

    def _chunk(self, session: Session, content_range: str) -> None:
        fake, faults = self.fake, self.fake.faults
        with fake.lock:
            index = fake.chunk_puts
            fake.chunk_puts += 1
        if faults.hang_after is not None and index >= faults.hang_after:
            fake.hung.set()
            fake.release.wait(60)  # the client is killed meanwhile; nothing of it is read
            return self._drop()
        span, _, total = content_range.removeprefix("bytes ").partition("/")
        first, last = (int(value) for value in span.split("-"))
        length = int(self.headers["Content-Length"])
        if index in faults.drop:
            keep = faults.drop[index]
            data = self.rfile.read(keep)
            self._received(session, first, data)
            # Google keeps what arrived in whole 256 KiB units.
            self._store(session, first, data[: len(data) // UNIT * UNIT])
            return self._drop()
        data = self._read_slowly(length) if faults.read_rate else self.rfile.read(length)
        self._received(session, first, data)
        if index in faults.expire_at:
            session.expired = True
        if session.expired:
            return self._error(404, "notFound", "upload session expired")
        if faults.statuses:
            status = faults.statuses.pop(0)
            return self._error(status, "backendError", "try again")
        if int(total) != session.total or first > len(session.data) or last - first + 1 != length:
            return self._error(400, "badContent", f"bad Content-Range {content_range}")
        if index in faults.short:
            data = data[: faults.short[index]]
        self._store(session, first, data)
        if len(session.data) == session.total:
            return self._finish(session)
        return self._state(session)

    def _read_slowly(self, length: int) -> bytes:
        rate = self.fake.faults.read_rate or 1.0
        parts = []
        for start in range(0, length, 64 * 1024):
            parts.append(self.rfile.read(min(64 * 1024, length - start)))
            time.sleep(len(parts[-1]) / rate)
        return b"".join(parts)

    def _received(self, session: Session, first: int, data: bytes) -> None:
        with self.fake.lock:
            session.received.append((first, first + len(data)))
            self.fake.bytes_received += len(data)

    @staticmethod
    def _store(session: Session, first: int, data: bytes) -> None:
        # Bytes the server already holds are not stored twice (an overlapping re-send).
        skip = len(session.data) - first
        if 0 <= skip < len(data):
            session.data += data[skip:]

    def _finish(self, session: Session) -> None:
        video_id = secrets.token_urlsafe(8)[:11]
        meta = session.metadata
        status = {**meta.get("status", {}), "uploadStatus": "uploaded"}
        if self.fake.faults.lock_private:
            status["privacyStatus"] = "private"
        resource = {"kind": "youtube#video", "id": video_id,
                    "snippet": {**meta.get("snippet", {}), "channelId": CHANNEL["id"],
                                "channelTitle": CHANNEL["title"]},
                    "status": status}
        with self.fake.lock:
            session.video_id = video_id
            self.fake.videos[video_id] = resource
            self.fake.video_bytes[video_id] = bytes(session.data)
        self._send(201, resource)

    # -- after the upload -------------------------------------------------------------------------

    def _thumbnail(self, query: dict[str, list[str]]) -> None:
        body = self._body()
        if not self._authorized({SCOPE_UPLOAD, SCOPE_YOUTUBE}):
            return None
        video_id = (query.get("videoId") or [""])[0]
        if self.fake.faults.thumbnail_forbidden:
            return self._error(403, "forbidden", "The authenticated user doesn't have permissions "
                               "to upload and set custom video thumbnails.")
        if video_id not in self.fake.videos:
            return self._error(404, "videoNotFound")
        with self.fake.lock:
            self.fake.thumbnails[video_id] = body
        return self._send(200, {"kind": "youtube#thumbnailSetResponse",
                                "items": [{"default": {"url": "https://i.ytimg.com/x.jpg"}}]})

    # -- OAuth ------------------------------------------------------------------------------------

    def _authorize(self, query: dict[str, list[str]]) -> None:
        """The consent screen, already agreed: redirect to the app's loopback address."""
        assert query["code_challenge_method"] == ["S256"], "PKCE is required"
        if self.fake.faults.deny_consent:
            target = query["redirect_uri"][0] + "?" + urlencode(
                {"error": "access_denied", "state": query["state"][0]})
            return self._send(302, None, {"Location": target})
        code = "code-" + secrets.token_hex(8)
        scopes = set(query["scope"][0].split())
        with self.fake.lock:
            self.fake.codes[code] = (query["code_challenge"][0], scopes)
        target = query["redirect_uri"][0] + "?" + urlencode(
            {"code": code, "state": query["state"][0], "scope": " ".join(sorted(scopes))})
        self._send(302, None, {"Location": target})

    def _token(self, form: dict[str, list[str]]) -> None:
        fake = self.fake
        grant = form.get("grant_type", [""])[0]
        refresh = None
        if grant == "refresh_token":
            scopes = fake.refresh.get(form.get("refresh_token", [""])[0])
        elif grant == "authorization_code":
            challenge, scopes = fake.codes.pop(form.get("code", [""])[0], ("", set()))
            verifier = form.get("code_verifier", [""])[0].encode()
            expected = base64.urlsafe_b64encode(hashlib.sha256(verifier).digest()).rstrip(b"=")
            if expected.decode() != challenge:
                scopes = None
            refresh = "1//SECRET-refresh-" + secrets.token_hex(8)
        else:
            scopes = None
        if not scopes:
            return self._send(400, {"error": "invalid_grant",
                                    "error_description": "Token has been expired or revoked."})
        token = "ya29.SECRET-access-" + secrets.token_hex(8)
        with fake.lock:
            fake.access[token] = (scopes, time.time() + fake.faults.token_lifetime)
            if refresh:
                fake.refresh[refresh] = scopes
        answer = {"access_token": token, "expires_in": fake.faults.token_lifetime,
                  "token_type": "Bearer", "scope": " ".join(sorted(scopes))}
        if refresh:
            answer["refresh_token"] = refresh
        return self._send(200, answer)


@pytest.fixture(name="youtube")
def youtube_fixture(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeYouTube]:
    """A running fake YouTube that ShopReel talks to (API root, credentials file, config folder
    in ``tmp_path``; no system keyring, so nothing of a developer's own sign-in is touched)."""
    import keyring
    from keyring.backends import fail

    monkeypatch.setenv("SHOPREEL_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    with FakeYouTube() as fake:
        monkeypatch.setenv("SHOPREEL_YOUTUBE_API_ROOT", fake.root)
        credentials = tmp_path / "credentials.json"
        credentials.write_text(json.dumps(fake.grant()), encoding="utf-8")
        monkeypatch.setenv("SHOPREEL_YOUTUBE_CREDENTIALS", str(credentials))
        yield fake
    keyring.set_keyring(previous)
