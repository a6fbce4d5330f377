"""The index handle of an Archive: the View it serves from, followed across generations."""

from __future__ import annotations

import os
import threading
from pathlib import Path
from typing import Any

from . import store
from .engine import exact
from .view import View


class CurrentPointer:
    """The home's CURRENT (the served generation's name), read again only when the file changed.

    Every request asks which generation is current; reading the file each time cost an open, a
    read and a decode. A build publishes with os.replace of a freshly written file, so a new
    generation is always a new inode (the old CURRENT still exists while its successor is
    written, so the two cannot share one), and a stat tells at once that it changed; mtime
    and size are compared as well, in case something rewrites the file in place. The stat
    is taken before the read: a cached name is never older than the stamp stored with it.
    """

    def __init__(self, home: Path) -> None:
        self.path = home / store.CURRENT
        self.home = home
        self._seen: tuple[tuple[int, int, int, int], str | None] | None = None

    def name(self) -> str | None:
        try:
            st = os.stat(self.path)
        except (FileNotFoundError, NotADirectoryError):
            return None
        stamp = (st.st_ino, st.st_dev, st.st_mtime_ns, st.st_size)
        seen = self._seen  # one read of one attribute: threads see a whole pair
        if seen is not None and seen[0] == stamp:
            return seen[1]
        name = store.current_name(self.home)
        self._seen = (stamp, name)
        return name


class IndexHandle:
    """An opened archive home, shared by every request of a server.

    Each request works on one View (one generation). When a build publishes a new generation,
    the next request opens and warms it in full, then switches to it with one assignment;
    requests already running finish on the old view, and other threads keep using the old
    view until the new one is ready. The old generation's lock is released when its last
    user lets go of it, and the next build deletes its folder.
    """

    def __init__(self, home: Path | str) -> None:
        home = self.home = Path(home)  # a str from a script or notebook works too
        self._switch = threading.Lock()
        self._view = View(home)
        self._held = threading.local()
        self._users = threading.Lock()  # View.users and the list of retired views
        self._retired: list[View] = []  # replaced views that a request still holds
        self._holding = False  # callers hold views (the web app does, the CLI not)
        self._current = CurrentPointer(home)

    def hold(self) -> View:
        """Pin this thread to the current generation until release(): every lookup of one
        request (a paragraph, its neighbours, what is similar) then reads the same generation."""
        self.release()
        self._holding = True
        while True:
            v = self.view()
            with self._users:
                if v is not self._view:  # replaced between view() and here: again
                    continue
                v.users += 1
                self._held.view = v
                # replaced views that no request holds any more: every request holds its view,
                # so nobody else is using them (the CLI, which does not hold, never gets here)
                idle = [r for r in self._retired if r.users == 0]
                self._retired = [r for r in self._retired if r.users]
            for r in idle:
                r.close()
            return v

    def release(self) -> None:
        """End this thread's hold; a replaced generation is closed when its last holder lets go."""
        v = getattr(self._held, "view", None)
        self._held.view = None
        if v is None:
            return
        with self._users:
            v.users -= 1
            done = v in self._retired and v.users == 0
            if done:
                self._retired.remove(v)
        if done:
            v.close()

    def _replace(self, new: View) -> None:
        """Make ``new`` current. When callers hold views (the web app), the old one is closed
        by the release() of its last holder, or by the next hold() if none holds it. A caller
        that uses views without holding them (the CLI, scripts) may still be reading the old
        one, so it is only let go of, and closes when the last reference to it goes."""
        with self._users:
            if self._holding:
                self._retired.append(self._view)
            self._view = new

    def view(self) -> View:
        """The generation this thread holds, else the newest that is ready (checked on every
        call: one stat of CURRENT, read again when it changed)."""
        held = getattr(self._held, "view", None)
        if held is not None:
            return held
        v = self._view
        name = self._current.name()
        if name is not None and name != v.name and self._switch.acquire(blocking=False):
            try:
                if self._view.name != name:
                    new = View(self.home)
                    new.ranker()  # columns and ranker read before anyone uses it
                    self._replace(new)
            except (store.IndexMissing, OSError):
                pass  # keep answering from the generation we have
            finally:
                self._switch.release()
        return self._view

    def searcher(self) -> Any:
        return self.view().searcher()

    def close(self) -> None:
        """Release every generation this archive holds (a build may then delete them)."""
        with self._users:
            views, self._retired = [self._view, *self._retired], []
        for v in views:
            v.close()

    @property
    def exact(self) -> exact.ExactIndex:
        return self.view().exact
