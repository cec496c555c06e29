"""Canonical speaker names: the same source written differently ("the Pentagon", "Pentagon's", "Col. Wayne
Marotto", "Wayne Marotto") must land on one key, so the service can recognise a speaker across articles."""

from __future__ import annotations

import re
import unicodedata

from extraction.confusables import confusable_skeleton, without_invisibles
from extraction.data_files import read_data_file
from extraction.given_names import is_given_name

# Honorifics and ranks: dropped from a name and never kept as a role ("Col. Wayne Marotto" -> "Wayne Marotto").
HONORIFICS: frozenset[str] = frozenset(
    {
        "mr", "mrs", "ms", "miss", "mx", "dr", "prof", "professor", "sir", "dame", "rev", "reverend", "hon",
        "col", "colonel", "lt", "lieut", "lieutenant", "gen", "general", "maj", "major", "capt", "captain",
        "sgt", "sergeant", "adm", "admiral", "cmdr", "cdr", "commander", "brig", "brigadier", "cpl", "corporal",
        "pvt", "pfc", "spc", "ret", "retired", "sheikh", "sheik", "imam", "rabbi", "fr", "father", "sr", "jr",
        # police ranks as British forces abbreviate them ("DCI Amir Khan", "Det Supt Jo Hale")
        "det", "detective", "dci", "dcs", "supt", "insp", "constable",
        # the styles of clergy and privy counsellors ("the Rt Rev Dr Imogen Harcourt", "the Rt Hon Jo Hart"), the
        # Church of England's "Revd" ("the Very Revd Alan Quayle") and an archdeacon's "Venerable" ("the Ven Margaret
        # Tull"); their grades "Most", "Very", "Right" are ranks only before "Rev" (RANKS_BY_NEIGHBOUR)
        "rt", "revd", "ven", "venerable",
        # courtesy styles of Indian and Nigerian English ("Shri Ravi Menon", "Smt. Asha Rao", "Alhaji Sani Bello")
        "shri", "shrimati", "smt", "alhaji", "alhaja",
        # Malaysian styles ("Datuk Onn Hafiz", "Dato' Sri Fadillah Yusof", "Datin Rosmah Ali")
        "datuk", "dato", "dato'", "dato’", "datin",
    }
) | frozenset(read_data_file("military_ranks.json")["ranks_of_one_word"])  # fmt: skip

# ``data/military_ranks.json``: ranks of several words ("Major General", "Air Vice-Marshal", "Rear Adm."), each as
# its words split at spaces and hyphens. A word of one is a rank only inside the whole rank ("Rear", "Air", "Wing"
# are ordinary words elsewhere), and the whole is one rank: never a role, and no name of its own ("Major General" is
# not a person called "General").
COMPOUND_RANKS: frozenset[tuple[str, ...]] = frozenset(
    tuple(re.split(r"[\s-]+", rank.casefold()))
    for rank in read_data_file("military_ranks.json")["ranks_of_several_words"]
)

# Words that are a police rank only beside another rank: "Con" right after "Det"/"Detective"/"Ch" ("Det Con Kate
# Dunmore", "Ch Con Jo Farrell"), "Ch" right before a rank ("Det Ch Insp Joanne Hale", "Ch Supt Marcus Venn"). On
# its own "Con" is a given name ("Con O'Neill") and "Ch" no word, so neither is a title anywhere else. The grades of
# a clergy style are the same kind of word: "Most", "Very", "Right" only right before "Rev" ("the Most Rev Samuel
# Adeyemi", "the Very Rev Ann Lowe"); alone they open titles of works and names ("Most Haunted"). Word -> the rank
# it stands for.
RANKS_BY_NEIGHBOUR: dict[str, str] = {
    "con": "constable", "ch": "chief", "most": "most", "very": "very", "right": "right", "seri": "seri",
    "sri": "sri", "tan": "tan", "puan": "puan",
}  # fmt: skip
# Malaysian styles of two words: "Seri" or "Sri" after "Datuk", "Dato'", "Tan", "Puan" ("Datuk Seri Anwar
# Ibrahim", "Tan Sri Muhyiddin Yassin"); alone "Tan" is a surname and "Sri" a given name ("Sri Mulyani").
_MALAY_STYLES = frozenset({"datuk", "dato", "dato'", "dato’", "datin", "tan", "puan"})
_RANK_BEFORE: dict[str, frozenset[str]] = {
    "con": frozenset({"det", "detective", "ch"}),
    "seri": _MALAY_STYLES,
    "sri": _MALAY_STYLES,
}
_CLERGY_STYLE = frozenset({"rev", "revd", "reverend"})
_RANK_AFTER: dict[str, frozenset[str]] = {
    "ch": frozenset({"insp", "inspector", "supt", "superintendent", "con", "constable"}),
    "most": _CLERGY_STYLE,
    "very": _CLERGY_STYLE,
    "right": _CLERGY_STYLE,
    "tan": frozenset({"sri"}),
    "puan": frozenset({"sri"}),
}

# Honorifics that tell a person's gender, for resolving "he" and "she".
GENDERED_HONORIFICS: dict[str, str] = {
    "mr": "m", "mrs": "f", "ms": "f", "miss": "f", "shri": "m", "shrimati": "f", "smt": "f", "alhaji": "m", "alhaja": "f",
    "datin": "f",
}  # fmt: skip

# Office titles: stripped from a name, but kept as the speaker's role ("President Joe Biden" -> role "President").
OFFICE_TITLES: frozenset[str] = frozenset(
    {
        "president", "vice", "prime", "minister", "secretary", "sen", "senator", "rep", "representative",
        "gov", "governor", "mayor", "judge", "justice", "ambassador", "chancellor", "chairman", "chairwoman",
        "chair", "speaker", "deputy", "attorney", "chief", "king", "queen", "prince", "princess", "pope",
        "premier", "congressman", "congresswoman", "councilman", "councilwoman", "commissioner", "director",
        "spokesman", "spokeswoman", "spokesperson", "leader", "candidate", "nominee", "former", "acting",
        "assistant", "sheriff", "superintendent", "treasurer", "inspector", "counsel", "adviser", "advisor",
        "councillor", "councilor", "cllr", "cr", "alderman", "taoiseach", "tanaiste", "tánaiste", "bishop",
        "archbishop",
    }
)  # fmt: skip

