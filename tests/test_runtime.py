"""The server's garbage-collection tuning: long-lived objects are frozen once per new import."""

from __future__ import annotations

import gc
import sys
import types
from collections.abc import Iterator

import pytest

from components import runtime


@pytest.fixture
def unfrozen() -> Iterator[None]:
    """Leave the test process as it was: nothing frozen before or after."""
    gc.unfreeze()
    runtime._modules_when_frozen = 0
    yield
    gc.unfreeze()
    runtime._modules_when_frozen = 0


def test_long_lived_objects_leave_the_collectors_way_once_per_new_import(unfrozen: None) -> None:
    runtime.freeze_long_lived_objects()
    frozen = gc.get_freeze_count()
    assert frozen > 1000  # the imported modules, classes and data of this process

    created_by_a_rerun = [[n] for n in range(100)]
    runtime.freeze_long_lived_objects()  # nothing new imported: a rerun freezes nothing more
    assert gc.get_freeze_count() == frozen
    del created_by_a_rerun

    sys.modules["_gapwatch_test_module"] = types.ModuleType("_gapwatch_test_module")
    try:
        runtime.freeze_long_lived_objects()  # a page imported something: freeze again
        assert gc.get_freeze_count() > frozen
    finally:
        del sys.modules["_gapwatch_test_module"]
