"""Shared fixtures: paths of the seed documents and the repository root; hypothesis profiles.

``HYPOTHESIS_PROFILE=mutants`` (set by ``bench/mutants.py``) runs every
property with a fixed seed, no example database and no shrinking: the same
examples each run, and a failure is reported as soon as it is found.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import Phase, settings

ROOT = Path(__file__).resolve().parent.parent

settings.register_profile("mutants", derandomize=True, database=None, phases=[Phase.explicit, Phase.generate],
                          print_blob=False)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


@pytest.fixture
def root() -> Path:
    return ROOT
