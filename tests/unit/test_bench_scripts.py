"""Every benchmark script under bench/ still imports: they run outside ``make test``, so
a name moved in the package would otherwise break one unseen (bench/compare.py imported a
renamed private function for several sessions)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench"


@pytest.mark.parametrize("script", sorted(p.name for p in BENCH.glob("*.py")))
def test_a_benchmark_script_imports(script: str) -> None:
    spec = importlib.util.spec_from_file_location(f"bench_{script[:-3]}", BENCH / script)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # (a dataclass looks its module up there)
    sys.path.insert(0, str(BENCH))  # scripts import their neighbours (bench/web.py: web_store)
    try:
        spec.loader.exec_module(module)  # the scripts run only under __main__
    finally:
        sys.path.remove(str(BENCH))
        del sys.modules[spec.name]
