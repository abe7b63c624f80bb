"""How a statement was made, when the text says so: a social media post, an interview
with an outlet, a statement, a video, a broadcast."""

from __future__ import annotations

import logging
import re

from spacy.tokens import Token

from ..model import Entity
from .quotes_lexicon import MEDIA_NOUNS, OUTLET_WORDS
from .nlp import text_of

__all__ = ["find_medium"]

log = logging.getLogger(__name__)

_PLATFORMS = r"(?:social media|Truth Social|X|Twitter|Facebook|Instagram|TikTok|Threads|Bluesky|Telegram|YouTube|LinkedIn|Weibo|Mastodon)"
_SOCIAL = re.compile(
    rf"\b(?:(?:posted|wrote|said|announced|declared|stated)\b[^.;]{{0,40}}?\bon {_PLATFORMS}\b"
    rf"|\bin an? (?:social media |online )?(?:post|tweet|message)\b"
    rf"|\bon {_PLATFORMS}\b)")
_INTERVIEW_WITH = re.compile(r"\b(?i:in an? (?:\w+ )?interview with) ((?:the )?(?:[A-Z][\w&'.-]*\s?)+)")
_INTERVIEW = re.compile(r"\b(?i:in an? (?:\w+ )?interview)\b")
_STATEMENT = re.compile(r"\b(?i:in|issued) an? (?:\w+ )?(?:written )?statement\b|\bstatement (?:released|issued|from)\b")
_VIDEO = re.compile(r"\b(?i:in) an? (?:\w+ )?video\b")
_BROADCAST = re.compile(r"\b(?:in an? (?:televised|broadcast|television|radio) (?:address|speech|broadcast|appearance)"
                        r"|in an? broadcast|on (?:state |national |public )?(?:television|TV|radio))\b")
_ON_OUTLET = re.compile(r"\b(?:said|told|appearing|speaking) on ((?:[A-Z][\w&'.-]*\s?)+)")


def _outlet_name(words: str) -> bool:
    tokens = {w.strip(".,'\u2019").lower() for w in words.split()}
    return bool(tokens & OUTLET_WORDS)


def _told_outlet(cue: Token, org_spans: list[tuple[int, int]]) -> str | None:
    """``told broadcaster Y`` / ``told Fox News``: the recipient when it is a news outlet."""
    for child in cue.children:
        if child.dep_ not in ("dobj", "dative", "iobj"):
            continue
        words = [t for t in child.subtree if not t.is_punct]
        if not words:
            continue
        if words[0].lower_ in ("the", "a", "an"):
            words = words[1:]
        if words and words[0].lower_ in MEDIA_NOUNS and len(words) > 1:
            return " ".join(t.text for t in words[1:])
        name = " ".join(t.text for t in words)
        start, end = child.left_edge.idx, child.right_edge.idx + len(child.right_edge.text)
        is_org = any(s < end and start < e for s, e in org_spans) or child.ent_type_ == "ORG"
        if (is_org or child.pos_ == "PROPN") and _outlet_name(name):
            return text_of(child.doc)[start:end]
    return None


def find_medium(cue: Token, context: str, entities: list[Entity]) -> str | None:
    """``context`` is the cue's sentence with the quoted content blanked out."""
    if cue.lemma_ == "tweet" or _SOCIAL.search(context):
        if _VIDEO.search(context):
            return "video"
        return "social media post"
    match = _INTERVIEW_WITH.search(context)
    if match:
        return f"interview with {match.group(1).strip()}"
    if cue.lemma_ == "tell":
        org_spans = [(m.start, m.end) for e in entities if e.kind == "org" for m in e.mentions]
        outlet = _told_outlet(cue, org_spans)
        if outlet:
            return f"interview with {outlet}"
    if _INTERVIEW.search(context):
        return "interview"
    if _STATEMENT.search(context):
        return "statement"
    if _VIDEO.search(context):
        return "video"
    if _BROADCAST.search(context):
        return "broadcast"
    match = _ON_OUTLET.search(context)
    if match and _outlet_name(match.group(1)):
        return f"interview with {match.group(1).strip()}"
    return None
