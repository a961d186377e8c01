#!/usr/bin/env python3
"""Derive assets/lexicons/loaded.txt, the loaded-language lexicon.

Usage: python3 tests/gold/real-dev/derive_loaded.py VADER_LEXICON \
       tests/gold/real-dev/loaded_news_words.txt > assets/lexicons/loaded.txt

VADER_LEXICON: vader_lexicon.txt from the PyPI package vaderSentiment 3.3.2
(MIT, (c) 2016 C.J. Hutto); NEWS_WORDS: the newsroom list written for
parallax (whitespace-separated words). The learned part reads the media-bias
experts' `lex` spans of the real-dev TUNING events only (split.json); the
held-out events are never read.

Rules (chosen by 3-fold cross-validation inside the tuning events):
- VADER words (single lowercase words) with |valence| >= 3.0;
- every newsroom word;
- words that the experts marked as lexical bias (in a span of one or two
  words) in at least one tuning article and that are inside such a span in
  >= 10% of their occurrences;
- minus words seen >= 4 times in the tuning articles and inside a marked span
  in < 10% of them (frequent words that news uses neutrally), and minus the
  function words.
"""
import collections
import json
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from paragraphs import SOURCES, body_paragraphs, data_root  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.normpath(os.path.join(HERE, "..", "..", ".."))
VADER_MIN, SHARE, FREQUENT = 3.0, 0.1, 4
WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")


def listed(path):
    return {l.strip() for l in open(path) if l.strip() and not l.startswith("#")}


def main():
    vader_path, news_path = sys.argv[1], sys.argv[2]
    fw = listed(os.path.join(REPO, "assets/lexicons/words/function_words.txt"))
    vader = {}
    for line in open(vader_path, encoding="utf-8"):
        w, v = line.split("\t")[:2]
        if re.fullmatch(r"[a-z][a-z'-]+", w):
            vader[w] = float(v)
    news = set(open(news_path).read().split())
    split = json.load(open(os.path.join(HERE, "split.json")))
    occ, inlex = collections.Counter(), collections.Counter()
    for e in split["tuning"]:
        ann = json.load(open(os.path.join(data_root(), e, "annotations.json")))
        for src in SOURCES:
            text = "\n\n".join(body_paragraphs(e, src)[1])
            spans = []
            for x in ann.get(src + ".txt", []):
                # one- and two-word spans: a word of "howling at the moon"
                # is not loaded by itself
                if x["bias"] != "lex" or len(x["txt"].split()) > 2:
                    continue
                i = text.find(x["txt"])
                if i < 0:
                    i = text.lower().find(x["txt"].lower())
                if i >= 0:
                    spans.append((i, i + len(x["txt"])))
            for m in WORD.finditer(text):
                w = m.group(0).lower().replace("’", "'")
                occ[w] += 1
                if any(m.start() < b and a < m.end() for a, b in spans):
                    inlex[w] += 1
    neutral = {w for w in occ if occ[w] >= FREQUENT and inlex[w] / occ[w] < SHARE}
    sections = {
        "vader": sorted(w for w, v in vader.items() if abs(v) >= VADER_MIN),
        "news": sorted(news),
        "learned": sorted(w for w in inlex if inlex[w] / occ[w] >= SHARE),
    }
    seen = set()
    print("# Loaded language: words whose use frames what they describe (emotive,")
    print("# evaluative or combative wording), flagged in every source where they occur.")
    print("# Derived by tests/gold/real-dev/derive_loaded.py (its docstring states the")
    print("# rules); a word appears once, in the first section that has it.")
    print("#")
    print("# [vader]   single words with |valence| >= 3.0 from the VADER lexicon,")
    print("#           vaderSentiment 3.3.2 (Hutto & Gilbert 2014). MIT License,")
    print("#           Copyright (c) 2016 C.J. Hutto: permission is granted to use, copy,")
    print("#           modify and distribute with this notice; THE SOFTWARE IS PROVIDED")
    print("#           \"AS IS\", WITHOUT WARRANTY OF ANY KIND.")
    print("# [news]    newsroom attack verbs, labels and intensifiers, written for parallax.")
    print("# [learned] words the media-bias experts of the BASIL data set (Fan et al.,")
    print("#           EMNLP 2019) marked as lexical bias in parallax's 36 tuning events,")
    print("#           kept when marked in >= 10% of their occurrences there.")
    print("# Removed from all three: function words, and words seen >= 4 times in the")
    print("# tuning articles but marked in < 10% of them (news uses them neutrally).")
    for name, words in sections.items():
        print(f"[{name}]")
        for w in words:
            if w in seen or w in fw or w in neutral:
                continue
            seen.add(w)
            print(w)


if __name__ == "__main__":
    main()
