"""Phrase families of page furniture, for the line classifier in :mod:`.boilerplate`.

Each family is ``(reason, pattern, most words a line may have)``: a line of at most that
many words that the pattern finds is furniture outright. The patterns are small generic
families (consent, copyright, share/subscribe, sign-in, advertising, comments, "related"
headers, tags, disclaimers, credits, navigation, site promos, comment policies, author
bios), written from how such lines are phrased in general, not from any one site.
"""

from __future__ import annotations

import re

__all__ = ["FAMILIES", "AUTHOR_BIO", "NEWSROOM_ROLES"]

FAMILIES: list[tuple[str, re.Pattern[str], int]] = [
    ("cookie/consent notice", re.compile(
        r"\bcookies?\b.*\b(?:use|uses|using|accept|consent|policy|settings|preferences|browsing|experience|"
        r"enable|disable)\b|\b(?:accept|reject|manage)\b.*\bcookies\b|\bconsent\b.*\b(?:preferences|manage)\b|"
        r"\bwe (?:and our partners )?(?:use|store) (?:cookies|data)\b|^(?:accept|accept all|i agree|agree|got it|ok|"
        r"reject all|manage (?:settings|preferences|options))$", re.I), 80),
    ("copyright footer", re.compile(
        r"©|\(c\)\s*\d{4}|\bcopyright\b|\ball rights reserved\b|\bpowered by\b", re.I), 30),
    ("legal/footer link", re.compile(
        r"^(?:privacy(?: policy| notice| settings)?|terms(?: of (?:use|service))?|terms (?:and|&) conditions|"
        r"cookie policy|contact(?: us)?|about(?: us)?|careers|advertise(?: with us)?|sitemap|site map|"
        r"accessibility|faq|help|imprint|impressum|disclaimer|rss(?: feeds?)?|jobs|press|code of conduct|"
        r"do not sell my (?:personal )?info(?:rmation)?)$", re.I), 8),
    ("share/subscribe prompt", re.compile(
        r"^(?:share|tweet|email|print|pin(?: it)?|save|like|follow|whatsapp|facebook|twitter|linkedin|"
        r"pinterest|reddit|tumblr|telegram|instagram|youtube|flipboard|pocket|messenger|copy link|"
        r"copy url|more|comment|comments)$|"
        r"\b(?:share (?:this|on|via|the|article|story|post)|click to share|opens in (?:a )?new window|"
        r"subscribe|subscription|newsletters?|sign up|signup|follow us|follow (?:me|him|her) on|"
        r"join (?:our|the) (?:mailing|email)|inbox|unsubscribe|rss feed|get (?:the|our) (?:latest|app)|"
        r"download (?:the|our) app|support (?:our|independent) journalism|become a (?:member|subscriber)|"
        r"donate|premium)\b", re.I), 24),
    ("sign-in prompt", re.compile(
        r"\b(?:sign in|log in|login|log out|logout|sign out|register|my account|create (?:an |your )?account|"
        r"forgot (?:your )?password|username|password)\b", re.I), 16),
    ("account or alert notice", re.compile(
        r"\bthank you for (?:registering|signing up|subscribing)\b|\bverification (?:e-?mail|link|message)\b|"
        r"\bspam or junk folder\b|\be-?mail notifications\b|"
        r"\bactivate your (?:profile|account|subscription)\b|\bsign in to update your profile\b|"
        r"\byou are the owner of this (?:article|page)\b|\bselected any (?:e-?mail )?newsletters?\b|"
        r"\bnotifications? (?:has|have) been saved\b|\bproblem saving your notification\b|"
        r"\bget (?:e-?mail )?notifications on\b|\benjoy the convenience of home delivery\b|"
        r"\binicia sesi[oó]n\b|\bcrea una cuenta\b", re.I), 40),
    ("advertisement", re.compile(
        r"^(?:advertisements?|advertising|ads?|sponsored(?: content)?|promoted(?: content| stories)?|"
        r"paid (?:content|post)|partner content)$|\b(?:advertisement|story continues below|"
        r"skip (?:this )?ad(?:vert)?|ad choices|adchoices|report (?:this )?ad|ads by|sponsored by)\b", re.I), 12),
    ("comment count/prompt", re.compile(
        r"^\d+\s+(?:comments?|responses?|replies|reactions?|shares?|likes?|views?)$|"
        r"^(?:comments?|responses?|replies|reply|reply ↓|report|report abuse|flag|cancel reply|post comment|"
        r"submit|send|cancel|load more(?: comments)?|show more|view comments?|join the (?:discussion|conversation))$|"
        r"\b(?:leave a (?:reply|comment)|post a comment|add a comment|comments? (?:are|is) closed|"
        r"notify me|your email address will not be published|required fields are marked|"
        r"be the first to comment|comment policy|liked by \d+|\d+ (?:people )?like this)\b", re.I), 20),
    ("related/more list header", re.compile(
        r"^(?:read more|read next|read also|more|see (?:also|more)|related|more (?:from|on|in|about|stories|news|"
        r"articles|like this)\b.*|related (?:articles|stories|posts|content|coverage|topics|links|reading|news)|"
        r"you (?:may|might) (?:also )?(?:like|enjoy|be interested in)|recommended(?: for you| stories| reading)?|"
        r"(?:most|top) (?:read|popular|viewed|shared|emailed|commented)\b.*|trending(?: now| stories| on .*)?|"
        r"top stories|latest(?: news| posts| stories| articles)?|popular(?: posts| stories)?|"
        r"editor'?s? picks?|don'?t miss|watch(?: this)? next|up next|what to read next|in case you missed it|"
        r"recent posts|recent comments|archives?|categories|tags|topics|previous(?: post| article)?|"
        r"next(?: post| article| story)?|older posts?|newer posts?|back to top|scroll (?:down|up)\b.*|"
        r"continue reading\b.*|keep reading|view all|see all|show all|load more)\W*$", re.I), 10),
    ("tag list", re.compile(
        r"^(?:tags?|tagged(?: with| as)?|filed (?:under|in)|topics?|categories|category|posted in|labels?|"
        r"keywords?|related topics)\s*[:：]", re.I), 40),
    ("disclaimer", re.compile(
        r"^(?:disclaimer|disclosure|note)\s*[:：]|\baffiliate (?:links?|commission|program(?:me)?|advertising)\b|"
        r"\bmay (?:receive|earn) (?:a )?(?:small )?(?:compensation|commission)\b|"
        r"\b(?:views|opinions) expressed\b|\bprotected by recaptcha\b", re.I), 80),
    ("image credit", re.compile(
        r"^\(?(?:photo|image|picture|pictures|photograph|illustration|video|graphic|credit|source)s?\s*"
        r"(?:credit)?\s*[:|/©]|"
        r"^\(?(?:photo|photograph|image|picture|illustration)s?\s+(?:by|courtesy|credit)\b|"
        r"\b(?:getty images|shutterstock|istock(?:photo)?|ap photo|afp photo|reuters photo|alamy|"
        r"image copyright|image caption|photo credit|file photo)\b", re.I), 14),
    ("navigation element", re.compile(
        r"^(?:home|menu|main menu|search|search for:?|close|open|toggle navigation|navigation|skip to (?:main )?"
        r"content|skip to navigation|jump to|go to|sections|all sections|×|x|☰|≡|«|»|›|‹|next|prev|previous|"
        r"page \d+(?: of \d+)?|loading\W*|you are here:?.*|breadcrumbs?)$", re.I), 8),
]

