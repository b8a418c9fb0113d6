"""Small tables of world knowledge the entity stages need, and lookups over them.

Countries come from pycountry plus the short forms news text uses ("Britain",
"the US"); demonyms, capitals and seats of government ("the Kremlin", "No10")
are kept here by hand because no installed package has them. Everything is
keyed by lower-cased text so lookups are one dict access.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import pycountry

# --- countries ------------------------------------------------------------

# Display names where pycountry's official-style name is not what news text uses.
_DISPLAY: dict[str, str] = {
    "GB": "United Kingdom",
    "US": "United States",
    "RU": "Russia",
    "IR": "Iran",
    "KR": "South Korea",
    "KP": "North Korea",
    "SY": "Syria",
    "VN": "Vietnam",
    "TW": "Taiwan",
    "CZ": "Czech Republic",
    "TR": "Turkey",
    "MD": "Moldova",
    "LA": "Laos",
    "BO": "Bolivia",
    "VE": "Venezuela",
    "TZ": "Tanzania",
    "PS": "Palestine",
    "VA": "Vatican City",
    "CD": "DR Congo",
    "CG": "Republic of the Congo",
    "NL": "Netherlands",
    "MK": "North Macedonia",
    "FM": "Micronesia",
    "BN": "Brunei",
    "CV": "Cape Verde",
    "CI": "Ivory Coast",
    "SZ": "Eswatini",
}

# Short and informal names news text uses for countries (lower case, no "the").
_EXTRA_ALIASES: dict[str, str] = {
    "britain": "GB",
    "great britain": "GB",
    "uk": "GB",
    "u.k.": "GB",
    "united kingdom": "GB",
    "us": "US",
    "u.s.": "US",
    "usa": "US",
    "u.s.a.": "US",
    "america": "US",
    "united states": "US",
    "united states of america": "US",
    "russia": "RU",
    "russian federation": "RU",
    "south korea": "KR",
    "north korea": "KP",
    "iran": "IR",
    "syria": "SY",
    "vietnam": "VN",
    "laos": "LA",
    "czech republic": "CZ",
    "czechia": "CZ",
    "turkey": "TR",
    "türkiye": "TR",
    "holland": "NL",
    "netherlands": "NL",
    "moldova": "MD",
    "bolivia": "BO",
    "venezuela": "VE",
    "tanzania": "TZ",
    "palestine": "PS",
    "vatican": "VA",
    "holy see": "VA",
    "taiwan": "TW",
    "ivory coast": "CI",
    "drc": "CD",
    "dr congo": "CD",
    "uae": "AE",
    "emirates": "AE",
    "united arab emirates": "AE",
    "north macedonia": "MK",
    "macedonia": "MK",
    "brunei": "BN",
}

# Parts of the UK and similar places: real places, but not ISO countries.
REGIONS: frozenset[str] = frozenset(
    {"england", "scotland", "wales", "northern ireland", "crimea", "donbas", "gaza"}
)

# demonym variants -> (country code, canonical demonym)
_DEMONYMS: dict[str, tuple[str, tuple[str, ...]]] = {
    "British": ("GB", ("briton", "britons", "brits", "brit")),
    "American": ("US", ("americans",)),
    "Russian": ("RU", ("russians",)),
    "Ukrainian": ("UA", ("ukrainians",)),
    "French": ("FR", ("frenchman", "frenchmen")),
    "German": ("DE", ("germans",)),
    "Dutch": ("NL", ()),
    "Belgian": ("BE", ("belgians",)),
    "Italian": ("IT", ("italians",)),
    "Spanish": ("ES", ("spaniard", "spaniards")),
    "Portuguese": ("PT", ()),
    "Polish": ("PL", ("poles",)),
    "Swedish": ("SE", ("swede", "swedes")),
    "Danish": ("DK", ("dane", "danes")),
    "Norwegian": ("NO", ("norwegians",)),
    "Finnish": ("FI", ("finn", "finns")),
    "Irish": ("IE", ()),
    "Australian": ("AU", ("australians",)),
    "Canadian": ("CA", ("canadians",)),
    "Chinese": ("CN", ()),
    "Japanese": ("JP", ()),
    "South Korean": ("KR", ("south koreans",)),
    "North Korean": ("KP", ("north koreans",)),
    "Indian": ("IN", ("indians",)),
    "Pakistani": ("PK", ("pakistanis",)),
    "Iranian": ("IR", ("iranians",)),
    "Iraqi": ("IQ", ("iraqis",)),
    "Syrian": ("SY", ("syrians",)),
    "Israeli": ("IL", ("israelis",)),
    "Palestinian": ("PS", ("palestinians",)),
    "Turkish": ("TR", ("turk", "turks")),
    "Saudi": ("SA", ("saudis", "saudi arabian")),
    "Egyptian": ("EG", ("egyptians",)),
    "Lebanese": ("LB", ()),
    "Jordanian": ("JO", ("jordanians",)),
    "Afghan": ("AF", ("afghans",)),
    "Greek": ("GR", ("greeks",)),
    "Hungarian": ("HU", ("hungarians",)),
    "Czech": ("CZ", ("czechs",)),
    "Slovak": ("SK", ("slovaks",)),
    "Romanian": ("RO", ("romanians",)),
    "Bulgarian": ("BG", ("bulgarians",)),
    "Serbian": ("RS", ("serbs", "serb", "serbians")),
    "Croatian": ("HR", ("croats", "croatians")),
    "Austrian": ("AT", ("austrians",)),
    "Swiss": ("CH", ()),
    "Belarusian": ("BY", ("belarusians",)),
    "Moldovan": ("MD", ("moldovans",)),
    "Lithuanian": ("LT", ("lithuanians",)),
    "Latvian": ("LV", ("latvians",)),
    "Estonian": ("EE", ("estonians",)),
    "Mexican": ("MX", ("mexicans",)),
    "Brazilian": ("BR", ("brazilians",)),
    "Argentine": ("AR", ("argentinian", "argentinians", "argentines")),
    "Venezuelan": ("VE", ("venezuelans",)),
    "Cuban": ("CU", ("cubans",)),
    "Nigerian": ("NG", ("nigerians",)),
    "South African": ("ZA", ("south africans",)),
    "Kenyan": ("KE", ("kenyans",)),
    "Ethiopian": ("ET", ("ethiopians",)),
    "Qatari": ("QA", ("qataris",)),
    "Emirati": ("AE", ("emiratis",)),
    "New Zealand": ("NZ", ("new zealander", "new zealanders")),
    "Taiwanese": ("TW", ()),
    "Vietnamese": ("VN", ()),
    "Filipino": ("PH", ("filipinos",)),
    "Indonesian": ("ID", ("indonesians",)),
    "Thai": ("TH", ()),
    "Georgian": ("GE", ("georgians",)),
}

# Capitals used as shorthand for their governments ("Kyiv rejects ...").
# "EU": Brussels stands for the European Union's institutions.
CAPITALS: dict[str, str] = {
    "washington": "US", "london": "GB", "paris": "FR", "berlin": "DE",
    "moscow": "RU", "kyiv": "UA", "kiev": "UA", "beijing": "CN", "tokyo": "JP",
    "rome": "IT", "madrid": "ES", "ottawa": "CA", "canberra": "AU",
    "new delhi": "IN", "delhi": "IN", "islamabad": "PK", "tehran": "IR",
    "baghdad": "IQ", "damascus": "SY", "ankara": "TR", "jerusalem": "IL",
    "riyadh": "SA", "cairo": "EG", "warsaw": "PL", "budapest": "HU",
    "prague": "CZ", "vienna": "AT", "bern": "CH", "stockholm": "SE", "oslo": "NO",
    "copenhagen": "DK", "helsinki": "FI", "dublin": "IE", "lisbon": "PT",
    "athens": "GR", "the hague": "NL", "bucharest": "RO", "sofia": "BG",
    "belgrade": "RS", "zagreb": "HR", "minsk": "BY", "tbilisi": "GE",
    "yerevan": "AM", "baku": "AZ", "chisinau": "MD", "vilnius": "LT", "riga": "LV",
    "tallinn": "EE", "pyongyang": "KP", "seoul": "KR", "taipei": "TW",
    "hanoi": "VN", "manila": "PH", "jakarta": "ID", "bangkok": "TH",
    "kabul": "AF", "doha": "QA", "abu dhabi": "AE", "amman": "JO",
    "beirut": "LB", "khartoum": "SD", "nairobi": "KE", "addis ababa": "ET",
    "pretoria": "ZA", "abuja": "NG", "caracas": "VE", "havana": "CU",
    "mexico city": "MX", "brasilia": "BR", "brasília": "BR", "buenos aires": "AR",
    "bogota": "CO", "bogotá": "CO", "lima": "PE", "wellington": "NZ",
    "bratislava": "SK", "ljubljana": "SI", "valletta": "MT", "nicosia": "CY",
    "reykjavik": "IS", "brussels": "EU",
}

# Buildings and addresses that stand for a government; always the government.
SEATS: dict[str, str] = {
    "kremlin": "RU", "white house": "US", "downing street": "GB", "no10": "GB",
    "no 10": "GB", "no. 10": "GB", "number 10": "GB", "number ten": "GB",
    "whitehall": "GB", "elysee": "FR", "élysée": "FR", "elysee palace": "FR",
    "élysée palace": "FR", "zhongnanhai": "CN", "bankova": "UA",
}

# Government display names where "<demonym> government" reads wrong.
_GOVERNMENT_NAMES: dict[str, str] = {
    "GB": "UK government",
    "US": "US government",
    "EU": "European Union",
}

# International organisations under their common short and long forms.
KNOWN_ORGS: dict[str, str] = {
    "nato": "NATO", "n.a.t.o.": "NATO", "north atlantic treaty organisation": "NATO",
    "north atlantic treaty organization": "NATO",
    "eu": "European Union", "e.u.": "European Union", "european union": "European Union",
    "un": "United Nations", "u.n.": "United Nations", "united nations": "United Nations",
    "un security council": "UN Security Council",
    "security council": "UN Security Council",
    "g7": "G7", "g-7": "G7", "group of seven": "G7", "g20": "G20", "g-20": "G20",
    "imf": "International Monetary Fund",
    "international monetary fund": "International Monetary Fund",
    "european commission": "European Commission",
    "european council": "European Council",
    "european parliament": "European Parliament",
    "osce": "OSCE", "opec": "OPEC", "iaea": "IAEA",
    "icc": "International Criminal Court",
    "international criminal court": "International Criminal Court",
    "world health organization": "World Health Organization",
}

# Words that spaCy tags as an ORG on their own but that are part of a title
# ("Defence Secretary", "Chancellor of the Exchequer") or too generic to name
# one organisation ("the Government").
GENERIC_ORGS: frozenset[str] = frozenset(
    {
        "government", "cabinet", "defence", "defense", "exchequer", "administration",
        "ministry", "department", "foreign", "home", "state", "armed forces",
        "opposition", "treasury bench",
    }
)

# --- people -----------------------------------------------------------------

# honorific (lower case, no dot) -> gender it implies ("" when it implies none)
HONORIFICS: dict[str, str] = {
    "mr": "m", "mister": "m", "sir": "m", "lord": "m", "mrs": "f", "ms": "f",
    "miss": "f", "dame": "f", "lady": "f", "baroness": "f", "dr": "", "prof": "",
    "professor": "", "rev": "", "mx": "",
}

# Honorifics that British usage pairs with the first name ("Sir Keir").
FIRST_NAME_HONORIFICS: frozenset[str] = frozenset({"sir", "dame"})

PRONOUN_GENDER: dict[str, str] = {
    "he": "m", "him": "m", "his": "m", "himself": "m",
    "she": "f", "her": "f", "hers": "f", "herself": "f",
}

# Name particles that belong to the surname ("von der Leyen", "de Gaulle").
PARTICLES: frozenset[str] = frozenset(
    {"von", "van", "der", "den", "de", "da", "di", "del", "della", "la", "le", "lo", "bin",
     "al", "el", "ben", "dos", "du", "ter", "zu"}
)

# Titles spelt as one phrase; matched before single head words.
MULTI_HEADS: tuple[str, ...] = (
    "chancellor of the exchequer", "secretary of state", "prime minister",
    "foreign minister", "foreign secretary", "home secretary", "defence secretary",
    "defense secretary", "health secretary", "defence minister", "defense minister",
    "finance minister", "interior minister", "secretary-general", "secretary general",
    "vice president", "vice-president", "chief executive", "first minister",
    "attorney general", "chief of staff", "deputy prime minister", "president-elect",
)

# Office titles: may stand alone for a person ("the Prime Minister said").
OFFICE_HEADS: frozenset[str] = frozenset(
    {
        "president", "minister", "secretary", "chancellor", "ambassador", "envoy",
        "king", "queen", "pope", "premier", "taoiseach", "mayor", "governor",
        "senator", "speaker", "spokesman", "spokeswoman", "spokesperson", "leader",
        "chief", "commander", "general", "prince", "princess", "emir",
        "chairman", "chairwoman", "commissioner", "prosecutor", "judge",
        "congressman", "congresswoman", "mp", "mep", "negotiator", "monarch",
    }
)

# Role nouns accepted in prefixes and appositions, beyond the offices above.
ROLE_HEADS: frozenset[str] = OFFICE_HEADS | frozenset(
    {
        "director", "editor", "correspondent", "reporter", "journalist", "chair",
        "representative", "lawmaker", "legislator", "official", "aide", "adviser",
        "advisor", "diplomat", "attorney", "lawyer", "head", "founder", "ceo",
        "executive", "officer", "treasurer", "whip", "marshal", "admiral",
        "colonel", "sergeant", "lieutenant", "inspector", "superintendent",
        "constable", "sheriff", "detective", "archbishop", "bishop", "cardinal",
        "rabbi", "imam", "actress", "actor", "singer", "rapper", "coach", "manager",
        "captain", "striker", "rep", "publicist", "analyst", "economist",
        "presenter", "host", "anchor", "pilot", "boss", "owner", "campaigner",
        "activist", "candidate", "nominee", "tsar", "czar", "dictator",
        "counsellor", "councillor", "chancellor", "governor-general", "peer",
        "researcher", "scientist", "surgeon", "spokesman", "model", "designer",
        "comedian", "entertainer", "musician", "filmmaker", "writer", "author", "novelist",
        "artist", "athlete", "quarterback", "champion", "boxer", "golfer", "chef",
        "businessman", "businesswoman", "entrepreneur", "tycoon", "billionaire", "inmate",
        "suspect", "victim", "gunman", "fugitive", "soldier", "trooper", "firefighter",
        "priest", "pastor", "teacher", "student", "celebrity", "producer",
    }
)

# Common nouns for people that title-case headlines capitalise ("Woman Killed").
PERSON_NOUNS: frozenset[str] = frozenset(
    {
        "man", "woman", "men", "women", "boy", "girl", "child", "baby", "teen", "teenager",
        "driver", "killer", "climber", "mother", "father", "mom", "dad", "wife", "husband",
        "son", "daughter", "brother", "sister", "friend", "worker", "police", "cop", "fan",
        "resident", "neighbour", "neighbor", "passenger", "shooter", "robber", "thief",
        "alleged", "accused", "dead", "body", "people", "couple", "family", "guard",
    }
)

# Words that can sit inside a title before its head ("Prime", "Foreign", "senior").
ROLE_MODIFIERS: frozenset[str] = frozenset(
    {
        "prime", "foreign", "defence", "defense", "home", "health", "finance",
        "interior", "justice", "deputy", "vice", "former", "senior", "junior",
        "special", "acting", "interim", "shadow", "chief", "military", "cabinet",
        "foreign-policy", "top", "new", "then", "outgoing", "incoming", "elect",
        "exchequer", "state", "trade", "business", "energy", "security", "culture",
        "education", "transport", "environment", "treasury", "press", "political",
        "economic", "science", "technology", "armed", "forces", "army", "navy",
        "general", "executive", "first", "lord", "high", "supreme", "labour",
        "conservative", "tory", "democratic", "republican", "opposition", "party",
        "white", "house", "kremlin", "european", "commission", "council",
        "parliamentary", "veteran", "retired", "longtime", "long-time", "assistant",
        "associate", "managing", "national", "regional", "local", "county", "city",
    }
)

_SPACE = re.compile(r"\s+")
_POSSESSIVE = re.compile(r"(?:['’]s|(?<=s)['’])$")


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lower case without accents or surplus spaces: the key names are compared by."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _SPACE.sub(" ", stripped.replace("’", "'")).strip().casefold()


def strip_possessive(text: str) -> str:
    return _POSSESSIVE.sub("", text)


def lookup_key(text: str) -> str:
    """Text as the tables key it: folded, without a leading "the" or a possessive."""
    key = fold(strip_possessive(text.strip()))
    if key.startswith("the "):
        key = key[4:]
    return key


@lru_cache(maxsize=1)
def _country_table() -> dict[str, str]:
    table: dict[str, str] = {}
    for country in pycountry.countries:
        code = country.alpha_2
        for attr in ("name", "official_name", "common_name"):
            value = getattr(country, attr, None)
            if value:
                table.setdefault(fold(value), code)
    table.update(_EXTRA_ALIASES)
    return table


@lru_cache(maxsize=1)
def _demonym_table() -> dict[str, tuple[str, str]]:
    table: dict[str, tuple[str, str]] = {}
    for canonical, (code, variants) in _DEMONYMS.items():
        table[fold(canonical)] = (code, canonical)
        for variant in variants:
            table[fold(variant)] = (code, canonical)
    return table


def country_code(text: str) -> str | None:
    """ISO alpha-2 code for a country name or alias ("Britain", "the US"), else None."""
    return _country_table().get(lookup_key(text))


def country_name(code: str) -> str:
    """The name to show for a country code ("GB" -> "United Kingdom")."""
    if code in _DISPLAY:
        return _DISPLAY[code]
    if code == "EU":
        return "European Union"
    country = pycountry.countries.get(alpha_2=code)
    if country is None:
        return code
    common = getattr(country, "common_name", None)
    name: str = common or country.name
    return name.split(",")[0]


def country_in_prose(code: str) -> str:
    """The country's name as a sentence uses it: "the United States", "France"."""
    name = country_name(code)
    words = name.split()
    if words[0] in ("United", "Republic", "Central") or words[-1] in (
        "Republic", "Islands", "Emirates", "Netherlands", "Philippines", "Bahamas", "Gambia",
        "Maldives", "Union",
    ):
        return f"the {name}"
    return name


