"""Entities with cross-article keys, on sentences written for these tests (fictional people,
places and organisations)."""

from __future__ import annotations

import pytest

from storylens.extract.entities import entity_key, extract_entities
from storylens.extract.entities_names import fold, name_bounds, strip_name
from storylens.extract.nlp import load_nlp
from storylens.model import Entity


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


def _run(nlp, text: str) -> tuple[str, list[Entity]]:
    doc = nlp(text)
    return doc.text, extract_entities(doc)


def _by_key(entities: list[Entity], key: str) -> Entity:
    found = [e for e in entities if e.key == key]
    assert len(found) == 1, f"{key} not found once in {[e.key for e in entities]}"
    return found[0]


def _texts(text: str, entity: Entity) -> list[str]:
    return [text[m.start:m.end] for m in entity.mentions]


# --- keys -------------------------------------------------------------------------------

def test_key_folds_accents_and_case():
    assert entity_key("Renée Duchâtel", "person") == "person:renee duchatel"
    assert entity_key("RENEE DUCHATEL", "PERSON") == entity_key("Renée Duchâtel", "person")
    assert entity_key("Mikaël Bråthen", "person") == entity_key("Mikael Brathen", "person")
    assert entity_key("Lars Øvergaard", "person") == "person:lars overgaard"


def test_key_drops_titles_honorifics_and_possessive():
    assert entity_key("Governor Renée Duchâtel", "person") == "person:renee duchatel"
    assert entity_key("Prime Minister Ottilie Varga's", "person") == "person:ottilie varga"
    assert entity_key("Dr Ingrid Solberg", "person") == "person:ingrid solberg"
    assert entity_key("Mr. Halvorsen", "person") == "person:halvorsen"
    assert entity_key("Tavrin's interim President, Tomás Ferreiro-Nadal", "person") == "person:tomas ferreiro nadal"


def test_key_keeps_names_that_contain_title_words():
    # a title-case given name before "Saint"/"King" means the word belongs to the name
    assert entity_key("Yvette Saint Clair", "person") == "person:yvette saint clair"
    assert entity_key("Rowan Tallis King Jr", "person") == "person:rowan tallis king jr"


def test_key_kinds_and_places():
    assert entity_key("the Northern Water Authority's", "ORG") == "org:northern water authority"
    assert entity_key("U.S.A.", "GPE") == entity_key("United States", "place") == "place:united states"
    assert entity_key("Port Esk", "LOC") == "place:port esk"
    with pytest.raises(ValueError, match="unknown entity kind"):
        entity_key("Port Esk", "DATE")


def test_a_street_is_one_place_however_its_designator_is_written():
    assert entity_key("Corran St.", "FAC") == entity_key("Corran Street", "place") == "place:corran street"
    assert entity_key("Kerr Ave", "place") == "place:kerr avenue"
    assert entity_key("St. Aubyn", "place") == "place:st aubyn"  # a designator only at the end


def test_a_street_tagged_as_a_person_or_an_organisation_is_a_place(nlp):
    for text, key in (("Five people were shot on Corran St. in Harlow on Monday.", "place:corran street"),
                      ("The fire started in the 5300 block of Kerr Ave near the park.", "place:kerr avenue"),
                      ("Police closed Ocean Pkwy after the crash.", "place:ocean parkway"),
                      ("A man was shot at Main Street and Elm Rd. late Sunday.", "place:main street")):
        _, ents = _run(nlp, text)
        assert key in {e.key for e in ents}, (text, [e.key for e in ents])
    # a long designator can be a surname: a person without a preposition of place before it
    _, ents = _run(nlp, "Jack Street, 45, said he heard shots.")
    assert "person:jack street" in {e.key for e in ents}


