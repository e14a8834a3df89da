"""patterns: blocks matching the user's own regular expressions.

``Config.remove_patterns`` (CLI ``--remove``) lists regular expressions; a
block whose stripped text matches one (``re.search``) is removed with reason
``pattern.remove`` and the pattern as detail. The pipeline adds this filter
whenever remove patterns are set::

    before: Advertisement - scroll to continue
            The council met on Monday.
    after:  The council met on Monday.        (with --remove '^Advertisement')
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from enum import StrEnum
from functools import lru_cache

from declutter.blocks import Block
from declutter.config import Config
from declutter.filters.base import Selection
from declutter.vocab import compile_pattern


class Reason(StrEnum):
    REMOVE = "pattern.remove"
    #: HTML mode: an element a ``remove_selectors`` CSS selector selected.
    SELECTOR = "pattern.selector"


@lru_cache(maxsize=64)
def compile_user_patterns(patterns: tuple[str, ...], option: str) -> tuple[re.Pattern[str], ...]:
    """Compile user patterns once, naming the option and pattern on error."""
    return tuple(compile_pattern(p, f"{option} pattern {p!r}") for p in patterns)


def patterns(blocks: Sequence[Block], config: Config) -> Iterator[Selection]:
    """Select blocks that match one of ``Config.remove_patterns``."""
    compiled = compile_user_patterns(config.remove_patterns, "remove")
    for block in blocks:
        text = block.text.strip()
        for pattern in compiled:
            if pattern.search(text):
                yield Selection(block, Reason.REMOVE, pattern.pattern)
                break
