"""Word lists for figure extraction: units, currencies, scale words, bounds, trends.

Every table maps surface forms (as written in news text) to a canonical key. Unit keys
are short names ("km", "percent", "mph"); ``UNIT_NAMES`` gives each its full name
("kilometre", "percentage", "mile per hour"). Currency keys are ISO 4217 codes where
the text determines one ("$" is read as USD unless a prefix says otherwise), else the
stated name ("crown", "peso").
"""

from __future__ import annotations

import re

__all__ = [
    "UNIT_NAMES", "UNIT_WORDS", "UNIT_SYMBOLS", "CURRENCY_NAMES", "CURRENCY_PREFIXES",
    "CURRENCY_WORDS", "CURRENCY_CODES", "SCALES", "GLUED_SCALES", "BOUND_PHRASES", "TREND_UP", "TREND_DOWN",
    "RATE_DENOMINATORS", "MONTHS", "TIME_UNITS", "alternation", "folded_alternation",
]

#: unit key -> full name.
UNIT_NAMES: dict[str, str] = {
    "percent": "percentage", "percentage point": "percentage point", "basis point": "basis point",
    "point": "point", "km": "kilometre", "m": "metre", "cm": "centimetre", "mm": "millimetre",
    "μm": "micrometre", "nm": "nanometre", "mi": "mile", "ft": "foot", "in": "inch", "yd": "yard",
    "sq m": "square metre", "sq ft": "square feet", "sq mi": "square mile", "sq km": "square kilometre",
    "cu ft": "cubic foot", "ha": "hectare", "acre": "acre", "kg": "kilogram", "g": "gram",
    "mg": "milligram", "lb": "pound-mass", "t": "metric ton", "ton": "ton", "oz": "ounce",
    "l": "litre", "ml": "millilitre", "gal": "gallon", "barrel": "barrel", "mph": "mile per hour",
    "km/h": "kilometre per hour", "mpg": "mile per gallon", "rpm": "revolutions per minute",
    "hp": "horsepower", "W": "watt", "kW": "kilowatt", "MW": "megawatt", "GW": "gigawatt",
    "kWh": "kilowatt hour", "MWh": "megawatt hour", "GWh": "gigawatt hour", "V": "volt",
    "mAh": "milliampere-hour", "Hz": "hertz", "kHz": "kilohertz", "MHz": "megahertz",
    "GHz": "gigahertz", "KB": "kilobyte", "MB": "megabyte", "GB": "gigabyte", "TB": "terabyte",
    "Mbps": "megabit per second", "Gbps": "gigabit per second", "degree": "degree",
    "°C": "celsius", "°F": "fahrenheit", "dB": "decibel", "ppm": "part per million",
    "ppb": "parts-per-billion", "kcal": "calorie", "MPa": "megapascal", "ksi": "kilopound per square inch",
    "year": "year", "month": "month", "week": "week", "day": "day", "hour": "hour", "minute": "minute",
    "second": "second", "year-old": "year of age", "month-old": "month of age", "times": "count",
    "cent": "cent", "pence": "pence", "ppg": "point per game", "rpg": "rebound per game",
    "apg": "assist per game", "lb-ft": "foot pound-force", "A": "ampere", "A/cm2": "ampere per square centimetre",
}