def test_a_town_the_model_tags_as_a_person_is_a_place_where_written_as_a_town(nlp):
    # a hometown after an age, a word only a town takes, a preposition of place: every
    # mention of the name changes together
    for text, mentions in (
            ("Police named Elio Brandt, 17 of Dunmoreton as the shooter. Dunmoreton police said he fled.", 2),
            ("Marta Oyelaran,31, of Dunmoreton was taken to the hospital.", 1),
            ("The fire broke out in the Corbett neighborhood. Corbett residents were evacuated.", 1),
            # the model tags the first "Corbett" a place (before its state), the second a person
            ("A shooting in Corbett, Wisconsin left one man dead. He was visiting Corbett for a wedding.", 2)):
        _, ents = _run(nlp, text)
        place = [e for e in ents if e.kind == "place" and e.name in ("Dunmoreton", "Corbett")]
        assert len(place) == 1 and len(place[0].mentions) == mentions, (text, [(e.key, e.kind) for e in ents])
        assert not any(e.kind == "person" and e.name in ("Dunmoreton", "Corbett") for e in ents)
    # a name that acts as a person anywhere stays one, however else it is written
    for text in ("Dunmoreton told reporters he would not resign. Crowds gathered in Dunmoreton, the reporter wrote.",
                 "The money ended up in Dunmoreton's account, police said.",
                 "A witness told police one of Dunmoreton's children was heard screaming."):
        _, ents = _run(nlp, text)
        assert _by_key(ents, "person:dunmoreton").kind == "person", text
    # a preposition of place before some mentions only: the name stays one person
    text, ents = _run(nlp, "I believe in Ezren and I pray for Ezren every day.")
    assert _texts(text, _by_key(ents, "person:ezren")) == ["Ezren", "Ezren"]


def test_surname_alone_keys_on_the_surname():
    assert entity_key("Rodríguez", "person") == entity_key("Rodriguez", "person") == "person:rodriguez"


def test_a_hyphen_inside_a_persons_name_keys_as_a_space():
    assert entity_key("Premier Seo Ji-ho", "person") == entity_key("Seo Ji Ho", "person") == "person:seo ji ho"
    assert entity_key("Tomas Ferreiro-Nadal's", "person") == "person:tomas ferreiro nadal"
    assert entity_key("Coca-Cola", "org") == "org:coca-cola"  # a person's name only


def test_a_given_name_the_recogniser_cuts_at_its_hyphen_is_whole(nlp):
    # the model ends these names at the hyphen ("Seo Ha-", "Park Dae-"): a name shown or
    # keyed as "Seo Ha" is another name
    text, entities = _run(nlp, "The talks were led by Foreign Minister Seo Ha-in of Dalvania on Tuesday. "
                               "Governor Park Dae-in met the mayor.")
    assert _texts(text, _by_key(entities, "person:seo ha in")) == ["Seo Ha-in"]
    assert _texts(text, _by_key(entities, "person:park dae in")) == ["Park Dae-in"]


def test_an_english_compound_after_a_name_is_not_part_of_it(nlp):
    text, entities = _run(nlp, "The council, under Mayor Edith Brandt-era rules, met.")
    assert _texts(text, _by_key(entities, "person:edith brandt")) == ["Edith Brandt"]


def test_name_bounds_and_strip_name():
    text = "US President Hedda Brun's"
    a, b = name_bounds(text, "person")
    assert text[a:b] == "Hedda Brun"
    assert name_bounds("President", "org") is None  # an ORG that is only a title
    assert name_bounds("Prime Minister", "person") is None
    assert strip_name("The Harbour Trust (HT", "org") == "Harbour Trust"
    assert fold("Ferreiro‑Nadal’s") == "ferreiro-nadal's"
    # a caption's or a list's label before a full name is no part of it; before a surname alone it stays
    for labelled, name in (("Victims Hedda Brun", "Hedda Brun"), ("Family Handout Ola Brun", "Ola Brun"),
                           ("Photos Ola Brun", "Ola Brun"), ("Victim Brun", "Victim Brun")):
        a, b = name_bounds(labelled, "person")
        assert labelled[a:b] == name


def test_a_persons_name_holds_no_credit_footnote_link_age_or_clock_time():
    # what the recogniser leaves stuck to a name in captions, credits and encyclopaedic text
    cases = {
        "Ada Crane/Velm Gazette": "Ada Crane",            # a photo credit's outlet
        "Tobin Arlo.[12": "Tobin Arlo",                   # a footnote mark after a full stop
        "Ilse Varga,[3": "Ilse Varga",
        "Pell Arno Jr. pic.example.com/x1Y2": "Pell Arno Jr.",  # a link; "Jr." keeps its stop
        "Dorian Vell,32": "Dorian Vell",                  # an age without its space
        "2:18 Hedda Brun": "Hedda Brun",                  # a video's running time
        "Orla Tam • 555-0199": "Orla Tam",                # a byline's phone number
        "Orla Tam Q13Velm": "Orla Tam",                   # a station's call sign
        "Tobin “Fat Boy” Arlo": "Tobin “Fat Boy” Arlo",   # a nickname is part of the name
        "Ada J. Crane": "Ada J. Crane",
        "Tobin Arlo’s 3-year-old": "Tobin Arlo",
    }
    for text, name in cases.items():
        a, b = name_bounds(text, "person")
        assert text[a:b] == name, text
    assert name_bounds("de K9", "person") is None  # nothing of a name is left
    # a number alone among the words: no person's name, a station or a street, left as found
    assert name_bounds("Velm 8", "person") == (0, 6) and name_bounds("302 E. Arlo", "person") == (0, 11)
    # any name ends before an encyclopaedia's footnote mark; a link or a handle is none
    for text, kind, name in (("Velm Harbour.[35", "place", "Velm Harbour"), ("Orla Ferry Line.[6][21", "org",
                                                                          "Orla Ferry Line")):
        a, b = name_bounds(text, kind)
        assert text[a:b] == name
    assert name_bounds("http://velm.example/x1", "place") is None and name_bounds("@VelmNews", "org") is None
    # only a person's name is cut so: an organisation may hold figures
    assert name_bounds("Velm 12 News", "org") == (0, len("Velm 12 News"))


