"""Run summaries: how many records were cleaned and changed, and what was removed, by which filter and why.

A :class:`Stats` accumulates results; it never changes them. The command line
prints one at the end of a run with ``--stats`` (text) or ``--stats=json``
(one JSON object), on stderr. From Python, add each result of a batch::

    >>> import declutter
    >>> stats = Stats()
    >>> for page in ["By Jane Doe\\n\\nThe council met.\\n", "The vote was close.\\n"]:
    ...     stats.add(declutter.clean_and_explain(page))
    >>> stats.records, stats.changed, stats.blocks_removed, stats.chars_removed
    (2, 1, 1, 11)
    >>> stats.as_dict()["filters"]["bylines"]
    {'blocks': 1, 'chars': 11, 'reasons': {'byline.byline': {'blocks': 1, 'chars': 11}}}
    >>> print(stats.format())
    2 records, 1 changed (50.0%), 0 passed through unchanged
    removed 1 block, 11 characters (22.9% of 48)
      filter      reason                 blocks  characters
      bylines     byline.byline               1          11

Characters are counted in the cleaned text (kept) and in the removed blocks'
text (removed); the share removed is removed / (kept + removed), the same for
text, JSON Lines and HTML input (where the page's markup is not counted).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import NamedTuple

from declutter.pipeline import Removal, Result

#: Per (filter, reason): blocks removed and their characters.
Tally = tuple[tuple[str, str, int, int], ...]


class Summary(NamedTuple):
    """What one cleaned record adds to a :class:`Stats` (small and picklable, for worker processes)."""

    kept: int
    removed: Tally = ()

    @classmethod
    def of(cls, result: Result) -> Summary:
        return cls(len(result.text), tally(result.removals))


def tally(removals: Iterable[Removal]) -> Tally:
    """Blocks and characters removed per (filter, reason), in first-seen order."""
    counts: dict[tuple[str, str], list[int]] = {}
    for removal in removals:
        entry = counts.setdefault((removal.filter, removal.reason), [0, 0])
        entry[0] += 1
        entry[1] += len(removal.text)
    return tuple((name, reason, blocks, chars) for (name, reason), (blocks, chars) in counts.items())


@dataclass
class Stats:
    """Totals over a batch of cleaned records (pages, files, JSON Lines records)."""

    records: int = 0
    #: Records that lost at least one block.
    changed: int = 0
    #: Records written through unchanged because they could not be cleaned (bad JSON, too long, ...).
    passed_through: int = 0
    blocks_removed: int = 0
    chars_removed: int = 0
    chars_kept: int = 0
    blocks: Counter[tuple[str, str]] = field(default_factory=Counter)
    chars: Counter[tuple[str, str]] = field(default_factory=Counter)

    def add(self, result: Result) -> None:
        """Count one cleaned record."""
        self.add_summary(Summary.of(result))

    def add_summary(self, summary: Summary) -> None:
        """Count one cleaned record from its :class:`Summary`."""
        self.records += 1
        self.chars_kept += summary.kept
        if summary.removed:
            self.changed += 1
        for name, reason, blocks, chars in summary.removed:
            self.blocks[name, reason] += blocks
            self.chars[name, reason] += chars
            self.blocks_removed += blocks
            self.chars_removed += chars

    def add_passed_through(self) -> None:
        """Count a record that was written through unchanged, not cleaned."""
        self.records += 1
        self.passed_through += 1

    @property
    def share_removed(self) -> float:
        """Removed characters over kept plus removed (0.0 for no text)."""
        total = self.chars_kept + self.chars_removed
        return self.chars_removed / total if total else 0.0

    def as_dict(self) -> dict[str, object]:
        """A JSON-ready dict: totals, then ``filters`` -> blocks, chars and ``reasons`` -> blocks, chars."""
        grouped: dict[str, dict[str, dict[str, int]]] = {}
        for (name, reason), blocks in sorted(self.blocks.items()):
            grouped.setdefault(name, {})[reason] = {"blocks": blocks, "chars": self.chars[name, reason]}
        filters = {name: {"blocks": sum(r["blocks"] for r in reasons.values()),
                          "chars": sum(r["chars"] for r in reasons.values()), "reasons": reasons}
                   for name, reasons in grouped.items()}
        return {"records": self.records, "changed": self.changed, "passed_through": self.passed_through,
                "blocks_removed": self.blocks_removed, "chars_removed": self.chars_removed,
                "chars_kept": self.chars_kept, "share_removed": round(self.share_removed, 6), "filters": filters}

    def format(self) -> str:
        """A short human summary: totals, then one line per filter and reason, most blocks first."""
        changed = self.changed / self.records if self.records else 0.0
        lines = [f"{self.records:,} record{_s(self.records)}, {self.changed:,} changed ({changed:.1%}), "
                 f"{self.passed_through:,} passed through unchanged",
                 f"removed {self.blocks_removed:,} block{_s(self.blocks_removed)}, {self.chars_removed:,} "
                 f"characters ({self.share_removed:.1%} of {self.chars_kept + self.chars_removed:,})"]
        if self.blocks:
            lines.append(f"  {'filter':<11} {'reason':<22} {'blocks':>6}  {'characters':>10}")
        for (name, reason), blocks in sorted(self.blocks.items(), key=lambda item: (-item[1], item[0])):
            lines.append(f"  {name:<11} {reason:<22} {blocks:>6,}  {self.chars[name, reason]:>10,}")
        return "\n".join(lines)


def _s(count: int) -> str:
    return "" if count == 1 else "s"