#: Case-insensitive unit words (plural and singular), longest forms first when compiled.
UNIT_WORDS: dict[str, str] = {
    "percent": "percent", "per cent": "percent", "per-cent": "percent", "pc": "percent", "pct": "percent",
    "percentage points": "percentage point", "percentage point": "percentage point",
    "basis points": "basis point", "basis point": "basis point", "bps": "basis point",
    "points": "point", "point": "point", "pts": "point",
    "kilometres": "km", "kilometers": "km", "kilometre": "km", "kilometer": "km", "kms": "km",
    "metres": "m", "meters": "m", "metre": "m", "meter": "m",
    "centimetres": "cm", "centimeters": "cm", "centimetre": "cm", "centimeter": "cm",
    "millimetres": "mm", "millimeters": "mm", "millimetre": "mm", "millimeter": "mm",
    "micrometres": "μm", "micrometers": "μm", "microns": "μm", "micron": "μm",
    "nanometres": "nm", "nanometers": "nm", "nanometre": "nm", "nanometer": "nm",
    "miles": "mi", "mile": "mi", "feet": "ft", "foot": "ft", "inches": "in", "inch": "in",
    "yards": "yd", "yard": "yd",
    "square metres": "sq m", "square meters": "sq m", "square metre": "sq m", "square meter": "sq m",
    "sq m": "sq m", "sqm": "sq m", "square feet": "sq ft", "square foot": "sq ft", "sq ft": "sq ft",
    "square miles": "sq mi", "square mile": "sq mi", "square kilometres": "sq km",
    "square kilometers": "sq km", "sq km": "sq km", "cubic feet": "cu ft", "cubic foot": "cu ft",
    "hectares": "ha", "hectare": "ha", "acres": "acre", "acre": "acre",
    "kilograms": "kg", "kilogrammes": "kg", "kilogram": "kg", "kilos": "kg", "kilo": "kg",
    "grams": "g", "grammes": "g", "gram": "g", "milligrams": "mg", "milligram": "mg",
    "pounds": "lb", "pound": "lb", "lbs": "lb", "tonnes": "t", "tonne": "t", "metric tons": "t",
    "tons": "ton", "ton": "ton", "ounces": "oz", "ounce": "oz",
    "litres": "l", "liters": "l", "litre": "l", "liter": "l", "millilitres": "ml", "milliliters": "ml",
    "gallons": "gal", "gallon": "gal", "barrels": "barrel", "barrel": "barrel", "bbl": "barrel",
    "miles per hour": "mph", "miles an hour": "mph", "mph": "mph", "m.p.h.": "mph",
    "kilometres per hour": "km/h", "kilometers per hour": "km/h", "kilometres an hour": "km/h",
    "km/h": "km/h", "km/hr": "km/h", "kph": "km/h", "kmh": "km/h",
    "miles per gallon": "mpg", "mpg": "mpg", "rpm": "rpm", "revolutions per minute": "rpm",
    "horsepower": "hp", "hp": "hp", "bhp": "hp",
    "watts": "W", "watt": "W", "kilowatts": "kW", "kilowatt": "kW", "megawatts": "MW",
    "megawatt": "MW", "gigawatts": "GW", "gigawatt": "GW", "kilowatt hours": "kWh",
    "kilowatt-hours": "kWh", "gigawatt hours": "GWh", "volts": "V", "volt": "V",
    "hertz": "Hz", "hz": "Hz", "khz": "kHz", "mhz": "MHz", "ghz": "GHz",
    "gigabytes": "GB", "megabytes": "MB", "terabytes": "TB", "mbps": "Mbps", "gbps": "Gbps",
    "degrees celsius": "°C", "degree celsius": "°C", "degrees centigrade": "°C", "degree c": "°C",
    "deg c": "°C", "celsius": "°C", "degrees fahrenheit": "°F", "degree fahrenheit": "°F",
    "degf": "°F", "fahrenheit": "°F", "degrees": "degree", "degree": "degree",
    "decibels": "dB", "decibel": "dB", "parts per million": "ppm", "ppm": "ppm",
    "parts per billion": "ppb", "ppb": "ppb", "calories": "kcal", "kilocalories": "kcal", "kcal": "kcal",
    "years": "year", "year": "year", "yrs": "year", "months": "month", "month": "month",
    "weeks": "week", "week": "week", "days": "day", "day": "day", "hours": "hour", "hour": "hour",
    "hrs": "hour", "minutes": "minute", "minute": "minute", "mins": "minute", "min": "minute",
    "seconds": "second", "second": "second", "secs": "second", "sec": "second",
    "year-old": "year-old", "years old": "year-old", "year old": "year-old", "years-old": "year-old",
    "month-old": "month-old", "months old": "month-old", "times": "times",
    "cents": "cent", "cent": "cent", "pence": "pence",
    "ppg": "ppg", "rpg": "rpg", "apg": "apg", "lb-ft": "lb-ft", "pound-feet": "lb-ft",
}