# --- grouping and offsets ---------------------------------------------------------------

def test_title_stripped_and_surname_merged(nlp):
    text, ents = _run(nlp, "Governor Renée Duchâtel said on Tuesday that the dam would reopen. "
                           "Duchâtel added that repairs had cost more than expected.")
    e = _by_key(ents, "person:renee duchatel")
    assert e.name == "Renée Duchâtel" and e.kind == "person"
    assert _texts(text, e) == ["Renée Duchâtel", "Duchâtel"]
    assert e.mentions[0].start == text.index("Renée") and e.mentions[1].start == text.rindex("Duchâtel")
    assert "Duchâtel" in e.aliases and "Governor" in e.aliases
    assert len([x for x in ents if x.kind == "person"]) == 1


def test_same_key_across_accent_variants(nlp):
    _, a = _run(nlp, "Governor Renée Duchâtel opened the dam.")
    _, b = _run(nlp, "Renee Duchatel, the governor of Ostrava province, toured the site.")
    keys_a = {e.key for e in a if e.kind == "person"}
    keys_b = {e.key for e in b if e.kind == "person"}
    assert keys_a == keys_b == {"person:renee duchatel"}


def test_apposition_after_name_is_an_alias(nlp):
    text, ents = _run(nlp, "Mikaël Bråthen, the water authority's chief engineer, said the pumps had failed. "
                           "Bråthen blamed the storm.")
    e = _by_key(ents, "person:mikael brathen")
    assert _texts(text, e) == ["Mikaël Bråthen", "Bråthen"]
    assert "water authority's chief engineer" in e.aliases
    assert not any("engineer" in x.name for x in ents)


def test_apposition_before_name_and_possessive_ner_error(nlp):
    # the model tags "Ferreiro-Nadal's" as an ORG including the "'s"
    text, ents = _run(nlp, "Tavrin's central bank governor, Tomás Ferreiro-Nadal, raised rates. "
                           "Ferreiro-Nadal's decision surprised markets.")
    e = _by_key(ents, "person:tomas ferreiro nadal")
    assert _texts(text, e) == ["Tomás Ferreiro-Nadal", "Ferreiro-Nadal"]
    assert "Tavrin's central bank governor" in e.aliases
    assert not any(x.kind == "org" for x in ents)
    assert _by_key(ents, "place:tavrin").kind == "place"


def test_honorifics_and_titles_not_in_names(nlp):
    text, ents = _run(nlp, "Venezuela's interim President, Delcy Rodriguez, spoke. Mr Halvorsen and Dr Ingrid "
                           "Solberg attended. Prime Minister Ottilie Varga's office declined to comment.")
    people = {e.key: e for e in ents if e.kind == "person"}
    assert set(people) == {"person:delcy rodriguez", "person:halvorsen", "person:ingrid solberg",
                           "person:ottilie varga"}
    assert _texts(text, people["person:ottilie varga"]) == ["Ottilie Varga"]
    assert "Venezuela's interim President" in people["person:delcy rodriguez"].aliases
    assert people["person:halvorsen"].aliases == []  # "Mr" is no role


def test_an_office_and_its_title_are_no_part_of_a_name(nlp):
    # the model tags "Coroner Edna Mulligan" and "Spokeswoman Tamsin Okafor" as persons
    text, ents = _run(nlp, "Varrow County Coroner Edna Mulligan said the driver died at the scene. "
                           "Mulligan said an autopsy was planned.")
    assert _texts(text, _by_key(ents, "person:edna mulligan")) == ["Edna Mulligan", "Mulligan"]
    assert [e.key for e in ents if "county" in e.key] == ["place:varrow county"]  # an area, as a GPE is
    text, ents = _run(nlp, '"We are asking anyone with video to call us," said Brickfield Police Spokeswoman '
                           "Tamsin Okafor.")
    assert _texts(text, _by_key(ents, "person:tamsin okafor")) == ["Tamsin Okafor"]
    text, ents = _run(nlp, "Nephew Tobias Wendt said the family was devastated.")
    assert _texts(text, _by_key(ents, "person:tobias wendt")) == ["Tobias Wendt"]


