"""The built engine, kept on disk between runs of the command line.

Reading, checking and indexing the shipped story is most of what
`python -m bot ask` does (about 150 ms); reading a kept engine back takes
about 10. A kept engine is used only when the package's own files and every
file it was built from are byte for byte the ones it was built with, and the
thresholds are the same. Anything else, or a kept file that cannot be read, is
a miss: the engine is built again and kept in its place. Keeping it is only a
saving, so a folder that cannot be written costs nothing but the time.

The Discord bot builds its engine once per start and does not keep it.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
import pickle
import stat
import sys
from collections.abc import Iterable
from pathlib import Path
from types import MappingProxyType
from typing import Any, BinaryIO

import rapidfuzz

from bot.engine import Engine, Thresholds
from bot.knowledge import knowledge_files

__all__ = ["load_engine"]

# Bumped when what a kept file holds changes shape in a way the code's own
# fingerprint would not show.
_FORMAT = 1


def load_engine(knowledge: Path, thresholds: Thresholds, folder: Path | None) -> Engine:
    """Engine.from_path(knowledge, thresholds): read back from `folder` if it was kept
    there from the same files by the same code, else built and kept there. With no
    folder, always built. Raises KnowledgeError as Engine.from_path does."""
    if folder is None:
        return Engine.from_path(knowledge, thresholds)
    file = folder / f"{_name(knowledge, thresholds)}.pickle"
    engine = _read(file, knowledge)
    if engine is None:
        # Hashed before building: a file saved while the engine is built must not be
        # recorded as the one it was built from.
        before = _digests(knowledge_files(knowledge))
        engine = Engine.from_path(knowledge, thresholds)
        sources = _sources(knowledge, engine)
        if before is not None and sources is not None and sources[: len(before)] == before:
            _write(file, _header(knowledge, sources), engine)
    return engine


def _name(knowledge: Path, thresholds: Thresholds) -> str:
    """One kept file per knowledge path and thresholds: a rebuild replaces it."""
    key = f"{knowledge.resolve()}\0{thresholds!r}".encode("utf-8", "surrogatepass")
    return hashlib.sha256(key).hexdigest()[:24]


@functools.cache
def _fingerprint() -> str:
    """The code an engine was built by: the package's own files, Python's and
    rapidfuzz's versions."""
    return _fingerprint_of(Path(__file__).resolve().parent)


def _fingerprint_of(package: Path) -> str:
    # Its data too: the English words the matcher reads, the referee's trees.
    digest = hashlib.sha256(f"{_FORMAT}\0{sys.version}\0{rapidfuzz.__version__}".encode())
    for suffix in ("py", "txt", "json"):
        for path in sorted(package.glob(f"*.{suffix}")):
            digest.update(path.name.encode())
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def _digests(paths: Iterable[Path]) -> tuple[tuple[str, str], ...] | None:
    """Each file with the digest of its bytes; None if one is no regular file that
    can be read: the loader says what is wrong with it, and nothing is kept."""
    digests = []
    for path in paths:
        digest = _digest(path)
        if digest is None:
            return None
        digests.append((str(path), digest))
    return tuple(digests)


def _digest(path: Path) -> str | None:
    try:
        # Opened without waiting and checked once open: a pipe may never end.
        with open(os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0)), "rb") as file:
            if not stat.S_ISREG(os.fstat(file.fileno()).st_mode):
                return None
            return hashlib.file_digest(file, "sha256").hexdigest()
    except OSError:
        return None


def _sources(knowledge: Path, engine: Engine) -> tuple[tuple[str, str], ...] | None:
    """Every file the engine was read from, with its digest: the knowledge files
    first, in the order they are listed, then their articles and asked questions."""
    beside = dict.fromkeys(story.article_path for story in engine.stories)
    beside.update(dict.fromkeys(s.asked_path for s in engine.stories if s.asked_path))
    return _digests([*knowledge_files(knowledge), *beside])


def _header(knowledge: Path, sources: tuple[tuple[str, str], ...]) -> tuple[object, ...]:
    """What must be the same for a kept engine to be used: the code, the files
    listed at the knowledge path (a new or removed story is a change too), and
    every source's digest."""
    listed = tuple(str(p) for p in knowledge_files(knowledge))
    return (_fingerprint(), listed, sources)


def _read(file: Path, knowledge: Path) -> Engine | None:
    try:
        with file.open("rb") as kept:
            if not _own(kept):
                return None
            header = pickle.load(kept)
            fingerprint, listed, sources = header
            if fingerprint != _fingerprint():
                return None
            if listed != tuple(str(p) for p in knowledge_files(knowledge)):
                return None
            if _digests(Path(name) for name, _ in sources) != sources:
                return None
            engine = pickle.load(kept)
    except FileNotFoundError:
        return None
    except Exception:  # whatever it holds, a kept file that cannot be read is a miss
        return None
    return engine if isinstance(engine, Engine) else None


def _own(kept: BinaryIO) -> bool:
    """Whether the file is this user's: reading a pickle runs what it says, so one
    another user could have put there is never read."""
    if not hasattr(os, "getuid"):
        return True  # Windows: a user's cache folder is theirs alone
    return os.fstat(kept.fileno()).st_uid == os.getuid()


def _write(file: Path, header: tuple[object, ...], engine: Engine) -> None:
    import tempfile  # only on a miss: it would cost every `ask` its import

    temporary: str | None = None
    try:
        file.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        # Written aside and moved into place, so that a reader never sees half of
        # it; mkstemp makes it readable by this user only.
        handle, temporary = tempfile.mkstemp(prefix=".", suffix=".tmp", dir=file.parent)
        with os.fdopen(handle, "wb") as out:
            pickle.dump(header, out, protocol=pickle.HIGHEST_PROTOCOL)
            _Pickler(out, protocol=pickle.HIGHEST_PROTOCOL).dump(engine)
        os.replace(temporary, file)
        temporary = None
    except (OSError, pickle.PicklingError, TypeError, AttributeError, RecursionError):
        pass  # not kept: the next run builds it again
    finally:
        if temporary is not None:
            with contextlib.suppress(OSError):
                os.unlink(temporary)


def _read_only(mapping: dict[Any, Any]) -> MappingProxyType[Any, Any]:
    return MappingProxyType(mapping)


class _Pickler(pickle.Pickler):
    def reducer_override(self, obj: Any) -> Any:
        # Stories hold read-only views of their tables, a type pickle cannot name.
        if type(obj) is MappingProxyType:
            return _read_only, (dict(obj),)
        return NotImplemented
