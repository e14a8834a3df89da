"""Site-model fit and cleaning on dask.bag, on a local dask.distributed cluster."""

from __future__ import annotations

import random

import pytest

pytest.importorskip("dask.bag")
distributed = pytest.importorskip("distributed")

import dask.bag as db  # noqa: E402

from declutter.integrations.dask import clean_bag, fit_bag  # noqa: E402
from declutter.sitemodel import fit  # noqa: E402


def site_pages() -> list[dict[str, str]]:
    pages = []
    for n in range(12):
        body = f"Story {n} tells how the council met on Monday and voted on budget line {n} after a long debate."
        chrome = ["Home | World | Business | Sport", body, "Sign up for our daily newsletter"]
        if n % 3:
            chrome.append("© 2024 Example Media. All rights reserved.")
        pages.append({"url": f"https://www.example.com/story/{n}", "text": "\n\n".join(chrome) + "\n"})
    pages += [{"url": f"https://small.org/{n}", "text": "Home\n\nA post.\n"} for n in range(3)]
    pages.append(dict(pages[0]))  # the same page twice counts once
    pages.append({"text": "no url"})
    return pages


@pytest.fixture(scope="module")
def client():
    with distributed.LocalCluster(n_workers=1, threads_per_worker=2, processes=False, dashboard_address=None) as cl, \
            distributed.Client(cl) as c:
        yield c


def test_dask_fit_equals_local_fit_in_any_order(client):
    pages = site_pages()
    local = fit(((p.get("url"), p.get("text", "")) for p in pages), threshold=0.5, min_pages=5)
    shuffled = pages[:]
    random.Random(7).shuffle(shuffled)
    model = fit_bag(db.from_sequence(shuffled, npartitions=4), threshold=0.5, min_pages=5)
    assert model.as_dict() == local.as_dict()
    site = model.domains["example.com"]
    assert site.pages == 12 and sorted(site.blocks.values()) == [8, 12, 12]
    assert "small.org" not in model.domains  # fewer than min_pages


def test_dask_clean_removes_site_chrome_only(client):
    pages = site_pages()
    model = fit_bag(db.from_sequence(pages, npartitions=3), threshold=0.5, min_pages=5)
    out = clean_bag(db.from_sequence(pages, npartitions=3), model).compute()
    first = out[0]
    assert first["text"].startswith("Story 0 tells how") and "newsletter" not in first["text"]
    assert {r["filter"] for r in first["declutter_removals"]} == {"site"}
    assert out[12]["text"] == "Home\n\nA post.\n"  # a domain the model does not know
