"""SQLite's write-ahead log read frame by frame: whether damage hides committed entries, and what survives it.

SQLite reads a log's frames in order and stops at the first one whose checksum fails: every commit
after it is silently left out, and the next program that writes or checkpoints overwrites or deletes
the intact frames that follow. `inspect(wal)` finds that case before anything opens the journal:
each frame's checksum is checked against the one stored in the frame before it, so a damaged frame
is told apart from intact commits after it. `replay(db, wal, out)` writes a copy of the database with
every intact committed frame applied, for `db copy` to rescue from.
"""

from __future__ import annotations

import os
import shutil
import struct
from dataclasses import dataclass, field
from pathlib import Path

_MAGIC = (0x377F0682, 0x377F0683)  # checksums in little- or big-endian words
_HEADER = 32
_FRAME_HEADER = 24
_MASK = 0xFFFFFFFF


@dataclass
class LogState:
    """What a write-ahead log holds: its frames, those SQLite will read, and any damage before later commits."""

    frames: int = 0  # whole frames of the log's current run
    readable: int = 0  # frames SQLite reads (up to the last commit before the first bad frame)
    damaged: list[int] = field(default_factory=list)  # bad frames (1-based) that have intact commits after them
    lost_commits: int = 0  # intact commits after the first bad frame, which SQLite would not read

    @property
    def hides_commits(self) -> bool:
        return self.lost_commits > 0


def _checksum(data: bytes, big: bool, s0: int, s1: int) -> tuple[int, int]:
    words = struct.unpack(f"{'>' if big else '<'}{len(data) // 4}I", data)
    for a, b in zip(words[0::2], words[1::2]):
        s0 = (s0 + a + s1) & _MASK
        s1 = (s1 + b + s0) & _MASK
    return s0, s1


def page_size(db: Path) -> int | None:
    """The database's page size, from its header."""
    try:
        with open(db, "rb") as f:
            head = f.read(18)
    except OSError:
        return None
    if len(head) < 18:
        return None
    size = struct.unpack(">H", head[16:18])[0]
    return 65536 if size == 1 else size or None


def _frames(wal: bytes, size: int) -> list[tuple[int, int, bytes, bool, bool]]:
    """Each whole frame of the log's current run: (page, commit size, page data, sound, intact).

    `sound` is SQLite's own test (salts, and a checksum chained from the start); `intact` checks the
    frame against the checksum stored in the frame before it, so it holds for sound frames after a bad one.
    """
    if len(wal) < _HEADER:
        return []
    magic, _, _, _, salt1, salt2, h0, h1 = struct.unpack(">8I", wal[:_HEADER])
    big = magic == _MAGIC[1] if magic in _MAGIC else True
    header_ok = magic in _MAGIC and _checksum(wal[:24], big, 0, 0) == (h0, h1)
    out = []
    chain: tuple[int, int] | None = (h0, h1) if header_ok else None
    stored_before = (h0, h1)
    step = _FRAME_HEADER + size
    for off in range(_HEADER, len(wal) - step + 1, step):
        pgno, commit, fs1, fs2, c0, c1 = struct.unpack(">6I", wal[off:off + _FRAME_HEADER])
        if (fs1, fs2) != (salt1, salt2):
            break  # a frame of an earlier run: the current run ends here
        data = wal[off + _FRAME_HEADER:off + step]
        body = wal[off:off + 8] + data
        intact = _checksum(body, big, *stored_before) == (c0, c1)
        sound = chain is not None and intact and stored_before == chain
        chain = (c0, c1) if sound else None
        stored_before = (c0, c1)
        out.append((pgno, commit, data, sound, intact))
    return out


def inspect(db: Path, wal: Path | None = None) -> LogState:
    """Read the log beside `db` (without opening the database) and say whether damage hides commits."""
    wal = wal or Path(f"{db}-wal")
    size = page_size(db)
    try:
        data = wal.read_bytes()
    except OSError:
        return LogState()
    if size is None or len(data) < _HEADER:
        return LogState()
    header_size = struct.unpack(">I", data[8:12])[0]
    if header_size and header_size != size and 512 <= header_size <= 65536:
        size = header_size
    frames = _frames(data, size)
    state = LogState(frames=len(frames))
    first_bad = None
    for n, (_, commit, _, sound, _) in enumerate(frames, 1):
        if not sound:
            first_bad = n
            break
        if commit:
            state.readable = n
    if first_bad is None:
        return state
    bad = [n for n, f in enumerate(frames, 1) if n >= first_bad and not f[4]]
    state.lost_commits = sum(1 for n, f in enumerate(frames, 1) if n > first_bad and f[1] and f[4])
    if state.lost_commits:
        state.damaged = bad or [first_bad]
    return state


def replay(db: Path, out: Path, wal: Path | None = None) -> LogState:
    """Write to `out` the database with every intact frame of its log applied, up to the last intact commit.

    A bad frame's page keeps its earlier content (unless a later frame rewrites it): what is read from the
    copy must still be checked entry by entry, as `db copy` does."""
    wal = wal or Path(f"{db}-wal")
    state = inspect(db, wal)
    shutil.copyfile(db, out)
    os.chmod(out, 0o600)
    size = page_size(db)
    frames = _frames(wal.read_bytes(), size) if size else []
    last_commit = max((n for n, f in enumerate(frames, 1) if f[1] and f[4]), default=0)
    pages_at_end = 0
    with open(out, "r+b") as f:
        for n, (pgno, commit, data, _, intact) in enumerate(frames[:last_commit], 1):
            if not intact or pgno == 0:
                continue
            f.seek((pgno - 1) * size)
            f.write(data)
            if commit:
                pages_at_end = commit
        if pages_at_end:
            f.truncate(pages_at_end * size)
    return state
