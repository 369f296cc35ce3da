"""Atomic writes: a temporary file in the target's folder, flushed to disk, then renamed over the target, so a
reader sees the old file or the new one, never a part. Every write of the project (``--out``, caches,
exports, the data scripts) goes through :func:`write_bytes_atomic` (text through
:func:`~wuzhen_geo.data.io.write_text_atomic`, which encodes and calls it).
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from wuzhen_geo.errors import DataError

__all__ = ["write_bytes_atomic"]

_TEMP_SUFFIX = ".tmp"


def _write_all(fd: int, data: bytes) -> None:
    """Write every byte of ``data`` to ``fd`` (``os.write`` may write fewer)."""
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


def _temp_name(target: Path) -> Path:
    """A fresh temporary name next to ``target``: hidden, naming the writing process (to clean it up later)."""
    return target.with_name(f".{target.name}.{os.getpid()}.{os.urandom(4).hex()}{_TEMP_SUFFIX}")


def _remove_stale_temps(target: Path) -> None:
    """Remove temporary files of ``target`` left by a writer that was killed (its process is gone)."""
    prefix = f".{target.name}."
    try:
        names = [p for p in target.parent.iterdir() if p.name.startswith(prefix) and p.name.endswith(_TEMP_SUFFIX)]
    except OSError:
        return
    for tmp in names:
        pid_text = tmp.name[len(prefix):].split(".", 1)[0]
        if not pid_text.isdigit() or int(pid_text) == os.getpid():
            continue
        try:
            os.kill(int(pid_text), 0)
        except ProcessLookupError:
            tmp.unlink(missing_ok=True)
        except OSError:  # alive but not ours (EPERM): leave it
            continue


def write_bytes_atomic(path: str | Path, data: bytes, *, follow_symlinks: bool = False) -> Path:
    """Write ``data`` to ``path`` atomically: the file holds the old content or the new, never a part.

    The bytes go to a temporary file in the same folder, is flushed to disk, then renamed over ``path``; a
    SIGKILL at any moment leaves the old complete file or the new one (a temporary file left by a killed
    writer is removed by the next write to the same path). The target keeps its permission bits; a new file
    gets the umask's default (``0666 & ~umask``).

    Parameters
    ----------
    path
        A regular file to replace, or a new file in an existing folder.
    follow_symlinks
        Write through a symbolic link to the file it points at; refused by default (a link would otherwise be
        replaced by a plain file, or write somewhere unexpected).

    Raises
    ------
    DataError
        ``path`` ends with a slash, its folder does not exist (no folder is created), it is a symbolic link
        (unless followed), or it is not a regular file (a folder, a device, a pipe).
    OSError
        The write itself failed (disk full, permission denied); no temporary file is left behind.
    """
    raw = os.fspath(path)
    if raw.endswith(("/", os.sep)):
        raise DataError(f"{raw}: names a folder (ends with a slash); give a file name")
    target = Path(raw)
    if target.is_symlink():
        if not follow_symlinks:
            raise DataError(f"{raw}: is a symbolic link; give the file it points at "
                            f"({os.path.realpath(raw)}) to replace that file")
        target = Path(os.path.realpath(raw))
    if not target.parent.is_dir():
        raise DataError(f"{raw}: the folder {target.parent} does not exist; create it first")
    try:
        existing = os.stat(target)
    except FileNotFoundError:
        existing = None
    if existing is not None and not stat.S_ISREG(existing.st_mode):
        raise DataError(f"{raw}: not a regular file (a folder, device or pipe); give a file name")
    _remove_stale_temps(target)
    tmp = _temp_name(target)
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0), 0o666)
    try:
        try:
            if existing is not None:
                os.fchmod(fd, stat.S_IMODE(existing.st_mode))
            _write_all(fd, bytes(data))
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return Path(raw)
