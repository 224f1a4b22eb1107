"""Nothing half-written: write beside the target, then rename into place.

A failed or cancelled job leaves the previous file untouched and no partial file behind.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

from shopreel.video.errors import OutputError


def _ensure_folder(target: Path) -> None:
    folder = target.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"{folder}: cannot create the output folder ({exc.strerror})",
                          "choose a folder you can write to") from None
    if not os.access(folder, os.W_OK):
        raise OutputError(f"{folder}: no permission to write here", "choose another output folder")


@contextlib.contextmanager
def atomic_target(target: Path) -> Iterator[Path]:
    """Yield a temporary path beside ``target``; rename it onto ``target`` when the block succeeds.

    On any exception (cancel included) the temporary file is removed and ``target`` is unchanged.
    """
    _ensure_folder(target)
    # A hidden name with the real suffix last, so tools that sniff extensions still work.
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.stem}.", suffix=".part" + target.suffix,
                                    dir=target.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        yield tmp
        # mkstemp makes the file private (0600); the result should have the user's usual
        # permissions, or those of the file it replaces.
        mode = target.stat().st_mode & 0o777 if target.exists() else 0o666 & ~_umask()
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        raise


def atomic_write_bytes(target: Path, data: bytes) -> None:
    """Write ``data`` to ``target`` atomically (fsync, then rename). Raises OutputError."""
    try:
        with atomic_target(target) as tmp, open(tmp, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
    except OSError as exc:
        raise OutputError(f"{target}: cannot write ({exc.strerror})",
                          "check free disk space and permissions") from None


def write_if_changed(target: Path, data: bytes) -> bool:
    """``atomic_write_bytes`` unless ``target`` already holds exactly ``data``; True if written.

    Publishing an unchanged video again must not touch its files: web servers, crawlers and
    caches go by their modification dates.
    """
    try:
        if target.stat().st_size == len(data) and target.read_bytes() == data:
            return False
    except OSError:
        pass
    atomic_write_bytes(target, data)
    return True


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