# ``data/office_abbreviations.json``: titles written short before a name, one table read here and by speaker_roles.
# ``data/crown_styles.json``: the styles opening the names of the Crown's departments and services ("HM Treasury").
CROWN_STYLES: tuple[str, ...] = tuple(read_data_file("crown_styles.json")["styles"])


def crown_style(name: str) -> str | None:
    """The style that opens a Crown body's name ("HM" of "HM Treasury", "His Majesty's" of "His Majesty's Prison
    Service"), which says the name is one body's; None when none does."""
    return next((style for style in CROWN_STYLES if name.startswith(style + " ")), None)


_TITLES_WRITTEN_SHORT = read_data_file("office_abbreviations.json")
# Each as the plain noun a later description uses ("Lt" -> "lieutenant"), read in any case ("LT.", "lt").
_ABBREVIATIONS: dict[str, str] = {
    short.casefold(): title for short, title in _TITLES_WRITTEN_SHORT["titles_before_name"].items()
}
# Titles that are one only as written: Australian and New Zealand news write a councillor "Cr" ("Cr Andrew Smith"),
# where "CR" opens initials ("CR Bard") and is no title.
_TITLES_AS_WRITTEN: dict[str, str] = {
    short.casefold(): short for short in _TITLES_WRITTEN_SHORT["titles_only_as_written"]
}

# Occupations written as a title before a person's name: news style (AP, Reuters) sets them lowercase as a job
# description ("coach Diego Sanz", "defence lawyer Tom Hale", "founder Ravi Patel"), client input and the start of a
# sentence capitalise them ("Manager Ian Corrigan"). Kept as the role, like an office, but only before a person's
# name (a known given name or an initial), since some open the names of bodies and brands ("Manager Magazin", "Coach
# Inc", "Doctor Who", "Officer Training Corps"). "Captain" is a rank (HONORIFICS), never kept as a role.
JOB_TITLES: frozenset[str] = frozenset(
    {
        "coach", "manager", "skipper",  # sport
        "prosecutor", "lawyer", "barrister", "solicitor", "coroner", "ombudsman",  # law and public office
        "ceo", "cfo", "coo", "cto", "founder", "co-founder", "cofounder", "chairperson", "officer",  # business
        "doctor", "nurse", "surgeon", "physician",  # health
    }
)  # fmt: skip

# Words that open a title only when a title follows them ("head coach", "defence lawyer", "Crown prosecutor",
# "district attorney", "police chief", "team manager"); on their own they open bodies' names ("Police Scotland",
# "Crown Prosecution Service", "Public Health England", "Team Sky"), so they are taken only with that title.
_TITLE_MODIFIERS: frozenset[str] = frozenset(
    {"head", "defence", "defense", "crown", "public", "state", "district", "police", "team", "club", "senior",
     "managing", "interim", "executive", "general"}
)  # fmt: skip

# Nouns of nationality the recogniser takes into a person's name ("Briton Tom Vance"): kept as the role, like an
# office. Only nouns that are nobody's given name or surname ("Brit", "Scot", "Dane", "Finn", "Pole" are).
DEMONYM_NOUNS: frozenset[str] = frozenset(
    {"briton", "englishman", "englishwoman", "frenchman", "frenchwoman", "irishman", "irishwoman", "scotsman",
     "scotswoman", "welshman", "welshwoman", "dutchman", "dutchwoman", "spaniard", "swede", "icelander"}
)  # fmt: skip

# Lowercase words inside a family name ("van der Berg", "von der Leyen", "bin Abdulrahman Al Thani", "da Silva").
NAME_PARTICLES: frozenset[str] = frozenset(
    {"van", "von", "der", "den", "de", "da", "das", "dos", "du", "di", "del", "della", "la", "le", "bin", "ibn",
     "bint", "al", "el", "ter", "ten", "zu", "ap"}
)  # fmt: skip

# A member's letters ("MP", "MEP", "MSP", "MLA", "TD", a member of the Dáil, and Canada's provincial members: "MPP"
# in Ontario, "MHA" in Newfoundland and Labrador, "MNA" in Quebec): written before a name as a person's role ("Labour
# MP Jo Hart", "Social Democrats TD Róisín Shortall", "Liberal MPP Adil Shamji").
MEMBER_LETTERS: frozenset[str] = frozenset({"mp", "mep", "msp", "mla", "td", "mpp", "mha", "mna"})

# Letters written after a name for a rank of counsel, a seat or an honour ("Ingrid Solberg KC", "Jo Hart MP"): no
# part of the name.
POST_NOMINALS: frozenset[str] = MEMBER_LETTERS | {"kc", "qc", "obe", "mbe", "cbe", "kbe", "dbe", "phd"}

# Words that end a multi-word title ("Secretary of State", "Attorney General"), consumed with it.
_TITLE_TAILS: frozenset[str] = frozenset({"general", "of", "state", "defense", "defence", "staff", "the", "house"})
# Words that end a title only after one word: "Chief Executive". Not a tail: "the chief executive of NHS Greater
# Glasgow" is a description, where a tail would go on through "of" and leave the board as the name.
_TITLE_ENDS_AFTER: dict[str, frozenset[str]] = {"executive": frozenset({"chief"})}
# "Chief Financial Officer", "Chief Information Security Officer": "chief", one or two words, "officer".
_CHIEF_OFFICER_WORDS = 2
# Latin written after an office for one who holds it for the time being ("Senate President Pro Tempore Dale Kessler",
# "Mayor Pro Tem Sandra Ruiz"): "pro" and one of these, part of the office, never of the name.
_PRO_TEMPORE_ENDS = frozenset({"tempore", "tem"})
_INITIAL = re.compile(r"^[A-Z]\.?$")

