"""Progress of a build on standard error: a bar on a terminal, plain lines elsewhere.

On a terminal, a tqdm bar with the count, the total, the rate and the time left; it is
redrawn every second even while no document finishes (the model loading, a long first
batch), and removed at the end, when the summary line takes its place. When standard error
is not a terminal (a log file, CI, ``nohup``), a plain line every ``interval`` seconds,
whatever the documents do (a ticker thread writes it), so that a long build is never silent:

    kg: 120/500 documents (24 %), 9.8 documents/s, about 39 s left

The total is counted before the build (:func:`count_documents`: files in the directories,
lines of the JSONL files), without parsing anything; when it cannot be known, the count
stands alone.

>>> format_line(120, 500, 12.25)
'kg: 120/500 documents (24 %), 9.8 documents/s, about 39 s left'
>>> format_line(3, None, 2.0)
'kg: 3 documents, 1.5 documents/s'
>>> format_line(0, 40, 3.0)
'kg: 0/40 documents (0 %), starting'
"""

from __future__ import annotations

import os
import sys
import threading
import time
from collections.abc import Sequence
from pathlib import Path
from typing import IO, Any

#: Seconds between two plain lines when standard error is not a terminal
#: (``$KG_PROGRESS_INTERVAL`` sets another).
LINE_INTERVAL = 5.0
#: Seconds between two redraws of the terminal bar while no document finishes.
BAR_REFRESH = 1.0


def count_documents(inputs: Sequence[str]) -> int | None:
    """How many documents ``inputs`` hold, counted without reading them as documents (a
    directory's supported files, a JSONL file's non-blank lines); None if that cannot be told
    (an unreadable path: the build itself reports it)."""
    from kg.io.readers import _directory_files

    total = 0
    try:
        for item in inputs:
            if item == "-":
                total += 1
                continue
            path = Path(item)
            files = (
                [full for full, _ in _directory_files(path, path.as_posix())]
                if path.is_dir()
                else [path]
            )
            for file in files:
                if file.suffix.lower() == ".jsonl":
                    with open(file, "rb") as lines:
                        total += sum(1 for line in lines if line.strip())
                else:
                    total += 1
    except Exception:  # an unreadable input: no total (the build itself says what is wrong)
        return None
    return total


def _duration(seconds: float) -> str:
    seconds = int(round(seconds))
    if seconds < 60:
        return f"{seconds} s"
    minutes, seconds = divmod(seconds, 60)
    if minutes < 60:
        return f"{minutes} min {seconds:02d} s"
    hours, minutes = divmod(minutes, 60)
    return f"{hours} h {minutes:02d} min"


def format_line(done: int, total: int | None, elapsed: float) -> str:
    """One plain progress line: count, total and share, rate, time left."""
    noun = "document" if (total if total is not None else done) == 1 else "documents"
    if total is None:
        head = f"kg: {done} {noun}"
    else:
        share = int(100 * done / total) if total else 100
        head = f"kg: {done}/{total} {noun} ({share} %)"
    if done == 0 or elapsed <= 0:
        return head + ", starting" if total is not None else head
    rate = done / elapsed
    line = f"{head}, {rate:.1f} documents/s"
    if total is not None and total > done:
        line += f", about {_duration((total - done) / rate)} left"
    return line


#: The bar on screen, if any: warnings are written above it (:func:`echo`), not through it.
_active: Progress | None = None


def echo(line: str, stream: IO[str] | None = None) -> None:
    """Write ``line`` to standard error, above the progress bar when one is drawn."""
    out = stream if stream is not None else sys.stderr
    current = _active
    if current is not None and current._bar is not None:
        with current._lock:
            if current._bar is not None:
                current._bar.clear()
                out.write(line + "\n")
                out.flush()
                current._bar.refresh()
                return
    out.write(line + "\n")
    out.flush()


class Progress:
    """Counts finished documents (:meth:`advance`) and shows it; :meth:`close` at the end.

    ``enabled`` False (``-q``) shows nothing. ``stream`` is standard error unless given;
    ``terminal`` says whether it is one (default: ``stream.isatty()``).
    """

    def __init__(
        self,
        total: int | None,
        *,
        enabled: bool = True,
        stream: IO[str] | None = None,
        terminal: bool | None = None,
        interval: float | None = None,
    ) -> None:
        self.total = total
        self.done = 0
        self.enabled = enabled
        self.stream = stream if stream is not None else sys.stderr
        self.terminal = _is_terminal(self.stream) if terminal is None else terminal
        self.interval = interval if interval is not None else _env_interval()
        self.started = time.monotonic()
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._bar: Any = None
        self._thread: threading.Thread | None = None
        if not enabled:
            return
        if self.terminal:
            from tqdm import tqdm

            self._bar = tqdm(
                total=total,
                unit="doc",
                desc="kg",
                file=self.stream,
                leave=False,
                dynamic_ncols=True,
                mininterval=0.2,
            )
            global _active
            _active = self
        period = BAR_REFRESH if self.terminal else self.interval
        self._thread = threading.Thread(target=self._tick, args=(period,), daemon=True)
        self._thread.start()

    def _tick(self, period: float) -> None:
        # Ctrl-C and SIGTERM are never delivered to this thread: the build holds them back at
        # moments that must not be cut (kg.io.signals.held, in the main thread), and a signal
        # landing here would reach the main thread's handler through the hold
        import signal

        if hasattr(signal, "pthread_sigmask"):
            signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})
        while not self._stop.wait(period):
            with self._lock:
                if self._stop.is_set():
                    return
                if self._bar is not None:
                    self._bar.refresh()
                else:
                    self._line()

    def _line(self) -> None:
        elapsed = time.monotonic() - self.started
        try:
            self.stream.write(format_line(self.done, self.total, elapsed) + "\n")
            self.stream.flush()
        except (OSError, ValueError):  # stderr closed: progress is not worth failing for
            self._stop.set()

    def advance(self, _document: object = None) -> None:
        """One more document finished (the build's progress callback)."""
        with self._lock:
            self.done += 1
            if self.total is not None and self.done > self.total:
                self.total = self.done  # an estimate that fell short: never show 101 %
                if self._bar is not None:
                    self._bar.total = self.total
            if self._bar is not None:
                self._bar.update(1)

    def close(self) -> None:
        """Stop the ticker and remove the bar (idempotent)."""
        global _active
        if _active is self:
            _active = None
        self._stop.set()
        with self._lock:
            if self._bar is not None:
                self._bar.close()
                self._bar = None
        if self._thread is not None and self._thread is not threading.current_thread():
            self._thread.join(timeout=2)
            self._thread = None

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _env_interval() -> float:
    try:
        value = float(os.environ.get("KG_PROGRESS_INTERVAL", LINE_INTERVAL))
    except ValueError:
        return LINE_INTERVAL
    return value if value > 0 else LINE_INTERVAL


def _is_terminal(stream: IO[str]) -> bool:
    """Whether ``stream`` is a terminal that can redraw a bar (not ``TERM=dumb``)."""
    try:
        return stream.isatty() and os.environ.get("TERM") != "dumb"
    except (AttributeError, ValueError):
        return False
