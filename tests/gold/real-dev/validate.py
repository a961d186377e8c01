#!/usr/bin/env python3
"""Check one gold file against the guidelines and the event's text.

Usage: python3 tests/gold/real-dev/validate.py <gold.json> [...]
Prints every problem found and exits 1 if there is any.
"""
import json
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from paragraphs import SOURCES, body_paragraphs  # noqa: E402

KINDS = {
    "numbers": {"figure", "bound"},
    "quotes": {"reworded", "speaker", "exclusive"},
    "framing": {"substitution", "loaded"},
    "omissions": {None},
}
# At most 10 words (the issue allows 12; the margin keeps every snippet
# well clear of quoting the outlets' text).
MAX_WORDS = 10
ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


def words(s):
    """Words as runs of letters or digits ("nation’s" and "U.S." are two),
    the strictest count: a snippet stays a short locator, never a sentence
    of the outlet's text."""
    return len(re.findall(r"\w+", s))


def check(path):
    errs = []
    err = errs.append
    try:
        g = json.load(open(path, encoding="utf-8"))
    except Exception as e:  # noqa: BLE001
        return [f"cannot read JSON: {e}"]
    event = g.get("event")
    try:
        paras = {s: body_paragraphs(event, s)[1] for s in SOURCES}
    except Exception as e:  # noqa: BLE001
        return [f"event {event!r}: cannot read its articles: {e}"]
    if not g.get("annotator"):
        err("missing 'annotator'")
    topics = {t.get("id") for t in g.get("topics", [])}
    if not topics:
        err("no topics")
    for t in topics:
        if not t or not ID.match(t):
            err(f"bad topic id {t!r}")
    subs = {}
    for s in g.get("sub_events", []):
        sid = s.get("id")
        if not sid or not ID.match(sid):
            err(f"bad sub-event id {sid!r}")
        if sid in subs:
            err(f"duplicate sub-event id {sid!r}")
        if s.get("topic") not in topics:
            err(f"sub-event {sid!r}: unknown topic {s.get('topic')!r}")
        if not s.get("label"):
            err(f"sub-event {sid!r}: no label")
        subs[sid] = s
    used = {}
    for src in SOURCES:
        plist = g.get("paragraphs", {}).get(src)
        if plist is None:
            err(f"paragraphs: no list for {src}")
            continue
        ps = [x.get("p") for x in plist]
        if ps != list(range(len(paras[src]))):
            err(f"paragraphs.{src}: p values must be 0..{len(paras[src]) - 1} in order "
                f"(the article has {len(paras[src])} body paragraphs), got {ps}")
        for x in plist:
            p = x.get("p")
            if not isinstance(p, int) or not 0 <= p < len(paras[src]):
                continue
            snip = x.get("snippet", "")
            if not snip or not paras[src][p].startswith(snip.strip()[:40]):
                err(f"paragraphs.{src} p={p}: snippet {snip!r} is not the paragraph's start "
                    f"({paras[src][p][:50]!r})")
            tags = x.get("tags")
            if tags is None:
                err(f"paragraphs.{src} p={p}: no 'tags' list")
                continue
            if not tags and not x.get("furniture"):
                err(f"paragraphs.{src} p={p}: empty tags but not marked furniture")
            for t in tags:
                if t not in subs:
                    err(f"paragraphs.{src} p={p}: unknown sub-event {t!r}")
                used.setdefault(t, set()).add(src)
    for sid, s in subs.items():
        srcs = used.get(sid, set())
        if not srcs:
            err(f"sub-event {sid!r} is used by no paragraph")
        elif s.get("exclusive") and len(srcs) > 1:
            err(f"sub-event {sid!r} is marked exclusive but used by {sorted(srcs)}")
        elif not s.get("exclusive") and len(srcs) == 1:
            err(f"sub-event {sid!r} is used only by {sorted(srcs)[0]}: mark it exclusive "
                "or tag the other outlets' paragraphs")

    def loc(where, r):
        src, p, snip = r.get("source"), r.get("p"), r.get("snippet", "")
        if src not in SOURCES:
            err(f"{where}: bad source {src!r}")
            return
        if not isinstance(p, int) or not 0 <= p < len(paras[src]):
            err(f"{where}: bad paragraph {p!r} for {src}")
            return
        if not snip or words(snip) > MAX_WORDS:
            err(f"{where}: snippet must have 1 to {MAX_WORDS} words: {snip!r}")
        elif snip not in paras[src][p]:
            err(f"{where}: snippet {snip!r} not found verbatim in {src} p={p}")

    for i, c in enumerate(g.get("claims", [])):
        a, b = c.get("a", {}), c.get("b", {})
        loc(f"claims[{i}].a", a)
        loc(f"claims[{i}].b", b)
        if a.get("source") == b.get("source"):
            err(f"claims[{i}]: both sentences from {a.get('source')}")

    def finding(where, d):
        kind = d.get("kind")
        if kind not in KINDS:
            err(f"{where}: bad kind {kind!r}")
            return
        sub = d.get("subkind")
        if sub not in KINDS[kind]:
            err(f"{where}: subkind {sub!r} is not one of {sorted(map(str, KINDS[kind]))}")
        if not d.get("note"):
            err(f"{where}: no note")
        srcs = d.get("sources") or []
        if any(s not in SOURCES for s in srcs) or len(set(srcs)) != len(srcs) or not srcs:
            err(f"{where}: bad sources {srcs!r}")
        if kind == "omissions":
            miss = d.get("missing_from") or []
            if not miss or any(s not in SOURCES or s in srcs for s in miss):
                err(f"{where}: omissions need missing_from (outlets not in sources): {miss!r}")
        elif len(srcs) < 2 and not (kind == "quotes" and sub == "exclusive") \
                and not (kind == "framing" and sub == "loaded"):
            err(f"{where}: needs at least two sources")
        snips = d.get("snippets") or {}
        for s in srcs:
            snip = snips.get(s)
            if not snip:
                err(f"{where}: no snippet for {s}")
            elif words(snip) > MAX_WORDS:
                err(f"{where}: snippet for {s} has more than {MAX_WORDS} words")
            elif not any(snip in p for p in paras[s]):
                err(f"{where}: snippet {snip!r} not found verbatim in any {s} paragraph")

    for i, d in enumerate(g.get("discrepancies", [])):
        finding(f"discrepancies[{i}]", d)
    for i, d in enumerate(g.get("must_not_flag", [])):
        finding(f"must_not_flag[{i}]", d)
    return errs


def main():
    bad = 0
    for path in sys.argv[1:]:
        errs = check(path)
        for e in errs:
            print(f"{path}: {e}")
        if not errs:
            print(f"{path}: ok")
        bad += bool(errs)
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