#: Case-sensitive unit symbols (usually glued to the number or after a space).
UNIT_SYMBOLS: dict[str, str] = {
    "%": "percent", "km": "km", "m": "m", "cm": "cm", "mm": "mm", "μm": "μm", "µm": "μm", "nm": "nm",
    "ft": "ft", "″": "in", "\"": "in", "′": "ft", "'": "ft", "yd": "yd", "m2": "sq m", "m²": "sq m",
    "km2": "sq km", "km²": "sq km", "kg": "kg", "g": "g", "mg": "mg", "lb": "lb", "t": "t",
    "l": "l", "L": "l", "ml": "ml", "mL": "ml", "W": "W", "kW": "kW", "MW": "MW", "GW": "GW",
    "kWh": "kWh", "MWh": "MWh", "GWh": "GWh", "V": "V", "mAh": "mAh", "Hz": "Hz", "HZ": "Hz",
    "kHz": "kHz", "MHz": "MHz", "GHz": "GHz", "Ghz": "GHz", "KB": "KB", "MB": "MB", "GB": "GB",
    "TB": "TB", "°C": "°C", "°F": "°F", "°": "degree", "C": "°C", "F": "°F", "dB": "dB",
    "MPa": "MPa", "ksi": "ksi", "HP": "hp", "p": "pence", "c": "cent", "A/cm2": "A/cm2", "A": "A",
}

#: currency key -> full name.
CURRENCY_NAMES: dict[str, str] = {
    "USD": "dollar", "AUD": "australian dollar", "NZD": "new zealand dollar", "CAD": "canadian dollar",
    "HKD": "hong kong dollar", "SGD": "singapore dollar", "EUR": "euro", "GBP": "pound sterling",
    "JPY": "japanese yen", "CNY": "chinese yuan", "ILS": "shekel", "MYR": "malaysian ringgit",
    "HRK": "croatian kuna", "ZAR": "south african rand", "INR": "indian rupee", "NOK": "norwegian krone",
    "SEK": "swedish krona", "DKK": "danish krone", "CHF": "swiss franc", "RUB": "russian ruble",
    "BRL": "brazilian real", "MXN": "mexican peso", "KRW": "south korean won", "TRY": "turkish lira",
    "crown": "crown", "peso": "peso", "franc": "franc", "dollar": "dollar", "rupee": "rupee",
}

#: Symbols and codes written before the number (glued or after one space). "PS" and "Y="
#: are the ASCII transliterations of £ and ¥ that tools such as unidecode produce.
CURRENCY_PREFIXES: dict[str, str] = {
    "US$": "USD", "US $": "USD", "$US": "USD", "U.S. $": "USD", "USD": "USD",
    "A$": "AUD", "$A": "AUD", "AU$": "AUD", "AU $": "AUD", "AUD": "AUD",
    "NZ$": "NZD", "NZ $": "NZD", "NZD": "NZD", "C$": "CAD", "C $": "CAD", "CA$": "CAD", "CAD": "CAD",
    "HK$": "HKD", "HKD": "HKD", "S$": "SGD", "SGD": "SGD", "R$": "BRL", "BRL": "BRL",
    "$": "USD", "€": "EUR", "EUR": "EUR", "£": "GBP", "GBP": "GBP", "PS": "GBP",
    "¥": "JPY", "Y=": "JPY", "JPY": "JPY", "CNY": "CNY", "RMB": "CNY", "₪": "ILS", "NIS": "ILS",
    "ILS": "ILS", "RM": "MYR", "MYR": "MYR", "₹": "INR", "Rs.": "INR", "Rs": "INR", "INR": "INR",
    "NOK": "NOK", "SEK": "SEK", "DKK": "DKK", "CHF": "CHF", "ZAR": "ZAR", "R": "ZAR", "HRK": "HRK",
    "RUB": "RUB", "₽": "RUB", "KRW": "KRW", "₩": "KRW", "MXN": "MXN", "TRY": "TRY",
}

