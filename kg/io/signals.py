"""Holding signals back for a moment: a block of work that must not be cut half-way.

A held signal is not lost: it lands when the block ends. Only the main thread holds signals
(elsewhere, and where POSIX signal masks do not exist, the block runs as it is). A process
started inside the block inherits the mask: it starts with the signals held too.
"""

from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Iterator


@contextlib.contextmanager
def held(*signals: signal.Signals) -> Iterator[None]:
    """Hold ``signals`` back while the block runs (main thread, POSIX).

    >>> import signal
    >>> with held(signal.SIGINT):
    ...     pass
    """
    if threading.current_thread() is not threading.main_thread() or not hasattr(
        signal, "pthread_sigmask"
    ):
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, set(signals))
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def ignore_held_interrupts() -> None:
    """In a worker started while Ctrl-C and SIGTERM were held: ignore Ctrl-C from now on (a
    Ctrl-C held since start-up is dropped; the parent stops the build), and let go of both."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT, signal.SIGTERM})
