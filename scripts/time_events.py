"""Time event typing per 1,000-word report: the budget is 15 ms on one core.

Reports are cut from the text files given (default: the seed reports in ../shared/seeds),
sentence by sentence, and each sentence is typed as extraction types it. The best of
several rounds is printed, since other work on the machine only ever adds time.

    python scripts/time_events.py [FILE ...]
"""

from __future__ import annotations

import re
import sys
import time
from pathlib import Path

from trucewatch.extract.events import classify

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
SENTENCE = re.compile(r"(?<=[.!?])\s+|\n+")


def reports(texts: list[str], words: int = 1000) -> list[list[str]]:
    """The texts' sentences (of four words or more) in runs of about ``words`` words."""
    out: list[list[str]] = []
    current: list[str] = []
    count = 0
    for text in texts:
        for sentence in SENTENCE.split(text):
            if len(sentence.split()) < 4:
                continue
            current.append(sentence)
            count += len(sentence.split())
            if count >= words:
                out.append(current)
                current, count = [], 0
    return out


def main(paths: list[str]) -> None:
    files = [Path(p) for p in paths] or sorted(SEEDS.glob("*.txt"))
    texts = [f.read_text(encoding="utf-8") for f in files]
    runs = reports(texts * max(1, 40 // max(1, len(texts))))
    if not runs:
        sys.exit("no text long enough to time")
    best = float("inf")
    for _ in range(15):
        start = time.perf_counter()
        for report in runs:
            for sentence in report:
                classify(sentence)
        best = min(best, (time.perf_counter() - start) / len(runs))
    sentences = sum(map(len, runs)) / len(runs)
    print(f"{best * 1000:.2f} ms per 1,000-word report ({sentences:.0f} sentences), best of 15")


if __name__ == "__main__":
    main(sys.argv[1:])