_TITLES_BEFORE_TAIL = OFFICE_TITLES | HONORIFICS | _TITLE_TAILS
_ORG_AFTER_GENERAL = frozenset({"motors", "electric", "mills", "dynamics", "assembly", "accounting"})
_POSSESSIVE = re.compile(r"(?:['’]s|['’])$")
_NAMED_POSSESSIVE = re.compile(r"[^\W\d_]['’]s$")  # "Sainsbury's": a name's own "'s", not a plural's "'"
# "A" before a one-letter word is an initial ("A K Antony", as Indian papers write "A.K. Antony"), no article.
_LEADING_ARTICLE = re.compile(r"^(?:the|a(?!\s+[^\W\d_]\.?(?:\s|$))|an)\s+", re.IGNORECASE)
# "her rival", "his aide": a possessive before a lowercase description, not "Her Majesty".
_LEADING_POSSESSOR = re.compile(r"^(?:[Hh]is|[Hh]er|[Ii]ts|[Tt]heir)\s+(?=[a-z])")
_PARENTHETICAL = re.compile(r"\s*\([^()]*(?:\)|$)\s*$")  # "(R-Ga.)", and "(RCN" the recogniser cut short
_SPACES = re.compile(r"\s+")
_KEY_DROP = re.compile(r"[.'’`]")


# The ranks of several words by their first word, for reading a name's words once.
_COMPOUND_RANKS_BY_FIRST: dict[str, tuple[tuple[str, ...], ...]] = {
    first: tuple(rank for rank in COMPOUND_RANKS if rank[0] == first) for first in {rank[0] for rank in COMPOUND_RANKS}
}


# Every word a rank by its neighbour or a piece of a rank of several words may be ("rear", "con", "vice").
_RANK_PIECES = frozenset(RANKS_BY_NEIGHBOUR) | {part for rank in COMPOUND_RANKS for part in rank}


def may_be_rank_piece(word: str) -> bool:
    """Whether ``word`` (a token: "Vice", "-", "Adm.") may be a rank by the words beside it; False rules it out
    without reading them."""
    return word in {"-", "‐", "‑"} or any(part in _RANK_PIECES for part in _bare(word).split("-"))


def title_words(words: list[str]) -> tuple[str, ...]:
    """Titles as the plain nouns a later description uses: "Lt. Gen." -> ("lieutenant", "general"), "Rear Admiral"
    -> ("rear", "admiral"); a rank's hyphened word as written and as its parts ("Vice-Admiral": "the vice-admiral",
    "the admiral")."""
    ranks = rank_word_indices(words)
    titles: list[str] = []
    for i, bare in enumerate(_bare(w) for w in words):
        if i in ranks:
            parts = bare.split("-") if "-" in bare else []
            titles.extend(RANKS_BY_NEIGHBOUR.get(w, _ABBREVIATIONS.get(w, w)) for w in [bare, *parts])
        elif bare in HONORIFICS or bare in OFFICE_TITLES:
            titles.append(_ABBREVIATIONS.get(bare, bare))
    return tuple(titles)


def rank_by_neighbour(previous: str, word: str, following: str = "") -> bool:
    """Whether ``word`` is a rank because of the rank beside it: "Con" after "Det" ("Det Con Kate Dunmore"), "Ch"
    before "Insp" ("Det Ch Insp Joanne Hale")."""
    bare = _bare(word)
    return _bare(previous) in _RANK_BEFORE.get(bare, ()) or _bare(following) in _RANK_AFTER.get(bare, ())


def honorifics_and_ranks(words: list[str], count: int) -> bool:
    """Whether the first ``count`` of ``words`` are all honorifics or ranks, no office ("Ch Supt" of "Ch Supt Marcus
    Venn"); a rank by its neighbour is read beside the words that follow it."""
    ranks = rank_word_indices(words)
    return all(_bare(word) in HONORIFICS or i in ranks for i, word in enumerate(words[:count]))


def rank_word_indices(words: list[str]) -> set[int]:
    """The indices of ``words`` that are ranks by the words beside them: a rank by its neighbour ("Con" of "Det
    Con"), or a word of a rank of several words written whole ("Rear" and "Admiral" of "Rear Admiral Tom Hale",
    "Air" and "Vice-Marshal" of "Air Vice-Marshal Paul Godfrey")."""
    by_neighbour = {
        i
        for i in range(len(words))
        if rank_by_neighbour(words[i - 1] if i else "", words[i], words[i + 1] if i + 1 < len(words) else "")
    }
    return by_neighbour | _compound_rank_words(words)


def _compound_rank_words(words: list[str]) -> set[int]:
    """The indices of the words that make up a whole rank of several words (``COMPOUND_RANKS``), its first and last
    part a whole word's first and last: "Vice-Chancellor" holds no rank, "Air Vice-Marshal" is one."""
    parts = [(i, part) for i, word in enumerate(words) for part in _bare(word).split("-") if part]
    found: set[int] = set()
    for start in range(len(parts)):
        for rank in _COMPOUND_RANKS_BY_FIRST.get(parts[start][1], ()):
            run = parts[start : start + len(rank)]
            if len(run) < len(rank) or tuple(part for _, part in run) != rank:
                continue
            opens_word = start == 0 or parts[start - 1][0] != run[0][0]
            closes_word = start + len(rank) == len(parts) or parts[start + len(rank)][0] != run[-1][0]
            if opens_word and closes_word:
                found.update(i for i, _ in run)
    return found


def _offices(titles: list[str]) -> list[str]:
    """The titles that are an office, kept as a role: no honorific, no rank ("Det Con" leaves nothing)."""
    ranks = rank_word_indices(titles)
    kept: list[str] = []
    for i, title in enumerate(titles):
        bare = _bare(title)
        if bare in HONORIFICS and not _office_part(titles, i):
            continue
        if i not in ranks:
            kept.append(title)
    return kept


