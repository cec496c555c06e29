"""Issue 22: the suite's garbage-collector settings (tests/conftest.py) hold in every test process, and what a test
makes is still collected."""

from __future__ import annotations

import gc
import weakref

from tests.conftest import GC_THRESHOLDS


def test_what_was_alive_before_the_test_is_frozen_and_young_collections_are_rarer() -> None:
    assert gc.get_threshold() == GC_THRESHOLDS
    assert gc.get_freeze_count() > 100_000  # the libraries and test modules imported by collection alone


class _Node:
    def __init__(self) -> None:
        self.me = self


def test_a_cycle_a_test_makes_is_still_collected() -> None:
    node = _Node()
    ref = weakref.ref(node)
    del node
    assert ref() is not None  # a cycle: refcounting alone does not free it
    gc.collect()
    assert ref() is None
