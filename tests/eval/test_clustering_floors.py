"""Story clustering floors (skipped when ../shared is absent).

Through the user's path: ``storylens.pipeline.analyze`` (no comparison) on JSONL whose
urls carry no topic (``https://example.org/<sha1 of the id>``), in one shuffled order,
on subsets that keep the suite within a few minutes: ECB+ dev topics 1, 4, 7, ... 34
(a third: 12 topics, 304 documents), the GVA dev articles published in July 2015 (138),
NewsWCL50 dev (35). The full sets in 5 orders are ``bench/stories.py`` (numbers in
docs/benchmarks.md). The floors are the measured scores minus a small margin; the
settings were tuned on the full dev sets (``storylens.eval.ecbplus`` docstring).

Also, fast: the clusterer alone on the cheap lemma features of all of ECB+ dev and
NewsWCL50 dev (``storylens eval``), and the same stories for a reversed input.
"""

from __future__ import annotations

import pytest

from storylens.eval.data import MissingDataError, shared_dir


def _need(path: str) -> None:
    try:
        shared_dir(path)
    except MissingDataError as exc:
        pytest.skip(f"evaluation data absent: {exc}")


@pytest.fixture(scope="module")
def ecb_third(tmp_path_factory) -> dict[str, float]:
    _need("eval/ecbplus/dev.jsonl")
    from storylens.eval import ecbplus

    records = [r for r in ecbplus.load_records(None, "dev", None) if int(r["topic"]) % 3 == 1]
    return ecbplus.analyze_scores(records, tmp_path_factory.mktemp("ecb"), "ecbplus", seed=1)


@pytest.fixture(scope="module")
def gva_month(tmp_path_factory) -> dict[str, float]:
    _need("eval/gva/dev.jsonl")
    from storylens.eval import ecbplus

    records = [r for r in ecbplus.load_records(None, "dev", None, folder="eval/gva")
               if str(r.get("published", "")).startswith("2015-07")]
    return ecbplus.analyze_scores(records, tmp_path_factory.mktemp("gva"), "gva", seed=1)


@pytest.fixture(scope="module")
def wcl_analyze(tmp_path_factory) -> dict[str, float]:
    _need("eval/newswcl50/dev.jsonl")
    from storylens.eval import ecbplus, newswcl50

    records = newswcl50.load_records(None, "dev", None)
    return ecbplus.analyze_scores(records, tmp_path_factory.mktemp("wcl"), "newswcl50", seed=1)


def test_ecbplus_third_through_analyze(ecb_third):
    assert ecb_third["documents"] == 304 and ecb_third["missing"] == 0
    assert ecb_third["bcubed_p"] >= 0.93  # measured .951
    assert ecb_third["bcubed_f1"] >= 0.845  # measured .864


def test_gva_month_through_analyze(gva_month):
    # inputs skipped with their reason (no article text left once the page furniture is
    # gone; a registration page saved in place of the article) count as singletons here
    assert gva_month["documents"] == 138 and gva_month["missing"] <= 2
    assert gva_month["bcubed_p"] >= 0.95  # measured .971; .969 at the ninth session
    assert gva_month["bcubed_f1"] >= 0.92  # measured .941; .946 at the ninth session


def test_newswcl50_through_analyze(wcl_analyze):
    assert wcl_analyze["documents"] == 35 and wcl_analyze["missing"] == 0
    assert wcl_analyze["bcubed_f1"] >= 0.95  # measured 1.0


@pytest.fixture(scope="module")
def ecb_cheap() -> dict[str, float]:
    _need("eval/ecbplus/dev.jsonl")
    from storylens.eval import ecbplus

    return ecbplus.evaluate(lemmas="cheap")


def test_ecbplus_dev_cheap_lemmas_every_document(ecb_cheap):
    assert ecb_cheap["documents"] == 772
    assert ecb_cheap["bcubed_f1"] >= 0.90
    assert ecb_cheap["pairwise_f1"] >= 0.87


def test_newswcl50_dev_cheap_lemmas():
    _need("eval/newswcl50/dev.jsonl")
    from storylens.eval import newswcl50

    assert newswcl50.evaluate()["bcubed_f1"] >= 0.95


def test_ecbplus_same_stories_for_a_reversed_input():
    _need("eval/ecbplus/dev.jsonl")
    from storylens.cluster import cluster_features
    from storylens.eval import ecbplus

    records = ecbplus.load_records(None, "dev", None)
    feats = ecbplus.record_features(records, "cheap")
    assert cluster_features(feats)[0] == cluster_features(list(reversed(feats)))[0]
