"""Property-based: whatever a client sends to any POST or GET (bodies and parameters drawn by Hypothesis, valid
and careless: lone surrogates, NaN, huge and negative numbers, out-of-range instants, deep nesting, forged ids and
cursors), the reply is never a 5xx, every error is problem+json with its own status, and afterwards every stored
record still reads. Bounded and derandomized (the same examples every run) so the suite stays fast."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date, datetime
from typing import Any
from urllib.parse import quote, urlencode

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from service.schemas import is_blank
from tests.api.conftest import SEED_CLAIM

FUZZ = settings(
    max_examples=60,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
TRAPS = ["\ud800", "\udfff", "\u202e", "\u200b", "\x00", "\ufeff", "😀", "ａ"]

# Text: mostly plain, sometimes a lone surrogate, a NUL, a bidi override or an emoji.
texts = st.one_of(
    st.text(max_size=40),
    st.builds(lambda a, trap, b: a + trap + b, st.text(max_size=10), st.sampled_from(TRAPS), st.text(max_size=10)),
)
numbers = st.one_of(
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from([0, -1, 10**400]),
)
instants = st.one_of(
    st.sampled_from(
        [
            "2021-04-10",
            "2021-04-10T12:00:00+02:00",
            "9999-12-31T23:59:59-01:00",
            "0001-01-01T00:00:00+01:00",
            "1000-01-01T00:30:00+01:00",
            "2021-02-30",
            "",
            "now",
        ]
    ),
    st.datetimes().map(lambda d: d.isoformat()),
    texts,
    numbers,
)
json_values = st.recursive(
    st.one_of(st.none(), st.booleans(), numbers, texts),
    lambda children: st.one_of(st.lists(children, max_size=4), st.dictionaries(texts, children, max_size=4)),
    max_leaves=12,
)


# Text a careful client sends: printable, not blank (something visible: not only zero-width or bidi characters).
fine_texts = st.text(st.characters(codec="utf-8", exclude_categories=["Cc", "Cs"]), min_size=1, max_size=60).filter(
    lambda t: not is_blank(t)
)
# A link a careful client sends: absolute, its text percent-encoded.
fine_urls = st.one_of(
    fine_texts.map(lambda t: f"https://example.org/{quote(t)}"), st.sampled_from(["urn:isbn:0451450523", "doi:10.1/x"])
)
fine_instants = st.one_of(
    st.dates(min_value=date(1000, 1, 2), max_value=date(9999, 12, 30)).map(date.isoformat),
    st.datetimes(min_value=datetime(1000, 1, 2), max_value=datetime(9999, 12, 30)).map(datetime.isoformat),
)
fine_json = st.recursive(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(-(10**15), 10**15),
        st.floats(allow_nan=False, allow_infinity=False),
        fine_texts,
    ),
    lambda children: st.one_of(st.lists(children, max_size=3), st.dictionaries(fine_texts, children, max_size=3)),
    max_leaves=8,
)


def deep(depth: int) -> Any:
    value: Any = 1
    for _ in range(depth):
        value = {"a": value}
    return value


def posts(careful: bool) -> dict[str, st.SearchStrategy[Any]]:
    """Bodies for every POST: a careful client's (every field fits its schema), or a careless one's (mostly
    fitting, now and then a field of careless text or any JSON, a required field missing, or no object at all)."""

    def field(valid: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
        if careful:
            return valid
        return st.sampled_from([0, 0, 0, 1, 2]).flatmap(lambda pick: (valid, texts, json_values)[pick])

    def body(
        required: dict[str, st.SearchStrategy[Any]], optional: dict[str, st.SearchStrategy[Any]] | None = None
    ) -> st.SearchStrategy[Any]:
        if careful:
            return st.fixed_dictionaries(required, optional=optional or {})
        full = st.fixed_dictionaries(required, optional={**(optional or {}), "unexpected": json_values})
        partial = st.fixed_dictionaries({}, optional={**required, **(optional or {})})
        return st.sampled_from([0, 0, 0, 0, 1, 2]).flatmap(lambda pick: (full, partial, json_values)[pick])

    when = fine_instants if careful else instants
    metadata = (
        st.dictionaries(fine_texts, fine_json, max_size=4)
        if careful
        else st.one_of(st.dictionaries(texts, json_values, max_size=4), st.integers(20, 80).map(deep), json_values)
    )
    claim = body(
        {"text": field(fine_texts), "speaker": field(fine_texts)},
        {
            "said_at": when,
            "source_url": field(fine_urls),
            "kind": field(st.sampled_from(["direct_quote", "indirect_quote", "statement"])),
            "stance": field(st.sampled_from(["asserts", "denies"])),
            "external_id": field(fine_texts),
            "metadata": metadata,
        },
    )
    return {
        "/v1/claims": claim,
        "/v1/claims/bulk": body({"claims": st.lists(claim, min_size=1, max_size=3)}),
        "/v1/check": body(
            {"text": field(fine_texts)},
            {"speaker": field(fine_texts), "said_at": when, "top_k": field(st.integers(1, 100))},
        ),
        "/v1/compare": body(
            {"pairs": st.lists(body({"a": field(fine_texts), "b": field(fine_texts)}), min_size=1, max_size=3)}
        ),
        "/v1/quotes": body(
            {"quote": field(fine_texts), "speaker": field(fine_texts)},
            {"source_url": field(fine_urls), "said_at": when},
        ),
        "/v1/sources": body(
            {"name": field(fine_texts)},
            {
                "kind": field(st.sampled_from(["person", "organisation", "outlet"])),
                "role": field(fine_texts),
                "aliases": field(st.lists(fine_texts, max_size=2)),
            },
        ),
        "/v1/documents": body(
            {"text": field(fine_texts.map(lambda t: f"{t}, the ministry said."))},
            {"url": field(fine_urls), "title": field(fine_texts), "published_at": when},
        ),
        "/v1/sources/{source}/aliases": body({"alias": field(fine_texts)}),
        "/v1/flags/{flag}/review": body(
            {"status": field(st.sampled_from(["confirmed", "dismissed"]))}, {"note": field(fine_texts)}
        ),
    }


CARELESS_POSTS = posts(careful=False)
CAREFUL_POSTS = posts(careful=True)
ids = st.one_of(
    st.just("{known}"), st.uuids().map(str), texts.filter(lambda t: "/" not in t and t not in ("", ".", ".."))
)
params = st.dictionaries(
    st.sampled_from(
        ["limit", "cursor", "since", "speaker_id", "external_id", "document_id", "stance", "name", "status", "kind"]
    ),
    st.one_of(texts, numbers.map(str), instants.map(str)),
    max_size=3,
)
GETS = [
    "/v1/claims",
    "/v1/claims/{id}",
    "/v1/claims/{id}/claimreview",
    "/v1/sources",
    "/v1/sources/{id}",
    "/v1/sources/{id}/claims",
    "/v1/flags",
    "/v1/flags/{id}",
    "/v1/documents/{id}",
    "/v1/reconciliations",
    "/v1/reconciliations/{id}",
]


def encode(value: Any) -> bytes:
    """As a careless client would send it: lone surrogates escaped, NaN and Infinity as bare words."""
    return json.dumps(value, allow_nan=True).encode()


def assert_answer_is_sound(response: Any) -> None:
    assert response.status_code < 500, (response.request.method, response.request.url, response.text)
    if response.status_code >= 400:
        assert response.headers["content-type"].startswith("application/problem+json"), response.text
        problem = response.json()
        assert problem["status"] == response.status_code
        assert isinstance(problem["detail"], str)
        for error in problem.get("errors") or []:
            assert isinstance(error["loc"], list) and isinstance(error["msg"], str)


def assert_everything_reads(client: TestClient, headers: dict[str, str], created: Any = None) -> None:
    """Every list reads in full, and so does each record the last reply stored."""
    for path in ("/v1/claims", "/v1/sources", "/v1/flags"):
        listed = client.get(path, params={"limit": 500}, headers=headers)
        assert listed.status_code == 200, (path, listed.text)
    reply = created.json() if created is not None and created.status_code < 300 else {}
    claims = [reply.get("claim") or {}, *reply.get("claims", []), reply if "speaker" in reply else {}]
    paths = [f"/v1/claims/{c['id']}" for c in claims if c.get("id")]
    paths += [f"/v1/claims/{i}" for i in reply.get("ids", [])]
    if "aliases" in reply:
        paths.append(f"/v1/sources/{reply['id']}")
    if "published_at" in reply:
        paths.append(f"/v1/documents/{reply['id']}")
    for path in paths:
        got = client.get(path, headers=headers)
        assert got.status_code == 200, (path, got.text)


@pytest.fixture
def everyone(make_key: Callable[[str], dict[str, str]]) -> dict[str, str]:
    return make_key("read,write,review")


@pytest.fixture
def known(client: TestClient, everyone: dict[str, str]) -> dict[str, str]:
    """A stored claim (with its source) and an open flag, for the routes that take an id."""
    claim = client.post("/v1/claims", json=SEED_CLAIM, headers=everyone).json()
    client.post(
        "/v1/quotes",
        json={"quote": "The number of U.S. troops in Iraq has risen to 10,000.", "speaker": "the Pentagon"},
        headers=everyone,
    )
    flags = client.get("/v1/flags", headers=everyone).json()["items"]
    return {"claim": claim["id"], "source": claim["speaker"]["id"], "flag": flags[0]["id"] if flags else claim["id"]}


def post(client: TestClient, headers: dict[str, str], known: dict[str, str], path: str, payload: Any) -> Any:
    url = path.format(**known)
    response = client.post(url, content=encode(payload), headers={**headers, "Content-Type": "application/json"})
    assert_answer_is_sound(response)
    if response.status_code < 300:  # what was accepted is plain JSON: no NaN, no lone surrogate
        text = response.content.decode("utf-8")
        json.loads(text, parse_constant=lambda name: pytest.fail(f"{name} in a reply"))
        assert not any(0xD800 <= ord(c) <= 0xDFFF for c in text)
    return response


@FUZZ
@given(data=st.data())
def test_no_careless_post_body_gets_a_5xx_and_every_record_still_reads(
    client: TestClient, everyone: dict[str, str], known: dict[str, str], data: st.DataObject
) -> None:
    path = data.draw(st.sampled_from(sorted(CARELESS_POSTS)), label="path")
    response = post(client, everyone, known, path, data.draw(CARELESS_POSTS[path], label="body"))
    assert_everything_reads(client, everyone, response)


@FUZZ
@given(data=st.data())
def test_every_careful_post_body_is_accepted_and_every_record_still_reads(
    client: TestClient, everyone: dict[str, str], known: dict[str, str], data: st.DataObject
) -> None:
    """Bodies that fit the schema are taken: 2xx, or 409 for a source name already known, or 422 for a speaker
    name with no letter or digit (the one rule the schema cannot say)."""
    path = data.draw(st.sampled_from(sorted(CAREFUL_POSTS)), label="path")
    response = post(client, everyone, known, path, data.draw(CAREFUL_POSTS[path], label="body"))
    if response.status_code == 422:
        assert "no letters or digits" in response.json()["detail"], response.text
    else:
        assert response.status_code in (200, 201, 409), response.text
    assert_everything_reads(client, everyone, response)


@FUZZ
@given(data=st.data())
def test_no_query_or_id_gets_a_5xx(
    client: TestClient, everyone: dict[str, str], known: dict[str, str], data: st.DataObject
) -> None:
    template = data.draw(st.sampled_from(GETS), label="path")
    raw_id = data.draw(ids, label="id")
    which = "source" if "sources" in template else "flag" if "flags" in template else "claim"
    record_id = known[which] if raw_id == "{known}" else raw_id
    query = data.draw(params, label="query")
    # Percent-encoded as a client would, lone surrogates included (as the invalid UTF-8 they become).
    path = template.replace("{id}", quote(record_id, safe="", errors="surrogatepass"))
    url = path + "?" + urlencode(query, errors="surrogatepass") if query else path
    response = client.get(url, headers=everyone)
    assert_answer_is_sound(response)
