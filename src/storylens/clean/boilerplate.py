"""Tell article body from page furniture, line by line, in a select-all page dump.

A person who saves an article by select-all-and-copy gets the body mixed with the
page's furniture: menus, section lists, share and subscribe prompts, cookie notices,
captions and credits, "related" and "most read" lists, comment threads, footers.
:func:`classify_lines` gives every line a :class:`LineVerdict` (keep it or not, and
why not) from general line features, in the spirit of jusText:

1. each line gets features: words, characters, share of English stop words,
   sentence-final punctuation, title-case share, code-like symbols;
2. small families of furniture phrases (in ``furniture_patterns``: consent, copyright,
   share/subscribe, sign-in, advertisement, comment counts and policy, "related" headers,
   tag lists, disclosures, credits, site promos) and author bios
   mark lines as furniture outright; short lines that recur on the page do too;
3. lines are graded *good* (prose), *near* (medium, could be either), *short*;
4. runs of menu-like short lines and of headline-like lines are furniture;
5. the main content region is the densest stretch of prose; lines before or after it
   are furniture, and a comment section or "related" block after the body ends it;
6. remaining short and medium lines take the class of their context: a subheading or
   one-line quote between body paragraphs is kept, a stray line among furniture is not.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from ..regex_needles import folds_oddly, holds_one, needles
from .furniture_patterns import AUTHOR_BIO, FAMILIES, NEWSROOM_ROLES
from .structured import split_paragraph_label

__all__ = ["LineVerdict", "body_furniture", "classify_lines", "interleaved_links", "only_site_prompts", "STOP_WORDS"]

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class LineVerdict:
    """Keep the line in the article body, or drop it as furniture (``reason`` says why)."""

    keep: bool
    reason: str | None = None


STOP_WORDS = frozenset(
    """a about above after again against all also am an and any are as at be because been
    before being below between both but by can could did do does doing down during each few
    for from further had has have having he her here hers herself him himself his how i if
    in into is it its itself just me more most my myself no nor not now of off on once only
    or other our ours ourselves out over own same she should so some such than that the
    their theirs them themselves then there these they this those through to too under
    until up very was we were what when where which while who whom why will with would you
    your yours yourself yourselves said says say told may might must shall one two many
    much still even however although though since yet whether according""".split()
)

_WORD = re.compile(r"[^\W\d_][\w'’-]*", re.UNICODE)
_SENTENCE_END = re.compile(r"[.!?…:;][\"'”’)\]]*$|[\"”]$")
_CODE = re.compile(r"[{}();=<>\[\]]|^\s*(?:def|class|import|from|return|if|for|var|let|const)\b|\w\.\w+\(|^[@#$]\w")
_DIGITS = re.compile(r"\d+")

_COMMENT_SECTION = re.compile(
    r"^(?:\d+|one|no)\s+(?:comments?|responses?|replies|thoughts?)\b.*|"
    r"^(?:comments?|responses?|replies|discussion|reader comments|"
    r"join the (?:discussion|conversation)|leave a (?:reply|comment)|post a comment|add a comment|"
    r"what do you think\??|conversation|\d+ thoughts? on\b.*|one (?:response|comment|thought)\b.*)\W*$",
    re.I,
)


@dataclass
class _Line:
    text: str
    n_words: int
    n_chars: int
    stop_density: float
    sentence_end: bool
    title_ratio: float
    code: bool
    key: str
    lower: str
    grade: str = "short"  # good / near / short / bad
    reason: str | None = None
    wrapped: bool = False


def _features(text: str) -> _Line:
    words = _WORD.findall(text)
    lower = [w.lower() for w in words]
    lowered = text.lower()
    n = len(text.split())
    stops = sum(1 for w in lower if w in STOP_WORDS)
    caps = sum(1 for w in words if w[0].isupper())
    return _Line(
        text=text,
        n_words=n,
        n_chars=len(text),
        stop_density=stops / len(words) if words else 0.0,
        sentence_end=bool(_SENTENCE_END.search(text)),
        title_ratio=caps / len(words) if words else 0.0,
        code=bool(_CODE.search(text)),
        key=_DIGITS.sub("0", lowered),
        lower=lowered,
    )


def only_site_prompts(lines: list[str]) -> bool:
    """Whether a text holds no article at all, only the site's own prompts: every line a
    furniture phrase (sign-in, registration, newsletter, alerts, subscription; see
    ``furniture_patterns``) or a short label ("Just One More Thing...", "Total Access"),
    and at least one such phrase. A registration page saved in place of an article."""
    any_phrase = False
    for line in lines:  # an article's first line of prose ends the search: this runs on every input
        f = _features(line)
        if _family(f) is not None:
            any_phrase = True
        elif not (f.n_words <= 3 or (f.n_words <= 6 and (not f.sentence_end or f.text.endswith(("...", "…"))))):
            return False  # neither a furniture phrase nor a short label (an ellipsis is no full stop)
    return any_phrase


#: The words each family's pattern cannot match without (tested before the pattern).
_FAMILY_NEEDLES = [needles(pattern) for _, pattern, _ in FAMILIES]


def _family(line: _Line, passed_over: frozenset[str] = frozenset()) -> str | None:
    """The first furniture phrase family (``furniture_patterns.FAMILIES``) the line is of,
    but those named in ``passed_over``."""
    searched = folds_oddly(line.text)  # else only the lines holding a family's needles
    for (reason, pattern, max_words), words in zip(FAMILIES, _FAMILY_NEEDLES):
        if line.n_words <= max_words and reason not in passed_over \
                and (searched or holds_one(words, line.lower)) and pattern.search(line.text):
            return reason
    return None


def _is_menu_like(line: _Line) -> bool:
    """One to four words, no sentence, mostly capitalised: a menu or section item."""
    return (
        line.n_words <= 4
        and not line.sentence_end
        and not any(c.isdigit() for c in line.text)
        and not line.code
        and (line.title_ratio >= 0.5 or line.n_words == 1)
    )


def _is_headline_like(line: _Line) -> bool:
    """A title: four or more words, no closing punctuation, not cut mid-sentence."""
    words = line.text.split()
    return (
        4 <= line.n_words <= 40
        and not line.sentence_end
        and not line.code
        and not line.wrapped
        and not line.text[:1].islower()
        and not line.text.endswith(",")
        and words[-1].lower() not in STOP_WORDS
    )


def _grade(line: _Line, english: bool) -> str:
    if english:
        if line.n_words >= 12 and line.stop_density >= 0.2 and (line.sentence_end or line.n_words >= 25):
            return "good"
        if line.n_words >= 20 and line.sentence_end:
            return "good"
        if line.n_words >= 5 and (line.sentence_end or line.stop_density >= 0.25):
            return "near"
        if line.code:
            return "near"
        return "short"
    if line.n_words >= 15 or (line.n_chars >= 90 and line.sentence_end):
        return "good"
    if line.n_words >= 6 and line.sentence_end:
        return "near"
    return "short"


def _runs(lines: list[_Line], test: Callable[[int], bool]) -> list[tuple[int, int]]:
    runs: list[tuple[int, int]] = []
    start: int | None = None
    for i in range(len(lines) + 1):
        ok = i < len(lines) and test(i)
        if ok and start is None:
            start = i
        elif not ok and start is not None:
            runs.append((start, i))
            start = None
    return runs


def classify_lines(lines: list[str], protected: set[int] | None = None) -> list[LineVerdict]:
    """One verdict per line of a page dump (non-empty, stripped lines, in page order).

    ``protected`` indexes (headline, byline, body start found by the caller) are always
    kept and serve as anchors of the body.
    """
    protected = set(protected or ())
    if not lines:
        return []
    feats = [_features(text) for text in lines]
    long_lines = [f for f in feats if f.n_words >= 8]
    english = bool(long_lines) and sum(f.stop_density for f in long_lines) / len(long_lines) >= 0.15

    counts = Counter(f.key for f in feats)
    for i, f in enumerate(feats):
        if i in protected:
            f.grade = "good"
            continue
        reason = _family(f)
        if reason is None and counts[f.key] > 1 and (
            _is_menu_like(f) or (not f.sentence_end and not f.code and f.n_words <= 25)
        ):
            reason = "repeated page element"
        if reason is not None:
            f.grade, f.reason = "bad", reason
        else:
            f.grade = _grade(f, english)
    _wrapped_paragraphs(feats, protected, english)
    _author_bios(feats, protected)
    listed = _introduced_lists(feats, protected)

    # Runs of menu-like lines (bad lines inside a run do not break it).
    def menu_or_bad(i: int) -> bool:
        f = feats[i]
        return i not in protected and i not in listed and (
            f.grade == "bad" or (f.grade == "short" and _is_menu_like(f)))

    for a, b in _runs(feats, menu_or_bad):
        menu = [i for i in range(a, b) if feats[i].grade != "bad"]
        if b - a >= 4 and len(menu) >= 3:
            for i in menu:
                feats[i].grade, feats[i].reason = "bad", f"navigation: run of {b - a} short lines"

    # Runs of headline-like lines: related/most-read lists.
    def headline(i: int) -> bool:
        f = feats[i]
        return i not in protected and i not in listed and f.grade in ("short", "near", "bad") and (
            f.grade == "bad" or _is_headline_like(f) or _is_menu_like(f))

    for a, b in _runs(feats, headline):
        heads = [i for i in range(a, b) if feats[i].grade != "bad" and _is_headline_like(feats[i])]
        if len(heads) >= 3:
            for i in range(a, b):
                if feats[i].grade != "bad":
                    feats[i].grade, feats[i].reason = "bad", f"list of {len(heads)} headline-like lines"

    _region(feats, protected)
    _smooth(feats)
    _trim_tail(feats, protected)
    return [
        LineVerdict(True, None) if (i in protected or f.grade == "good") else LineVerdict(False, f.reason)
        for i, f in enumerate(feats)
    ]


def _wrapped_paragraphs(feats: list[_Line], protected: set[int], english: bool) -> None:
    """Hard-wrapped prose (a line that stops mid-sentence, the next going on in lower
    case) is graded as one paragraph, so its lines are not mistaken for a list."""
    n = len(feats)
    i = 0
    while i < n:
        j = i
        while (
            j + 1 < n
            and all(k not in protected and feats[k].grade != "bad" for k in (j, j + 1))
            and not feats[j].sentence_end
            and feats[j].n_words >= 5
            and feats[j + 1].text[:1].islower()
        ):
            j += 1
        if j > i:
            whole = _features(" ".join(feats[k].text for k in range(i, j + 1)))
            grade = _grade(whole, english)
            for k in range(i, j + 1):
                feats[k].grade = grade
                feats[k].wrapped = True
        i = j + 1


def _author_bios(feats: list[_Line], protected: set[int]) -> None:
    """An author bio anywhere on the page ("X is a staff writer for Y, covering ...").
    A newsroom role marks it outright; another role ("X is a professor at ...") only where
    no prose follows within the next few lines, as a body paragraph introducing someone
    would be followed by more of the article."""
    for i, f in enumerate(feats):
        if i in protected or f.grade == "bad" or f.n_words > _BIO_MAX_WORDS:
            continue
        m = AUTHOR_BIO.match(f.text)
        if m is None:
            continue
        role = (m.group("role") or m.group("writes") or "").lower()
        after = feats[i + 1 : i + 1 + _BIO_FOLLOW]
        if role in NEWSROOM_ROLES or not any(g.grade == "good" for g in after):
            f.grade, f.reason = "bad", "author bio"


_BIO_MAX_WORDS = 90
_BIO_FOLLOW = 3


def _introduced_lists(feats: list[_Line], protected: set[int]) -> set[int]:
    """Items of a list that a sentence ending in a colon introduces ("as follows:")."""
    listed: set[int] = set()
    for i, f in enumerate(feats):
        if f.grade == "bad" or not f.text.endswith(":") or f.n_words < 4 or f.stop_density < 0.15:
            continue
        for j in range(i + 1, min(len(feats), i + 1 + _LIST_LIMIT)):
            g = feats[j]
            if g.grade in ("bad", "good") or j in protected:
                break
            listed.add(j)
            if g.grade == "short":
                g.grade = "near"
    return listed


_LIST_LIMIT = 25
_GAP_SPLIT = 8  # furniture lines between two prose lines that split the page into blocks


@dataclass
class _Block:
    first: int
    last: int
    chars: int
    comments_before: bool  # a comment-section header lies between this block and the one before
    end_before: bool  # a comment or "related"/"more" header does


def _is_comment_header(feats: list[_Line], j: int) -> bool:
    """A comment-section header, not the "Comment" button of a share bar."""
    if not _COMMENT_SECTION.match(feats[j].text):
        return False
    near = feats[max(0, j - 1) : j + 2]
    return not any(f is not feats[j] and f.reason == "share/subscribe prompt" for f in near)


def _clusters(feats: list[_Line]) -> list[_Block]:
    """Blocks of prose lines, split where much furniture or a section header lies between."""
    blocks: list[_Block] = []
    for g in (i for i, f in enumerate(feats) if f.grade == "good"):
        if blocks:
            gap = range(blocks[-1].last + 1, g)
            bad = sum(1 for j in gap if feats[j].grade == "bad")
            comments = any(_is_comment_header(feats, j) for j in gap)
            related = any(feats[j].reason == "related/more list header" for j in gap)
            if bad < _GAP_SPLIT and not comments and not related:
                blocks[-1].last = g
                blocks[-1].chars += feats[g].n_chars
                continue
            blocks.append(_Block(g, g, feats[g].n_chars, comments, comments))
        else:
            blocks.append(_Block(g, g, feats[g].n_chars, False, False))
    return blocks


def _region(feats: list[_Line], protected: set[int]) -> None:
    """Drop what lies before and after the main block of prose."""
    blocks = _clusters(feats)
    if not blocks:
        for f in feats:
            if f.grade != "bad":
                f.grade, f.reason = "bad", "no article prose on the page"
        return

    def weight(k: int) -> float:
        blk = blocks[k]
        return blk.chars + sum(1000 for p in protected if blk.first <= p <= blk.last)

    # Blocks after a comment-section header that follows real prose cannot be the body.
    eligible = len(blocks)
    seen = 0
    for k, blk in enumerate(blocks):
        if blk.comments_before and seen >= _PROSE_BEFORE_COMMENTS:
            eligible = k
            break
        seen += blk.chars
    heaviest = max(weight(k) for k in range(eligible))
    main = next(k for k in range(eligible) if weight(k) >= _FIRST_SHARE * heaviest)
    log.debug("prose blocks %s, main %d", blocks, main)
    lo = hi = main
    share = _MERGE_SHARE * blocks[main].chars
    while True:  # reach over up to _SKIP small blocks to the next big one, never over an end
        ahead = [k for k in range(lo - 1, max(-1, lo - 2 - _SKIP), -1) if blocks[k].chars >= share]
        if not ahead or any(blocks[k].end_before for k in range(ahead[0] + 1, lo + 1)):
            break
        lo = ahead[0]
    while True:
        ahead = [k for k in range(hi + 1, min(eligible, hi + 2 + _SKIP)) if blocks[k].chars >= share]
        if not ahead or any(blocks[k].end_before for k in range(hi + 1, ahead[0] + 1)):
            break
        hi = ahead[0]
    first, last = blocks[lo].first, blocks[hi].last
    if protected:
        first = min(first, min(protected))
        last = max(last, max(protected))
    # The region reaches out over undecided lines up to the nearest furniture; the
    # smoothing then decides a heading, standfirst or closing line on its context.
    while first - 1 >= 0 and feats[first - 1].grade in ("short", "near"):
        first -= 1
    while last + 1 < len(feats) and feats[last + 1].grade in ("short", "near"):
        last += 1
    for i in range(first):
        if feats[i].grade != "bad" and i not in protected:
            feats[i].grade, feats[i].reason = "bad", "before the article start"
    for i in range(last + 1, len(feats)):
        if feats[i].grade != "bad" and i not in protected:
            feats[i].grade, feats[i].reason = "bad", "after the article end"
    for i in range(first, last + 1):
        if feats[i].grade == "bad" and feats[i].reason is None:
            feats[i].reason = "furniture"


_MERGE_SHARE = 0.15
_SKIP = 2
_FIRST_SHARE = 1.0
_PROSE_BEFORE_COMMENTS = 400


def _smooth(feats: list[_Line]) -> None:
    """Short and medium lines take the class of the prose or furniture around them."""
    n = len(feats)
    prev_cls: list[str | None] = [None] * n
    next_cls: list[str | None] = [None] * n
    last: str | None = None
    for i in range(n):
        prev_cls[i] = last
        if feats[i].grade in ("good", "bad"):
            last = feats[i].grade
    last = None
    for i in range(n - 1, -1, -1):
        next_cls[i] = last
        if feats[i].grade in ("good", "bad"):
            last = feats[i].grade
    for i, f in enumerate(feats):
        if f.grade == "short":
            keep = prev_cls[i] == "good" and next_cls[i] == "good"
        elif f.grade == "near":
            keep = prev_cls[i] == "good" or next_cls[i] == "good"
        else:
            continue
        if keep:
            f.grade = "good"
        else:
            f.grade, f.reason = "bad", "short line among furniture" if f.grade == "short" else "line among furniture"


# Calls to action and site talk that close an article: newsletter, follow, app, bio.
_PROMPT_OPENING = (
    r"(?:get|join|sign|subscribe|follow|download|submit|receive|learn|click|tap|read|enter|don'?t|do not|"
    r"support|become|want|like|enjoy|check|find|discover|explore|visit|try|share|tell|send|email|contact|"
    r"watch|listen|missed|missing|never miss|stay|keep up|for (?:the latest|more)|see|view|more(?!\s+than\b))\b")
_OPENS_WITH_PROMPT = re.compile(r"^\W*" + _PROMPT_OPENING, re.I)
_TAIL_PROMPT = re.compile(
    r"^" + _PROMPT_OPENING + r"|"
    r"\b(?:newsletters?|subscri\w+|inbox|this (?:site|website|blog|post|article|story) (?:is|uses|contains|may|was)|"
    r"our (?:website|site|newsletters?|apps?|readers|journalism|reporting)|advertis\w+|sponsor\w*|"
    r"all rights|reprint\w*|republish\w*|permission|social media|updates?|alerts?)\b",
    re.I,
)
_BIO = re.compile(
    r"^(?!(?:The|A|An|This|That|These|Those|It|Its)\s)(?:[A-Z][\w.'’-]+\s+){1,3}"
    r"(?:is|was|has (?:been|worked|written|covered)|writes|covers|works|lives|teaches|joined|holds|reports)\b"
    r"(?=.{0,160}\b(?:reporter|correspondent|editor|writer|journalist|author|columnist|contributor|"
    r"producer|photographer|covers|based in|follow)\b)"
)
_TAIL_LIMIT = 6


def _trim_tail(feats: list[_Line], protected: set[int]) -> None:
    """Drop bios, newsletter and follow prompts that close the kept region."""
    kept = [i for i, f in enumerate(feats) if f.grade == "good"]
    trimmed = 0
    for i in reversed(kept):
        if i in protected or trimmed >= _TAIL_LIMIT:
            return
        f = feats[i]
        reason = _after_the_article(f)
        if reason is None:
            return
        f.grade, f.reason = "bad", reason
        trimmed += 1


_STRAY_MAX_WORDS = 12  # an unfinished line this short after a page's article is a label
_BODY_STRAY_MAX_WORDS = 3  # in a body it may be the article's own cut-off last sentence


def _after_the_article(line: _Line, stray_max_words: int = _STRAY_MAX_WORDS) -> str | None:
    """Why a line that closes the text is talk after the article (a bio, a prompt, a
    stray label of at most ``stray_max_words`` words), or None for a line of the
    article. An outlet's label ("UPDATE 2 (5:40 p.m.):", ``structured.split_paragraph_label``)
    is read past."""
    labelled = split_paragraph_label(line.text.lstrip(" *#>-–—•"))
    head = " ".join((labelled[1] if labelled else line.text).split()[:14])
    if _BIO.match(line.text):
        return "author bio after the article"
    if _TAIL_PROMPT.search(head) and line.n_words <= 60:
        return "prompt after the article"
    if not line.sentence_end and line.n_words <= stray_max_words:
        return "after the article end"
    return None


_LINK_MAX_WORDS = 16
_LINK_TITLE_RATIO = 0.6
_LINK_MAX_SHARED = 0.25  # share of a link's words the article's prose uses
_LINK_MIN_ON_PAGE = 3


def _content_words(text: str) -> set[str]:
    return {w for w in (m.lower() for m in _WORD.findall(text)) if len(w) >= 3 and w not in STOP_WORDS}


def interleaved_links(lines: list[str], skip: set[int]) -> dict[int, str]:
    """Links to other stories set one by one between the paragraphs of a body (a site's
    "read more" headlines interleaved with the text, as some pages and scrapers give
    them): title-shaped lines (:func:`_is_headline_like`, mostly capitalised, at most
    16 words) between two prose lines, of whose words the article's prose uses at most a
    quarter, when the page holds three or more. A crosshead ("The investigation
    continues") uses the article's own words and stays. ``skip``: lines already removed.
    Index -> reason."""
    kept = [i for i in range(len(lines)) if i not in skip]
    feats = {i: _features(lines[i]) for i in kept}

    def prose(i: int) -> bool:
        return feats[i].sentence_end and feats[i].n_words >= 8

    candidates = [i for before, i, after in zip(kept, kept[1:], kept[2:])
                  if prose(before) and prose(after) and _is_headline_like(feats[i])
                  and feats[i].n_words <= _LINK_MAX_WORDS and feats[i].title_ratio >= _LINK_TITLE_RATIO]
    if len(candidates) < _LINK_MIN_ON_PAGE:
        return {}
    used = set().union(*(_content_words(lines[i]) for i in kept if i not in candidates and prose(i)))
    links = [i for i in candidates
             if len(_content_words(lines[i]) & used) <= _LINK_MAX_SHARED * max(1, len(_content_words(lines[i])))]
    if len(links) < _LINK_MIN_ON_PAGE:
        return {}
    return {i: "a title-shaped line between paragraphs that uses almost none of the article's words "
               "(a link to another story)" for i in links}


# Families that mark a line of text given as an article body outright, wherever it
# stands. Share/subscribe and sign-in phrases also occur in news ("those who sign up
# get a cap", "asked residents to register"): they mark a line that opens with a
# prompt ("Sign up for ...", "Follow us on ...") or is a bare label ("Print"); copyright
# and disclaimer phrases only mark the tail.
_RELATED_HEADER = "related/more list header"
_BODY_FAMILIES_WHEN_PROMPT = frozenset({"share/subscribe prompt", "sign-in prompt"})
_TAIL_ONLY_FAMILIES = frozenset({"copyright footer", "disclaimer", "disclosure"})
_CLICK_HERE = re.compile(r"^[^.!?]*\bclick here\b", re.I)  # in the line's first sentence
_CLICK_HERE_MAX_WORDS = 40
# a web or e-mail address, a handle, a telephone number: a word of contact details
_ADDRESS = re.compile(
    r"^\W*(?:https?://\S+|www\.\S+|\S+@\S+\.\w+|@\w+|(?:[\w-]+\.)+(?:com|org|net|gov|edu|us|co|ly|ws)/\S*|"
    r"\(?\d{3}\)?[\s.-]?\d{3}[.-]\d{4})\W*$", re.I)
# a copyright notice, not news about copyright: it opens the line, or a year follows it
_COPYRIGHT_NOTICE = re.compile(
    r"^\W*(?:(?:tm|™)\s+and\s+)?(?:©|\(c\)|copyright\b)|(?:©|\bcopyright\b)\s*(?:©\s*)?[,:]?\s*\d{4}", re.I)


def body_furniture(lines: list[str], skip: set[int]) -> dict[int, str]:
    """The site's furniture inside text given as an article body (a JSONL or CSV text
    column, a feed entry), which the line classifier does not judge: lines of a
    furniture phrase family (:data:`_BODY_FAMILIES_WHEN_PROMPT` only when the line
    opens with a prompt or is three words or fewer), lines whose first sentence says
    "click here", copyright notices, lines at least half of whose words are web or
    e-mail addresses, handles or telephone numbers; and, closing the text (its first
    line apart), up to six lines of talk after the article (bio, prompt, any family, an
    unfinished line of three words or fewer: a longer one may be the article's own
    sentence, cut off; titles under a "Related stories" header). ``skip``: lines already
    removed. Index -> reason."""
    reasons: dict[int, str] = {}
    kept = [i for i in range(len(lines)) if i not in skip]
    feats = {i: _features(lines[i]) for i in kept}
    families = {i: _body_family(feats[i]) for i in kept}
    for i in kept:
        f, family = feats[i], families[i]
        if family is not None and family not in _TAIL_ONLY_FAMILIES:
            reasons[i] = family
        elif _CLICK_HERE.match(f.text) and f.n_words <= _CLICK_HERE_MAX_WORDS:
            reasons[i] = "a \"click here\" prompt"
        elif family == "copyright footer" and _COPYRIGHT_NOTICE.search(f.text):
            reasons[i] = family
        elif _mostly_addresses(f.text):
            reasons[i] = "contact details or web addresses"
    reasons.update(_talk_after_the_body(kept[1:], feats, families, reasons))  # the first line stays
    return reasons


def _talk_after_the_body(lines: list[int], feats: dict[int, _Line], families: dict[int, str | None],
                         found: dict[int, str]) -> dict[int, str]:
    """Walking up from the end of a body: furniture, talk after the article, and titles
    listed under a "Related stories" header; up to :data:`_TAIL_LIMIT` lines. A title
    with no such header above it may be the article's own line: the walk stops there."""
    reasons: dict[int, str] = {}
    titles: list[int] = []  # title-shaped lines waiting for a header above them
    for i in reversed(lines):
        if len(reasons) + len(titles) >= _TAIL_LIMIT:
            break
        reason = found.get(i) or families[i] or _after_the_article(feats[i], _BODY_STRAY_MAX_WORDS)
        if reason == _RELATED_HEADER:
            reasons.update({j: "listed under a \"related\" header after the article" for j in titles})
            titles = []
        elif reason is None and _is_headline_like(feats[i]):
            titles.append(i)
            continue
        elif reason is None or titles:
            break
        if i not in found:
            reasons[i] = reason
    return reasons


def _body_family(line: _Line) -> str | None:
    prompt = line.n_words <= 3 or bool(_OPENS_WITH_PROMPT.match(line.text))
    return _family(line, frozenset() if prompt else _BODY_FAMILIES_WHEN_PROMPT)


def _mostly_addresses(text: str) -> bool:
    """At least half the words are contact details ("jdoe@courier.example | Twitter:
    @jdoe", a bare link): no claim to read."""
    words = text.split()
    return bool(words) and 2 * sum(1 for w in words if _ADDRESS.match(w)) >= len(words)
