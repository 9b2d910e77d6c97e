"""Cheap gates for regular expressions: the literal text any match must start with.

A cue lexicon holds hundreds of patterns, and Python's backtracking engine tries every
branch at every position of a sentence. Most branches start with a word boundary and a
literal ("\\bshell", "\\bmortar"), so a sentence can only match if one of its words starts
with that literal: a set lookup. Many start with a common word ("\\bthe ", "\\ba ") and
need a rarer one later ("soldiers", "was signed"): the gate also asks that the sentence hold
one of the literals every match must contain. A pattern whose starts cannot be worked out
gets no gate and always runs, so a gate never changes what matches.

>>> gate = Gate.of([r"\\bshell(?:ed|ing)?\\b", r"\\bmortars?\\b"])
>>> gate.open(words_and_text("troops shelled the town")), gate.open(words_and_text("a calm day"))
(True, False)
"""

from __future__ import annotations

import functools
import importlib
import re
from dataclasses import dataclass
from typing import Any

__all__ = [
    "Gate",
    "gate_ready",
    "holds_any",
    "lower_pattern",
    "may_hold",
    "needs_of",
    "words_and_text",
]

_WORD = re.compile(r"\w+")
_LONGEST = 4  # a longer literal start filters little more and multiplies the branches
_HEAD = re.compile(r"\b\w{1,4}")  # each word's first letters (\b then \w: where a word starts)
_STOP = object()
_MOST_NEEDS = 24

try:  # the standard library's own pattern parser; without it every pattern runs ungated
    _parser: Any = importlib.import_module("re._parser")
    _C: Any = importlib.import_module("re._constants")
except ImportError:  # pragma: no cover - Python 3.11+ has both
    _parser = _C = None


_ESCAPE_OR_UPPER = re.compile(r"\\.|\(\?P[<=]|[A-Z]")


def lower_pattern(pattern: str) -> str:
    """A pattern in lower case for a gate, its escapes and named groups kept (``\\S`` is
    not ``\\s``; ``(?p<name>`` is no pattern at all, and would leave it ungated).

    >>> lower_pattern(r"\\bAl-Shabaab\\S*")
    '\\\\bal-shabaab\\\\S*'
    >>> lower_pattern(r"(?P<Who>[A-Z]\\w+) Gang")
    '(?P<who>[a-z]\\\\w+) gang'
    """
    return _ESCAPE_OR_UPPER.sub(
        lambda m: m.group().lower() if len(m.group()) == 1 else m.group(), pattern
    )


@functools.lru_cache(maxsize=32)
def words_and_text(low: str) -> tuple[frozenset[str], str]:
    """A lower-cased sentence's word starts (up to 4 letters) and the text itself.

    Remembered for the last few texts: a clause is typed, then read for its actors. (A
    report's worth, not more: a longer memory would also serve a benchmark's repeated
    texts, which real reports do not repeat.)
    """
    heads = set(_HEAD.findall(low))
    starts = set(heads)
    for head in heads:  # a loop, not three set comprehensions: a fifth of the time
        if len(head) > 1:
            starts.add(head[:1])
            if len(head) > 2:
                starts.add(head[:2])
                if len(head) > 3:
                    starts.add(head[:3])
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


def _needs(seq: list[Any]) -> frozenset[str] | None:
    """Literals of which every match of ``seq`` holds at least one (None: none known).

    Of the runs of literal letters a match must pass through, the most telling one: a
    pattern that opens with a common word ("\\bthe ") may still need a rarer one later.
    """
    options: list[frozenset[str]] = []
    acc = ""
    for op, av in seq:
        if op is _C.LITERAL:
            acc += chr(av)
            continue
        if op in (_C.AT, _C.ASSERT, _C.ASSERT_NOT):
            continue  # zero width: the letters either side of it stand side by side
        if acc:
            options.append(frozenset({acc}))
            acc = ""
        found: frozenset[str] | None = None
        if op is _C.SUBPATTERN:
            # Letters matched in any case need not stand in the text as written.
            found = None if av[1] & _C.SRE_FLAG_IGNORECASE else _needs(list(av[-1]))
        elif op is _C.BRANCH:
            alternatives = [_needs(list(alt)) for alt in av[1]]
            if all(a is not None for a in alternatives):
                found = frozenset().union(*(a for a in alternatives if a is not None))
        elif op in (_C.MAX_REPEAT, _C.MIN_REPEAT) and av[0] >= 1:
            found = _needs(list(av[2]))
        if found:
            options.append(found)
    if acc:
        options.append(frozenset({acc}))
    if not options:
        return None
    return max(options, key=lambda o: (min(_telling(x) for x in o), -len(o)))


_FUNCTION_WORDS = frozenset({"the", "a", "an", "of", "in", "on", "at", "to", "and", "or", "by"})


def _telling(literal: str) -> int:
    """How much a literal tells (its length; nothing for a word every sentence has)."""
    word = literal.strip()
    return 0 if word.lower() in _FUNCTION_WORDS else len(word)


