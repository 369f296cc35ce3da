"""Atomic writes of bytes (images, PDF documents), next to :func:`~wuzhen_geo.data.io.write_text_atomic`.

The same rules as the text writer: a temporary file in the target's folder, flushed, then renamed over the
target, so a reader sees the old file or the new one, never a part; the same refusals (a folder, a missing
folder, a symbolic link unless followed, a device or pipe), with the same one-line messages.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from wuzhen_geo.data.io import _remove_stale_temps, _temp_name, _write_all
from wuzhen_geo.errors import DataError

__all__ = ["write_bytes_atomic"]


def write_bytes_atomic(path: str | Path, data: bytes, *, follow_symlinks: bool = False) -> Path:
    """Write ``data`` to ``path`` atomically (see :func:`~wuzhen_geo.data.io.write_text_atomic`).

    Raises
    ------
    DataError
        ``path`` ends with a slash, its folder does not exist, it is a symbolic link (unless followed), or it
        is not a regular file.
    OSError
        The write itself failed; no temporary file is left behind.
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
