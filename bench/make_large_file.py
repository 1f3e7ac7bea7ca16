#!/usr/bin/python3
"""Usage: make_large_file.py SIZE_MB OUT — writes a deterministic plain-text article of SIZE_MB
megabytes: a title line, then paragraphs of 20-160 words in sentences, drawn with a fixed seed
from a Zipf-like vocabulary of 60,000 made-up words (so the index has a realistic spread of rare
and common terms), every paragraph distinct. The same arguments always give the same bytes."""
import random
import sys

size = int(float(sys.argv[1]) * (1 << 20))
rng = random.Random(20251125)
letters = "etaoinshrdlcumwfgypbvkjxqz"
vocabulary = ["".join(rng.choice(letters[:8 + (i % 18)]) for _ in range(2 + i % 9)) for i in range(60000)]
cumulative, total = [], 0.0
for rank in range(len(vocabulary)):
    total += 1.0 / (rank + 1)
    cumulative.append(total)

with open(sys.argv[2], "w", encoding="utf-8") as out:
    written = out.write("A very large article for the bounded-memory benchmark\n\n")
    paragraph = 0
    while written < size:
        words = rng.choices(vocabulary, cum_weights=cumulative, k=rng.randint(20, 160))
        sentences, start = [], 0
        while start < len(words):
            end = start + rng.randint(6, 24)
            sentences.append(" ".join(words[start:end]).capitalize() + ".")
            start = end
        paragraph += 1
        written += out.write(" ".join(sentences) + f" Paragraph {paragraph}.\n")
