"""Publishing: the finished build becomes `news.duckdb`, the file analysts query, by one atomic rename.

The build is mirrored into a spare file that is then renamed over `news.duckdb`; analysts' open sessions
keep the inode they opened. The spare is the copy published before, kept by a hard link, so only the
chunks that changed since are written (one new article in a 476 MB warehouse: about 15 MB).
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from pipeline.warehouse.store import Warehouse

#: Bytes compared, and rewritten where they differ, at a time when publishing mirrors the build file.
MIRROR_CHUNK_BYTES = 1 << 20


def publish(store: Warehouse) -> int:
    """Make the published file a byte-for-byte copy of the finished build; returns the bytes written."""
    path = store.path
    with _exclusive_lock(path.with_name(f".{path.name}.lock")):  # one publisher at a time
        with store.connect() as con:
            con.execute("CHECKPOINT")
        spare = path.with_name(f".{path.name}.spare")
        written = _mirror(store.build_path, spare)
        previous = path.with_name(f".{path.name}.previous")
        previous.unlink(missing_ok=True)
        if path.exists():
            os.link(path, previous)
        os.replace(spare, path)
        if previous.exists():
            os.replace(previous, spare)
        _fsync_folder(path.parent)
    return written


@contextmanager
def _exclusive_lock(path: Path) -> Iterator[None]:
    """A lock on its own file (`flock`: closing other descriptors does not drop it), waited for."""
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o666)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


def _mirror(source: Path, target: Path) -> int:
    """Make `target` byte-identical to `source`, writing only the chunks that differ; returns bytes written.

    Every byte is compared rather than trusting which blocks DuckDB rewrote, so a half-written or edited
    target is repaired the same way.
    """
    written = offset = 0
    ours, theirs = bytearray(MIRROR_CHUNK_BYTES), bytearray(MIRROR_CHUNK_BYTES)
    source_fd = os.open(source, os.O_RDONLY)
    try:
        target_fd = _open_unshared(target)
        try:
            while size := os.preadv(source_fd, [ours], offset):
                same_size = os.preadv(target_fd, [theirs], offset) == size
                if not same_size or (
                    ours != theirs if size == MIRROR_CHUNK_BYTES else ours[:size] != theirs[:size]
                ):
                    _write_all(target_fd, memoryview(ours)[:size], offset)
                    written += size
                offset += size
            os.ftruncate(target_fd, offset)
            os.fsync(target_fd)
        finally:
            os.close(target_fd)
    finally:
        os.close(source_fd)
    return written


def _write_all(fd: int, data: memoryview, offset: int) -> None:
    while data:  # a write may be short (a full disk, a signal): the rest goes after it
        done = os.pwrite(fd, data, offset)
        data, offset = data[done:], offset + done


def _open_unshared(path: Path) -> int:
    """A descriptor of `path` that no other open file refers to, in any process of this machine.

    The kernel grants a write lease only on a file nobody else has open (a DuckDB session, a plain
    `open`, a memory map), so taking one and letting it go at once tells whether some session still reads
    the spare. Such a file is unlinked (the session keeps its inode, unchanged) and a new, empty one takes
    its name, as it does wherever no lease can be had. Nothing opens the hidden spare by name, so it stays
    unshared while it is written.
    """
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o666)
    try:
        fcntl.fcntl(fd, fcntl.F_SETLEASE, fcntl.F_WRLCK)
        fcntl.fcntl(fd, fcntl.F_SETLEASE, fcntl.F_UNLCK)
    except OSError:  # open elsewhere, or no lease to be had (not the file's owner, a network filesystem)
        os.close(fd)
        path.unlink()
        return os.open(path, os.O_RDWR | os.O_CREAT | os.O_EXCL, 0o666)
    return fd


def _fsync_folder(folder: Path) -> None:
    """Make renames in `folder` durable."""
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
