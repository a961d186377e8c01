#!/usr/bin/env python3
"""List where passes A and B of one event disagree, for adjudication.

Usage: python3 tests/gold/real-dev/disagreements.py <event>

Prints: cross-outlet paragraph pairs that share a sub-event in one pass only;
claim links in one pass only; discrepancies and must-not-flag items in one
pass only (matched as in agreement.py).
"""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from agreement import Ev, same_claim, same_finding  # noqa: E402
from paragraphs import SOURCES  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))


def main():
    event = sys.argv[1]
    A = json.load(open(os.path.join(HERE, "passes/A", event + ".json")))
    B = json.load(open(os.path.join(HERE, "passes/B", event + ".json")))
    ev = Ev(event)
    tags = {k: {s: {x["p"]: set(x["tags"]) for x in g["paragraphs"][s]} for s in SOURCES}
            for k, g in (("A", A), ("B", B))}
    print("== paragraph pairs that share a sub-event in one pass only")
    for i, x in enumerate(SOURCES):
        for y in SOURCES[i + 1:]:
            for p in range(len(ev.paras[x])):
                for q in range(len(ev.paras[y])):
                    la = tags["A"][x].get(p, set()) & tags["A"][y].get(q, set())
                    lb = tags["B"][x].get(p, set()) & tags["B"][y].get(q, set())
                    if bool(la) != bool(lb):
                        who = "A" if la else "B"
                        print(f"  only {who}: {x} p={p} ~ {y} p={q}  (shared: {sorted(la or lb)})")
    sc = same_claim(ev)
    print("== claim links in one pass only")
    for who, xs, ys in (("A", A, B), ("B", B, A)):
        for c in xs.get("claims", []):
            if not any(sc(c, d) for d in ys.get("claims", [])):
                print(f"  only {who}: {c['a']['source']} p={c['a']['p']} {c['a']['snippet']!r} ~ "
                      f"{c['b']['source']} p={c['b']['p']} {c['b']['snippet']!r}")
    sf = same_finding(ev)
    for key in ("discrepancies", "must_not_flag"):
        print(f"== {key} in one pass only")
        for who, xs, ys in (("A", A, B), ("B", B, A)):
            for d in xs.get(key, []):
                if not any(sf(d, e) for e in ys.get(key, [])):
                    print(f"  only {who}: [{d['kind']}/{d.get('subkind')}] {d['note']}  "
                          f"{json.dumps(d['snippets'], ensure_ascii=False)}")


if __name__ == "__main__":
    main()
