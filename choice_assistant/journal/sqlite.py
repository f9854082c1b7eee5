"""The journal in one SQLite file on this computer: WAL, every entry on disk milliseconds after it is committed.

    store = SqliteStore.open()                  # data_dir()/journal.sqlite3, created 0600
    store = SqliteStore.open(path, read_only=True)
    store.create_session(sid, created, "ayo", "Riverside CAMHS")
    store.append(sid, "text", {"field": "concerns", "value": "..."})
    store.events(sid)                           # -> list[Event], in order
    store.book(sid, "ben", slot)                # atomic; raises SlotTaken if anyone has it

Before anything is written the file is checked, read-only: a file that is not SQLite, another
program's database, our marker without our tables, a newer schema or a failed integrity check
is refused (JournalUnavailable naming the file) and left exactly as it was. So is a write-ahead
log whose damage hides later commits: it is found before SQLite reads it (which would drop those
commits, and delete the log at the next checkpoint), and a copy of it is kept beside the journal.
The small tables (sessions, bookings, leases) get SQLite's full integrity check, indexes included,
at every open, and the bookings again before a slot is booked. A journal in a folder this user
cannot write is opened for reading, so it can still be listed and exported.

Every commit is in the operating system's hands when `append` returns (so a killed program loses
nothing); a thread of its own then forces the write-ahead log to the disk (fsync), so a power cut
loses at most the entries of the last few milliseconds. A booking, or the freeing of one, waits
for the disk before it returns: a family is never told of a slot the journal could forget.
"""

from __future__ import annotations

import os
import sqlite3
import stat
import threading
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator
from urllib.parse import quote

from choice_assistant.journal import wal as wal_log
from choice_assistant.journal.base import SqlStore
from choice_assistant.journal.port import JournalUnavailable, SlotTaken, StoreRefused
from choice_assistant.journal.schema import APPLICATION_ID, SCHEMA_VERSION, SQLITE_MIGRATIONS, TABLES

__all__ = ["SqliteStore", "SlotTaken", "APPLICATION_ID", "SCHEMA_VERSION", "FILE_NAME", "NotSaved"]

FILE_NAME = "journal.sqlite3"
SMALL_TABLES = {"sessions", "bookings", "leases"}  # checked in full, indexes included, at every open
_SQLITE_HEADER = b"SQLite format 3\x00"
_LEAVE = "it was left untouched"


class NotSaved(StoreRefused):
    """The entry could not be written (a full disk, a failing drive); nothing half-written remains."""

    code = "not_saved"


class Damaged(StoreRefused):
    """The journal was found damaged while open; nothing was written."""

    code = "damaged"


def plain(text: str) -> str:
    """SQLite's own report (several lines, with markers) as one plain sentence."""
    parts = [p.strip(" *") for p in str(text).replace("*** in database main ***", "").splitlines()]
    return "; ".join(p for p in parts if p)[:300] or "no detail given"


class _DiskSync:
    """Forces committed entries in the write-ahead log onto the disk, on a thread of its own."""

    def __init__(self, path: Path):
        self._wal = Path(f"{path}-wal")
        self._folder = path.parent
        self._folder_synced = False
        self._syncing = threading.Lock()  # one fsync at a time
        self._wake = threading.Condition()
        self._due = False
        self._closed = False
        self.failure: OSError | None = None  # the last fsync that failed, until one succeeds
        self._thread = threading.Thread(target=self._run, name="journal-disk-sync", daemon=True)
        self._thread.start()

    def committed(self) -> None:
        """Something was committed: put it on the disk soon."""
        with self._wake:
            self._due = True
            self._wake.notify()

    def _run(self) -> None:
        while True:
            with self._wake:
                while not self._due and not self._closed:
                    self._wake.wait()
                if not self._due:
                    return
                self._due = False
            try:
                self.sync()
            except OSError:
                pass  # kept in `failure`: the next write says so

    def sync(self) -> None:
        """Put everything committed so far on the disk now (raises OSError if the disk refuses)."""
        with self._syncing:
            try:
                fd = os.open(self._wal, os.O_RDONLY)
            except FileNotFoundError:
                return  # nothing written since the log was last folded into the database (already synced)
            try:
                os.fsync(fd)
            except OSError as exc:
                self.failure = exc
                raise
            finally:
                os.close(fd)
            if not self._folder_synced:  # once: the log file's own entry in its folder
                folder = os.open(self._folder, os.O_RDONLY)
                try:
                    os.fsync(folder)
                finally:
                    os.close(folder)
                self._folder_synced = True
            self.failure = None

    def close(self) -> None:
        with self._wake:
            self._closed = True
            self._wake.notify()
        self._thread.join(timeout=10)
        try:
            self.sync()
        except OSError:
            pass


