"""Shared fixtures: a real Whoosh index of the repo's seeds, built once per test session."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from archive.search import Archive
from indexer.build import build

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"


@pytest.fixture(scope="session")
def seed_home(tmp_path_factory) -> Path:
    home = tmp_path_factory.mktemp("home")
    report = build([SEEDS], home)
    assert report.documents == 5 and not report.skipped
    return home


@pytest.fixture(scope="session")
def archive(seed_home) -> Archive:
    return Archive(seed_home)


@pytest.fixture
def seeds_copy(tmp_path) -> Path:
    """A writable copy of the seeds folder (for tests that change files)."""
    d = tmp_path / "seeds"
    shutil.copytree(SEEDS, d)
    return d


def replicate_seeds(dest: Path, copies: int) -> Path:
    """The seeds copied into `copies` folders: a larger index for tests that need one
    (indexed with keep_duplicates, since the copies are the same text)."""
    for k in range(copies):
        d = dest / f"copy{k}"
        d.mkdir(parents=True)
        for f in SEEDS.glob("*.txt"):
            shutil.copy(f, d / f.name)
    return dest
