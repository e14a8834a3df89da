"""Reliability of output: atomic ``-o``, untouched input, quiet broken pipes, Ctrl-C exits 130."""

from __future__ import annotations

import io
import os
import shutil
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from declutter.cli import main

ROOT = Path(__file__).resolve().parents[1]
ENV = {"PYTHONPATH": str(ROOT), "PATH": os.environ.get("PATH", "")}
TEXT = b"By Jane Doe\n\nThe council met on Monday.\n"
CLEANED = b"The council met on Monday.\n"


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(".declutter-"))


class FailingInput(io.RawIOBase):
    """A stdin whose read fails the way a disk or a user can make it fail."""

    def __init__(self, error: BaseException) -> None:
        self.error = error

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        raise self.error


def test_output_file_is_written_and_no_temp_file_is_left(tmp_path):
    source, target = tmp_path / "in.txt", tmp_path / "out.txt"
    source.write_bytes(TEXT)
    status = main([str(source), "-o", str(target)], stdout=io.BytesIO(), stderr=io.StringIO())
    assert status == 0
    assert target.read_bytes() == CLEANED
    assert leftovers(tmp_path) == []


def test_output_file_gets_normal_permissions(tmp_path):
    # Regression: the temporary file's 0600 mode used to become the output's.
    source, target = tmp_path / "in.txt", tmp_path / "out.txt"
    source.write_bytes(TEXT)
    umask = os.umask(0o022)
    try:
        assert main([str(source), "-o", str(target)], stdout=io.BytesIO(), stderr=io.StringIO()) == 0
    finally:
        os.umask(umask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o644


def test_existing_output_keeps_its_permissions(tmp_path):
    source, target = tmp_path / "in.txt", tmp_path / "out.txt"
    source.write_bytes(TEXT)
    target.write_bytes(b"old")
    target.chmod(0o640)
    assert main([str(source), "-o", str(target)], stdout=io.BytesIO(), stderr=io.StringIO()) == 0
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert target.read_bytes() == CLEANED


@pytest.mark.parametrize(("error", "status"), [(OSError(5, "Input/output error"), 1), (KeyboardInterrupt(), 130)])
def test_failed_run_leaves_existing_output_untouched(tmp_path, error, status):
    target = tmp_path / "out.txt"
    target.write_bytes(b"previous result\n")
    err = io.StringIO()
    got = main(["-", "-o", str(target)], stdin=io.BufferedReader(FailingInput(error)), stdout=io.BytesIO(),
               stderr=err)
    assert got == status
    assert target.read_bytes() == b"previous result\n"
    assert leftovers(tmp_path) == []
    assert "Traceback" not in err.getvalue()


def test_failed_run_does_not_create_the_output(tmp_path):
    target = tmp_path / "out.txt"
    err = io.StringIO()
    assert main([str(tmp_path / "missing.txt"), "-o", str(target)], stdout=io.BytesIO(), stderr=err) == 1
    assert err.getvalue().startswith("declutter: error: cannot read")
    assert not target.exists()
    assert leftovers(tmp_path) == []


def test_output_into_missing_folder_is_a_clean_error(tmp_path):
    source = tmp_path / "in.txt"
    source.write_bytes(TEXT)
    err = io.StringIO()
    assert main([str(source), "-o", str(tmp_path / "no" / "out.txt")], stdout=io.BytesIO(), stderr=err) == 1
    assert err.getvalue().startswith("declutter: error: ")


def test_input_file_is_never_modified(tmp_path):
    source = tmp_path / "in.txt"
    source.write_bytes(TEXT)
    before = source.stat()
    for options in ([], ["--explain"], ["--diff"], ["-o", str(tmp_path / "out.txt")]):
        assert main([str(source), *options], stdout=io.BytesIO(), stderr=io.StringIO()) == 0
    after = source.stat()
    assert source.read_bytes() == TEXT
    assert (after.st_mtime_ns, after.st_size, after.st_mode) == (before.st_mtime_ns, before.st_size, before.st_mode)


def test_output_over_its_own_input_replaces_it_whole(tmp_path):
    source = tmp_path / "in.txt"
    source.write_bytes(TEXT)
    assert main([str(source), "-o", str(source)], stdout=io.BytesIO(), stderr=io.StringIO()) == 0
    assert source.read_bytes() == CLEANED
    assert leftovers(tmp_path) == []


def test_directory_as_input_is_a_clean_error(tmp_path):
    err = io.StringIO()
    assert main([str(tmp_path)], stdout=io.BytesIO(), stderr=err) == 1
    assert "is a directory" in err.getvalue()


@pytest.fixture
def big_file(tmp_path):
    path = tmp_path / "big.txt"
    path.write_bytes(b"The council met on Monday and talked for a long time.\n\n" * 20_000)  # 1.1 MB > pipe buffer
    return path


def test_broken_pipe_exits_quietly(big_file):
    reader = subprocess.Popen([sys.executable, "-m", "declutter", str(big_file)], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, env=ENV)
    assert reader.stdout is not None and reader.stderr is not None
    head = reader.stdout.read(100)
    reader.stdout.close()
    stderr = reader.stderr.read()
    assert reader.wait(timeout=60) == 0
    assert head.startswith(b"The council")
    assert stderr == b""


@pytest.mark.skipif(shutil.which("head") is None or shutil.which("sh") is None, reason="needs sh and head")
def test_pipe_into_head_exits_quietly(big_file):
    piped = subprocess.run(["sh", "-c", f'"{sys.executable}" -m declutter "{big_file}" | head -n 2'],
                           capture_output=True, env=ENV, timeout=60, check=False)
    assert piped.stdout == b"The council met on Monday and talked for a long time.\n\n"
    assert piped.stderr == b""


def _wait_for_temp_file(folder: Path, process: subprocess.Popen[bytes]) -> None:
    """The CLI creates the -o temp file and then reads stdin: from then on it is in main()."""
    deadline = time.monotonic() + 30
    while not leftovers(folder):
        assert process.poll() is None, "declutter exited early"
        assert time.monotonic() < deadline, "declutter never created its temp file"
        time.sleep(0.02)


def test_sigint_exits_130_without_traceback(tmp_path):
    target = tmp_path / "out.txt"
    process = subprocess.Popen([sys.executable, "-m", "declutter", "-", "-o", str(target)],
                               stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=ENV)
    assert process.stdin is not None
    process.stdin.write(TEXT)
    process.stdin.flush()
    _wait_for_temp_file(tmp_path, process)
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=30)
    assert process.returncode == 130
    assert b"Traceback" not in stderr
    assert not target.exists()
    assert leftovers(tmp_path) == []