def test_a_headline_or_an_institution_tagged_person_is_no_person(nlp):
    # title-case headlines the model reads as one long name
    _text, ents = _run(nlp, "Girl Shot Near Elm Park\n\nA girl was shot on Friday.")
    assert not any(e.kind == "person" for e in ents), [e.key for e in ents]
    # a hospital named after a person, tagged a person
    _text, ents = _run(nlp, "The victim was taken to Oskar Brandt Hospital, where he died.")
    assert [(e.key, e.kind) for e in ents] == [("org:oskar brandt hospital", "org")]


def test_shared_surname_stays_apart(nlp):
    text, ents = _run(nlp, "Anton Keller and Mara Keller founded the firm. Keller said it was profitable.")
    assert _texts(text, _by_key(ents, "person:anton keller")) == ["Anton Keller"]
    assert _texts(text, _by_key(ents, "person:mara keller")) == ["Mara Keller"]
    assert _texts(text, _by_key(ents, "person:keller")) == ["Keller"]


def test_a_surname_two_people_share_names_neither(nlp):
    # "Malia and Sasha Obama": the surname alone is not the daughter named in full
    text, ents = _run(nlp, "President Obama left with Malia and Sasha Obama on Friday. Obama said the trip was short.")
    assert _texts(text, _by_key(ents, "person:sasha obama")) == ["Sasha Obama"]
    assert _texts(text, _by_key(ents, "person:obama")) == ["Obama", "Obama"]
    # a full name before "and" is no given name: "Jones" is Dequan Jones's
    text, ents = _run(nlp, "Officers found Stan Woods and Dequan Jones at the scene. Jones was unhurt.")
    assert "person:jones" not in {e.key for e in ents}
    # nor is a pronoun, nor a given name before a full name with a middle name
    text, ents = _run(nlp, "He and Ray Moss were charged. Moss said nothing.")
    assert _texts(text, _by_key(ents, "person:ray moss")) == ["Ray Moss", "Moss"]
    text, ents = _run(nlp, "Senators Ron Wyden of Oregon and Mark Udall of Colorado wrote to him. On Friday, "
                           "Mr. Udall released a statement.")
    assert _texts(text, _by_key(ents, "person:mark udall")) == ["Mark Udall", "Udall"]
    text, ents = _run(nlp, "The man shot Emma and Sharon Ada Vance. Vance is in stable condition.")
    assert _texts(text, _by_key(ents, "person:sharon ada vance")) == ["Sharon Ada Vance", "Vance"]


def test_untagged_surname_is_added(nlp):
    # the model tags the second "Vesterby" as an adverb, not an entity
    text, ents = _run(nlp, "Anneli Vesterby, the harbour master, said the quay was closed. "
                           "Vesterby later reopened it.")
    e = _by_key(ents, "person:anneli vesterby")
    assert _texts(text, e) == ["Anneli Vesterby", "Vesterby"]
    assert "harbour master" in e.aliases


def test_a_name_set_off_before_an_age_is_a_person(nlp):
    # the model tags the name an organisation here, and misses it after a quotation
    text, ents = _run(nlp, "Halvor Engstrand, 71, a retired ferry mechanic, stood outside the sports hall.")
    assert _texts(text, _by_key(ents, "person:halvor engstrand")) == ["Halvor Engstrand"]
    text, ents = _run(nlp, '"Nobody goes home until the engineers tell us the wall will hold."\n\n'
                           "Halvor Engstrand, 71, a retired ferry mechanic, stood outside the Strandvik sports hall "
                           "in Port Alder holding a cat carrier and a plastic bag of medicine.")
    assert _texts(text, _by_key(ents, "person:halvor engstrand")) == ["Halvor Engstrand"]
    # a street before a number is a street
    text, ents = _run(nlp, "The fire spread along Lilac Street, 24, and reached the quay.")
    assert not any(e.kind == "person" for e in ents)


