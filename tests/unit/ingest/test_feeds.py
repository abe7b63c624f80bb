from __future__ import annotations

import shutil
from datetime import datetime, timezone
from pathlib import Path

from storylens.ingest.feeds import FULL_ARTICLE_WORDS, read_feed, read_opml
from storylens.model import RawDocument, Skipped

FEEDS = Path(__file__).resolve().parents[2] / "fixtures" / "feeds"
FETCHED = datetime(2031, 5, 1, 12, 0, tzinfo=timezone.utc)


def test_rss_full_entry_and_summary_only_entry() -> None:
    path = FEEDS / "river_news.rss"
    items = list(read_feed(path, FETCHED))
    assert len(items) == 2
    doc, skipped = items
    assert isinstance(doc, RawDocument)
    assert doc.kind == "html"
    assert doc.source == f"{path}#entry-1"
    assert doc.url == "https://quillmouth-post.example/news/flood-barrier"
    assert doc.fetched_at == FETCHED
    text = doc.data.decode("utf-8")
    assert text.startswith("<p>Quillmouth town council voted")
    assert "two hundred homes flooded" in text
    assert doc.metadata == {
        "headline": "Council approves new flood barrier",
        "published": "2031-04-08T09:15:00+01:00",
        "byline": "Priya Lindqvist",
        "outlet": "Quillmouth Evening Post",
        "url": "https://quillmouth-post.example/news/flood-barrier",
        "language": "en",
    }
    assert doc.metadata_origin == {key: "feed entry 1 of river_news.rss" for key in doc.metadata}

    assert isinstance(skipped, Skipped)
    assert skipped.source == f"{path}#entry-2"
    assert skipped.reason == (
        "feed entry has only a summary (12 words), not the full article text: "
        "ingest the page at https://quillmouth-post.example/news/library-hours instead"
    )


def test_atom_feed() -> None:
    path = FEEDS / "harbour_atom.atom"
    doc, skipped = list(read_feed(path, FETCHED))
    assert isinstance(doc, RawDocument) and isinstance(skipped, Skipped)
    assert doc.metadata["headline"] == "Ferry fares frozen for another year"
    assert doc.metadata["published"] == "2031-04-09T08:00:00+02:00"
    assert doc.metadata["updated"] == "2031-04-09T10:00:00+02:00"
    assert doc.metadata["byline"] == "Oskar Bellweather"
    assert doc.metadata["outlet"] == "Estuary Ledger"
    assert doc.url == "https://estuary-ledger.example/2031/04/ferry-fares"
    assert b"four crowns for adults" in doc.data
    assert "(6 words)" in skipped.reason and "https://estuary-ledger.example/2031/04/tides" in skipped.reason


