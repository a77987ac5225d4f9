"""Write files so that readers see either the old or the new content, never half of one.

``atomic_open`` writes one file through a temporary file beside it and
``os.replace``; ``staged_folder`` does the same for a whole export folder:
every format is written into a hidden staging folder inside the target, and
only when all of them are complete are they moved over the previous files,
one rename each. A build killed at any moment therefore leaves every previous
export whole (at worst, a kill during the final renames, which take
microseconds, leaves some files from the new build beside others from the old).
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from kg.errors import ExportError

__all__ = ["STAGING_PREFIX", "atomic_open", "staged_folder"]

#: Name prefix of the staging folders made inside an export folder.
STAGING_PREFIX = ".kg-staging-"


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


_FILE_MODE = 0o666 & ~_umask()


def _fsync_dir(folder: Path) -> None:
    """Make a rename in ``folder`` durable (no-op where directories cannot be opened)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


@contextmanager
def atomic_open(
    path: str | os.PathLike[str], mode: str = "w", encoding: str | None = "utf-8", durable: bool = True
) -> Iterator[IO[Any]]:
    """Open a temporary file beside ``path``; rename it over ``path`` only when the block succeeds.

    The new file gets the permissions of the file it replaces, or the usual
    ones for a new file (``mkstemp`` alone would leave it private). ``durable``
    also fsyncs the file and its folder; a cache, which can always be remade,
    skips that cost.
    """
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        try:
            mode_bits = target.stat().st_mode & 0o777
        except FileNotFoundError:
            mode_bits = _FILE_MODE
        os.chmod(tmp, mode_bits)
        binary = "b" in mode
        with os.fdopen(fd, mode, encoding=None if binary else encoding, newline=None if binary else "") as fh:
            yield fh
            if durable:
                fh.flush()
                os.fsync(fh.fileno())
        os.replace(tmp, target)
        if durable:
            _fsync_dir(target.parent)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _remove_stale_staging(folder: Path) -> None:
    """Delete staging folders left by builds that were killed (their process is gone)."""
    for old in folder.glob(STAGING_PREFIX + "*"):
        try:
            pid = int(old.name[len(STAGING_PREFIX):].split("-", 1)[0])
        except ValueError:
            continue
        if old.is_dir() and not _pid_alive(pid):
            shutil.rmtree(old, ignore_errors=True)


@contextmanager
def staged_folder(folder: str | os.PathLike[str]) -> Iterator[Path]:
    """Yield an empty staging folder; when the block succeeds, move its files into ``folder``.

    Files already in ``folder`` that the block did not write are left alone,
    so an export folder can sit among the user's other files.
    """
    out = Path(folder)
    try:
        out.mkdir(parents=True, exist_ok=True)
        _remove_stale_staging(out)
        staging = Path(tempfile.mkdtemp(prefix=f"{STAGING_PREFIX}{os.getpid()}-", dir=out))
    except OSError as exc:
        raise ExportError(f"{out}: cannot write exports there ({exc.strerror or exc})") from None
    try:
        try:
            yield staging
        except OSError as exc:
            raise ExportError(f"{out}: writing exports failed ({exc.strerror or exc}); nothing was replaced") from None
        files = sorted(p for p in staging.rglob("*") if p.is_file())
        for src in files:
            dest = out / src.relative_to(staging)
            if dest.is_dir() or any(parent.is_file() for parent in dest.parents if out in parent.parents):
                raise ExportError(f"{dest}: a file or folder of that name is in the way; nothing was replaced")
        for src in files:
            dest = out / src.relative_to(staging)
            dest.parent.mkdir(parents=True, exist_ok=True)
            os.replace(src, dest)
        for sub in {out / f.parent.relative_to(staging) for f in files} | {out}:
            _fsync_dir(sub)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