def demonym(text: str) -> tuple[str, str] | None:
    """(country code, canonical demonym) for "British", "Russians", ..., else None."""
    return _demonym_table().get(lookup_key(text))


def demonym_of(code: str) -> str | None:
    for canonical, (c, _variants) in _DEMONYMS.items():
        if c == code:
            return canonical
    return None


def government_name(code: str) -> str:
    """Display name of the government a capital or seat stands for."""
    if code in _GOVERNMENT_NAMES:
        return _GOVERNMENT_NAMES[code]
    adjective = demonym_of(code)
    return f"{adjective} government" if adjective else f"Government of {country_name(code)}"


def known_org(text: str) -> str | None:
    return KNOWN_ORGS.get(lookup_key(text))


def place_code(text: str) -> str | None:
    """Country code mentioned as a qualifier: a country name, demonym or possessive."""
    code = country_code(text)
    if code:
        return code
    dem = demonym(text)
    return dem[0] if dem else None


# --- roles --------------------------------------------------------------------

_MULTI_RE = re.compile(
    r"\b(" + "|".join(re.escape(h) for h in sorted(MULTI_HEADS, key=len, reverse=True)) + r")\b"
)
_WORD_RE = re.compile(r"[\w.\-]+(?:['’]s)?")


# US states qualify a title as a country does: "the Vermont senator" is not
# whichever senator the article named last. Codes are ISO 3166-2.
US_STATES: dict[str, str] = {
    "alabama": "US-AL", "alaska": "US-AK", "arizona": "US-AZ", "arkansas": "US-AR",
    "california": "US-CA", "colorado": "US-CO", "connecticut": "US-CT", "delaware": "US-DE",
    "florida": "US-FL", "georgia": "US-GA", "hawaii": "US-HI", "idaho": "US-ID",
    "illinois": "US-IL", "indiana": "US-IN", "iowa": "US-IA", "kansas": "US-KS",
    "kentucky": "US-KY", "louisiana": "US-LA", "maine": "US-ME", "maryland": "US-MD",
    "massachusetts": "US-MA", "michigan": "US-MI", "minnesota": "US-MN",
    "mississippi": "US-MS", "missouri": "US-MO", "montana": "US-MT", "nebraska": "US-NE",
    "nevada": "US-NV", "new hampshire": "US-NH", "new jersey": "US-NJ",
    "new mexico": "US-NM", "new york": "US-NY", "north carolina": "US-NC",
    "north dakota": "US-ND", "ohio": "US-OH", "oklahoma": "US-OK", "oregon": "US-OR",
    "pennsylvania": "US-PA", "rhode island": "US-RI", "south carolina": "US-SC",
    "south dakota": "US-SD", "tennessee": "US-TN", "texas": "US-TX", "utah": "US-UT",
    "vermont": "US-VT", "virginia": "US-VA", "washington state": "US-WA",
    "west virginia": "US-WV", "wisconsin": "US-WI", "wyoming": "US-WY",
}
# Abbreviated titles written before names ("Sen. Marco Rubio", "Navy Capt. Jeff Davis").
TITLE_ABBREVIATIONS: dict[str, str] = {
    "sen": "senator", "gov": "governor", "rep": "representative", "capt": "captain",
    "lt": "lieutenant", "gen": "general", "col": "colonel", "sgt": "sergeant",
    "adm": "admiral", "amb": "ambassador", "atty": "attorney", "supt": "superintendent",
    "insp": "inspector", "det": "detective", "cmdr": "commander", "maj": "major",
    "cpl": "corporal", "pvt": "private",
}


