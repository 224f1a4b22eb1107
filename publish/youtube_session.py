"""YouTube's resumable upload protocol, one HTTP exchange at a time.

The exchanges go through the authorized transport of the google-api-python-client service, and
the session is opened with the very request the client builds for ``videos.insert`` (its URL,
JSON body and headers), so authentication, token refresh and the metadata format are the
client's. The protocol steps themselves are spoken here rather than through
``HttpRequest.next_chunk`` because a restartable upload needs three things it does not offer:
the session URI saved *before* the first byte is sent (next_chunk opens the session and sends the
first chunk in one call), recovery state that is public (next_chunk keeps it in a private flag),
and a chunk body that can be sent twice (httplib2 and google-auth re-send the body after a stale
connection or a token refresh; next_chunk's one-shot stream would then go out empty and stall).

The saved state (:class:`UploadSession`) is what survives a crash, a closed laptop or Ctrl-C.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import IO, Any, Protocol

CHUNK_UNIT = 256 * 1024  # YouTube takes chunks in multiples of this (except the last)
DEFAULT_CHUNK_SIZE = 16 * CHUNK_UNIT  # 4 MiB: few round trips, little lost when a chunk fails
_BLOCK = 64 * 1024  # bytes written to the socket at a time: the grain of progress and cancel


@dataclass(frozen=True)
class UploadSession:
    """A started upload: where YouTube collects it, and which file and settings it is for."""

    uri: str
    size: int
    sha256: str
    metadata_key: str  # sha256 of the video resource sent when the session was opened
    started: str

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: object) -> UploadSession | None:
        """The session saved as ``data``, or None when it is missing or not one."""
        if not isinstance(data, dict):
            return None
        try:
            return cls(uri=str(data["uri"]), size=int(data["size"]), sha256=str(data["sha256"]),
                       metadata_key=str(data["metadata_key"]), started=str(data.get("started", "")))
        except (KeyError, TypeError, ValueError):
            return None


class SessionStore(Protocol):
    """Where a started upload is remembered between runs (the publish record, or a state file)."""

    def load(self) -> UploadSession | None: ...

    def save(self, session: UploadSession | None) -> None: ...


class FileSessionStore:
    """A started upload kept in a small JSON file (standalone uploads, outside a publish)."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def read(self) -> dict[str, Any]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            return data if isinstance(data, dict) else {}
        except (OSError, ValueError):
            return {}

    def write(self, data: dict[str, Any]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{self.path.name}.", suffix=".part",
                                   dir=self.path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump(data, handle, indent=2)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp, self.path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise

    def load(self) -> UploadSession | None:
        return UploadSession.from_json(self.read().get("session"))

    def save(self, session: UploadSession | None) -> None:
        self.write({**self.read(), "session": session.to_json() if session else None})


class Aborted(Exception):
    """Raised inside a chunk body when the upload is cancelled mid-chunk."""


class ChunkBody:
    """One chunk of the file as an HTTP body that can be sent more than once.

    http.client iterates it block by block, which lets ``on_sent`` follow the bytes on the wire and
    ``stop`` end the send mid-chunk. Each iteration starts again at the chunk's first byte, so a
    re-send after a stale connection or a token refresh carries the same bytes.
    """

    def __init__(self, handle: IO[bytes], start: int, length: int,
                 on_sent: Callable[[int], None], stop: Callable[[], bool]) -> None:
        self.handle, self.start, self.length = handle, start, length
        self.on_sent, self.stop = on_sent, stop

    def __len__(self) -> int:
        return self.length

    def __iter__(self) -> Iterator[bytes]:
        self.handle.seek(self.start)
        sent = 0
        self.on_sent(0)
        while sent < self.length:
            if self.stop():
                raise Aborted()
            block = self.handle.read(min(_BLOCK, self.length - sent))
            if not block:
                raise OSError("the video file got shorter during the upload")
            sent += len(block)
            self.on_sent(sent)
            yield block


@dataclass(frozen=True)
class Answer:
    """One HTTP answer: the httplib2 response (a dict of lower-case headers with ``status``)."""

    response: Any
    content: bytes

    @property
    def status(self) -> int:
        return int(self.response.status)

    @property
    def stored(self) -> int:
        """Bytes the server holds, from a 308's ``Range: bytes=0-N`` (none: nothing stored)."""
        text = str(self.response.get("range", ""))
        try:
            return int(text.rsplit("-", 1)[1]) + 1 if text else 0
        except (IndexError, ValueError):
            return 0

    @property
    def location(self) -> str | None:
        value = self.response.get("location")
        return str(value) if value else None


class ResumableProtocol:
    """The three exchanges of the resumable protocol, over the client's authorized transport.

    ``request`` is the ``videos.insert`` HttpRequest built by google-api-python-client with a
    resumable media body: its URI, JSON body and headers open the session.
    """

    def __init__(self, http: Any, request: Any, mimetype: str) -> None:
        self.http, self.request, self.mimetype = http, request, mimetype

    def open(self, size: int) -> Answer:
        """``POST`` the video resource; a 200 answer's ``Location`` is the session URI."""
        body = self.request.body or ""
        data = body.encode("utf-8") if isinstance(body, str) else body
        headers = {**self.request.headers, "X-Upload-Content-Type": self.mimetype,
                   "X-Upload-Content-Length": str(size), "content-length": str(len(data))}
        return Answer(*self.http.request(self.request.uri, method=self.request.method, body=data,
                                         headers=headers))

    def query(self, uri: str, size: int) -> Answer:
        """Empty ``PUT`` with ``Content-Range: bytes */SIZE``: how much does the server have?"""
        headers = {"Content-Range": f"bytes */{size}", "Content-Length": "0"}
        return Answer(*self.http.request(uri, method="PUT", body=b"", headers=headers))

    def put(self, uri: str, chunk: ChunkBody, size: int) -> Answer:
        """``PUT`` one chunk with ``Content-Range: bytes FIRST-LAST/SIZE``."""
        last = chunk.start + chunk.length - 1
        headers = {"Content-Range": f"bytes {chunk.start}-{last}/{size}",
                   "Content-Length": str(chunk.length), "Content-Type": self.mimetype}
        return Answer(*self.http.request(uri, method="PUT", body=chunk, headers=headers))

    def result(self, answer: Answer) -> Any:
        """The final answer parsed by the client's model (the video resource), as the client would
        return it from ``execute()``; raises the client's HttpError for an error answer."""
        return self.request.postproc(answer.response, answer.content)

    def reset_connections(self) -> None:
        """Close kept-alive connections: after a failure the socket may be half-used."""
        inner = getattr(self.http, "http", self.http)
        for connection in list(getattr(inner, "connections", {}).values()):
            with contextlib.suppress(Exception):
                connection.close()
