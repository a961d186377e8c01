#!/usr/bin/env python3
"""Agreement between two independent annotation passes of the real-dev gold.

Usage: python3 tests/gold/real-dev/agreement.py [passes/A passes/B]

For every event annotated in both passes it reports:
- Cohen's kappa on sub-event pairs: every pair of body paragraphs of two
  different outlets, labelled 1 when the two paragraphs share a sub-event tag;
- F1 between the passes on claim links (same two sentences: the snippets of
  each end overlap in the same outlet);
- F1 between the passes on discrepancy lists, per kind and overall: two items
  match when they have the same kind and their snippets overlap in at least
  one common outlet (omissions: the same sentence).
"""
import json
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from paragraphs import SOURCES, body_paragraphs  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))


def spans(text, snippet):
    out, i = [], text.find(snippet)
    while i >= 0 and snippet:
        out.append((i, i + len(snippet)))
        i = text.find(snippet, i + 1)
    return out


def sentence_of(text, span):
    """Widen a span to its sentence (a rough split on . ? ! followed by space)."""
    starts = [0] + [m.end() for m in re.finditer(r"[.?!][”\"’']?\s+", text)]
    s = max(x for x in starts if x <= span[0])
    ends = [m.end() for m in re.finditer(r"[.?!][”\"’']?(\s+|$)", text)] + [len(text)]
    e = min(x for x in ends if x >= span[1])
    return (s, e)


def overlap(a, b):
    return a[0] < b[1] and b[0] < a[1]


class Ev:
    def __init__(self, event):
        self.paras = {s: body_paragraphs(event, s)[1] for s in SOURCES}
        self.full = {s: "\n\n".join(self.paras[s]) for s in SOURCES}
        self.offset = {}
        for s in SOURCES:
            off, o = [], 0
            for p in self.paras[s]:
                off.append(o)
                o += len(p) + 2
            self.offset[s] = off

    def loc(self, src, snippet, p=None, widen=False):
        if p is not None:
            base = self.offset[src][p]
            res = [(base + a, base + b) for a, b in spans(self.paras[src][p], snippet)]
        else:
            res = spans(self.full[src], snippet)
        if widen:
            res = [sentence_of(self.full[src], r) for r in res]
        return res


def kappa(pairs):
    n = len(pairs)
    if not n:
        return float("nan")
    po = sum(a == b for a, b in pairs) / n
    pa = sum(a for a, _ in pairs) / n
    pb = sum(b for _, b in pairs) / n
    pe = pa * pb + (1 - pa) * (1 - pb)
    return (po - pe) / (1 - pe) if pe < 1 else 1.0


def f1(matched_a, na, matched_b, nb):
    r = matched_a / na if na else 0.0
    p = matched_b / nb if nb else 0.0
    return (2 * p * r / (p + r) if p + r else 0.0), p, r


def match_lists(ev, xs, ys, same):
    ma = sum(any(same(x, y) for y in ys) for x in xs)
    mb = sum(any(same(x, y) for x in xs) for y in ys)
    return ma, mb


def finding_places(ev, d):
    widen = d["kind"] == "omissions"
    return {s: ev.loc(s, d["snippets"].get(s, ""), widen=widen) for s in d["sources"]}


def same_finding(ev):
    def same(x, y):
        if x["kind"] != y["kind"]:
            return False
        px, py = finding_places(ev, x), finding_places(ev, y)
        return any(
            overlap(a, b) for s in set(px) & set(py) for a in px[s] for b in py[s]
        )
    return same


def same_claim(ev):
    def ends(c):
        return [(c[k]["source"], ev.loc(c[k]["source"], c[k]["snippet"], c[k]["p"], widen=True))
                for k in ("a", "b")]

    def same(x, y):
        ex, ey = ends(x), ends(y)
        def eq(e1, e2):
            return e1[0] == e2[0] and any(overlap(a, b) for a in e1[1] for b in e2[1])
        return (eq(ex[0], ey[0]) and eq(ex[1], ey[1])) or (eq(ex[0], ey[1]) and eq(ex[1], ey[0]))
    return same


def main():
    da = os.path.join(HERE, sys.argv[1] if len(sys.argv) > 2 else "passes/A")
    db = os.path.join(HERE, sys.argv[2] if len(sys.argv) > 2 else "passes/B")
    both = sorted(set(os.listdir(da)) & set(os.listdir(db)))
    pairs, per_event = [], []
    claims = [0, 0, 0, 0]
    kinds = {}
    for f in both:
        A = json.load(open(os.path.join(da, f)))
        B = json.load(open(os.path.join(db, f)))
        ev = Ev(A["event"])
        tags = {k: {s: {x["p"]: set(x["tags"]) for x in g["paragraphs"][s]} for s in SOURCES}
                for k, g in (("A", A), ("B", B))}
        ep = []
        for i, x in enumerate(SOURCES):
            for y in SOURCES[i + 1:]:
                for p in range(len(ev.paras[x])):
                    for q in range(len(ev.paras[y])):
                        la = int(bool(tags["A"][x].get(p, set()) & tags["A"][y].get(q, set())))
                        lb = int(bool(tags["B"][x].get(p, set()) & tags["B"][y].get(q, set())))
                        ep.append((la, lb))
        pairs += ep
        per_event.append((f[:8], kappa(ep)))
        ma, mb = match_lists(ev, A.get("claims", []), B.get("claims", []), same_claim(ev))
        claims = [claims[0] + ma, claims[1] + len(A.get("claims", [])),
                  claims[2] + mb, claims[3] + len(B.get("claims", []))]
        for kind in ("numbers", "quotes", "framing", "omissions", "all"):
            xs = [d for d in A.get("discrepancies", []) if kind in ("all", d["kind"])]
            ys = [d for d in B.get("discrepancies", []) if kind in ("all", d["kind"])]
            ma, mb = match_lists(ev, xs, ys, same_finding(ev))
            k = kinds.setdefault(kind, [0, 0, 0, 0])
            k[0] += ma; k[1] += len(xs); k[2] += mb; k[3] += len(ys)
    print(f"events annotated twice: {len(both)}")
    print(f"sub-event pairs: Cohen's kappa {kappa(pairs):.3f} over {len(pairs)} cross-outlet "
          f"paragraph pairs (positives: A {sum(a for a, _ in pairs)}, B {sum(b for _, b in pairs)})")
    print("  per event: " + ", ".join(f"{e} {k:.2f}" for e, k in per_event))
    f, p, r = f1(*claims)
    print(f"claim links: F1 {f:.3f} (A {claims[1]}, B {claims[3]}; A found by B {r:.3f}, "
          f"B found by A {p:.3f})")
    for kind, k in kinds.items():
        f, p, r = f1(*k)
        print(f"discrepancies {kind:<9}: F1 {f:.3f} (A {k[1]}, B {k[3]}; A found by B {r:.3f}, "
              f"B found by A {p:.3f})")


if __name__ == "__main__":
    main()
