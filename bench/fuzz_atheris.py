"""Coverage-guided fuzzing of declutter with atheris, for long campaigns.

The normal test suite runs bounded hypothesis fuzz tests
(``tests/test_reliability_fuzz.py``); this harness is for hours-long runs.
Install the optional extra and run it from the repository root::

    pip install 'declutter[fuzz]'          # atheris
    PYTHONPATH=$PWD python bench/fuzz_atheris.py -max_total_time=600 -timeout=20 \\
        -print_final_stats=1 bench/.cache/fuzz-corpus

Any libFuzzer flag works (``-runs=N``, ``-jobs=N``...). A "crash" is any
property broken below; atheris prints the traceback and saves the input as
``crash-<sha1>``. The first input byte picks the target:

* plain text through :func:`declutter.clean_and_explain`: raises nothing but
  :class:`DeclutterError`; idempotent; output blocks are a subsequence of the
  input blocks; every removed block is a recorded removal; ``replay`` rebuilds
  the output;
* the CLI in text mode: output bytes equal ``clean`` of the input decoded with
  surrogateescape, re-encoded the same way; exit 0;
* the CLI in ``--jsonl`` mode: as many lines out as in, exit 0 or 1;
* :func:`declutter.clean_html` (when the package has it): a str or an InputError.
"""

from __future__ import annotations

import io
import sys

import atheris

with atheris.instrument_imports():
    import declutter
    from declutter import DeclutterError, InputError, replay, split_text
    from declutter.cli import main


def check_text(text: str) -> None:
    """The four promises, on one input."""
    try:
        out, removals = declutter.clean_and_explain(text)
    except DeclutterError:
        return
    assert declutter.clean(out) == out, "not idempotent"
    before = [b.text for b in split_text(text).blocks]
    after = [b.text for b in split_text(out).blocks]
    removed = {r.index for r in removals}
    assert len(removed) == len(removals), "a block was removed twice"
    assert all(before[r.index] == r.text for r in removals), "a removal does not name its block"
    assert [t for i, t in enumerate(before) if i not in removed] == after, "output blocks != input minus removals"
    assert replay(text, removals) == out, "replay differs from the output"


def records(data: bytes) -> int:
    """Number of JSON Lines records (lines, counting a last one without newline)."""
    return data.count(b"\n") + (1 if data and not data.endswith(b"\n") else 0)


def check_cli_text(data: bytes) -> None:
    out, err = io.BytesIO(), io.StringIO()
    status = main(["-"], stdin=io.BytesIO(data), stdout=out, stderr=err)
    expected = declutter.clean(data.decode("utf-8", "surrogateescape")).encode("utf-8", "surrogateescape")
    assert status == 0 and out.getvalue() == expected, (status, err.getvalue())


def check_cli_jsonl(data: bytes) -> None:
    out, err = io.BytesIO(), io.StringIO()
    status = main(["--jsonl", "-"], stdin=io.BytesIO(data), stdout=out, stderr=err)
    assert status in (0, 1), status
    assert records(out.getvalue()) == records(data), "records in != records out"


def check_html(data: bytes) -> None:
    clean_html = getattr(declutter, "clean_html", None)
    if clean_html is None:
        return
    for document in (data, data.decode("utf-8", "replace")):
        try:
            result = clean_html(document)
        except InputError:
            continue
        assert isinstance(result, str), type(result)


def test_one_input(data: bytes) -> None:
    if not data:
        return
    mode, rest = data[0] % 4, data[1:]
    if mode == 0:
        check_text(atheris.FuzzedDataProvider(rest).ConsumeUnicode(len(rest)))
    elif mode == 1:
        check_cli_text(rest)
    elif mode == 2:
        check_cli_jsonl(rest)
    else:
        check_html(rest)


if __name__ == "__main__":
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()