def test_full_article_in_description_is_kept(tmp_path: Path) -> None:
    body = " ".join(["The lighthouse keeper counted gulls on the rocks."] * (FULL_ARTICLE_WORDS // 8 + 1))
    feed = tmp_path / "long.rss"
    feed.write_text(
        '<?xml version="1.0"?><rss version="0.92"><channel><title>Cape Signal</title>'
        f"<item><title>Gulls</title><link>https://cape.example/gulls</link><description>{body}</description></item>"
        "<item><title>Short</title><description>Only a teaser.</description></item>"
        "</channel></rss>",
        encoding="utf-8",
    )
    doc, skipped = list(read_feed(feed, FETCHED))
    assert isinstance(doc, RawDocument) and doc.data.decode() == body
    assert isinstance(skipped, Skipped)
    assert "has no link to the full page" in skipped.reason


def test_rss1_rdf_feed(tmp_path: Path) -> None:
    feed = tmp_path / "rdf.rss"
    long_text = "<p>" + "Snow closed the mountain pass for a third day. " * 5 + "</p>"
    feed.write_text(
        '<?xml version="1.0"?>'
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"'
        ' xmlns:content="http://purl.org/rss/1.0/modules/content/">'
        '<channel rdf:about="https://pass.example/"><title>Pass Bulletin</title></channel>'
        '<item rdf:about="https://pass.example/snow"><title>Pass closed</title><link>https://pass.example/snow</link>'
        f"<description>Snow.</description><content:encoded><![CDATA[{long_text}]]></content:encoded></item>"
        "</rdf:RDF>",
        encoding="utf-8",
    )
    (doc,) = list(read_feed(feed, FETCHED))
    assert isinstance(doc, RawDocument)
    assert doc.metadata["outlet"] == "Pass Bulletin"
    assert b"mountain pass" in doc.data


def test_broken_feed_is_one_skipped() -> None:
    path = FEEDS / "broken.rss"
    items = list(read_feed(path, FETCHED))
    assert len(items) == 1
    assert isinstance(items[0], Skipped)
    assert items[0].source == str(path)
    assert items[0].reason.startswith("not a readable RSS/Atom feed")


def test_not_xml_at_all(tmp_path: Path) -> None:
    path = tmp_path / "notes.rss"
    path.write_bytes(b"just some notes, not a feed\n\x00\x01")
    (item,) = list(read_feed(path, FETCHED))
    assert isinstance(item, Skipped) and "not a readable RSS/Atom feed" in item.reason


def test_feed_content_naming_a_file_is_not_opened(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    words = "Private words that must not be read through another file. " * 20
    secret.write_text(f"<rss><channel><title>Leak</title><item><description>{words}</description></item></channel></rss>")
    path = tmp_path / "tricky.rss"
    path.write_text(str(secret))
    (item,) = list(read_feed(path, FETCHED))
    assert isinstance(item, Skipped) and "not a readable RSS/Atom feed" in item.reason


def test_opml_reads_local_feeds_and_reports_remote_ones() -> None:
    path = FEEDS / "subscriptions.opml"
    items = list(read_opml(path, FETCHED))
    docs = [i for i in items if isinstance(i, RawDocument)]
    skipped = [i for i in items if isinstance(i, Skipped)]
    assert [d.source for d in docs] == [f"{FEEDS / 'river_news.rss'}#entry-1"]
    remote = [s for s in skipped if "remote-herald" in s.reason]
    assert len(remote) == 1
    assert remote[0].reason == (
        "feed URL https://remote-herald.example/feed.xml not fetched: give it to `storylens ingest` or "
        "`storylens watch`, which fetch"
    )
    assert remote[0].source == f"{path}#outline-2"
    assert any(s.source.endswith("river_news.rss#entry-2") for s in skipped)


def test_opml_absolute_file_url_and_missing_feed(tmp_path: Path) -> None:
    shutil.copy(FEEDS / "harbour_atom.atom", tmp_path / "atom.xml")
    opml = tmp_path / "list.opml"
    opml.write_text(
        '<?xml version="1.0"?><opml version="1.0"><body>'
        f'<outline xmlUrl="{(tmp_path / "atom.xml").as_uri()}"/>'
        f'<outline xmlUrl="{tmp_path / "atom.xml"}"/>'  # the same file again: read once
        '<outline xmlUrl="gone.rss"/>'
        "</body></opml>",
        encoding="utf-8",
    )
    items = list(read_opml(opml, FETCHED))
    docs = [i for i in items if isinstance(i, RawDocument)]
    assert len(docs) == 1 and docs[0].metadata["outlet"] == "Estuary Ledger"
    missing = [i for i in items if isinstance(i, Skipped) and "not found" in i.reason]
    assert len(missing) == 1 and "gone.rss" in missing[0].reason


def test_broken_opml(tmp_path: Path) -> None:
    opml = tmp_path / "bad.opml"
    opml.write_text("<opml><body><outline xmlUrl='a.rss'>")
    (item,) = list(read_opml(opml, FETCHED))
    assert isinstance(item, Skipped) and item.source == str(opml) and "not a readable OPML" in item.reason


def test_opml_external_entity_is_not_expanded_and_is_reported(tmp_path: Path) -> None:
    (tmp_path / "listed.xml").write_text('<outline xmlUrl="hidden.rss"/>')
    opml = tmp_path / "feeds.opml"
    opml.write_text('<?xml version="1.0"?><!DOCTYPE opml [<!ENTITY more SYSTEM "listed.xml">]>'
                    '<opml><body>&more;<outline xmlUrl="https://quillmouth-post.example/rss"/></body></opml>')
    entities, remote = read_opml(opml, FETCHED)
    assert entities.source == f"{opml}#entities" and "&more;" in entities.reason and "not expanded" in entities.reason
    assert remote.source == f"{opml}#outline-1"


def test_feed_dates_a_datetime_cannot_hold_do_not_stop_the_feed(tmp_path: Path) -> None:
    words = " ".join(["The ferry ran again after the strike ended."] * 40)
    path = tmp_path / "odd.rss"
    path.write_text(
        '<rss version="2.0"><channel><title>Skarholm Radio</title>'
        f'<item><title>One</title><pubDate>Mon, 01 Jan 0001 00:00:00 GMT</pubDate><description>{words}</description></item>'
        f'<item><title>Two</title><pubDate>0001-01-02T00:00:00</pubDate><description>{words} Two.</description></item>'
        '</channel></rss>')
    docs = list(read_feed(path, FETCHED))
    assert [type(d) for d in docs] == [RawDocument, RawDocument]
