"""The files under a folder that `archive index` is given, and every one it leaves out, with
the reason: nothing is skipped without a word."""

from __future__ import annotations

import os
from pathlib import Path


def source_files(root: Path) -> tuple[list[Path], list[tuple[Path, str]]]:
    """(files, skipped) under root, following symbolic links to folders once.

    Hidden files and folders (a leading dot: .git, .DS_Store, editor backups) are left out;
    a dangling symbolic link, a link that leads back into a folder already read (a loop, or
    the same folder reached twice) and a folder that cannot be opened are reported."""
    files: list[Path] = []
    skipped: list[tuple[Path, str]] = []
    seen: dict[tuple[int, int], Path] = {}

    def on_error(exc: OSError) -> None:
        skipped.append((Path(exc.filename or root), f"cannot open folder: {exc.strerror or exc}"))

    for top, dirs, names in os.walk(root, onerror=on_error, followlinks=True):
        here = Path(top)
        try:
            st = os.stat(here)
        except OSError as exc:
            skipped.append((here, f"cannot open folder: {exc.strerror or exc}"))
            dirs[:] = []
            continue
        key = (st.st_dev, st.st_ino)
        if key in seen:
            first = seen[key]
            why = (
                "symbolic link loop: leads back to "
                if first in here.parents
                else "folder already read through another path: "
            ) + str(first)
            skipped.append((here, why))
            dirs[:] = []
            continue
        seen[key] = here
        kept = []
        for d in sorted(dirs):
            p = here / d
            if d.startswith("."):
                skipped.append((p, "hidden folder (its name starts with a dot)"))
            else:
                kept.append(d)
        dirs[:] = kept
        for name in sorted(names):
            p = here / name
            if p.is_symlink() and not p.exists():
                skipped.append((p, f"dangling symbolic link (to {os.readlink(p)}, which does not exist)"))
            elif name.startswith("."):
                skipped.append((p, "hidden file (its name starts with a dot)"))
            elif p.is_file():
                files.append(p)
            else:
                skipped.append((p, "not a regular file"))
    return sorted(files), skipped