def _region_code(words: list[str], i: int) -> str | None:
    """A country or US state named at ``words[i]`` (one or two words)."""
    bare = strip_possessive(words[i])
    two = f"{bare} {strip_possessive(words[i + 1])}" if i + 1 < len(words) else ""
    return (
        place_code(bare)
        or (place_code(two) if two else None)
        or US_STATES.get(two)
        or US_STATES.get(bare)
    )


@lru_cache(maxsize=65536)  # pure, and asked for the same roles over and over
def role_key(role: str) -> tuple[str, str | None] | None:
    """(head, country code) of a role: "Russian Foreign Minister" -> ("foreign minister", "RU").

    The head is the first office or role noun that is not itself a possessive
    qualifier ("the US president's special envoy" -> "envoy"); the country is the
    first country or demonym before it. None when the text holds no role noun.
    """
    low = fold(role)
    words = _WORD_RE.findall(low)
    country: str | None = None
    multi = {m.start(): m.group(1) for m in _MULTI_RE.finditer(low)}
    pos = 0
    i = 0
    while i < len(words):
        word = words[i]
        start = low.find(word, pos)
        pos = start + len(word)
        if start in multi:
            phrase = multi[start]
            if not low[start + len(phrase):].startswith(("'s", "’s")):
                head = phrase.replace("secretary general", "secretary-general")
                head = head.replace("vice-president", "vice president")
                if head == "chancellor of the exchequer":
                    head = "chancellor"
                return head, country
        bare = strip_possessive(word)
        possessive = bare != word
        bare = TITLE_ABBREVIATIONS.get(bare.rstrip("."), bare)
        if bare in ROLE_HEADS and not possessive:
            return bare, country
        if country is None and bare not in ROLE_HEADS:
            country = _region_code(words, i)
        i += 1
    return None


