"""Writing files whole, without ever replacing something that is not a regular file: the one
place kg writes files (outputs, folders of tables, caches, the learned model).

kg writes a file by writing a temporary file beside it and renaming that over the target: a
failure or an interruption leaves the previous file untouched and no partial file. A rename,
though, replaces *whatever* has the name: run as root, ``-o /dev/full`` used to turn the device
into a regular file. So:

- :func:`write_output` (every ``-o``): standard output for ``/dev/stdout`` (and ``/dev/fd/1``),
  devices and pipes (``/dev/null``, a FIFO, ``/dev/fd/N``) written directly, a symbolic link's
  target replaced (the link stays), a directory, socket or block device refused;
- :func:`write_folder` (``kg export --format csv``): a folder of files, each whole;
- :func:`replace_file` (caches, the learned model): a temporary file beside the target, renamed
  over it by :func:`rename_over`, which refuses a target that exists and is not a regular file.
"""

from __future__ import annotations

import errno
import os
import shutil
import stat
import sys
import tempfile
from collections.abc import Callable, Mapping
from functools import partial
from pathlib import Path
from typing import Any

from kg.errors import OutputError

#: Names of this process's standard output: written to ``sys.stdout``, never opened.
STDOUT_NAMES = ("/dev/stdout", "/dev/fd/1", "/proc/self/fd/1")
#: Paths that name an open file of some process: opened and written, never renamed over.
_FD_DIRS = ("/dev/fd/", "/proc/")


def rename_over(tmp: str | Path, path: str | Path) -> None:
    """``os.replace(tmp, path)``, unless ``path`` exists and is not a regular file (OSError)."""
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        mode = None
    if mode is not None and not stat.S_ISREG(mode):
        raise OSError(errno.EEXIST, "exists and is not a regular file", str(path))
    os.replace(tmp, path)


def temp_beside(path: str | Path) -> tuple[int, str]:
    """A new temporary file in the folder of ``path``, named after it (``.NAME.XXXX.tmp``, mode
    0600): its open descriptor and its path. OSError if it cannot be made."""
    path = Path(path)
    directory = path.parent if str(path.parent) else Path(".")
    return tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)