def keep_log_copy(path: Path) -> Path | None:
    """A private copy of the journal's write-ahead log beside it (once per content), before anything reads it."""
    import hashlib

    log = Path(f"{path}-wal")
    try:
        data = log.read_bytes()
        copy = path.with_name(f"{path.name}-wal.damaged-{hashlib.sha256(data).hexdigest()[:12]}")
        if not copy.exists():
            fd = os.open(copy, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            try:
                os.write(fd, data)
                os.fsync(fd)
            finally:
                os.close(fd)
        return copy
    except OSError:
        return None


def _refuse(path: Path, text: str) -> JournalUnavailable:
    return JournalUnavailable(path, text)


def _check_file(path: Path) -> bool:
    """True if a journal file is there; refuse what is not a plain, readable file of ours."""
    try:
        st = path.stat()
    except FileNotFoundError:
        return False
    except PermissionError:
        raise _refuse(path, "the journal's folder cannot be read (permission denied): it belongs to someone else or is "
                            "locked; use your own data folder (CHOICE_ASSISTANT_DATA) or ask its owner") from None
    except OSError as exc:
        raise _refuse(path, f"the journal cannot be reached ({exc.strerror or exc})") from None
    if stat.S_ISDIR(st.st_mode):
        raise _refuse(path, "this is a folder, not a journal file: give the path of the journal itself")
    if not stat.S_ISREG(st.st_mode):
        raise _refuse(path, f"this is not a plain file (a pipe or a device), so it cannot be a journal; {_LEAVE}. "
                            "Move it aside, or set CHOICE_ASSISTANT_DATA to another folder")
    try:
        with open(path, "rb") as f:
            head = f.read(100)
    except PermissionError:
        raise _refuse(path, "the journal cannot be read (permission denied): check the file's owner and permissions") from None
    except OSError as exc:
        raise _refuse(path, f"the journal cannot be read ({exc.strerror or exc})") from None
    if not head:
        return True  # an empty file is what open() creates before the schema
    if not head.startswith(_SQLITE_HEADER) or len(head) < 72:
        raise _refuse(path, f"this file is not a choice-assistant journal (not an SQLite database); {_LEAVE}. "
                            "Move it aside, or set CHOICE_ASSISTANT_DATA to another folder")
    app_id = int.from_bytes(head[68:72], "big")
    in_wal = head[18] == 2 and Path(f"{path}-wal").exists()  # the marker may still sit in the -wal file
    if app_id != APPLICATION_ID and not (app_id == 0 and in_wal):
        raise _refuse(path, f"this SQLite database belongs to another program, not choice-assistant; {_LEAVE}. "
                            "Move it aside, or set CHOICE_ASSISTANT_DATA to another folder")
    return True


def _connect_ro(path: Path, live: bool = False) -> sqlite3.Connection:
    """A read-only connection: `immutable` (writes nothing at all) unless a live -wal must be read."""
    uri = f"file:{quote(str(path.resolve()))}"
    wal = Path(f"{path}-wal")
    tries = ["mode=ro", "immutable=1"] if live or (wal.exists() and wal.stat().st_size) else ["immutable=1"]
    last: Exception | None = None
    for opt in tries:
        try:
            conn = sqlite3.connect(f"{uri}?{opt}", uri=True, isolation_level=None, check_same_thread=False, timeout=30)
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            return conn
        except sqlite3.Error as exc:
            last = exc
    raise last  # type: ignore[misc]


class SqliteStore(SqlStore):
    """The journal in one SQLite file. Safe to use from several processes at once."""

    _integrity_errors = (sqlite3.IntegrityError,)
    not_indexed = " NOT INDEXED"  # reads that must not trust an index (a rescue)
    _rescue_file: Path | None = None  # the temporary copy a rescue reads, removed at close

    def __init__(self, conn: sqlite3.Connection, path: Path, read_only: bool = False):
        self._conn = conn
        self._lock = threading.RLock()
        self.path = path
        self.source = str(path)
        self._disk = None if read_only else _DiskSync(path)
        self._init_common(read_only)

    @classmethod
    def open(cls, path: str | Path | None = None, read_only: bool = False, salvage: bool = False) -> "SqliteStore":
        """Open (creating if needed, readable by its owner only) the journal; `salvage` reads a damaged one."""
        if path is None:
            from choice_assistant.resources import data_dir

            path = data_dir() / FILE_NAME
        path = Path(path)
        exists = _check_file(path)
        if not exists:
            if read_only or salvage:
                raise _refuse(path, "there is no journal here yet: nothing to read")
            cls._create_file(path)
        writable = os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)
        read_only = read_only or salvage or not writable
        if salvage:
            rescued = cls._rescue_log(path)
            if rescued is not None:
                return rescued
        else:
            cls._refuse_damaged_log(path)
        try:
            try:
                inspect = _connect_ro(path)
            except sqlite3.DatabaseError as exc:
                if isinstance(exc, sqlite3.OperationalError):
                    raise
                raise cls._damaged(path, exc) from None
        except sqlite3.OperationalError as exc:
            raise _refuse(path, f"the journal cannot be opened ({plain(exc)}): check the file and its folder") from None
        try:
            cls._inspect(inspect, path, salvage)
        except sqlite3.DatabaseError as exc:
            inspect.close()
            raise cls._damaged(path, exc) from None
        except BaseException:
            inspect.close()
            raise
        inspect.close()
        if read_only:
            try:
                store = cls(_connect_ro(path, live=writable), path, read_only=True)
                store.format = store.schema_version()
                return store
            except sqlite3.Error as exc:
                raise _refuse(path, f"the journal cannot be opened for reading ({plain(exc)})") from None
        try:
            conn = sqlite3.connect(path, timeout=30, isolation_level=None, check_same_thread=False)
            store = cls(conn, path)
            store._prepare()
        except sqlite3.DatabaseError as exc:
            raise cls._damaged(path, exc) from None
        return store

    @classmethod
    def _rescue_log(cls, path: Path) -> "SqliteStore | None":
        """A journal whose log hides commits, read from a private copy with every intact frame of its log applied."""
        import tempfile

        log = Path(f"{path}-wal")
        if not log.is_file() or not wal_log.inspect(path, log).hides_commits:
            return None
        keep_log_copy(path)
        fd, name = tempfile.mkstemp(prefix="journal-rescue-", suffix=".sqlite3")
        os.close(fd)
        copy = Path(name)
        try:
            state = wal_log.replay(path, copy, log)
            store = cls(_connect_ro(copy), copy, read_only=True)
        except (OSError, sqlite3.Error) as exc:
            copy.unlink(missing_ok=True)
            raise cls._damaged(path, exc) from None
        store._rescue_file, store.path, store.source = copy, path, str(path)
        try:
            store.format = store.schema_version()
        except sqlite3.DatabaseError:
            store.format = SCHEMA_VERSION
        store.notes = (f"the journal's write-ahead log is damaged at frame {state.damaged[0]}; the "
                       f"{state.lost_commits} saves after it were read from the log's intact frames, and every entry "
                       "read was checked",)
        return store

    @staticmethod
    def _refuse_damaged_log(path: Path) -> None:
        """Before SQLite reads the write-ahead log: refuse one whose damage hides commits, keeping a copy of it."""
        log = Path(f"{path}-wal")
        try:
            if not log.is_file() or log.stat().st_size == 0:
                return
        except OSError:
            return
        state = wal_log.inspect(path, log)
        if not state.hides_commits:
            return
        kept = keep_log_copy(path)
        where = f"a copy of the log is kept as {kept.name}" if kept else "the log could not be copied aside: copy it yourself"
        raise _refuse(path, f"the journal's write-ahead log ({log.name}) is damaged at frame {state.damaged[0]}, and "
                            f"the {state.lost_commits} saves after it would be lost if the journal were opened; {_LEAVE} "
                            f"and {where}. `choice-assistant db copy sqlite:///{path} sqlite:///NEW-FILE` saves every "
                            "entry that can still be read")

    @staticmethod
    def _create_file(path: Path) -> None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
        except FileExistsError:
            _check_file(path)  # another process created it a moment ago
        except OSError as exc:
            raise _refuse(path, f"the journal cannot be created ({exc.strerror or exc}): check the folder is writable") from None

    @staticmethod
    def _damaged(path: Path, exc: Exception) -> JournalUnavailable:
        return _refuse(path, f"the journal is damaged ({plain(exc)}); {_LEAVE} and nothing will be written to it. Keep a "
                             f"copy; `choice-assistant db copy sqlite:///{path} sqlite:///NEW-FILE` saves what can still be read")

    @staticmethod
    def _inspect(c: sqlite3.Connection, path: Path, salvage: bool) -> None:
        """Everything that would make writing wrong, checked without writing."""
        app_id, version = c.execute("PRAGMA application_id").fetchone()[0], c.execute("PRAGMA user_version").fetchone()[0]
        names = {r[0] for r in c.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if app_id == 0 and not names:
            return  # a new, empty file
        if app_id != APPLICATION_ID:
            raise _refuse(path, f"this SQLite database belongs to another program, not choice-assistant; {_LEAVE}. "
                                "Move it aside, or set CHOICE_ASSISTANT_DATA to another folder")
        if version > SCHEMA_VERSION:
            raise _refuse(path, f"this journal was written by a newer choice-assistant (format {version}, this program "
                                f"knows up to {SCHEMA_VERSION}); {_LEAVE}. Update the program to open it")
        needed = set(TABLES) if version >= 2 else {"sessions", "events", "bookings"}
        if not needed <= names:
            raise _refuse(path, f"this journal is incomplete (it is marked as ours but lacks its tables: "
                                f"{', '.join(sorted(needed - names))}); {_LEAVE}. Move it aside, or ask your maintainer")
        if not salvage:
            result = [r[0] for r in c.execute("PRAGMA quick_check(5)")]
            for table in SMALL_TABLES & names:  # their indexes too: a bad one finds the wrong session or slot
                found = [r[0] for r in c.execute(f"PRAGMA integrity_check({table})")]
                result += [] if found == ["ok"] else found
            result = [r for r in result if r != "ok"] or ["ok"]
            if result != ["ok"]:
                raise sqlite3.DatabaseError(plain("; ".join(result)))

    def _prepare(self) -> None:
        """WAL, syncing, and the schema created or brought up to date in one locked step."""
        c = self._conn
        c.execute("PRAGMA busy_timeout = 30000")
        mode = c.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        if str(mode).lower() != "wal":
            raise sqlite3.DatabaseError(f"could not switch to WAL mode (got {mode})")
        # Each commit is written to the WAL at once and forced to the disk by _DiskSync a moment later,
        # off the screen's thread; a checkpoint still syncs before it folds the WAL into the database.
        c.execute("PRAGMA synchronous = NORMAL")
        c.execute("PRAGMA foreign_keys = ON")
        c.execute("BEGIN IMMEDIATE")
        try:
            self._inspect(c, self.path, salvage=True)  # again, inside the lock: another process may have just made it
            version = c.execute("PRAGMA user_version").fetchone()[0]
            for step in range(version + 1, SCHEMA_VERSION + 1):
                for statement in SQLITE_MIGRATIONS[step]:
                    statement(c.cursor()) if callable(statement) else c.execute(statement)
            if version < SCHEMA_VERSION:
                c.execute(f"PRAGMA application_id = {APPLICATION_ID}")
                c.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            c.execute("COMMIT")
        except BaseException:
            c.execute("ROLLBACK")
            raise

    def schema_version(self) -> int:
        with self._lock:
            return self._conn.execute("PRAGMA user_version").fetchone()[0]

    def integrity(self) -> list[str]:
        """The full integrity check's findings, each one plain sentence (["ok"] when sound)."""
        try:
            with self._lock:
                found = [plain(r[0]) for r in self._conn.execute("PRAGMA integrity_check(20)")]
        except sqlite3.DatabaseError as exc:
            found = [f"the integrity check stopped: {plain(exc)}"]
        return ["ok"] if found == ["ok"] else [f"SQLite's integrity check: {f}" for f in found]

    @contextmanager
    def _tx(self) -> Iterator[sqlite3.Cursor]:
        """One write transaction, taking the database's write lock at once (other processes wait)."""
        with self._lock:
            c = self._conn
            try:
                c.execute("BEGIN IMMEDIATE")
            except sqlite3.OperationalError as exc:
                raise NotSaved(f"the journal could not be written ({plain(exc)}); nothing was lost from memory, try again") from None
            try:
                if self._disk is not None and self._disk.failure is not None:
                    try:  # the disk refused the last sync: try again now, and write nothing more until it takes
                        self._disk.sync()
                    except OSError as failure:
                        raise sqlite3.OperationalError(
                            f"the disk would not keep the last entries ({failure.strerror or failure})") from None
                yield c.cursor()
                c.execute("COMMIT")
                if self._disk is not None:
                    self._disk.committed()
            except BaseException as exc:
                if c.in_transaction:
                    c.execute("ROLLBACK")
                self._forget()
                if isinstance(exc, sqlite3.OperationalError):
                    raise NotSaved(f"the journal could not be written ({plain(exc)}); the entry was not saved, try again") from None
                if isinstance(exc, sqlite3.DatabaseError) and not isinstance(exc, sqlite3.IntegrityError):
                    raise Damaged(f"the journal is damaged ({plain(exc)}); nothing was written. Keep a copy of it; "
                                  "`choice-assistant db copy` saves what can still be read into a new one") from None
                raise

    @contextmanager
    def _read(self) -> Iterator[sqlite3.Cursor]:
        with self._lock:
            try:
                yield self._conn.cursor()
            except sqlite3.DatabaseError as exc:
                raise self._damaged(self.path, exc) from None

    @contextmanager
    def _snapshot(self) -> Iterator[sqlite3.Cursor]:
        with self._read() as c:
            c.execute("BEGIN")
            try:
                yield c
            finally:
                c.execute("COMMIT")

    def _check_bookings(self, c) -> None:
        """Before a slot is booked: the bookings and their indexes must be sound, or a taken slot could look free."""
        found = [r[0] for r in c.execute("PRAGMA integrity_check(bookings)")]
        if found != ["ok"]:
            raise Damaged(f"the journal's list of booked slots is damaged ({plain('; '.join(found))}), so a slot cannot be "
                          "booked safely; nothing was booked. Keep a copy of the journal; `choice-assistant db copy` "
                          "saves what can still be read into a new one")

    def _on_disk(self) -> None:
        """Wait until everything committed is on the disk (a booking the family will be told of)."""
        if self._disk is not None:
            try:
                self._disk.sync()
            except OSError as exc:
                raise NotSaved(f"the journal could not be written to the disk ({exc.strerror or exc}); "
                               "check the disk, then try again") from None

    def close(self) -> None:
        if self._disk is not None:
            self._disk.close()
        self._conn.close()
        if self._rescue_file is not None:
            self._rescue_file.unlink(missing_ok=True)
