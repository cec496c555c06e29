"""Nouns that say what a speaker is: an organisation's head noun ("the ministry"), a person's ("a spokesman"),
a company's last word or kind, and the role words written before names: shared by the mention, its kind,
coreference and the attribution rules."""

from __future__ import annotations

from spacy.tokens import Token

from extraction.data_files import read_data_file
from extraction.names import OFFICE_TITLES

# Head nouns of organisations ("the Iraqi military", "the campaign"), with the public services news writing names
# the body by ("the coastguard": data/description_nouns.json), and of people ("a spokesman").
ORG_NOUNS: frozenset[str] = frozenset(
    {
        "military", "army", "navy", "ministry", "department", "government", "administration", "pentagon",
        "police", "campaign", "committee", "agency", "office", "company", "corporation", "firm", "party", "court",
        "council", "commission", "congress", "senate", "house", "newspaper", "network", "group", "organization",
        "organisation", "union", "institute", "center", "centre", "foundation", "bank", "fund", "board", "team",
        "coalition", "alliance", "embassy", "county", "school", "university", "college", "hospital", "paper",
        "magazine", "outlet", "station", "channel", "poll", "survey", "study", "website", "force", "forces",
        "command", "authority", "authorities", "regime", "cabinet", "parliament", "bureau", "service", "kremlin",
        "association", "federation", "society", "club", "lab", "laboratory", "ngo", "charity", "post", "times", "journal", "tribune", "press", "report", "secretariat", "watchdog", "legislature",
        "daily", "tabloid",
        "carrier", "airline", "bloc", "insurer", "lender", "retailer", "automaker", "carmaker", "manufacturer",
        "regulator", "broadcaster", "publisher", "conglomerate", "startup", "exchange", "chipmaker", "drugmaker",
        "steelmaker", "planemaker", "shipbuilder", "brewer", "utility", "operator", "supplier", "provider", "trust",
        "supermarket", "directorate", "brewery", "distillery", "winery", "bakery",
    }
) | frozenset(read_data_file("description_nouns.json")["services_as_bodies"]["words"])  # fmt: skip


# Organisation nouns that name an institution of their own ("the army", "the Kremlin"), never a description of
# another organisation named earlier ("The RSF said ... The army said" is the army, not the RSF).
INSTITUTION_NOUNS: frozenset[str] = frozenset(
    {"military", "army", "navy", "police", "government", "administration", "pentagon", "kremlin", "congress",
     "senate", "house", "parliament", "legislature", "cabinet", "court", "regime", "forces", "force"}
)  # fmt: skip


PERSON_NOUNS: frozenset[str] = frozenset(
    {
        "spokesman", "spokeswoman", "spokesperson", "official", "source", "officer", "aide", "adviser", "advisor",
        "analyst", "expert", "lawyer", "attorney", "senator", "president", "minister", "secretary", "director",
        "chief", "commander", "leader", "candidate", "nominee", "governor", "mayor", "representative", "lawmaker",
        "congressman", "congresswoman", "voter", "resident", "witness", "executive", "ceo", "chairman",
        "chairwoman", "economist", "strategist", "professor", "researcher", "scientist", "doctor", "author",
        "activist", "critic", "supporter", "member", "man", "woman", "person", "people", "manager", "judge",
        "prosecutor", "investigator", "diplomat", "ambassador", "general", "colonel", "soldier", "founder",
        "owner", "employee", "worker", "student", "teacher", "pastor", "host", "anchor", "reporter", "journalist",
        "correspondent", "columnist", "editor", "writer", "pollster", "operative", "staffer", "surrogate",
        "democrat", "republican", "mother", "father", "son", "daughter", "wife", "husband", "friend", "neighbor",
        "victim", "neighbour", "deputy", "sheriff", "detective", "agent", "historian", "consultant", "insider",
        "partner", "president-elect", "vice", "speaker", "premier", "counsel", "spokespeople", "aides",
        "reader", "viewer", "listener", "caller", "fan", "parent", "nurse", "patient", "customer", "shopper",
        "passenger", "driver", "farmer", "trader", "shopkeeper", "user", "councillor", "councilor",
        "paramedic", "firefighter", "midwife", "surgeon", "pharmacist", "fisherman", "fisherwoman", "mechanic",
        "engineer", "volunteer", "survivor", "refugee", "migrant", "pensioner", "protester", "villager", "tourist",
        "commuter", "tenant", "landlord", "grandmother", "grandfather", "sister", "brother", "colleague",
        "counterpart", "coroner",
    }
)  # fmt: skip


