"""The spaCy model loads offline and is refused when its files are not the pinned ones."""

import shutil

import pytest

from storylens.extract.nlp import MODEL_FILE_SHA256, ModelError, load_nlp, model_path, verify_model


def test_pinned_model_verifies_and_loads():
    verify_model(model_path())
    nlp = load_nlp()
    assert {"parser", "ner", "lemmatizer"} <= set(nlp.pipe_names)
    assert load_nlp() is nlp  # once per process


def test_a_tampered_model_is_refused(tmp_path):
    copy = tmp_path / "model"
    shutil.copytree(model_path(), copy)
    target = copy / "ner" / "model"
    target.write_bytes(target.read_bytes()[:-1] + b"\x00")
    with pytest.raises(ModelError, match="ner/model has SHA-256"):
        verify_model(copy)
    (copy / "tagger" / "model").unlink()
    with pytest.raises(ModelError, match="cannot be read|SHA-256"):
        verify_model(copy)
    assert len(MODEL_FILE_SHA256) >= 10