_SUFFIXES = frozenset({"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"})


def _name_words(name: str) -> list[str]:
    words = name.replace(",", " ").split()
    while len(words) > 2 and words[-1].casefold() in _SUFFIXES:  # "Comeaux Jr"
        words.pop()
    return words


def name_parts(name: str) -> tuple[str, str]:
    """(first name, surname) of a personal name; surname keeps its particles.

    "Ursula von der Leyen" -> ("Ursula", "von der Leyen"); "Starmer" -> ("", "Starmer").
    """
    first, _middle, surname = name_signature(name)
    return first, surname


def name_signature(name: str) -> tuple[str, str, str]:
    """(first name, middle initials, surname): "George H. W. Bush" -> ("George", "HW", "Bush").

    Middle names count by their initials so that "Mark Jay Heller" and "Mark J. Heller"
    agree while "George W. Bush" and "George H. W. Bush" do not.
    """
    words = _name_words(name)
    if not words:
        return "", "", ""
    if len(words) == 1:
        return "", "", words[0]
    if words[0].casefold() in PARTICLES:
        return "", "", " ".join(words)
    last = len(words) - 1
    for i in range(1, len(words) - 1):
        if words[i].casefold() in PARTICLES:
            last = i
            break
    middle = "".join(w[0] for w in words[1:last] if w[:1].isalpha()).upper()
    return words[0], middle, " ".join(words[last:])


def person_key(name: str) -> str:
    """Key two spellings of one full name share: first name and surname, folded."""
    first, _middle, surname = name_signature(name)
    return fold(f"{first} {surname}".strip()).replace("-", " ")


def slug(text: str) -> str:
    """ASCII slug for stable ids: "Keir Starmer" -> "keir-starmer"."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "x"