# Added families: promos and notices that sit between body paragraphs.
FAMILIES += [
    ("site promo", re.compile(
        # "The latest news, analysis and ..." / "The latest on X": a section blurb, not a sentence.
        r"^(?:the )?latest (?:news|on|about|headlines|updates|stories|coverage|analysis)\b[^.!?]*$|"
        # "Get the X Daily Edition by email", "never miss our top stories", "Get regular updates on ..."
        r"^(?:get|receive)\b.{0,80}\b(?:by e-?mail|edition|briefing|digest|updates|alerts)\b|"
        r"\bnever miss (?:a |an |any |our )?(?:\w+ )?(?:posts?|stor(?:y|ies)|updates?|thing|beat|issues?|episodes?|"
        r"recipes?|deals?|headlines?|the latest|our top)\b|\bdelivered (?:straight |directly )?to your (?:inbox|email)\b|"
        # push-notification and "PDF version" prompts
        r"\bpush notifications?\b|^(?:allow|enable|turn on|block) (?:push )?notifications$|"
        r"^(?:pdf|pdf version|download pdf|view pdf|full text pdf|print version|printer[- ]friendly(?: version)?)$",
        re.I), 24),
    ("comment policy", re.compile(
        r"\bcomments? (?:are|is|will be|may be) (?:moderated|reviewed|republished|pre-?moderated)\b|"
        r"\bwe (?:welcome|encourage|invite) (?:your |reader |readers'? )?comments\b|"
        r"\bcomments? (?:are|should be|must be) (?:civil|respectful|on[- ]topic)\b|"
        r"\bemail address(?:es)? will not be (?:published|shown|displayed)\b|"
        r"\b(?:comment|commenting|community) (?:policy|guidelines|rules|standards)\b|"
        r"\bwe (?:want|would like|'d like|would love|'d love) to hear (?:what you think|from you|your (?:thoughts|views))\b|"
        r"^(?:submit|send|write)\b.{0,40}\bletters? to the editor\b|"
        r"^(?:view|show|hide|load|read|see) (?:all )?(?:\d+ )?comments?(?: \(\d+\))?$", re.I), 45),
    # the terms of a comment section, a paragraph long: what the site may remove, how to
    # flag a comment
    ("comment policy", re.compile(
        r"\b(?:we|the site) (?:do|does) not pre-?(?:screen|moderate) comments\b|\bour commenting platform\b|"
        r"\bwe reserve the right\b.{0,40}\bto (?:remove|delete|edit) any (?:comments?|content|information|posts?)\b|"
        r"\bflag (?:it |this |them )?as inappropriate\b", re.I), 150),
    ("disclosure", re.compile(
        r"^(?:advertising|affiliate|editorial) disclosure$|\bqualifying purchases\b|"
        r"\bamazon (?:services llc )?associates?\b|"
        r"\bis not responsible for the (?:content|opinions|views|statements)\b", re.I), 60),
    ("search prompt", re.compile(r"^search (?:for|our|the|this|all)\b[^.!?]*$", re.I), 8),
    # a video player's controls around its caption ("CLOSE Skip in Skip x Embed x Share A
    # man ..."), a "Like this:" widget; case kept, as players print them
    ("video player", re.compile(
        r"\bx Embed x Share\b|\bSkip in Skip\b|^Skip Ad\b|\bJUST WATCHED\b|\bReplay More Videos\b|"
        r"\b[Cc]opy this code to your (?:website|blog|site)\b|\bautoplay autoplay\b|^Like this: Like\b"), 120),
]