def needs_of(pattern: str, most: int = 64) -> tuple[str, ...]:
    """Lower-cased literals of which every match of ``pattern`` holds one, matched in any
    case (empty: none known, or more than ``most``). Exact on ASCII text only: see
    :func:`may_hold`.

    >>> needs_of(r"\\b(?:on|in) (?:March|April)\\b")
    ('april', 'march')
    """
    if _parser is None:
        return ()
    try:
        needs = _needs(list(_parser.parse(pattern)))
    except Exception:  # an unfamiliar parse tree: no condition
        return ()
    if not needs or len(needs) > most:
        return ()
    return tuple(sorted({n.lower() for n in needs}))


# The letters outside ASCII that a pattern matched in any case takes for ASCII ones: the
# dotted and dotless i, the long s and the Kelvin sign. A text without them holds, once
# lower-cased, every ASCII literal such a pattern could find in it.
_FOLDS_TO_ASCII = frozenset("\u0130\u0131\u017f\u212a")


def _plain(literal: str) -> bool:
    """Whether lower-casing a text finds ``literal`` wherever a pattern in any case would:
    ASCII, or characters without case (a curly apostrophe)."""
    return literal.isascii() or all(c.lower() == c.upper() for c in literal if not c.isascii())


@functools.lru_cache(maxsize=256)
def _all_plain(literals: tuple[str, ...]) -> bool:
    return all(_plain(t) for t in literals)


def gate_ready(text: str) -> bool:
    """Whether gates may be asked about ``text`` lower-cased (see :data:`_FOLDS_TO_ASCII`).

    >>> gate_ready("Strikes hit Idlib\u2019s outskirts"), gate_ready("\u0130dlib")
    (True, False)
    """
    return text.isascii() or _FOLDS_TO_ASCII.isdisjoint(text)


def may_hold(needs: tuple[str, ...], text: str) -> bool:
    """Whether a pattern matched in any case may match ``text`` (False: it surely cannot).

    ``needs`` are literals of :func:`needs_of`; a need with a letter that has case outside
    ASCII, or a text that is not :func:`gate_ready`, is never ruled out.

    >>> may_hold(("week",), "Clashes LAST WEEK"), may_hold(("week",), "Clashes on Monday")
    (True, False)
    """
    if not needs or not gate_ready(text) or not _all_plain(needs):
        return True
    return holds_any(needs, text.lower())


def holds_any(literals: tuple[str, ...], text: str) -> bool:
    """Whether ``text`` holds one of ``literals`` (a plain loop: faster than any() on a
    generator, and this runs for most cues of most sentences)."""
    for literal in literals:  # noqa: SIM110
        if literal in text:
            return True
    return False


@dataclass(frozen=True, slots=True)
class Gate:
    """Open when a sentence may match one of the patterns; None inside means always open."""

    word_starts: frozenset[str] | None
    anywhere: tuple[str, ...]
    needs: tuple[str, ...] = ()
    """Literals of which the text must hold one (empty: no such condition)."""

    @classmethod
    def of(cls, patterns: list[str]) -> Gate:
        """The gate for any of ``patterns`` (lower-case patterns, matched on lower case)."""
        if _parser is None:
            return cls(None, ())
        found: set[tuple[str, bool]] = set()
        needs: set[str] | None = set()
        starts_known = True
        for pattern in patterns:
            try:
                tree = _parser.parse(pattern)
                parsed = list(tree)
                ok = _starts(parsed, "", False, found)
                need = None if tree.state.flags & _C.SRE_FLAG_IGNORECASE else _needs(parsed)
            except Exception:  # an unfamiliar parse tree: run ungated
                ok, need = False, None
            if not ok:
                starts_known = False
            needs = None if needs is None or need is None else needs | need
        word_starts: set[str] = set()
        anywhere: set[str] = set()
        for literal, bounded in found:
            head = _WORD.match(literal)
            if bounded and head:
                word_starts.add(head.group())
            else:
                anywhere.add(literal)
        if needs and len(needs) > _MOST_NEEDS:
            needs = None  # checking many literals costs more than it saves
        if not all(_plain(t) for t in (*word_starts, *anywhere, *(needs or ()))):
            return cls(None, ())  # a letter lower case may not bring to its pattern's form
        if not starts_known:
            # A pattern that opens with any capitalised word ("[A-Z]\\w+ militia"): only
            # the literals it needs can close its gate.
            return cls(None, (), tuple(sorted(needs or ())))
        return cls(frozenset(word_starts), tuple(sorted(anywhere)), tuple(sorted(needs or ())))

    def open(self, sentence: tuple[frozenset[str], str]) -> bool:
        """Whether the patterns may match ``sentence`` (from :func:`words_and_text`)."""
        text = sentence[1]
        if self.word_starts is None:
            return not self.needs or holds_any(self.needs, text)
        if self.word_starts.isdisjoint(sentence[0]) and not holds_any(self.anywhere, text):
            return False
        return not self.needs or holds_any(self.needs, text)