#: Currency words and codes written after the number (case-insensitive words).
CURRENCY_WORDS: dict[str, str] = {
    "us dollars": "USD", "u.s. dollars": "USD", "american dollars": "USD",
    "australian dollars": "AUD", "australian dollar": "AUD", "new zealand dollars": "NZD",
    "canadian dollars": "CAD", "canadian dollar": "CAD", "hong kong dollars": "HKD",
    "singapore dollars": "SGD", "dollars": "dollar", "dollar": "dollar",
    "euros": "EUR", "euro": "EUR", "pounds sterling": "GBP", "sterling": "GBP",
    "yen": "JPY", "chinese yuan": "CNY", "yuan": "CNY", "renminbi": "CNY",
    "shekels": "ILS", "shekel": "ILS", "new israeli shekels": "ILS", "ringgit": "MYR",
    "kuna": "HRK", "kn": "HRK", "rand": "ZAR", "rupees": "INR", "rupee": "INR",
    "norwegian crowns": "NOK", "norwegian kroner": "NOK", "swedish crowns": "SEK",
    "swedish kronor": "SEK", "danish crowns": "DKK", "danish kroner": "DKK", "crowns": "crown",
    "crown": "crown", "kroner": "crown", "kronor": "crown", "swiss francs": "CHF", "francs": "franc",
    "roubles": "RUB", "rubles": "RUB", "won": "KRW", "pesos": "peso", "lira": "TRY",
}

#: ISO codes accepted after the number ("110 JPY", "500 US").
CURRENCY_CODES: dict[str, str] = {code: code for code in (
    "USD", "EUR", "GBP", "JPY", "AUD", "NZD", "CAD", "CHF", "CNY", "HKD", "SGD", "INR", "NOK", "SEK",
    "DKK", "ZAR", "MYR", "ILS", "RUB", "BRL", "MXN", "KRW", "TRY", "HRK")}
CURRENCY_CODES.update({"YEN": "JPY", "RMB": "CNY", "NIS": "ILS"})

#: Scale words (case-insensitive) and their factors.
SCALES: dict[str, float] = {
    "hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
    "mn": 1e6, "mln": 1e6, "bn": 1e9, "bln": 1e9, "tn": 1e12, "trn": 1e12,
}
#: Glued single-letter scales ("$4.2b", "$13.6M", "35m", "10k"); "m" may also be metres.
GLUED_SCALES: dict[str, float] = {"k": 1e3, "K": 1e3, "m": 1e6, "M": 1e6, "b": 1e9, "B": 1e9}

#: Bound phrases written before the number, longest first when compiled.
BOUND_PHRASES: dict[str, str] = {
    "at least": ">=", "no fewer than": ">=", "no less than": ">=", "not less than": ">=",
    "a minimum of": ">=", "minimum of": ">=",
    "more than": ">", "over": ">", "above": ">", "in excess of": ">", "upwards of": ">",
    "upward of": ">", "greater than": ">", "higher than": ">", "north of": ">", "exceeding": ">",
    "well over": ">", "just over": ">", "over than": ">", "well above": ">", "nearly over": ">",
    "about": "~", "around": "~", "roughly": "~", "approximately": "~", "nearly": "~",
    "almost": "~", "some": "~", "an estimated": "~", "estimated": "~", "close to": "~",
    "approx.": "~", "circa": "~", "c.": "~", "~": "~", "near": "~", "just about": "~",
    "up to": "<=", "at most": "<=", "no more than": "<=", "not more than": "<=",
    "a maximum of": "<=", "maximum of": "<=", "as much as": "<=",
    "less than": "<", "fewer than": "<", "under": "<", "below": "<", "just under": "<",
    "lower than": "<", "just below": "<", "short of": "<", "sub-": "<",
}

