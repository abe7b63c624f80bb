"""Figure extraction on sentences written for these tests (fictional people, places and events)."""

from __future__ import annotations

import pytest

from storylens.extract.figures import extract_figures
from storylens.extract.nlp import load_nlp
from storylens.model import Figure


@pytest.fixture(scope="module")
def nlp():  # type: ignore[no-untyped-def]
    return load_nlp()


def figures(nlp, text: str) -> list[Figure]:  # type: ignore[no-untyped-def]
    found = extract_figures(nlp(text))
    for fig in found:
        assert text[fig.start:fig.end] == fig.text, fig  # offsets index the text exactly
    return found


def only(nlp, text: str) -> Figure:  # type: ignore[no-untyped-def]
    found = figures(nlp, text)
    assert len(found) == 1, found
    return found[0]


def test_scale_words_and_currency_as_stated(nlp):
    crowns = only(nlp, "At least 250 Billion Crowns will be invested in the Verlund bridge.")
    assert crowns.value == pytest.approx(2.5e11)
    assert crowns.bound == ">="
    assert crowns.currency == "crown"
    assert crowns.text == "At least 250 Billion Crowns"
    assert crowns.counts == "invest"
    nok = only(nlp, "The Nordhavn fund will put at least NOK 250 billion into its ports.")
    assert nok.value == pytest.approx(2.5e11)
    assert nok.bound == ">="
    assert nok.currency == "NOK"


def test_the_same_amount_written_four_ways(nlp):
    text = "Pellworth Bank booked $100bn, then USD 100 billion, 100 Billion Dollars and US$100 billion."
    found = figures(nlp, text)
    assert [f.value for f in found] == [pytest.approx(1e11)] * 4
    assert {f.currency for f in found} == {"USD"}
    assert only(nlp, "The Quarrington mill sold 1.2m tons of paper.").value == pytest.approx(1.2e6)


def test_range_with_counted_noun(nlp):
    fig = only(nlp, "Guards at the Korvel camp held between 800 and 1,000 detainees.")
    assert (fig.low, fig.high, fig.value) == (800, 1000, None)
    assert fig.counts == "detainee"
    assert fig.text == "between 800 and 1,000 detainees"


def test_ranges_share_their_unit_and_scale(nlp):
    assert (only(nlp, "The Tarn ferry sails at 15-22 miles per hour.").low,) == (15,)
    fig = only(nlp, "Analysts at Welbeck expect a fine of $10 to $15 billion.")
    assert (fig.low, fig.high, fig.currency) == (pytest.approx(1e10), pytest.approx(1.5e10), "USD")
    fig = only(nlp, "Prices at the Orlin market range from $200 to $4 million.")
    assert (fig.low, fig.high) == (200, pytest.approx(4e6))  # the scale is not shared downwards
    fig = only(nlp, "There were four to five thousand marchers in Calder.")
    assert (fig.low, fig.high, fig.counts) == (4000, 5000, "marcher")


def test_vague_quantities_are_kept_as_such(nlp):
    found = figures(nlp, "Mayor Tessaly said large numbers of prisoners were freed, while monitors "
                         "confirmed about a dozen releases.")
    assert [f.vague for f in found] == ["large numbers of", None]
    assert found[0].value is None and found[0].low is None and found[0].counts == "prisoner"
    assert (found[1].value, found[1].bound, found[1].counts) == (12, "~", "release")
    found = figures(nlp, "Dozens of people marched in Oster; an important number of nurses and "
                         "a handful of officials joined.")
    assert [f.vague for f in found] == ["Dozens of", "an important number of", "a handful of"]
    assert (found[0].low, found[0].high) == (12, 120)


def test_trends(nlp):
    up = only(nlp, "Shares of Brindle Foods rose by 5% on Monday.")
    assert (up.value, up.trend, up.unit) == (5, "up", "percent")
    down = only(nlp, "Unemployment in Marrowick fell to 3% last year.")
    assert (down.value, down.trend) == (3, "down")
    assert only(nlp, "Exports from Sela increased 12 percent.").trend == "up"
    assert only(nlp, "The Corvin index was down 0.4 per cent.").trend == "down"
    assert only(nlp, "Halvard Mining raised $40 million from investors.").trend is None


def test_bounds(nlp):
    found = figures(nlp, "The Ostrava ferry carried more than 300 passengers, nearly 40 cars, "
                         "up to 12 trucks, fewer than 20 boats, at most 9 vans and about 30 bikes.")
    assert [(f.value, f.bound) for f in found] == [
        (300, ">"), (40, "~"), (12, "<="), (20, "<"), (9, "<="), (30, "~")]
    assert [f.counts for f in found] == ["passenger", "car", "truck", "boat", "van", "bike"]


def test_words_as_numbers(nlp):
    found = figures(nlp, "Five Spanish nationals and two-thirds of the crew were hurt on the one-hour flight "
                         "to Pell, and a dozen guards stayed.")
    assert [f.value for f in found] == [5, pytest.approx(2 / 3), 1, 12]
    assert found[0].counts == "national"
    assert found[2].unit == "hour"


