"""The command line's progress bar: a tqdm bar on stderr, or nothing.

``declutter --jsonl`` and runs over several files show input read (with its
rate in MB/s), records done and the share of text removed so far. The bar is
on by default only when stderr is a terminal (``--progress`` asks for it
anyway, ``--no-progress`` turns it off); it never touches stdout.
"""

from __future__ import annotations

import io
from typing import IO, Any, cast

from declutter.stats import Stats


class Progress:
    """A tqdm bar counting input bytes, with records and share removed beside it; a no-op when off.

    ``total`` is the input's size in bytes when known (regular files), which
    gives a bar and an estimate of the time left; otherwise it counts up.
    """

    def __init__(self, stderr: IO[str], enabled: bool, total: int | None = None) -> None:
        self.bar: Any = None
        if enabled:
            from tqdm import tqdm

            self.bar = tqdm(total=total or None, unit="B", unit_scale=True, file=stderr, desc="declutter",
                            mininterval=0.2, dynamic_ncols=True, smoothing=0.1)

    def update(self, nbytes: int, stats: Stats) -> None:
        """Count ``nbytes`` more input read, and show the run's records and share removed so far."""
        if self.bar is not None:
            self.bar.set_postfix_str(f"{stats.records:,} records, {stats.share_removed:.1%} removed",
                                     refresh=False)
            self.bar.update(nbytes)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
            self.bar = None

    def wrap(self, stderr: IO[str]) -> IO[str]:
        """``stderr`` for the run's messages: while the bar shows, each write clears it first."""
        return stderr if self.bar is None else cast(IO[str], _AroundBar(stderr, self.bar))


class _AroundBar(io.TextIOBase):
    """A text stream that writes through ``raw`` with the bar cleared (tqdm's ``external_write_mode``)."""

    def __init__(self, raw: IO[str], bar: Any) -> None:
        super().__init__()
        self.raw, self.bar = raw, bar

    def write(self, text: str) -> int:
        with self.bar.external_write_mode(file=self.raw):
            return self.raw.write(text)

    def flush(self) -> None:
        self.raw.flush()