def _office_part(titles: list[str], i: int) -> bool:
    """An honorific that is part of an office beside it: "Attorney General", "Solicitor General" (a tail after an
    office), "General Manager" (before an occupation), not "Lt. Gen." nor "Col."."""
    bare = _bare(titles[i])
    after_office = i > 0 and bare in _TITLE_TAILS and _bare(titles[i - 1]) in OFFICE_TITLES | JOB_TITLES
    before_job = bare in _TITLE_MODIFIERS and i + 1 < len(titles) and _bare(titles[i + 1]) in JOB_TITLES
    return after_office or before_job


def _bare(word: str) -> str:
    return word.rstrip(".,").casefold()


def split_leading_titles(words: list[str]) -> tuple[list[str], list[str]]:
    """Split ``words`` into the leading titles and the name after them; never empties the name.

    Full-word titles are only taken when a capitalised word follows, so "General Motors" stays whole; an occupation
    ("Coach", "defence lawyer") or a person's trade ("Economist", "harbour master") only before a person's name, so
    "Manager Magazin" and "Harbour Master Ltd" stay whole.
    """
    i = 0
    occupation_at: int | None = None  # where the first occupation or its modifier was taken
    ranks = rank_word_indices(words)
    while i < len(words) - 1:
        bare = _bare(words[i])
        nxt = words[i + 1]
        if bare == "general" and _bare(nxt) in _ORG_AFTER_GENERAL:
            break
        if bare == "chief" and (officer := _chief_officer_end(words, i)):
            i = officer + 1  # "Chief Financial Officer Mia Holt"
            continue
        if bare in _TITLES_AS_WRITTEN and words[i].rstrip(".") != _TITLES_AS_WRITTEN[bare]:
            break
        if bare in HONORIFICS or bare in OFFICE_TITLES or (i == 0 and bare in DEMONYM_NOUNS) or i in ranks:
            i += 1
            continue
        if i > 0 and pro_tempore(words[i - 1], words[i], nxt):
            if i + 2 == len(words):
                return [], words  # "Speaker Pro Tempore": the office alone is the speaker
            i += 2  # "President Pro Tempore Dale Kessler"
            continue
        # "Secretary of State John Kerry": the tail of a title already started.
        if i > 0 and bare in _TITLE_TAILS and _bare(words[i - 1]) in _TITLES_BEFORE_TAIL:
            i += 1
            continue
        if i > 0 and _bare(words[i - 1]) in _TITLE_ENDS_AFTER.get(bare, ()):
            i += 1
            continue
        if bare in JOB_TITLES or _modifies_title(words, i):
            occupation_at = i if occupation_at is None else occupation_at
            i += 1
            continue
        if (trade := _trade_end(words, i)) is not None:
            occupation_at = i if occupation_at is None else occupation_at
            i = trade + 1  # "Economist Priya Shah", "Harbour master Eli Fors", "ferry operator Tor Lie"
            continue
        break
    if occupation_at is not None and not _person_name(words[i:]):
        i = occupation_at  # "Manager Magazin", "Deputy Manager Magazin": no person's name after the occupation
    if (i == len(words) - 1 and rank_written_alone(words, ranks)) or office_written_alone(words):
        return [], words  # "Major General", "Prime Minister": one rank or office, written alone, is no "Minister"
    if i and _awaits_remit(words[:i]):
        remit_end = name_after_remit(words, i)
        if remit_end is None:
            return [], words  # "President of Portugal", "Mayor of London": the office is the speaker, not the place
        i = remit_end  # "Mayor of London Sadiq Khan": the place is the office's, the person the speaker
    if i and _bodys_name(words[i:]):
        return [], words  # "General Civil Aviation Authority": a rank that opens a body's name is part of it
    if i and not (words[i][:1].isupper() or _opens_with_particle(words[i:])):
        return [], words
    return words[:i], words[i:]


def _opens_with_particle(words: list[str]) -> bool:
    """Whether ``words`` are a surname that opens with a lower-case particle, so a title or role before it is one
    ("DCI bin Rashid", "Commission President von der Leyen"): the particle a word of its own before another word,
    joined to a capitalised one by a hyphen ("Mr. al-Kadhimi", "President el-Sisi"), or elided before one ("Mr
    d'Alema")."""
    first = words[0] if words else ""
    if first in NAME_PARTICLES:
        return len(words) > 1
    particle, hyphen, rest = first.partition("-")
    if hyphen:
        return particle in NAME_PARTICLES and rest[:1].isupper()
    particle, apostrophe, rest = first.replace("’", "'").partition("'")
    return bool(apostrophe) and particle in _ELIDED_PARTICLES and rest[:1].isupper()


# Particles written elided before a vowel, with an apostrophe ("d'Alema", "dell'Utri").
_ELIDED_PARTICLES = frozenset({"d", "dell"})


def pro_tempore(office: str, first: str, second: str) -> bool:
    """Whether ``first`` and ``second`` are "pro tempore" (or "pro tem") after ``office``, an office title: the office
    held for the time being ("Senate President Pro Tempore", "Mayor Pro Tem"), the Latin part of it."""
    return _bare(first) == "pro" and _bare(second) in _PRO_TEMPORE_ENDS and _bare(office) in OFFICE_TITLES


def rank_written_alone(words: list[str], ranks: set[int] | None = None) -> bool:
    """Whether ``words`` are ranks and honorifics only, the last word that of a rank of several words ("Major
    General", "Retired Rear Admiral"): a rank written alone, kept whole as its own name. ``ranks``: the words'
    ``rank_word_indices`` where known."""
    ranks = rank_word_indices(words) if ranks is None else ranks
    return (
        bool(words)
        and len(words) - 1 in _compound_rank_words(words)
        and all(i in ranks or _bare(word) in HONORIFICS for i, word in enumerate(words))
    )


# Office words that only qualify the office after them ("Prime Minister", "Vice President", "Deputy Speaker", "Chief
# Constable"), never one alone before a person's surname, as "Senator" is before "King" ("Senator King" is Angus
# King). "Chief" is one before a surname too ("Chief Ramsey"), but before an office or rank word alone the office's
# ("Chief Justice", "Chief Rabbi"): a chief surnamed King, written "Chief King" alone, is read as an office.
_OFFICE_QUALIFIERS = frozenset({"prime", "vice", "deputy", "former", "acting", "assistant", "chief"})