# Family relations: "his brother", "the dead man's widow" are people, introduced by their given name alone.
KIN_NOUNS: frozenset[str] = frozenset(
    {"mother", "father", "son", "daughter", "wife", "husband", "sister", "brother", "grandmother", "grandfather",
     "grandson", "granddaughter", "uncle", "aunt", "cousin", "niece", "nephew", "widow", "widower", "stepson",
     "stepdaughter", "stepmother", "stepfather", "sibling", "twin"}
)  # fmt: skip


# Party labels written before a politician's name ("Republican Brian Holt"): a description, not a name; after a
# place, the politician just named ("the Georgia Democrat").
PARTY_WORDS = frozenset({"republican", "democrat", "democratic", "labour", "conservative", "tory", "liberal", "green"})


# Last words of a company's name ("Halvorsen Shipping", "Brightwell Foods"), which the recogniser may take for a
# surname; words that are also common surnames ("Steel", "Power", "Banks") are left out. Food and farming firms'
# words ("Greenvale Produce") and those of firms that stage events ("Parkside Events") are in
# data/description_nouns.json.
COMPANY_WORDS: frozenset[str] = frozenset(
    {"shipping", "marine", "maritime", "foods", "airlines", "airways", "energy", "motors", "holdings", "group",
     "capital", "partners", "systems", "technologies", "technology", "pharmaceuticals", "pharma", "logistics",
     "mining", "industries", "electronics", "chemicals", "resources", "properties", "homes", "brands", "telecom",
     "networks", "solutions", "software", "communications", "studios", "hotels", "resorts", "beverages",
     "breweries", "textiles", "aviation", "aerospace", "freight", "insurance", "securities", "investments",
     "ventures", "labs", "data", "media", "bank", "bancorp", "petroleum", "oil", "gas", "utilities", "railways",
     "trains", "rail", "buses", "ferries", "water",
     # the sciences a drug or test maker names itself for (audit 28): "Norvance Therapeutics", "Halden Biosciences"
     "therapeutics", "biosciences", "bioscience", "biotech", "biopharma", "biologics", "diagnostics", "genomics",
     # legal forms, which end no person's name: "Pfizer Inc", "Halden Corp.", "Parkway Stores Ltd"
     "inc", "inc.", "corp", "corp.", "ltd", "ltd.", "plc", "llc", "gmbh", "limited", "corporation"}
) | frozenset(read_data_file("description_nouns.json")["company_words_of_food_and_farming"]["words"]) | frozenset(
    read_data_file("description_nouns.json")["company_words_of_events_and_shows"]["words"]
)  # fmt: skip


# Nouns for the kind of company a name that follows them is ("airport operator Fraport", "chipmaker Nexa").
COMPANY_KINDS = frozenset({"operator", "provider", "supplier", "giant", "chain", "developer", "producer", "maker"})
# Those kinds that are people's trades too: before a person's name, the person's trade ("ferry operator Tor Lie").
PEOPLES_COMPANY_KINDS = frozenset({"operator", "producer", "developer"})


ROLE_WORDS: frozenset[str] = OFFICE_TITLES | PERSON_NOUNS | frozenset({"press", "deputy", "senior", "general"})


def person_noun(tok: Token) -> bool:
    """A common noun for a person ("nurse", "spokesman", "paramedic")."""
    return tok.lemma_.lower() in PERSON_NOUNS


def _description_nouns(key: str) -> frozenset[str]:
    """A word list of ``data/description_nouns.json``; the file says where each list comes from."""
    data = read_data_file("description_nouns.json")
    return frozenset(data[key]["words"])


