"""Both stores implement every method of the ``Store`` protocol with the protocol's
parameters (what a further backend must match), and their version changes with each
write, whichever process wrote."""

import inspect

import pytest
from store_backends import is_postgres

from storylens.model import Skipped
from storylens.store import SQLiteStore, Store, open_store
from storylens.store.postgres import PostgresStore


def protocol_methods() -> dict[str, inspect.Signature]:
    return {name: inspect.signature(member) for name, member in vars(Store).items()
            if callable(member) and (not name.startswith("_") or name in ("__enter__", "__exit__"))}


@pytest.mark.parametrize("implementation", [SQLiteStore, PostgresStore])
def test_each_store_has_every_protocol_method_with_the_same_parameters(implementation):
    methods = protocol_methods()
    assert {"add_articles", "get_articles_light", "search", "version", "replace_comparison", "regrouping"} <= set(methods)
    for name, expected in methods.items():
        actual = inspect.signature(getattr(implementation, name))
        assert list(actual.parameters) == list(expected.parameters), name
        for param, spec in expected.parameters.items():
            assert actual.parameters[param].default == spec.default, f"{name}({param}=...)"
    assert isinstance(vars(Store)["where"], property) and isinstance(vars(implementation)["where"], property)


def test_version_changes_when_the_store_changes(location):
    for where in (location, ":memory:"):
        with open_store(where) as store:
            before = store.version()
            assert store.version() == before  # reading changes nothing
            store.list_skipped()
            store.search("anything")
            assert store.version() == before
            store.add_skipped([Skipped("a.txt", "empty file")])
            assert store.version() != before


def test_a_second_process_writing_changes_the_version(location):
    with open_store(location) as reader, open_store(location) as writer:
        before = reader.version()
        writer.add_skipped([Skipped("b.txt", "empty file")])
        assert reader.version() != before
        if is_postgres(location):  # a write that fails changes nothing
            after = reader.version()
            with pytest.raises(ValueError):
                writer.add_articles([], batch_size=0)
            assert reader.version() == after