def office_written_alone(words: list[str]) -> bool:
    """Whether ``words`` are one office and nothing else: qualifiers before an office word ("Prime Minister",
    "Deputy Prime Minister", "Vice President"), or an office and the word that ends it ("Attorney General",
    "Chief Executive"), or qualifiers before an office named by its remit ("Deputy Foreign Minister", "Chief Medical
    Officer"). Kept whole as its own name, as a rank written alone is, so "the Prime Minister" is no "Minister"
    (role "Prime") and the two are two speakers."""
    bare = [_bare(word) for word in words]
    if _qualified_remit_office(words, bare):
        return True
    if len(bare) < 2 or not all(word in _OFFICE_QUALIFIERS for word in bare[:-2]):
        return False
    before, last = bare[-2], bare[-1]
    if before in _OFFICE_QUALIFIERS and (last in OFFICE_TITLES or last in HONORIFICS):
        return True  # "Deputy Mayor", and a rank qualified into an office: "Chief Constable", "Chief Rabbi"
    ends_office = (last in _TITLE_TAILS and last in HONORIFICS) or before in _TITLE_ENDS_AFTER.get(last, ())
    return before in OFFICE_TITLES and ends_office  # a rank word ("General"), not a surname ("Senator House")


def _qualified_remit_office(words: list[str], bare: list[str]) -> bool:
    """Whether ``words`` are qualifiers, then capitalised words of no title or person's name, then an office or
    occupation: "Deputy Foreign Minister", "Chief Medical Officer", "Acting Police Chief". Written alone, the
    qualifiers are the office's, so "Deputy Foreign Minister" is no "Foreign Minister" (role "Deputy")."""
    qualifiers = next((k for k, word in enumerate(bare) if word not in _OFFICE_QUALIFIERS), len(bare))
    remit = words[qualifiers:-1]
    return (
        qualifiers > 0
        and bool(remit)
        and (bare[-1] in OFFICE_TITLES or bare[-1] in JOB_TITLES)
        and all(word[:1].isupper() and _bare(word) not in _TITLES_BEFORE_TAIL for word in remit)
        and not _person_name(words[qualifiers:])  # "Deputy Jo King": a deputy called Jo King
    )


# Words that only join an office to its remit ("Secretary of State for Health", "Secretary of Health and Human
# Services", "Governor of the Bank of England"), as words of a name or description.
REMIT_JOINERS: frozenset[str] = frozenset({"of", "for", "and", "the", "&"})


def _awaits_remit(titles: list[str]) -> bool:
    """Whether the titles end in "of" (or "of the") with nothing after it taken: "President of" of "President of
    Portugal" names an office of a place still to come, never a person's title on its own."""
    bare = [_bare(word) for word in titles]
    return bare[-1:] == ["of"] or bare[-2:] == ["of", "the"]


def name_after_remit(words: list[str], start: int) -> int | None:
    """Where a person's name starts after the remit of an office that opens at ``start`` ("London" of "Mayor of
    London Sadiq Khan", "Bank of England" of "Governor of the Bank of England Andrew Bailey"); None when no person's
    name follows a capitalised remit: the office of a place ("President of Portugal") is the speaker itself, and the
    place alone would make it one source with the place (a country's own statements). The one reading of an office
    of a place for a name's titles (``split_leading_titles``) and for a speaker's words (mention.py): the remit's
    words capitalised or joining ones, at least one capitalised word last, then a known given name or an initial
    and capitalised words (or particles) to the end."""
    if start >= len(words) or not words[start][:1].isupper():
        return None
    for j in range(start + 1, len(words) - 1):
        if not (words[j - 1][:1].isupper() or words[j - 1] in REMIT_JOINERS):
            return None
        rest = words[j:]
        if (
            words[j - 1][:1].isupper()
            and _person_name(rest)
            and all(w[:1].isupper() or w in NAME_PARTICLES for w in rest)
        ):
            return j
    return None


# Lowercase words a trade may open with ("harbour master", "ferry operator", "sheep farmer"), at most this many.
_TRADE_MODIFIERS = 2


def _trade_end(words: list[str], i: int) -> int | None:
    """Where a person's trade that starts at ``i`` ends, when a person's name follows it: a common noun for a person
    ("economist", "owner", "operator"), after at most two lowercase words ("harbour master", "shop owner"), the
    first capitalised only where it opens the sentence or the name ("Harbour master Eli Fors"). Capitalised, a trade
    that is also a given name opens the name ("Hunter James Biden", "Dean Michael Smith"); a body's name has no
    person's name after the trade ("Harbour Master Ltd")."""
    from extraction.speaker_nouns import PEOPLES_COMPANY_KINDS, PERSON_KIND_NOUNS  # they read this module's titles

    for j in range(i, min(i + _TRADE_MODIFIERS + 1, len(words) - 2)):
        word = words[j]
        if not word.isalpha() or (j > i and not word.islower()):
            return None
        bare = _bare(word)
        if bare in JOB_TITLES | OFFICE_TITLES | HONORIFICS:
            return None  # a title's own rules ("Barcelona coach Diego Sanz": a body's role prefix)
        if bare not in PERSON_KIND_NOUNS | PEOPLES_COMPANY_KINDS:
            continue
        if word[:1].isupper() and is_given_name(word):
            return None
        rest = words[j + 1 :]
        name = _person_name(rest) and all(w[:1].isupper() or w in NAME_PARTICLES for w in rest)
        return j if name else None
    return None


def _chief_officer_end(words: list[str], i: int) -> int | None:
    """Where "Chief ... Officer" ends ("Chief Medical Officer", "Chief Information Security Officer"), when a word
    follows it; None for any other "Chief"."""
    for j in range(i + 2, min(i + 2 + _CHIEF_OFFICER_WORDS, len(words) - 1)):
        if _bare(words[j]) == "officer":
            return j
    return None