def test_units_are_normalised(nlp):
    found = figures(nlp, "The Brask truck weighs 4.5 tonnes, drove 60 km/h for 300 kilometres "
                         "and used 20 litres at minus 5 degrees Celsius.")
    assert [(f.value, f.unit) for f in found] == [
        (4.5, "t"), (60, "km/h"), (300, "km"), (20, "l"), (-5, "°C")]


def test_money_rates(nlp):
    fig = only(nlp, "A season ticket at Harrowgate costs £12 a month.")
    assert (fig.value, fig.currency, fig.unit) == (12, "GBP", "per month")


def test_dates_times_years_ordinals_phones_and_names_are_not_figures(nlp):
    assert figures(nlp, "Call 555-123-4567 or meet at Gate 12 on 3 January 2026 at 10:30.") == []
    assert figures(nlp, "The Brandt plan came in 2019, in its 10th year, after the 2-1 win.") == []
    assert figures(nlp, "Rovan bought an iPhone 11 and a Section 427 ticket.") == []


def test_age_after_a_name(nlp):
    fig = only(nlp, "Pieter Vandermolen, 66, said the harbour would reopen.")
    assert (fig.value, fig.unit) == (66, "year-old")


def test_signed_percentages(nlp):
    found = figures(nlp, "Markets: Corvin -1.3%, Tessel +0.6%.")
    assert [(f.value, f.trend) for f in found] == [(-1.3, "down"), (0.6, "up")]


def test_a_restatement_shares_the_trend(nlp):
    found = figures(nlp, "The Corvin index lost 190 points, or 0.6%, on Friday.")
    assert [(f.value, f.trend) for f in found] == [(190, "down"), (0.6, "down")]
    found = figures(nlp, "Pylons at Ardmere must hold less than 8.9 ksi (61.4 MPa).")
    assert [f.bound for f in found] == ["<", "<"]


def test_a_phrasal_particle_is_not_a_trend(nlp):
    assert only(nlp, "The Halden defence gave up 517 yards against Brisk.").trend is None
    assert only(nlp, "Halden shares were up 4% at noon.").trend == "up"


def test_a_change_then_the_level_reached_is_not_a_range(nlp):
    found = figures(nlp, "The Tarrow deficit increased by $43.6 billion to $419.2 billion.")
    assert [(f.value, f.trend) for f in found] == [(pytest.approx(4.36e10), "up"), (pytest.approx(4.192e11), None)]
    found = figures(nlp, "Revenue at Quell rose to $7.36 billion from $6.78 billion a year earlier.")
    assert [f.unit for f in found] == [None, None]  # "a year earlier" is not a rate


def test_year_spans_are_not_ranges_but_counts_are(nlp):
    assert figures(nlp, "Samples taken at Dunmore between 2014 and 2017 were lost.") == []
    fig = only(nlp, "Vellum Labs is going from 1000 to 2000 hires this year.")
    assert (fig.low, fig.high, fig.counts) == (1000, 2000, "hire")


def test_newsquant_mapping_and_one_to_one_matching():
    from storylens.eval.newsquant import Item, Sentence, newsquant_change, newsquant_unit, score

    text = "Brindle shares fell 2% to 3.1 euros."
    drop = Figure("2%", 20, 22, value=2, trend="down", unit="percent")
    level = Figure("3.1 euros", 26, 35, value=3.1, trend="down", currency="EUR")
    assert (newsquant_unit(drop), newsquant_change(drop, text)) == ("percentage", "down")
    assert (newsquant_unit(level), newsquant_change(level, text)) == ("euro", "=")  # the level reached
    assert newsquant_unit(Figure("$5 a share", 0, 10, value=5, currency="USD", unit="per share")) == "dollar per share"
    gold = (Item(2.0, "percentage", "down"), Item((208.0, 193.0), "pound-mass", "="))
    sentence = Sentence("x", gold)
    # one prediction cannot match two gold items; a range matches its ends in either order
    result = score([sentence], [[Item(2.0, "percentage", "="), Item(2.0, "percentage", "down"),
                                 Item((193.0, 208.0), "pound-mass", "=")]])
    assert (result["value_recall"], result["value_precision"]) == (1.0, pytest.approx(2 / 3, abs=1e-4))
    assert result["value_change_recall"] == 1.0
    assert score([sentence], [[Item(2.0, "-", "=")]])["value_unit_recall"] == 0.0


def test_one_as_a_pronoun_is_not_a_figure(nlp):
    assert figures(nlp, "Five sailors were held in Brandt, one of them a citizen of Oster.")[1:] == []
    fig = only(nlp, "It was one of the proudest moments for the Tessel club.")
    assert (fig.value, fig.counts, fig.unit) == (1, "moment", "proud moment")
