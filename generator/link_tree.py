"""Hard-link every entry of a directory tree into a new one (symbolic links copied as links),
and tell each file's sha256.

Run as a script beside a run (``python -I -S link_tree.py SOURCE TARGET PARENT_PID``): the
staging of OUT's next tree (write.py) starts from a copy of OUT made by links, on another
core while the collection renders, so a run that changes a few files links none itself and
reads none (it compares each file it makes with the hash printed here: ``HASH PATH`` lines).
It imports nothing of postgen; it exits non-zero on any failure (the stage then links the
files itself), and dies with the run that started it (Linux), leaving nothing that run's
clean-up or the next run's recovery does not remove.
"""

from __future__ import annotations

import hashlib
import os
import sys


def link_tree(source: str, target: str, hashes: list[str], prefix: str = "") -> None:
    """``target`` (new) holds every directory, file and symbolic link of ``source``; each
    regular file's ``HASH PATH`` line (its path relative to the top) goes into ``hashes``."""
    os.mkdir(target)
    with os.scandir(source) as entries:
        for entry in entries:
            into = f"{target}/{entry.name}"
            if entry.is_symlink():
                os.symlink(os.readlink(entry.path), into)
            elif entry.is_dir():
                link_tree(entry.path, into, hashes, f"{prefix}{entry.name}/")
            else:
                os.link(entry.path, into)
                if entry.is_file() and "\n" not in entry.name:
                    # The linked file, read once it is the stage's: what the stage will hold.
                    with open(into, "rb") as handle:
                        digest = hashlib.file_digest(handle, "sha256").hexdigest()
                    hashes.append(f"{digest} {prefix}{entry.name}\n")


def _die_with(parent: int) -> None:
    """Be killed when ``parent`` dies (PR_SET_PDEATHSIG), or exit now if it already has."""
    import ctypes
    import signal

    libc = ctypes.CDLL(None, use_errno=True)
    pr_set_pdeathsig = 1
    libc.prctl(pr_set_pdeathsig, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent:
        sys.exit(3)


if __name__ == "__main__":
    _die_with(int(sys.argv[3]))
    found: list[str] = []
    link_tree(sys.argv[1], sys.argv[2], found)
    sys.stdout.write("".join(found))  # at the end, in one go: the run reads it then