def _modifies_title(words: list[str], i: int) -> bool:
    """A word that opens a title before a title: "head" of "head coach", "Crown" of "Crown prosecutor"."""
    j = i
    while j < len(words) - 1 and _bare(words[j]) in _TITLE_MODIFIERS:
        j += 1
    title = _bare(words[j])
    return j > i and j < len(words) - 1 and (title in JOB_TITLES or title in OFFICE_TITLES)


def _bodys_name(words: list[str]) -> bool:
    """Whether ``words`` read as a body's name and no person's: its capitalised head noun, before "of" or "for" or
    else last, is a body's ("Directorate of Civil Defence", "Civil Aviation Authority"), and no given name opens
    it. A title before such words opens the body's name ("Premier League", "Speaker Electronics", "General Civil
    Aviation Authority"); before a person's name it is the person's title ("Premier Li Qiang")."""
    from extraction.speaker_nouns import BODY_NAME_HEADS  # speaker_nouns reads this module's titles

    joiners = [k for k, word in enumerate(words) if k and word in {"of", "for"}]
    head = words[joiners[0] - 1] if joiners else words[-1]
    return head[:1].isupper() and _bare(head) in BODY_NAME_HEADS and not _person_name(words)


def _person_name(words: list[str]) -> bool:
    """Whether ``words`` read as a person's name: a known given name or an initial, and a surname after it."""
    return len(words) >= 2 and (_INITIAL.match(words[0]) is not None or is_given_name(words[0].rstrip(".,")))


def normalize_speaker_name(name: str) -> str:
    """The display form of a speaker name: no leading article, titles, ranks or possessive; single spaces.

    "the Iraqi military" -> "Iraqi military"; "Coalition Spokesman Col. Wayne Marotto" is a role plus a name and
    is split by the extractor, but "Col. Wayne Marotto" -> "Wayne Marotto"; "the Pentagon's" -> "Pentagon".
    """
    words = _name_words(name)
    if len(words) > 1:
        _, words = split_leading_titles(words)
    return " ".join(words).strip()


def leading_office(name: str) -> str | None:
    """The office titles written before a name, as a role: "Mayor Jane Quinn" -> "Mayor", "Secretary of State
    John Kerry" -> "Secretary of State"; honorifics and ranks are no office ("Col. Wayne Marotto" -> None)."""
    words = _name_words(name)
    if len(words) < 2:
        return None
    titles, _ = split_leading_titles(words)
    return " ".join(_offices(titles)) or None


def _written(name: str) -> str:
    """The name as written, with no invisible characters, outer punctuation or trailing parenthesis."""
    text = _SPACES.sub(" ", without_invisibles(name).replace("\x00", " ")).strip(" \t,;:-–—\"“”‘’'")
    return _PARENTHETICAL.sub("", text).strip()


# A name's own form in another script, written after it in parentheses ("Li Wei (李伟)"): at least two letters, at
# most this many characters and words.
_OTHER_SCRIPT_MAX_CHARS = 80
_OTHER_SCRIPT_MAX_WORDS = 6
_CLOSED_PARENTHETICAL = re.compile(r"^(?P<name>[^()]*?)\s*\((?P<form>[^()]*)\)\s*$")
# What a name holds besides letters and marks: spaces, dots (the middle dots of transliterated names too: "唐纳德·特朗普"),
# hyphens and apostrophes.
_NAME_PUNCTUATION = frozenset(" .-‐‑'’·・")


def _script(char: str) -> str | None:
    """The script of a letter as its Unicode name opens ("LATIN", "CYRILLIC", "ARABIC"; "CJK" for Han); None for no
    letter, and for a modifier letter or mark, which scripts share."""
    if unicodedata.category(char) not in {"Lu", "Ll", "Lt", "Lo"}:
        return None
    name = unicodedata.name(char, "")
    return name.split(" ", 1)[0] or None


def other_script_form(name: str) -> str | None:
    """The parenthetical after a name when it is the same name in another script ("Li Wei (李伟)" -> "李伟",
    "Vladimir Putin (Владимир Путин)" -> "Владимир Путин"), to be kept as an alias; None for any other
    parenthetical, which stays dropped: a description ("(R-Texas)", "(Labour)", "(pictured)", "(NYSE: ACM)") is
    in the name's own script, or holds more than a name's letters, spaces, dots and hyphens. The form is in a script
    the name has no letter of and never in Latin letters, since Latin words after another script's name are as
    likely a description ("李伟 (Labour)"). A look-alike of the name (its key) is no other form."""
    text = _SPACES.sub(" ", without_invisibles(unicodedata.normalize("NFKC", name)).replace("\x00", " ")).strip()
    match = _CLOSED_PARENTHETICAL.match(text)
    if match is None:
        return None
    bare, form = match["name"].strip(), match["form"].strip()
    if not bare or len(form) > _OTHER_SCRIPT_MAX_CHARS or len(form.split(" ")) > _OTHER_SCRIPT_MAX_WORDS:
        return None
    if any(
        not (unicodedata.category(c).startswith(("L", "M")) or c in _NAME_PUNCTUATION) for c in form
    ):  # digits, commas, colons, symbols: a description
        return None
    form_scripts = {s for c in form if (s := _script(c))}
    bare_scripts = {s for c in bare if (s := _script(c))}
    letters = sum(1 for c in form if unicodedata.category(c).startswith("L"))
    if letters < 2 or not bare_scripts or "LATIN" in form_scripts or form_scripts & bare_scripts:
        return None
    if speaker_key(form) in {"", speaker_key(bare)}:
        return None
    return form


def _name_words(name: str) -> list[str]:
    """The name's words with no invisible characters, outer punctuation, trailing parenthesis, leading article
    or possessive."""
    text = _written(name)
    text = _LEADING_POSSESSOR.sub("", _LEADING_ARTICLE.sub("", text))
    text = _POSSESSIVE.sub("", text).strip()
    words = text.split(" ")
    while len(words) > 2 and _bare(words[-1]) in POST_NOMINALS and words[-1][:1].isupper():
        words.pop()
    return words