# Person's nouns that after a place or team name whoever holds a post there ("the Portsmouth manager").
HELD_POSTS = _description_nouns("held_posts")
# Body nouns that lower-case words before them only sort by kind ("the lobby group", "the trade body").
BODY_KIND_NOUNS = _description_nouns("body_kinds")
# Body nouns written in lower case after the body's own name to say what it is ("the Unite union").
KINDS_AFTER_NAMES = _description_nouns("kinds_after_names")
# Kinds of business capitalised only where they open the sentence before a body's name ("Broker Harcourt Partners
# said"), which no company's name opens with.
KINDS_OPENING_NAMES = _description_nouns("kinds_opening_names")
# Trades firms ply as often as people do ("the pollster", "the broker"): a description of the firm just named when the
# article called no person so.
FIRM_OR_PERSON_TRADES = _description_nouns("trades_of_firms_and_people")
# What one party is to another, a business as often as a person ("A rival, Zentra,", "Her rival, Okonkwo,"): a name
# set in apposition with one is what the pronoun of its own reported words makes it.
FIRM_OR_PERSON_RELATIONS = _description_nouns("relations_of_firms_and_people")
# A business's noun for its works and the trade words that end such a firm's name ("the brewery": "Tollgate
# Brewing", "Harbour Brewers").
WORKS_TRADE_WORDS: dict[str, frozenset[str]] = {
    noun: frozenset(words.split())
    for noun, words in (entry.split(": ", 1) for entry in _description_nouns("works_and_their_trade_words"))
}
# Bodies whose head is their chair ("who heads the ethics committee": the committee chair).
CHAIRED_BODIES = _description_nouns("chaired_bodies")
# Head nouns of bodies' names and no person's ("Premier League", "Premier Inn"): with the organisation nouns and the
# company words, what makes an office word before them the opening of the name, not a title.
BODY_NAME_HEADS: frozenset[str] = ORG_NOUNS | COMPANY_WORDS | _description_nouns("heads_of_bodies_names")
# Capitalised heads of bodies' names that go on with "of" ("the Port of Rotterdam", "the Kellby Chamber of Commerce"),
# which the recogniser often leaves untagged: the name runs to the end of the "of" phrase.
HEADS_OF_BODIES_NAMED_WITH_OF = _description_nouns("heads_of_bodies_named_with_of")
# Members' plurals that name the body they formed even before a place ("Friends of the Earth", "Sons of Norway").
MEMBERS_NAMING_THEIR_BODY = _description_nouns("members_naming_their_body")
# Words a newspaper's name ends with ("the Northern Echo", "the Sunday Ledger"), beyond the organisation nouns: after
# "the", a name ending in one is a paper's.
PRESS_TITLES = _description_nouns("press_titles")
# Last words of clubs' and family firms' names, which end no person's ("Redbridge Rovers", "Pell Brothers").
CLUB_AND_FIRM_ENDS = _description_nouns("ends_of_club_and_firm_names")
# First words of clubs' names, which open no person's ("Atlético Sur", "Real Costa", "Sporting Braga").
CLUB_NAME_OPENINGS = _description_nouns("openings_of_club_names")
# A writer's nouns for a statement just reported ("said X, a remark critics said ..."): no part of it, nor a speaker.
COMMENT_NOUNS = _description_nouns("comments_on_statements")


def _person_nouns_data() -> frozenset[str]:
    """Both lists of ``data/person_nouns.json``: WordNet's person nouns and a hand-written supplement."""
    data = read_data_file("person_nouns.json")
    return frozenset(word for part in data.values() for word in part["words"])


# Every common noun that makes the speaker it heads a person ("a baker said", "the harbour master said"), when no
# rule made it anything else: the hand-written PERSON_NOUNS and the general list of ``data/person_nouns.json``, less
# the nouns for a body or the kind of company one is ("the carrier", "the supplier"), which are bodies first.
PERSON_KIND_NOUNS: frozenset[str] = (PERSON_NOUNS | _person_nouns_data()) - ORG_NOUNS - BODY_KIND_NOUNS - COMPANY_KINDS