SLOW_IMPORT = '''
import importlib.abc, sys, time

class SlowImport(importlib.abc.MetaPathFinder):
    """Make the import of declutter.pipeline take a long time, and say when it starts."""

    def find_spec(self, name, path, target=None):
        if name == "declutter.pipeline":
            sys.stderr.write("IMPORTING\\n")
            sys.stderr.flush()
            time.sleep(60)
        return None

sys.meta_path.insert(0, SlowImport())
'''


def _console_script(folder: Path) -> Path:
    """The script pip writes for the ``declutter`` entry point in pyproject.toml."""
    import tomllib

    target = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["scripts"]["declutter"]
    module, function = target.split(":")
    script = folder / "declutter"
    script.write_text(f"import sys\nfrom {module} import {function}\nsys.exit({function}())\n")
    return script


@pytest.mark.parametrize("how", ["-m", "console script"])
def test_sigint_while_importing_exits_130_without_traceback(tmp_path, how):
    """Ctrl-C while the command is still loading its modules (a sitecustomize hook makes one import slow)."""
    (tmp_path / "sitecustomize.py").write_text(SLOW_IMPORT)
    command = ["-m", "declutter"] if how == "-m" else [str(_console_script(tmp_path))]
    env = {**ENV, "PYTHONPATH": f"{tmp_path}{os.pathsep}{ROOT}"}
    process = subprocess.Popen([sys.executable, *command, "-"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, env=env)
    assert process.stderr is not None
    assert process.stderr.readline() == b"IMPORTING\n"  # blocks until the slow import has begun
    process.send_signal(signal.SIGINT)
    stdout, stderr = process.communicate(timeout=30)
    assert process.returncode == 130
    assert b"Traceback" not in stderr and b"KeyboardInterrupt" not in stderr
    assert stdout == b""