def split_role_prefix(name: str) -> tuple[str | None, str]:
    """A role written before a name, split off: "Coalition Spokesman Col. Wayne Marotto" -> ("Coalition Spokesman",
    "Wayne Marotto"); "Pentagon Press Secretary John Kirby" -> ("Pentagon Press Secretary", "John Kirby").

    Only a capitalised prefix (an organisation or place) followed by a title and a capitalised name is split, so
    "Office of the Director of National Intelligence" and "White House Press Secretary" (no name) stay whole.
    Returns (None, normalised name) when there is nothing to split; a body named with its possessive keeps it
    ("Sainsbury's": ``_named_with_possessive``), though its key is the bare name's (``speaker_key``).
    """
    role, bare = _split_role_prefix(name)
    if role is None and _named_with_possessive(name, bare):
        return None, _written(name)
    return role, bare


def _named_with_possessive(name: str, normal: str) -> bool:
    """Whether ``name`` is a body's name that ends with a possessive, nothing owned after it ("Sainsbury's",
    "McDonald's", "Moody's": a firm named after its founder): written as its normal form and "'s", nothing else
    dropped (no article: "the Pentagon's" is a possessor, its thing left out), and no person's name ("Donald
    Trump's")."""
    written = _written(name)
    words = normal.split(" ")
    return (
        _NAMED_POSSESSIVE.search(written) is not None
        and written[:-2] == normal
        and all(w[:1].isupper() for w in words if any(c.isalpha() for c in w))
        and not _person_name(words)
    )


def _split_role_prefix(name: str) -> tuple[str | None, str]:
    """``split_role_prefix`` with any possessive dropped: the form a name's identity is read from."""
    normal = normalize_speaker_name(name)
    words = normal.split(" ")
    ranks = _compound_rank_words(words)
    for i, word in enumerate(words[1:-1], start=1):
        if {i - 1, i} <= ranks:
            continue  # "Air Vice Marshal": the rank goes on, no body's name before it
        if _bare(word) not in OFFICE_TITLES | HONORIFICS | JOB_TITLES and i not in ranks:
            continue
        if not all(w[:1].isupper() for w in words[:i]):
            return None, normal
        titles, rest = split_leading_titles(words[i:])
        if not titles or not rest or not (rest[0][:1].isupper() or _opens_with_particle(rest)):
            return None, normal
        role = [*words[:i], *_offices(titles)]
        return " ".join(role), " ".join(rest)
    return None, normal


def speaker_key(name: str) -> str:
    """A case-folded identity key for a speaker name: equal keys mean the same source (a role written before
    the name does not count: "Coalition Spokesman Col. Wayne Marotto" is "Wayne Marotto").

    The name is read as it looks, not as it is encoded: NFKC (fullwidth and mathematical letters are plain ones),
    no invisible format characters (zero-width spaces and joiners, bidi marks and overrides), and look-alike
    letters folded to one (a Cyrillic "а" in "Pentаgon" is the Latin "a": the UTS #39 confusable skeleton of its
    non-ASCII characters). Plain ASCII names keep the key they always had. A letter whose look-alike is no letter or
    digit keeps itself, since the key would drop it: the skeleton writes the Hebrew yod as an apostrophe ("גיל" Gil
    and "גל" Gal were one key) and some CJK ideographs as radicals, which are symbols ("山田太郎" keyed as "太郎").

    Beyond ASCII the key does not read letter case, since the skeleton folds a capital and its small letter apart
    (Cyrillic "К" to "K", "к" to "ĸ"): each non-ASCII letter is read in the case its place in its word gives it,
    as a Title Case name is written (``_cased_by_position``), so "ОЛЕКСАНДР КОВАЛЕНКО" and "олександр коваленко"
    key as "Олександр Коваленко" always has. Titles and roles are still taken off as the case was written
    ("Mayor олександр коваленко" keeps "mayor", as "Mayor john smith" does). A dot above after "i" or "j" is
    dropped: Turkish "İsmail" casefolds to "i" and that dot, which "i" already has.

    Latin letters lose their diacritics (``_without_optional_marks``): news outlets often drop them, and "Inès
    Okafor" and "Ines Okafor", "Ngô Bảo Châu" and "Ngo Bao Chau" are one person. Greek, Arabic and Hebrew letters lose
    the marks their ordinary writing leaves out (``data/optional_marks.json``): Greek capitals carry no tonos
    ("ΚΥΡΙΑΚΟΣ ΜΗΤΣΟΤΑΚΗΣ" is "Κυριάκος Μητσοτάκης"), Arabic vowel marks and Hebrew points are optional ("مُحَمَّد" is
    "محمد"). Other marks stay, since they make another letter: a Cyrillic "й" is no "и". Letters writers use for one
    another in one name are one letter (``data/interchangeable_letters.json``), folded before the look-alike
    skeleton, which keeps some of them apart: "أحمد" is "احمد", "فاطمة" is "فاطمه".
    """
    written = without_invisibles(unicodedata.normalize("NFKC", name.translate(_APOSTROPHE_STAND_INS)))
    written = written.translate(_INTERCHANGEABLE_LETTERS)
    plain = _without_optional_marks(written)
    cased = _without_optional_marks(_cased_by_position(written))
    # titles and articles are recognised in look-alike letters too
    _, normal = _split_role_prefix(confusable_skeleton(cased))
    if cased != plain:
        _, as_written = _split_role_prefix(confusable_skeleton(plain))
        normal = _same_words_kept(as_written, normal, confusable_skeleton(cased))
    folded = _SOFT_DOTTED_DOT.sub(r"\1", confusable_skeleton(normal.casefold()).casefold())
    return " ".join(_initials_joined(_key_words(_KEY_DROP.sub("", folded))))


_SOFT_DOTTED_DOT = re.compile("([ij])\u0307")

