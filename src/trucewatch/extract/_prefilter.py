"""Cheap gates for regular expressions: the literal text any match must start with.

A cue lexicon holds hundreds of patterns, and Python's backtracking engine tries every
branch at every position of a sentence. Most branches start with a word boundary and a
literal ("\\bshell", "\\bmortar"), so a sentence can only match if one of its words starts
with that literal: a set lookup. A pattern whose starts cannot be worked out gets no gate
and always runs, so a gate never changes what matches.

>>> gate = Gate.of([r"\\bshell(?:ed|ing)?\\b", r"\\bmortars?\\b"])
>>> gate.open(words_and_text("troops shelled the town")), gate.open(words_and_text("a calm day"))
(True, False)
"""

from __future__ import annotations

import importlib
import re
from dataclasses import dataclass
from typing import Any

__all__ = ["Gate", "words_and_text"]

_WORD = re.compile(r"\w+")
_LONGEST = 4  # a longer literal start filters little more and multiplies the branches
_HEAD = re.compile(r"\b\w{1,4}")  # each word's first letters (\b then \w: where a word starts)
_STOP = object()

try:  # the standard library's own pattern parser; without it every pattern runs ungated
    _parser: Any = importlib.import_module("re._parser")
    _C: Any = importlib.import_module("re._constants")
except ImportError:  # pragma: no cover - Python 3.11+ has both
    _parser = _C = None


def words_and_text(low: str) -> tuple[frozenset[str], str]:
    """A lower-cased sentence's word starts (up to 4 letters) and the text itself."""
    heads = set(_HEAD.findall(low))
    starts = heads | {h[:3] for h in heads} | {h[:2] for h in heads} | {h[:1] for h in heads}
    return frozenset(starts), low


def _chars(items: list[Any]) -> list[int] | None:
    """The characters of a small character class (literals and digits), or None."""
    chars: list[int] = []
    for op, av in items:
        if op is _C.LITERAL:
            chars.append(av)
        elif op is _C.CATEGORY and av is _C.CATEGORY_DIGIT:
            chars.extend(range(ord("0"), ord("9") + 1))
        else:
            return None
    return chars


def _starts(seq: list[Any], acc: str, bounded: bool, out: set[tuple[str, bool]]) -> bool:
    """Collect (literal start, starts at a word boundary) for every way ``seq`` can match."""
    for i, item in enumerate(seq):
        if item is _STOP or len(acc) >= _LONGEST:
            break
        op, av = item
        if op in (_C.AT, _C.ASSERT, _C.ASSERT_NOT):
            if not acc and op is _C.AT and av is _C.AT_BOUNDARY:
                bounded = True
            continue
        if op is _C.LITERAL:
            acc += chr(av)
            continue
        rest = list(seq[i + 1 :])
        if op is _C.SUBPATTERN:
            return _starts(list(av[-1]) + rest, acc, bounded, out)
        if op is _C.BRANCH:
            return all(_starts(list(alt) + rest, acc, bounded, out) for alt in av[1])
        if op in (_C.MAX_REPEAT, _C.MIN_REPEAT):
            low, _high, body = av
            taken = _starts([*body, _STOP], acc, bounded, out)
            return taken and (low > 0 or _starts(rest, acc, bounded, out))
        if op is _C.IN:
            chars = _chars(av)
            if chars is None:
                break
            return all(_starts([(_C.LITERAL, c), *rest], acc, bounded, out) for c in chars)
        break
    if not acc:
        return False
    out.add((acc, bounded))
    return True


@dataclass(frozen=True, slots=True)
class Gate:
    """Open when a sentence may match one of the patterns; None inside means always open."""

    word_starts: frozenset[str] | None
    anywhere: tuple[str, ...]

    @classmethod
    def of(cls, patterns: list[str]) -> Gate:
        """The gate for any of ``patterns`` (lower-case patterns, matched on lower case)."""
        if _parser is None:
            return cls(None, ())
        found: set[tuple[str, bool]] = set()
        for pattern in patterns:
            try:
                ok = _starts(list(_parser.parse(pattern)), "", False, found)
            except Exception:  # an unfamiliar parse tree: run ungated
                ok = False
            if not ok:
                return cls(None, ())
        word_starts: set[str] = set()
        anywhere: set[str] = set()
        for literal, bounded in found:
            head = _WORD.match(literal)
            if bounded and head:
                word_starts.add(head.group())
            else:
                anywhere.add(literal)
        return cls(frozenset(word_starts), tuple(sorted(anywhere)))

    def open(self, sentence: tuple[frozenset[str], str]) -> bool:
        """Whether the patterns may match ``sentence`` (from :func:`words_and_text`)."""
        if self.word_starts is None or not self.word_starts.isdisjoint(sentence[0]):
            return True
        return any(a in sentence[1] for a in self.anywhere) if self.anywhere else False
