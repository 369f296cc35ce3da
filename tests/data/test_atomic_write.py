"""Writes that tell the truth: ``write_text_atomic`` (and the CLI's ``--out`` through it) replaces only a
regular file, keeps its mode, gives a new file the umask's mode, creates no folder, leaves no temporary file
behind, and a SIGKILL at any moment leaves the old complete file or the new one. Failing writes are
simulated by monkeypatching, in a temporary folder; nothing is written to a real device path."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from wuzhen_geo.cli import main
from wuzhen_geo.data import atomic as data_atomic
from wuzhen_geo.data.io import write_text_atomic
from wuzhen_geo.errors import WuzhenGeoError


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_an_existing_files_mode_is_kept(tmp_path):
    target = tmp_path / "out.txt"
    for mode in (0o644, 0o640, 0o664):
        target.write_text("old", encoding="utf-8")
        target.chmod(mode)
        write_text_atomic(target, "new")
        assert target.read_text(encoding="utf-8") == "new" and _mode(target) == mode


def test_a_new_file_gets_the_umask_default(tmp_path):
    old = os.umask(0o022)
    try:
        write_text_atomic(tmp_path / "a.txt", "x")
        os.umask(0o027)
        write_text_atomic(tmp_path / "b.txt", "x")
    finally:
        os.umask(old)
    assert _mode(tmp_path / "a.txt") == 0o644
    assert _mode(tmp_path / "b.txt") == 0o640


def test_a_folder_target_is_refused(tmp_path):
    (tmp_path / "dir").mkdir()
    with pytest.raises(WuzhenGeoError, match="not a regular file"):
        write_text_atomic(tmp_path / "dir", "x")
    assert (tmp_path / "dir").is_dir() and _leftovers(tmp_path) == []


def test_a_fifo_target_is_refused(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    with pytest.raises(WuzhenGeoError, match="not a regular file"):
        write_text_atomic(fifo, "x")
    assert stat.S_ISFIFO(fifo.lstat().st_mode) and _leftovers(tmp_path) == []


def test_a_symlink_is_refused_unless_followed_on_purpose(tmp_path):
    real = tmp_path / "real.txt"
    real.write_text("old", encoding="utf-8")
    link = tmp_path / "link.txt"
    link.symlink_to(real)
    with pytest.raises(WuzhenGeoError, match="symbolic link"):
        write_text_atomic(link, "new")
    assert link.is_symlink() and real.read_text(encoding="utf-8") == "old"
    write_text_atomic(link, "new", follow_symlinks=True)
    assert link.is_symlink() and real.read_text(encoding="utf-8") == "new"


def test_a_trailing_slash_and_a_missing_folder_are_refused(tmp_path):
    with pytest.raises(WuzhenGeoError, match="folder"):
        write_text_atomic(f"{tmp_path}/out/", "x")
    with pytest.raises(WuzhenGeoError, match="folder"):
        write_text_atomic(tmp_path / "missing" / "out.txt", "x")
    assert not (tmp_path / "out").exists() and not (tmp_path / "missing").exists()


@pytest.mark.parametrize("failing", ["write", "fsync", "replace"])
def test_a_failing_write_keeps_the_old_file_and_cleans_its_temp(tmp_path, monkeypatch, failing):
    target = tmp_path / "out.txt"
    target.write_text("old", encoding="utf-8")

    def boom(*args, **kwargs):
        raise OSError(28, "No space left on device")

    if failing == "write":
        monkeypatch.setattr(data_atomic, "_write_all", boom)
    else:
        monkeypatch.setattr(data_atomic.os, failing, boom)
    with pytest.raises(OSError):
        write_text_atomic(target, "new")
    assert target.read_text(encoding="utf-8") == "old"
    assert _leftovers(tmp_path) == []


_WRITER = """
import sys
from wuzhen_geo.data.io import write_text_atomic
target, n = sys.argv[1], 0
print("ready", flush=True)
while True:
    n += 1
    write_text_atomic(target, (f"version {n}\\n" + "x" * 2_000_000 + "\\nend\\n"))
"""


def test_a_sigkill_at_any_moment_leaves_a_complete_file(tmp_path):
    target = tmp_path / "out.txt"
    write_text_atomic(target, "version 0\nend\n")
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    for delay in (0.05, 0.17, 0.3, 0.55):
        proc = subprocess.Popen([sys.executable, "-c", _WRITER, str(target)], stdout=subprocess.PIPE, env=env)
        assert proc.stdout.readline().strip() == b"ready"
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        proc.stdout.close()
        text = target.read_text(encoding="utf-8")
        assert text.startswith("version ") and text.endswith("end\n")
    # A temp file left by a killed writer is removed by the next write to the same target.
    write_text_atomic(target, "final\n")
    assert target.read_text(encoding="utf-8") == "final\n"
    assert _leftovers(tmp_path) == []


def _cli_error(capsys, argv) -> str:
    code = main(argv)
    err = capsys.readouterr().err
    assert code == 2, err
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("wuzhen-geo: error:"), err
    return lines[0]


def test_cli_out_refuses_a_folder_a_trailing_slash_and_a_missing_parent(capsys, mini_dir, tmp_path):
    base = ["--data", str(mini_dir), "route", "--from", "zacc_hq", "--to", "apt_hgh", "--out"]
    (tmp_path / "dir").mkdir()
    assert "--out" in _cli_error(capsys, base + [str(tmp_path / "dir")])
    assert "--out" in _cli_error(capsys, base + [f"{tmp_path}/new/"])
    assert "--out" in _cli_error(capsys, base + [str(tmp_path / "missing" / "r.json")])
    assert not (tmp_path / "new").exists() and not (tmp_path / "missing").exists()


def test_cli_out_reports_a_failing_write(capsys, mini_dir, tmp_path, monkeypatch):
    def boom(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(data_atomic, "_write_all", boom)
    line = _cli_error(capsys, ["--data", str(mini_dir), "route", "--from", "zacc_hq", "--to", "apt_hgh",
                               "--out", str(tmp_path / "r.json")])
    assert "No space left" in line and not (tmp_path / "r.json").exists() and _leftovers(tmp_path) == []
