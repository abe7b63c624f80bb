"""The SQLite store implements every method of the ``Store`` protocol with the protocol's
parameters (what a second backend must match), and its version changes with each write."""

import inspect

from storylens.model import Skipped
from storylens.store import SQLiteStore, Store, open_store


def protocol_methods() -> dict[str, inspect.Signature]:
    return {name: inspect.signature(member) for name, member in vars(Store).items()
            if callable(member) and (not name.startswith("_") or name in ("__enter__", "__exit__"))}


def test_sqlite_store_has_every_protocol_method_with_the_same_parameters():
    methods = protocol_methods()
    assert {"add_articles", "get_articles_light", "search", "version", "replace_comparison"} <= set(methods)
    for name, expected in methods.items():
        actual = inspect.signature(getattr(SQLiteStore, name))
        assert list(actual.parameters) == list(expected.parameters), name
        for param, spec in expected.parameters.items():
            assert actual.parameters[param].default == spec.default, f"{name}({param}=...)"
    assert isinstance(vars(Store)["where"], property) and isinstance(vars(SQLiteStore)["where"], property)


def test_version_changes_when_the_store_changes(tmp_path):
    for location in (tmp_path / "s.db", ":memory:"):
        with open_store(location) as store:
            before = store.version()
            assert store.version() == before  # reading changes nothing
            store.list_skipped()
            assert store.version() == before
            store.add_skipped([Skipped("a.txt", "empty file")])
            assert store.version() != before


def test_a_second_process_writing_changes_the_version(tmp_path):
    db = tmp_path / "s.db"
    with open_store(db) as reader, open_store(db) as writer:
        before = reader.version()
        writer.add_skipped([Skipped("b.txt", "empty file")])
        assert reader.version() != before
