"""An exclusive lock on a file shared by several ShopReel processes (a sitemap, for instance).

The lock lives in a separate hidden lock file beside the target, because the target itself is
replaced by rename on every write: a lock held on the old file would not stop a writer that opened
the new one. The operating system drops the lock when its holder dies, so a killed process never
leaves a stale lock behind; the lock file itself stays (deleting it would let two processes lock
two different files of the same name).
"""

from __future__ import annotations

import contextlib
import os
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from shopreel.video.errors import OutputError, PublishError

# Between two attempts to take a busy lock; short, because an update takes milliseconds.
_POLL_SECONDS = 0.02


def lock_path_for(target: Path) -> Path:
    """The lock file that guards ``target``: hidden, beside it, so it moves with the folder."""
    return target.with_name(f".{target.name}.lock")


@contextlib.contextmanager
def locked(target: Path, timeout: float = 30.0) -> Iterator[None]:
    """Hold the exclusive lock of ``target`` for the duration of the block.

    Raises OutputError when the lock file cannot be created (read-only or missing folder) and
    PublishError when another process holds the lock for longer than ``timeout`` seconds.
    """
    lock_file = lock_path_for(target)
    try:
        fd = os.open(lock_file, os.O_RDWR | os.O_CREAT, 0o666)
    except OSError as exc:
        folder = target.parent
        if not folder.is_dir():
            problem = "is a file, not a folder" if folder.exists() else "folder does not exist"
            raise OutputError(f"{folder}: {problem}", "choose an existing folder for the sitemap"
                              ) from None
        raise OutputError(f"{folder}: cannot write here ({exc.strerror})",
                          "choose a folder you can write to, or fix its permissions") from None
    try:
        _acquire(fd, target, timeout)
        try:
            yield
        finally:
            _release(fd)
    finally:
        os.close(fd)


def _acquire(fd: int, target: Path, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while not _try_lock(fd):
        if time.monotonic() >= deadline:
            raise PublishError(
                f"{target}: another program has been updating this file for {timeout:g} s",
                "wait until it has finished (another ShopReel publish?) and try again")
        time.sleep(_POLL_SECONDS)


if sys.platform == "win32":
    import msvcrt

    def _try_lock(fd: int) -> bool:
        # msvcrt locks byte ranges from the current position: always lock byte 0.
        os.lseek(fd, 0, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _release(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def _release(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)
