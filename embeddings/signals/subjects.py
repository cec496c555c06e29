"""Whether two statements are about different named things: one names something where the other names another.

"Unemployment in France is 7 percent" / "Unemployment in Germany is 5 percent", "The Lyon council will build 341
homes" / "The Malmo council will build 609 homes": the content words of both, aligned in order (figures left out),
differ where each has a capitalised word the other does not have anywhere. A first word counts too ("Gdansk airport
served ..." / "Leeds airport served ..."): a capitalised common noun substituted at the start with a figure changed
("Exports rose by 5 percent" / "Imports rose by 7 percent") is another statement as well.
A name that moved ("Biden leads Trump" / "Trump leads Biden") is a swap of roles, not another subject.
"""

from __future__ import annotations

from difflib import SequenceMatcher

from embeddings.signals.statement import Analysis
from embeddings.signals.tokens import Token, is_content
from embeddings.signals.vocabulary import MEASURES


def _units(analysis: Analysis) -> list[tuple[str, bool]]:
    """(lemma, capitalised) of each content word, in order; a unit of measure after a figure ("1.5GW", "113F") is
    part of the figure, left out with it: "GW" / "MW" are two ways to write a figure, not two named things."""
    tokens = analysis.tokens
    return [
        (token.lemma, _capitalised(token))
        for i, token in enumerate(tokens)
        if is_content(token) and not (i > 0 and tokens[i - 1].kind == "number" and token.lower in MEASURES)
    ]


def _capitalised(token: Token) -> bool:
    return token.text[:1].isupper()


def named_substitution(premise: Analysis, hypothesis: Analysis) -> bool:
    """A name of one statement stands, in the aligned content words, where the other has another name, and
    neither name occurs anywhere in the other statement."""
    ours, theirs = _units(premise), _units(hypothesis)
    our_lemmas, their_lemmas = [u for u, _ in ours], [u for u, _ in theirs]
    matcher = SequenceMatcher(None, our_lemmas, their_lemmas, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag != "replace":
            continue
        replaced = ours[i1:i2], theirs[j1:j2]
        if not all(named for side in replaced for _, named in side):
            continue
        if any(u in their_lemmas for u, _ in replaced[0]) or any(u in our_lemmas for u, _ in replaced[1]):
            continue  # a name that moved: roles swapped, the same things
        return True
    return False