# ``data/apostrophe_stand_ins.json``: characters typed for an apostrophe in names ("O´Connor"), read as one before
# NFKC, which would make the acute accent a space and a combining mark.
_APOSTROPHE_STAND_INS: dict[int, str] = {
    ord(char): apostrophe for char, apostrophe in read_data_file("apostrophe_stand_ins.json")["characters"].items()
}


def _initials_joined(words: list[str]) -> list[str]:
    """Runs of two or more one-letter words joined into one ("j k rowling" -> "jk rowling"): initials are one name
    however a house style spaces them ("J.K." in AP copy, "J. K." in Chicago style, "JK" in the Guardian's), and the
    dots are already gone. A lone initial stays a word ("george w bush"), so keys without such runs do not move."""
    joined: list[str] = []
    run: list[str] = []
    for word in [*words, ""]:
        if len(word) == 1 and word.isalpha():
            run.append(word)
            continue
        joined.extend(["".join(run)] if len(run) > 1 else run)
        run = []
        if word:
            joined.append(word)
    return joined


# ``data/interchangeable_letters.json``: letters that writers of one name use for one another (an Arabic alef with
# or without its hamza, a teh marbuta or a heh), each as the one letter the key reads.
_INTERCHANGEABLE_LETTERS: dict[int, str] = {
    int(entry["letter"].removeprefix("U+"), 16): chr(int(entry["written_as"].removeprefix("U+"), 16))
    for entry in read_data_file("interchangeable_letters.json")["letters"]
}


# ``data/optional_marks.json``: by the script of the letter they sit on (the first word of its Unicode name), the
# combining marks its ordinary writing leaves out; and letters that only stretch a word (the Arabic tatweel).
_OPTIONAL_MARKS_DATA = read_data_file("optional_marks.json")
_OPTIONAL_MARKS: dict[str, frozenset[str]] = {
    entry["script"]: frozenset(chr(int(code.removeprefix("U+"), 16)) for code in entry["marks"])
    for entry in _OPTIONAL_MARKS_DATA["scripts"]
}
_STRETCHING_LETTERS: frozenset[str] = frozenset(
    chr(int(code.removeprefix("U+"), 16)) for code in _OPTIONAL_MARKS_DATA["stretching_letters"]["letters"]
)


def _without_optional_marks(text: str) -> str:
    """``text`` with the combining marks a name may be written without dropped (NFKD: "é" is "e" and an acute, "ố"
    is "o" and two marks), so a name written without them keys as the marked one. On Latin letters every mark
    goes; a Latin letter with a stroke or a ligature, which has no decomposition, takes the plain letters the
    look-alike data folds it to ("ø" to "o" and a stroke, "æ" to "ae"), where that leaves ASCII; "ð" and "þ", whose
    look-alikes are no letters, are written "d" and "th" as English-language news writes them; another without such
    a fold is kept. On Greek, Arabic and Hebrew letters only the marks ``_OPTIONAL_MARKS`` names go (a tonos, a
    fatha, a niqqud point), and the tatweel with them; marks of other scripts stay, since the same mark may make
    another letter there (a breve on a Cyrillic "и" is "й", a diaeresis on "е" is "ё")."""
    if text.isascii():
        return text
    kept: list[str] = []
    script = ""
    for char in unicodedata.normalize("NFKD", text):
        if unicodedata.category(char).startswith("M"):
            if script != "LATIN" and char not in _OPTIONAL_MARKS.get(script, ()):
                kept.append(char)
            continue
        script = unicodedata.name(char, "").split(" ", 1)[0]
        if char in _STRETCHING_LETTERS:
            continue
        kept.append(_plain_latin(char) if script == "LATIN" and not char.isascii() else char)
    return unicodedata.normalize("NFC", "".join(kept))


# Latin letters whose look-alike fold is no Latin letter, written as English-language news writes them ("ð" -> "d").
_LATIN_TRANSLITERATIONS: dict[str, str] = dict(read_data_file("latin_transliterations.json")["letters"])


def _plain_latin(letter: str) -> str:
    """The ASCII letters a Latin letter without a decomposition is read as: its transliteration where its look-alike
    is no Latin letter ("ð" to "d", "þ" to "th"), else its look-alike skeleton, marks dropped, where that is ASCII
    ("ł" to "l", "œ" to "oe"); else the letter itself."""
    if letter in _LATIN_TRANSLITERATIONS:
        return _LATIN_TRANSLITERATIONS[letter]
    unmarked = "".join(
        c
        for c in unicodedata.normalize("NFD", confusable_skeleton(letter))
        if not unicodedata.category(c).startswith("M")
    )
    return unmarked if unmarked.isascii() and unmarked.isalpha() else letter


def _cased_by_position(text: str) -> str:
    """Each non-ASCII letter upper case when it opens a word (no letter or mark before it), else lower case, where
    that case is one character; ASCII as written."""
    chars = list(text)
    for i, char in enumerate(chars):
        if char.isascii() or not char.isalpha():
            continue
        opens = i == 0 or not (text[i - 1].isalpha() or unicodedata.category(text[i - 1]).startswith("M"))
        other = char.upper() if opens else char.lower()
        if len(other) == 1:
            chars[i] = other
    return "".join(chars)


def _same_words_kept(as_written: str, normal: str, cased: str) -> str:
    """``normal`` (the name left after titles and roles, split in the position-cased letters) with as many words as
    the split of the name as written left: an initial the key makes upper must not make a title of a word before a
    name written in lower case, nor a name of a word after a title ("President élu")."""
    kept = len(as_written.split(" "))
    if kept <= len(normal.split(" ")):  # a title only the written case shows ("ΙΤ", which looks like "LT"): no title
        return normal
    return " ".join(_name_words(cased)[-kept:])


def _key_words(text: str) -> list[str]:
    """Runs of letters, digits, underscores and combining marks ("bjo̸rn", a Devanagari vowel sign stay whole)."""
    words: list[str] = []
    current: list[str] = []
    for char in text:
        if char.isalnum() or char == "_" or unicodedata.category(char).startswith("M"):
            current.append(char)
        elif current:
            words.append("".join(current))
            current = []
    if current:
        words.append("".join(current))
    return words