def test_org_acronym_and_norp(nlp):
    text, ents = _run(nlp, "The Northern Water Authority (NWA) cut supplies to Port Esk. The NWA said pressure "
                           "would return. Venezuelan and Spanish reporters asked the Democrats.")
    nwa = _by_key(ents, "org:northern water authority")
    assert _texts(text, nwa) == ["Northern Water Authority", "NWA", "NWA"]
    assert "NWA" in nwa.aliases
    assert _by_key(ents, "org:democrats").kind == "org"
    assert not any(fold(e.name) in ("venezuelan", "spanish") for e in ents)


def test_mentions_sorted_exact_and_disjoint_across_entities(nlp):
    text, ents = _run(nlp, "Governor Renée Duchâtel met Olek Brandt, the port director, in Port Esk. "
                           "The governor said the deal was done. Brandt agreed.")
    seen: list[tuple[int, int]] = []
    for e in ents:
        assert [m.start for m in e.mentions] == sorted(m.start for m in e.mentions)
        for m in e.mentions:
            assert text[m.start:m.end] == text[m.start:m.end].strip() and m.end > m.start
            assert all(m.end <= a or m.start >= b for a, b in seen)
            seen.append((m.start, m.end))


# --- role phrases ---------------------------------------------------------------------

def test_role_phrase_linked_by_title_then_reused(nlp):
    text, ents = _run(nlp, "Governor Renée Duchâtel met Olek Brandt, the port director. "
                           "The governor said the deal was done. The port director agreed.")
    duchatel = _by_key(ents, "person:renee duchatel")
    brandt = _by_key(ents, "person:olek brandt")
    assert _texts(text, duchatel) == ["Renée Duchâtel", "governor"]
    assert duchatel.mentions[1].start == text.index("governor said")
    assert _texts(text, brandt) == ["Olek Brandt", "port director"]
    assert brandt.mentions[1].start == text.rindex("port director")


def test_role_phrase_after_sole_subject_of_previous_sentence(nlp):
    text, ents = _run(nlp, "Renee Duchatel cancelled the second vote on Friday.\n\n"
                           "The Tavrin president said later that talks would go on.")
    e = _by_key(ents, "person:renee duchatel")
    assert _texts(text, e) == ["Renee Duchatel", "Tavrin president"]
    assert "Tavrin president" in e.aliases


def test_role_phrase_not_linked_when_text_does_not_link_it(nlp):
    # two people in the previous sentence, nobody holds the role: no link
    text, ents = _run(nlp, "Renee Duchatel met Olek Brandt in Port Esk. The prime minister said the talks went well.")
    for e in ents:
        assert "prime minister" not in _texts(text, e)
    text, ents = _run(nlp, "Renee Duchatel and Olek Brandt met in Port Esk. The prime minister said the talks went well.")
    for e in ents:
        assert "prime minister" not in _texts(text, e)
    # the one person of the previous sentence is not its subject
    text, ents = _run(nlp, "Crowds cheered Renee Duchatel in Port Esk. The prime minister said the visit went well.")
    assert _texts(text, _by_key(ents, "person:renee duchatel")) == ["Renee Duchatel"]
    # the role's holder is named with another modifier: "the Tavrin governor" is not "the Ostrava governor"
    text, ents = _run(nlp, "Mikaël Bråthen, the Ostrava governor, arrived.\n\nThe Tavrin governor said nothing.")
    assert "Tavrin governor" not in _texts(text, _by_key(ents, "person:mikael brathen"))


def test_role_phrase_ambiguous_between_two_holders(nlp):
    text, ents = _run(nlp, "Tavrin's minister, Oskar Lindqvist, and Ostrava's minister, Hedda Brun, spoke. "
                           "The minister said rates would fall.")
    for key in ("person:oskar lindqvist", "person:hedda brun"):
        assert _texts(text, _by_key(ents, key)) == [_by_key(ents, key).name]


def test_role_phrase_for_a_new_referent_not_linked(nlp):
    # rule (2) only for offices one person holds; an "of"-phrase or a common-noun
    # modifier introduces someone new
    for second in ("The officer said the boats were searched.",
                   "The commander of the Tavrin fleet said the boats were searched.",
                   "The fire chief said the boats were searched."):
        text, ents = _run(nlp, "Renee Duchatel cancelled the second vote on Friday. " + second)
        assert _texts(text, _by_key(ents, "person:renee duchatel")) == ["Renee Duchatel"], second


def test_lowercase_ner_spans_dropped(nlp):
    doc = nlp("Links: palin.html and duchatel.htm were shared by renee duchatel and olek brandt.")
    assert any(not any(ch.isupper() for ch in e.text) for e in doc.ents)  # the model tags one
    assert extract_entities(doc) == []
