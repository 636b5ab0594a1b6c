"""One piece of rendering in a forked process while this one renders another.

Rendering a large collection is CPU work in pure Python, so threads would not overlap it;
a forked child starts with everything already built (the models, the client, the compiled
templates) and sends back only its files. Where fork is not the way (not Linux, one core,
``POSTGEN_JOBS=1``) or the child fails for any reason, the work runs in this process when
its result is asked for, so the output, and any error, is exactly that of a serial run.
"""

from __future__ import annotations

import os
import pickle
import sys
from collections.abc import Callable
from typing import Final, TypeVar

__all__ = ["JOBS_ENV", "background"]

T = TypeVar("T")
JOBS_ENV: Final = "POSTGEN_JOBS"


def _can_fork() -> bool:
    return (
        sys.platform == "linux"
        and (os.cpu_count() or 1) > 1
        and os.environ.get(JOBS_ENV, "").strip() != "1"
    )


def background(work: Callable[[], T], *, worth_it: bool = True) -> Callable[[], T]:
    """Start ``work`` in a forked child; the function returned waits for its result (the
    first call; later calls return it again).

    ``worth_it=False`` (a small job: a fork costs more than it saves) runs it serially."""
    if not (worth_it and _can_fork()):
        return _once(work)
    sys.stdout.flush()
    sys.stderr.flush()
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: do the work, send it, leave without running any cleanup
        os.close(read_fd)
        status = 0
        try:
            payload = pickle.dumps(work(), protocol=pickle.HIGHEST_PROTOCOL)
        except BaseException:
            payload, status = b"", 1
        try:
            with os.fdopen(write_fd, "wb") as pipe:
                pipe.write(payload)
        finally:
            os._exit(status)
    os.close(write_fd)

    def result() -> T:
        with os.fdopen(read_fd, "rb") as pipe:
            payload = pipe.read()
        _, status = os.waitpid(pid, 0)
        if os.waitstatus_to_exitcode(status) != 0 or not payload:
            return work()  # the child failed: do it here, where its error is reported as usual
        value: T = pickle.loads(payload)
        return value

    return _once(result)


def _once(work: Callable[[], T]) -> Callable[[], T]:
    """``work``, run on the first call only (an error too is raised once: the next call
    runs it again)."""
    done: list[T] = []

    def first() -> T:
        if not done:
            done.append(work())
        return done[0]

    return first
