"""The dispatcher: folders, extensions, metadata, and every kind of bad input."""

import json
import os
from datetime import datetime, timezone
from pathlib import Path

import pytest

from storylens.ingest import MAX_SINGLE_FILE_BYTES, iter_documents
from storylens.ingest.metadata import load_manifest
from storylens.model import RawDocument, Skipped

NOW = datetime(2026, 4, 4, tzinfo=timezone.utc)
ARTICLE = "The Orsa dam's spillways stayed open for a third day on Sunday, the water authority said.\n"


def collect(*paths, manifest=None):
    return list(iter_documents([Path(p) for p in paths], NOW, manifest))


def test_folder_is_walked_recursively_in_order_and_hidden_files_ignored(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "two.txt").write_text(ARTICLE)
    (tmp_path / "a.txt").write_text(ARTICLE + "More.")
    (tmp_path / ".hidden.txt").write_text(ARTICLE)
    docs = collect(tmp_path)
    assert [Path(d.source).name for d in docs] == ["a.txt", "two.txt"]
    assert all(isinstance(d, RawDocument) and d.kind == "text" for d in docs)
    assert docs[0].fetched_at == NOW


def test_bad_inputs_each_give_one_skipped_line_and_the_run_goes_on(tmp_path):
    empty_dir = tmp_path / "nothing"
    empty_dir.mkdir()
    (empty_dir / "readme.md").write_text("# nothing to read")
    tmp_path = tmp_path / "inputs"
    tmp_path.mkdir()
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "notes.docx").write_bytes(b"PK\x03\x04")
    (tmp_path / "good.txt").write_text(ARTICLE)
    big = tmp_path / "huge.txt"
    with big.open("wb") as handle:  # sparse: 50 MB on paper, nothing read into memory
        handle.truncate(50 * 1024 * 1024)
    items = collect(tmp_path, empty_dir, tmp_path / "missing.txt")
    by_name = {Path(i.source).name: i for i in items}
    assert isinstance(by_name["good.txt"], RawDocument)
    assert by_name["empty.txt"].reason == "empty file"
    assert "unknown file type .docx" in by_name["notes.docx"].reason
    assert "50.0 MiB" in by_name["huge.txt"].reason and big.stat().st_size > MAX_SINGLE_FILE_BYTES
    assert "no readable files" in by_name["nothing"].reason
    assert "unknown file type .md" in by_name["readme.md"].reason
    assert by_name["missing.txt"].reason == "no such file or folder"


def test_a_file_that_vanishes_mid_run_is_skipped(tmp_path):
    first, second = tmp_path / "1.txt", tmp_path / "2.txt"
    first.write_text(ARTICLE)
    second.write_text(ARTICLE + "Second.")
    items = []
    for item in iter_documents([tmp_path], NOW):
        items.append(item)
        if len(items) == 1:
            second.unlink()
    assert isinstance(items[0], RawDocument)
    assert isinstance(items[1], Skipped) and "vanished" in items[1].reason


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read any file")
def test_unreadable_file_is_skipped(tmp_path):
    path = tmp_path / "locked.txt"
    path.write_text(ARTICLE)
    path.chmod(0)
    (item,) = collect(path)
    assert "permission denied" in item.reason


def test_sidecar_metadata_is_attached_and_bad_sidecar_reported(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE)
    (tmp_path / "a.meta.json").write_text(json.dumps({"outlet": "Vellmar Courier", "published": "2026-04-03T09:00:00+02:00"}))
    (tmp_path / "b.txt").write_text(ARTICLE + "B.")
    (tmp_path / "b.meta.json").write_text("{not json")
    items = collect(tmp_path)
    a = next(i for i in items if isinstance(i, RawDocument) and i.source.endswith("a.txt"))
    assert a.metadata["outlet"] == "Vellmar Courier"
    assert a.metadata_origin["outlet"] == "sidecar a.meta.json"
    bad = next(i for i in items if isinstance(i, Skipped))
    assert bad.source.endswith("b.meta.json") and "not valid JSON" in bad.reason
    assert any(isinstance(i, RawDocument) and i.source.endswith("b.txt") for i in items)


def test_manifest_wins_over_sidecar(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE)
    (tmp_path / "a.meta.json").write_text(json.dumps({"outlet": "From Sidecar", "language": "en"}))
    manifest_path = tmp_path / "manifest.csv"
    manifest_path.write_text("path,outlet,url\na.txt,From Manifest,https://www.vellmar-courier.example/orsa\n")
    (doc,) = [i for i in collect(tmp_path / "a.txt", manifest=load_manifest(manifest_path))]
    assert doc.metadata == {"outlet": "From Manifest", "language": "en", "url": "https://www.vellmar-courier.example/orsa"}
    assert doc.metadata_origin["outlet"] == "manifest manifest.csv"
    assert doc.url == "https://www.vellmar-courier.example/orsa"


def test_manifest_without_path_column_is_an_error(tmp_path):
    from storylens.errors import InputError

    bad = tmp_path / "m.csv"
    bad.write_text("outlet,url\nX,https://x.example\n")
    with pytest.raises(InputError, match="no path column"):
        load_manifest(bad)
