"""Word lists for the quote extractor: cue verbs, pronouns, media words.

``SPEECH_LEMMAS`` are verbs of saying: the "reported speech" cues a quote extractor
exists for (the PolNeAR scorer uses the same list for its speech subset).
``REPORT_LEMMAS`` introduce a reported proposition without a speech act ("a poll
shows that ...", "investigators found that ..."): they yield indirect attributions
only, never direct quotes. Verbs of belief ("think", "hope", "fear") are left out on
purpose: a belief ascribed to someone is not something they were quoted saying.
"""

from __future__ import annotations

__all__ = [
    "SPEECH_LEMMAS",
    "REPORT_LEMMAS",
    "CUE_LEMMAS",
    "PERSON_PRONOUNS",
    "PLURAL_PRONOUNS",
    "RELATIVE_PRONOUNS",
    "OUTLET_WORDS",
    "MEDIA_NOUNS",
    "SOCIAL_PLATFORMS",
    "WRITTEN_MEDIA",
    "POSSESSIVE_PRONOUNS",
    "MESSAGE_CUE_LEMMAS",
    "FEMALE_NOUNS",
    "MALE_NOUNS",
]

SPEECH_LEMMAS = frozenset({
    "say", "tell", "add", "state", "announce", "post", "write", "claim", "insist", "deny",
    "warn", "confirm", "explain", "note", "argue", "report", "tweet", "declare", "reply",
    "respond", "ask", "acknowledge", "admit", "comment", "remark", "assert", "allege",
    "testify", "predict", "promise", "vow", "pledge", "recall", "reveal", "mention",
    "stress", "emphasize", "emphasise", "contend", "maintain", "complain", "concede",
    "caution", "observe", "continue", "retort", "quip", "joke", "boast", "charge",
    "counter", "suggest", "urge", "tout", "proclaim", "speculate", "conclude", "agree",
    "answer", "exclaim", "shout", "scream", "chant", "recount", "describe", "reiterate",
    "repeat", "disclose", "indicate", "signal", "accuse", "lament", "blast", "criticize", "criticise",
})

REPORT_LEMMAS = frozenset({"show", "find", "estimate", "project", "conclude", "learn", "reveal"})

CUE_LEMMAS = SPEECH_LEMMAS | REPORT_LEMMAS

PERSON_PRONOUNS = frozenset({"he", "she", "i"})
POSSESSIVE_PRONOUNS = frozenset({"his", "her"})
PLURAL_PRONOUNS = frozenset({"they", "we"})
RELATIVE_PRONOUNS = frozenset({"who", "which", "that", "whose"})

#: Role and kinship nouns that say a person's gender ("State Department spokeswoman",
#: "the boy's father"). Nouns also used of women in office ("chairman") are left out.
FEMALE_NOUNS = frozenset({
    "spokeswoman", "chairwoman", "congresswoman", "councilwoman", "businesswoman", "policewoman",
    "actress", "waitress", "mother", "wife", "daughter", "sister", "grandmother", "granddaughter",
    "aunt", "niece", "widow", "girlfriend", "fiancee", "queen", "princess", "duchess", "woman", "girl",
})
MALE_NOUNS = frozenset({
    "spokesman", "congressman", "councilman", "businessman", "policeman", "father", "husband",
    "son", "brother", "grandfather", "grandson", "uncle", "nephew", "widower", "boyfriend", "fiance",
    "king", "prince", "duke", "man", "boy",
})

#: Words in an organisation's name that make it a news outlet ("told Fox News").
OUTLET_WORDS = frozenset({
    "news", "times", "post", "journal", "tv", "television", "radio", "network", "press",
    "broadcasting", "bbc", "cnn", "nbc", "cbs", "abc", "msnbc", "npr", "pbs", "reuters",
    "ap", "afp", "fox", "telegraph", "guardian", "herald", "tribune", "magazine",
    "gazette", "daily", "politico", "axios", "bloomberg", "breitbart", "newspaper",
    "channel", "agency", "wire", "chronicle", "observer", "independent", "express",
    "mirror", "sun", "globe", "star", "insider", "podcast", "show",
})

#: Nouns that say what kind of outlet follows ("told broadcaster Y", "the newspaper Z").
MEDIA_NOUNS = frozenset({
    "broadcaster", "network", "newspaper", "channel", "station", "outlet", "magazine",
    "agency", "daily", "paper", "radio", "television", "podcast", "website",
})

#: A written message as the subject of a cue: "his post read", "the ministry's statement said".
#: The message's possessor is the speaker, and the noun says the medium.
WRITTEN_MEDIA = {
    "post": "social media post", "tweet": "social media post", "statement": "statement",
    "message": "message", "letter": "letter", "note": "note", "release": "statement",
    "email": "email", "caption": "social media post",
}
#: Verbs that attribute text to a written message but not to a person ("the post read").
MESSAGE_CUE_LEMMAS = frozenset({"read"})

SOCIAL_PLATFORMS = frozenset({
    "truth social", "x", "twitter", "facebook", "instagram", "tiktok", "threads",
    "bluesky", "telegram", "youtube", "social media", "linkedin", "weibo", "mastodon",
})