# An author bio: a name, then what the person does for a living, "X is a senior writer
# for Y, covering ...", "X writes about ...", "X is the founder of ...". Names are two or
# three capitalised words; the role comes within the next few words. The group ``role``
# holds the role word ("writes" for "writes about"); newsroom roles are in NEWSROOM_ROLES.
_ROLE = (r"(?i:(?:(?:senior|staff|contributing|chief|deputy|associate|assistant|freelance|former|award-winning|"
         r"managing|executive|national|political|foreign|[\w&-]+) ){0,4}"
         r"(?P<role>writer|reporter|correspondent|editor|columnist|journalist|contributor|producer|author|"
         r"expert|consultant|founder|co-founder|analyst|blogger|critic|professor|lecturer|researcher)s?\b)")
AUTHOR_BIO = re.compile(
    r"^(?!(?:The|A|An|This|That|These|Those|It|Its|He|She|They|We|I|You|But|And|In|On|At)\s)"
    r"[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){1,2},?\s+"
    r"(?:(?:is|was) (?:a|an|the) " + _ROLE + r"|(?P<writes>writes|blogs) (?:about|on)\b)"
)
NEWSROOM_ROLES = frozenset(
    "writer reporter correspondent editor columnist journalist contributor blogger critic writes blogs".split()
)