def fill_temp(fd: int, tmp: str, write: Callable[[Any], None], mode: int | None = None) -> None:
    """Write the temporary file ``tmp`` (open as ``fd``) through ``write(binary_stream)`` and
    give it ``mode`` (None: keep 0600); on any failure it is removed and the error raised."""
    try:
        with os.fdopen(fd, "wb") as out:
            write(out)
        if mode is not None:
            os.chmod(tmp, mode)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def replace_file(
    path: str | Path, write: Callable[[Any], None], *, mode: int | None = None
) -> None:
    """Replace ``path`` whole through ``write(binary_stream)``: a temporary file beside it,
    renamed over it (:func:`rename_over`). ``mode`` as :func:`fill_temp`. OSError on failure,
    and then no temporary file is left."""
    fd, tmp = temp_beside(path)
    fill_temp(fd, tmp, write, mode)
    try:
        rename_over(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _stat_mode(path: Path, option: str) -> int | None:
    """The mode of what ``path`` names, None if nothing; an :class:`OutputError` if it cannot
    be looked at."""
    try:
        return os.stat(path).st_mode
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise OutputError(f"cannot write {path}: {exc.strerror}; choose another {option}") from None


def _refuse_kind(path: Path, mode: int | None, option: str) -> None:
    """An :class:`OutputError` for what no output may replace: a directory, a socket."""
    if mode is not None and stat.S_ISDIR(mode):
        raise OutputError(f"cannot write {path}: it is a directory; choose a file for {option}")
    if mode is not None and not stat.S_ISREG(mode):
        raise OutputError(
            f"cannot write {path}: it is not a regular file, a character device or a pipe; "
            f"choose another {option}"
        )


def write_output(path: str | Path, write: Callable[[Any], None], *, option: str = "-o") -> None:
    """Write ``path`` through ``write(binary_stream)``: atomically for a regular file (see the
    module docstring for the others). Every failure is an :class:`OutputError`."""
    path = Path(path)
    absolute = os.path.abspath(path)
    if absolute in STDOUT_NAMES:
        _guarded(path, option, lambda: _to_stdout(write))
        return
    mode = _stat_mode(path, option)
    if absolute.startswith(_FD_DIRS) or (
        mode is not None and (stat.S_ISCHR(mode) or stat.S_ISFIFO(mode))
    ):
        _guarded(path, option, lambda: _direct(path, write))
        return
    _refuse_kind(path, mode, option)
    target = Path(os.path.realpath(path)) if path.is_symlink() else path
    _replace(target, write, path, option)


def check_output(path: str | Path, *, option: str = "-o") -> None:
    """Fail now (:class:`OutputError`) if :func:`write_output` could not write ``path``: its
    directory missing or not writable, or a directory or socket in the way. Called before a
    long build, so that a typo in ``-o`` is not found after all the parsing. Creates nothing
    (a probe file is made in the directory and removed at once)."""
    path = Path(path)
    absolute = os.path.abspath(path)
    if absolute in STDOUT_NAMES or absolute.startswith(_FD_DIRS):
        return
    mode = _stat_mode(path, option)
    if mode is not None and (stat.S_ISCHR(mode) or stat.S_ISFIFO(mode)):
        return
    _refuse_kind(path, mode, option)
    target = Path(os.path.realpath(path)) if path.is_symlink() else path
    directory = target.parent if str(target.parent) else Path(".")
    if not directory.is_dir():
        raise OutputError(f"cannot write {path}: directory {directory} does not exist; create it")
    try:
        fd, probe = temp_beside(target)
    except OSError as exc:
        raise OutputError(f"cannot write {path}: {exc.strerror}; choose another {option}") from None
    os.close(fd)
    Path(probe).unlink(missing_ok=True)


def _to_stdout(write: Callable[[Any], None]) -> None:
    sys.stdout.flush()
    write(sys.stdout.buffer)
    sys.stdout.buffer.flush()


def _direct(path: Path, write: Callable[[Any], None]) -> None:
    with open(path, "wb") as out:
        write(out)


def _guarded(path: Path, option: str, action: Callable[[], None]) -> None:
    try:
        action()
    except OSError as exc:
        raise OutputError(
            f"cannot write {path}: {exc.strerror or exc}; choose another {option}"
        ) from None


def _mode(target: Path) -> int:
    """The mode of the file ``target`` replaces: its own if it exists, else 0666 less the umask
    (what ``open`` would give; mkstemp's files are 0600)."""
    try:
        return stat.S_IMODE(os.stat(target).st_mode)
    except OSError:
        umask = os.umask(0o022)
        os.umask(umask)
        return 0o666 & ~umask


def refuse_input(output: str | Path, inputs: list[str], *, option: str = "-o") -> None:
    """An :class:`OutputError` if ``output`` is one of the files ``inputs`` (a build would
    replace the article it reads with its graph)."""
    for item in inputs:
        try:
            same = item != "-" and os.path.samefile(item, output)
        except OSError:
            continue
        if same:
            raise OutputError(
                f"{option} {output} is the input {item}: writing it would replace the input; "
                "choose another output"
            )


def _replace(target: Path, write: Callable[[Any], None], shown: Path, option: str) -> None:
    directory = target.parent if str(target.parent) else Path(".")
    if not directory.is_dir():
        raise OutputError(f"cannot write {shown}: directory {directory} does not exist; create it")
    try:
        fd, tmp = temp_beside(target)
    except OSError as exc:
        raise OutputError(
            f"cannot write {shown}: {exc.strerror}; choose another {option}"
        ) from None
    try:
        fill_temp(fd, tmp, write, _mode(target))
        rename_over(tmp, target)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise OutputError(
            f"cannot write {shown}: {exc.strerror or exc}; check the path and free space"
        ) from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_folder(directory: Path, files: Mapping[str, bytes]) -> None:
    """Write ``files`` (name -> bytes) into ``directory``, atomically.

    A new folder is written under a temporary name beside it, then renamed. In an existing
    folder each file is written to a temporary file first and all are renamed at the end, so
    other files there are left alone and no file is ever partly written.
    """
    parent = directory.parent if str(directory.parent) else Path(".")
    if directory.exists() and not directory.is_dir():
        raise OutputError(
            f"cannot write {directory}: it is a file, not a folder; choose another -o"
        )
    if not parent.is_dir():
        raise OutputError(f"cannot write {directory}: folder {parent} does not exist; create it")
    try:
        if directory.is_dir():
            _replace_files(directory, files)
        else:
            _new_folder(directory, parent, files)
    except OSError as exc:
        raise OutputError(
            f"cannot write {directory}: {exc.strerror or exc}; check the path and free space"
        ) from None


def _new_folder(directory: Path, parent: Path, files: Mapping[str, bytes]) -> None:
    tmp = Path(tempfile.mkdtemp(prefix=f".{directory.name}.", suffix=".tmp", dir=parent))
    try:
        for name, data in files.items():
            (tmp / name).write_bytes(data)
            os.chmod(tmp / name, 0o644)
        os.chmod(tmp, 0o755)
        os.rename(tmp, directory)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def _put(data: bytes, out: Any) -> None:
    out.write(data)


def _replace_files(directory: Path, files: Mapping[str, bytes]) -> None:
    written: dict[str, str] = {}
    try:
        for name, data in files.items():
            fd, tmp = temp_beside(directory / name)
            written[name] = tmp
            fill_temp(fd, tmp, partial(_put, data), 0o644)
        for name, tmp in written.items():
            rename_over(tmp, directory / name)
    except BaseException:
        for tmp in written.values():
            Path(tmp).unlink(missing_ok=True)
        raise
