#!/usr/bin/env python3
"""Print each body paragraph of one real-dev event with its number `p`.

Usage: python3 tests/gold/real-dev/paragraphs.py <event> [fox|nyt|hpo]

The data is read from $PARALLAX_REAL_DEV/basil, or else ../shared/real-dev/basil
relative to the repository root. Paragraphs are the blank-line-separated blocks
after the headline (block 0), numbered from 0.
"""
import os
import re
import sys

SOURCES = ("fox", "nyt", "hpo")


def data_root():
    env = os.environ.get("PARALLAX_REAL_DEV")
    if env:
        return os.path.join(env, "basil")
    here = os.path.dirname(os.path.abspath(__file__))
    repo = os.path.normpath(os.path.join(here, "..", "..", ".."))
    return os.path.join(repo, "..", "shared", "real-dev", "basil")


def blocks(text):
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return [b.strip() for b in re.split(r"\n[ \t]*\n", text.strip()) if b.strip()]


def body_paragraphs(event, source):
    with open(os.path.join(data_root(), event, source + ".txt"), encoding="utf-8") as f:
        bs = blocks(f.read())
    return bs[0], bs[1:]


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    event = sys.argv[1]
    sources = sys.argv[2:] or SOURCES
    for s in sources:
        head, body = body_paragraphs(event, s)
        print(f"===== {s} — headline: {head}")
        for i, p in enumerate(body):
            print(f"[{s} p={i}] {p}\n")


if __name__ == "__main__":
    main()
