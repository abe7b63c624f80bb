"""Malformed inputs for every reader, sidecar and manifest, and the accounting check.

Shared by the suite's fuzz test (``test_fuzz_inputs.py``: hypothesis drives the random
source, a small budget) and ``bench/fuzz.py`` (>= 10,000 inputs). Everything is driven by
one ``random.Random``, so an input is reproduced from its seed.

``make_input(rng, directory, n)`` writes one input under ``directory``: a well-formed
document of a randomly chosen kind (page dump, HTML page, RSS, Atom, OPML with its feeds,
WARC, gzipped WARC, JSONL, CSV, a page with a sidecar, pages with a manifest) about a
fictional event, with dates that are often absurd, then damaged by one mutation (random
bytes, flipped bytes, truncation, a huge single-word line, deep nesting, XML entities, a
mixed or other encoding, NUL bytes, bare CR line ends, or nothing). ``unaccounted(...)``
lists the input records that came out as neither an article nor a skipped entry.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import random
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

KINDS = ("txt", "html", "rss", "atom", "opml", "warc", "warc.gz", "jsonl", "csv", "sidecar", "manifest")
MUTATIONS = ("none", "random_bytes", "flip", "truncate", "huge_line", "deep_nesting", "entities",
             "encoding", "nul", "bare_cr", "empty")

PARAGRAPHS = [
    "The ferry between Port Alder and Skarholm resumed on Tuesday after a four-day strike by deck crews "
    "ended with a pay deal, the operator Skarline said.",
    "Crews will receive a raise of six percent over two years. The first sailing left at seven in the "
    "morning with about 300 passengers on board, a spokeswoman said.",
    "“We are glad to be back at sea,” said Maren Ekholm, who speaks for the crews' union. Freight "
    "operators said it would take until Friday to clear the backlog of about 140 lorries.",
    "Skarholm's mayor, Tor Lindby, said shops on the island had run short of fresh food and fuel "
    "during the strike, which began on Friday.",
]
#: Dates as CMSs, feeds and exports really write them, good and absurd.
ABSURD_DATES = [
    "0001-01-01T00:00:00", "0001-01-02T00:00:00", "0000-00-00 00:00:00", "9999-12-31T23:59:59+14:00",
    "0001-01-01T00:00:00+05:30", "9999-12-31T23:59:59.999999-23:59", "1900-01-01", "1970-01-01T00:00:00Z",
    "2999-01-01", "2026-13-45T25:61:61", "2026-02-30", "-0001-01-01", "Mon, 01 Jan 0001 00:00:00 GMT",
    "Fri, 31 Dec 9999 23:59:59 +9999", "2026-04-01T10:00:00+99:99", "2026-04-01T10:00:00 XYZ",
    "1e400", "99999999999999999999", "-62135596800", "253402300800000", "NaN", "tomorrow", "",
    "2026-04-01T10:00:00" + "0" * 5000,
]
GOOD_DATES = ["2026-03-31T08:15:00+02:00", "2026-03-30", "Tue, 31 Mar 2026 09:00:00 GMT", "2026-03-29 17:45"]
#: A date "now" that every input is read at (absurd future dates are judged against it).
FETCHED_AT = "2026-04-04T12:00:00+00:00"


@dataclass
class Input:
    """One generated input: the paths to pass, the manifest (if any), and what to expect."""

    seed: int
    kind: str
    mutation: str
    paths: list[Path]
    manifest: Path | None = None
    size: int = 0
    notes: dict[str, Any] = field(default_factory=dict)

    @property
    def label(self) -> str:
        return f"seed {self.seed}: {self.kind} / {self.mutation}"


def _date(rng: random.Random) -> str:
    return rng.choice(ABSURD_DATES if rng.random() < 0.6 else GOOD_DATES)


def _text(rng: random.Random) -> list[str]:
    paragraphs = list(PARAGRAPHS)
    rng.shuffle(paragraphs)
    return paragraphs[: rng.randint(2, len(paragraphs))]


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def _page_dump(rng: random.Random) -> bytes:
    lines = ["Ferry back after strike ends", f"By Ingrid Tollefsen | Published: {_date(rng)} | Updated: {_date(rng)}",
             *_text(rng), "© 2026 Skarholm Radio. All rights reserved."]
    return "\n".join(lines).encode("utf-8")


def _html(rng: random.Random) -> bytes:
    ld = json.dumps({"@type": "NewsArticle", "headline": "Ferry back", "datePublished": _date(rng),
                     "dateModified": _date(rng), "author": {"name": "Ingrid Tollefsen"}})
    body = "".join(f"<p>{_esc(p)}</p>" for p in _text(rng))
    return (f'<!DOCTYPE html><html lang="en"><head><title>Ferry back</title>'
            f'<meta property="article:published_time" content="{_esc(_date(rng))}">'
            f'<script type="application/ld+json">{ld}</script></head>'
            f"<body><nav>Home | News</nav><article><h1>Ferry back after strike ends</h1>{body}</article>"
            f"<footer>© 2026 Port Alder Post</footer></body></html>").encode("utf-8")


def _full(rng: random.Random) -> str:
    return " ".join(_text(rng) * 4)


def _rss(rng: random.Random, entries: int) -> bytes:
    items = "".join(
        f"<item><title>Ferry {i}</title><link>https://skarholm-radio.example/{i}</link>"
        f"<pubDate>{_esc(_date(rng))}</pubDate><content:encoded><![CDATA[<p>{_full(rng)}</p>]]></content:encoded></item>"
        for i in range(entries))
    return ('<?xml version="1.0" encoding="utf-8"?><rss version="2.0" '
            'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Skarholm Radio</title>'
            f"{items}</channel></rss>").encode("utf-8")


def _atom(rng: random.Random, entries: int) -> bytes:
    items = "".join(
        f"<entry><title>Ferry {i}</title><link href=\"https://alder-post.example/{i}\"/><id>urn:x:{i}</id>"
        f"<published>{_esc(_date(rng))}</published><updated>{_esc(_date(rng))}</updated>"
        f"<content type=\"html\">{_esc('<p>' + _full(rng) + '</p>')}</content></entry>"
        for i in range(entries))
    return ('<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
            f"<title>Port Alder Post</title><id>urn:x</id><updated>2026-04-01T00:00:00Z</updated>{items}</feed>").encode()


def _warc(rng: random.Random, records: int, gz: bool) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    out = io.BytesIO()
    writer = WARCWriter(out, gzip=gz)
    for i in range(records):
        headers = [("Content-Type", "text/html; charset=utf-8")] if rng.random() < 0.7 else []
        payload = _html(rng) if rng.random() < 0.9 else bytes(rng.getrandbits(8) for _ in range(64))
        http = StatusAndHeaders(rng.choice(["200 OK"] * 5 + ["404 Not Found"]), headers, protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(
            f"https://alder-post.example/{i}", "response", payload=io.BytesIO(payload), http_headers=http,
            warc_headers_dict={"WARC-Date": _date(rng)}))
    return out.getvalue()


def _epoch_or_date(rng: random.Random) -> Any:
    return rng.choice([_date(rng), _date(rng), 1e20, -1e20, 253402300800000, float("nan"), True, None, [], {"x": 1}])


def _jsonl(rng: random.Random, rows: int) -> bytes:
    lines = []
    for i in range(rows):
        choice = rng.random()
        if choice < 0.15:
            lines.append(rng.choice(["[1, 2]", '"text"', "42", "null", "{", "", "[" * 50 + "]" * 50]))
            continue
        row = {"url": f"https://alder-post.example/{i}", "outlet": rng.choice(["Port Alder Post", "Skarholm Radio"]),
               "title": "Ferry back", "published": _epoch_or_date(rng), "text": "\n\n".join(_text(rng))}
        if choice < 0.25:
            row["text"] = rng.choice(["", None, 5, ["a"], {"b": 1}])
        lines.append(json.dumps(row, allow_nan=True))
    return ("\n".join(lines) + "\n").encode("utf-8")


def _csv(rng: random.Random, rows: int) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["url", "outlet", "headline", "published", "text"])
    for i in range(rows):
        writer.writerow([f"https://alder-post.example/{i}", "Port Alder Post", "Ferry back", _date(rng),
                         "\n\n".join(_text(rng))])
    return out.getvalue().encode("utf-8")


def _sidecar(rng: random.Random) -> bytes:
    values: dict[str, Any] = {"outlet": "Skarholm Radio", "published": _date(rng), "url": "https://skarholm-radio.example/x"}
    if rng.random() < 0.2:
        values["published"] = rng.choice([12, None, True, [1], {"a": "b"}])
    return json.dumps(values).encode("utf-8")


def _manifest(rng: random.Random, names: list[str]) -> bytes:
    rows = ["path,outlet,published,url"] + [f"{n},Caf\u00e9 Radio,{_date(rng)},https://cafe-radio.example/{i}"
                                            for i, n in enumerate(names)]
    text = "\n".join(rows) + "\n"
    return text.encode(rng.choice(["utf-8", "utf-8", "latin-1", "utf-8-sig"]))


# --------------------------------------------------------------------------- mutations


def _huge_word(rng: random.Random, big: bool) -> bytes:
    size = rng.randint(2 * 2**20, 9 * 2**20) if big else rng.randint(20_000, 200_000)
    return rng.choice([b"a", b"\xc3\xa9", b"x1"]) * (size // 2)


def _nesting(kind: str, rng: random.Random, big: bool) -> bytes:
    depth = rng.randint(1000, 200_000 if big else 20_000)
    if kind in ("jsonl", "sidecar", "csv", "manifest"):
        return rng.choice([b"[" * depth, b'{"a":' * depth + b"1" + b"}" * depth, b"[" * depth + b"]" * depth])
    tag = rng.choice([b"div", b"b", b"item", b"outline", b"p"])
    return b"<" + tag + b">" * 1 + (b"<" + tag + b">") * depth + b"x" + (b"</" + tag + b">") * (depth // 2)


_ENTITY_DOCTYPES = [
    b'<!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
    b'<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">'
    b'<!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;"><!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;">'
    b'<!ENTITY g "&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;"><!ENTITY h "&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;">]>',
    b'<!DOCTYPE r [<!ENTITY h SYSTEM "file:///etc/hostname">]>',
    b'<!DOCTYPE r [<!ENTITY h SYSTEM "http://127.0.0.1:9/x">]>',
    b'<!DOCTYPE r [<!ENTITY % p SYSTEM "file:///etc/hostname"> %p;]>',
]


def _entities(data: bytes, rng: random.Random) -> bytes:
    doctype = rng.choice(_ENTITY_DOCTYPES)
    if data.startswith(b"<?xml"):
        end = data.index(b"?>") + 2
        head, rest = data[:end], data[end:]
    else:
        head, rest = b"", data
    rest = rest.replace(b"Ferry", b"Ferry &h;", rng.randint(1, 3))
    return head + doctype + rest


def _encoding(data: bytes, rng: random.Random) -> bytes:
    text = data.decode("utf-8", errors="replace")
    how = rng.choice(["latin-1", "utf-16", "utf-16-le", "cp1252", "mixed", "shift_jis", "bom-lie"])
    if how == "mixed":
        cut = rng.randint(0, len(data))
        return data[:cut] + "Caf\u00e9 \u201cquoted\u201d".encode("cp1252") + data[cut:]
    if how == "bom-lie":
        return codecs.BOM_UTF16_LE + data
    return text.encode(how, errors="replace")


def mutate(kind: str, data: bytes, mutation: str, rng: random.Random, big: bool) -> bytes:
    """``data`` damaged by one ``mutation``."""
    if mutation == "random_bytes":
        return bytes(rng.getrandbits(8) for _ in range(rng.randint(1, 4096)))
    if mutation == "flip" and data:
        out = bytearray(data)
        for _ in range(rng.randint(1, 20)):
            i = rng.randrange(len(out))
            out[i] ^= 1 << rng.randrange(8)
        return bytes(out)
    if mutation == "truncate" and data:
        return data[: rng.randrange(len(data))]
    if mutation == "huge_line":
        cut = rng.randint(0, len(data))
        return data[:cut] + _huge_word(rng, big) + data[cut:]
    if mutation == "deep_nesting":
        cut = rng.randint(0, len(data))
        return data[:cut] + _nesting(kind, rng, big) + data[cut:]
    if mutation == "entities":
        return _entities(data, rng)
    if mutation == "encoding":
        return _encoding(data, rng)
    if mutation == "nul":
        out = bytearray(data)
        for _ in range(rng.randint(1, 10)):
            out.insert(rng.randint(0, len(out)), 0)
        return bytes(out)
    if mutation == "bare_cr":
        return data.replace(b"\n", b"\r")
    if mutation == "empty":
        return b""
    return data


def make_input(rng: random.Random, directory: Path, seed: int, *, big: bool = False,
               kind: str | None = None, mutation: str | None = None) -> Input:
    """Write one malformed input under ``directory`` (a fresh folder per input).
    ``big`` allows the large mutations (2-9 MB single words, 200,000-deep nesting)."""
    kind = kind or rng.choice(KINDS)
    mutation = mutation or rng.choice(MUTATIONS)
    directory.mkdir(parents=True, exist_ok=True)
    files: dict[str, bytes] = {}
    main = ""
    manifest = None
    n = rng.randint(1, 4)
    if kind == "txt":
        main, files[main] = "page.txt", _page_dump(rng)
    elif kind == "html":
        main, files[main] = "page.html", _html(rng)
    elif kind == "rss":
        main, files[main] = "feed.rss", _rss(rng, n)
    elif kind == "atom":
        main, files[main] = "feed.atom", _atom(rng, n)
    elif kind == "opml":
        for i in range(n):
            files[f"f{i}.rss"] = _rss(rng, rng.randint(1, 2))
        outlines = "".join(f'<outline text="f{i}" xmlUrl="f{i}.rss"/>' for i in range(n))
        main = "feeds.opml"
        files[main] = (f'<?xml version="1.0"?><opml version="2.0"><head><title>x</title></head><body>{outlines}'
                       '<outline xmlUrl="https://skarholm-radio.example/rss"/></body></opml>').encode()
    elif kind in ("warc", "warc.gz"):
        main = f"crawl.{kind}"
        files[main] = _warc(rng, n, kind == "warc.gz")
    elif kind == "jsonl":
        main, files[main] = "records.jsonl", _jsonl(rng, n)
    elif kind == "csv":
        main, files[main] = "records.csv", _csv(rng, n)
    elif kind == "sidecar":
        files["page.txt"] = _page_dump(rng)
        main, files[main] = "page.meta.json", _sidecar(rng)
    elif kind == "manifest":
        names = [f"p{i}.txt" for i in range(n)]
        for name in names:
            files[name] = _page_dump(rng)
        main, files[main] = "manifest.csv", _manifest(rng, names)
    files[main] = mutate(kind, files[main], mutation, rng, big)
    for name, data in files.items():
        (directory / name).write_bytes(data)
    if kind == "manifest":
        manifest = directory / main
        paths = [directory / name for name in files if name != main]
    elif kind == "sidecar":
        paths = [directory / "page.txt"]
    else:
        paths = [directory / main]
    return Input(seed, kind, mutation, paths, manifest, sum(len(d) for d in files.values()))


# --------------------------------------------------------------------------- accounting


def _jsonl_records(path: Path) -> list[str]:
    found = []
    with path.open("rb") as handle:
        for n, line in enumerate(handle, start=1):
            if n == 1 and line.startswith(codecs.BOM_UTF8):
                line = line[len(codecs.BOM_UTF8):]
            if line.strip():
                found.append(f"{path}#line-{n}")
    return found


def _feed_entries(path: Path) -> list[str]:
    """The entries of a feed that is well-formed XML (for others, which entries a
    recovering parser finds is its own business: only the file is checked)."""
    from lxml import etree

    try:
        root = etree.fromstring(path.read_bytes(), etree.XMLParser(resolve_entities=False, no_network=True,
                                                                   huge_tree=False))
    except (etree.XMLSyntaxError, ValueError):
        return []
    entries = [el for el in root.iter() if isinstance(el.tag, str) and etree.QName(el).localname in ("item", "entry")]
    return [f"{path}#entry-{i}" for i in range(1, len(entries) + 1)]


def _files(item: Input) -> list[Path]:
    out: list[Path] = []
    for path in item.paths:
        if path.is_dir():
            out.extend(p for p in sorted(path.iterdir()) if p.is_file() and not p.name.endswith(".meta.json"))
        else:
            out.append(path)
    return out


def unaccounted(item: Input, sources: set[str]) -> list[str]:
    """The input records of ``item`` that are neither an article's nor a skipped entry's
    source. A skipped entry for a whole file accounts for every record in it (its reason
    says what happened to them); a file whose reader found a record there reported it."""
    missing = []
    for path in _files(item):
        whole = str(path)
        mentioned = whole in sources or any(s.startswith(whole + "#") for s in sources)
        if item.kind == "opml":  # its feeds' entries are named by the feed files next to it
            mentioned = mentioned or any(s.startswith(str(path.parent)) for s in sources)
        if not mentioned:
            missing.append(whole)
            continue
        if whole in sources:
            continue
        name = path.name
        if name.endswith(".jsonl"):
            expected = _jsonl_records(path)
        elif name.endswith((".rss", ".atom")) and item.kind != "opml":
            expected = _feed_entries(path)
        else:
            expected = []
        missing.extend(e for e in expected if e not in sources)
    return missing