TREND_UP = (
    "rose", "rise", "rises", "rising", "risen", "up", "gained", "gain", "gains", "gaining",
    "climbed", "climb", "climbs", "climbing", "jumped", "jump", "jumps", "advanced", "advance",
    "advances", "advancing", "increased", "increase", "increases", "increasing", "grew", "grow",
    "grows", "growing", "grown", "soared", "soar", "soars", "surged", "surge", "surges",
    "rallied", "rally", "rallies", "added", "adds", "higher", "boosted", "raised", "raise",
    "raises", "hiked", "spiked", "rebounded", "firmed", "edged up", "inched up", "ticked up",
    "went up", "go up", "goes up", "revised upward by", "upward", "jumping", "surging", "soaring",
    "rallying", "spiking", "rebounding", "adding",
)
TREND_DOWN = (
    "fell", "fall", "falls", "falling", "fallen", "down", "dropped", "drop", "drops", "dropping",
    "declined", "decline", "declines", "declining", "decreased", "decrease", "decreases",
    "decreasing", "lost", "lose", "loses", "losing", "shed", "sheds", "shedding", "slid", "slide",
    "slides", "sliding", "sank", "sink", "sinks", "sinking", "slumped", "slump", "slumps",
    "plunged", "plunge", "plunges", "plunging", "plummeted", "plummet", "plummets", "tumbled",
    "tumble", "tumbles", "tumbling", "dipped", "dip", "dips", "eased", "ease", "eases", "easing",
    "retreated", "retreat", "slipped", "slip", "slips", "cut", "cuts", "lowered", "lower",
    "shrank", "shrink", "shrinks", "contracted", "edged down", "inched down", "ticked down",
    "went down", "go down", "goes down", "revised downward by", "downward", "crashed", "sagged",
    "plummeting", "slumping", "dipping", "retreating", "slipping", "sagging", "shrinking", "sliding",
)

#: Denominators of rates ("$5 a share", "US$58 per barrel", "RM79 a month").
RATE_DENOMINATORS: dict[str, str] = {
    "share": "share", "year": "year", "month": "month", "week": "week", "day": "day", "hour": "hour",
    "night": "night", "barrel": "barrel", "ounce": "ounce", "gallon": "gallon", "litre": "litre",
    "liter": "litre", "tonne": "tonne", "ton": "ton", "kilo": "kilogram", "kg": "kilogram",
    "pound": "pound", "person": "person", "head": "head", "capita": "capita", "unit": "unit",
    "sq m": "square metre", "square metre": "square metre", "square meter": "square metre",
    "square foot": "square foot", "sq ft": "square foot", "mmbtu": "mega british thermal unit",
    "game": "game", "minute": "minute", "kwh": "kilowatt hour", "megawatt hour": "megawatt hour",
}

MONTHS = (
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
    "sept", "oct", "nov", "dec",
)

TIME_UNITS = frozenset({"year", "month", "week", "day", "hour", "minute", "second"})


def alternation(words: list[str] | tuple[str, ...] | set[str]) -> str:
    """A regex alternation of ``words``, longest first, each escaped, spaces as ``\\s+``."""
    ordered = sorted(set(words), key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ordered)


def folded_alternation(words: list[str] | tuple[str, ...] | set[str]) -> str:
    """:func:`alternation` grouped by first letter (``r(?:ose|ise)|u(?:p)``), for a pattern
    compiled with ``re.IGNORECASE``: there, words that start with different ASCII letters
    never match at one place, so the same word matches as in the flat alternation (within
    a group the order is kept) while the engine rules a group out by its letter when
    searching. Words that do not start with an ASCII character keep the flat form."""
    ordered = sorted(set(words), key=len, reverse=True)
    if not all(w and w[0].isascii() for w in ordered):
        return alternation(words)
    groups: dict[str, list[str]] = {}
    for w in ordered:
        groups.setdefault(w[0].lower(), []).append(w[1:])
    return "|".join(re.escape(first) + "(?:" + "|".join(re.escape(rest).replace(r"\ ", r"\s+") for rest in rests) + ")"
                    for first, rests in groups.items())
