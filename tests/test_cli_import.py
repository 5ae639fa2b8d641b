"""`readout import` and `readout diff`: lines, JSON, exit codes, and the files left."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.core.importing.web import DATA, Route, Site, serving
from tests.test_cli import run
from tui.cli_import import DEFAULT_TIMEOUT
from tui.core.importing import DEFAULT_TIMEOUT as CORE_TIMEOUT

Capture = pytest.CaptureFixture[str]


@pytest.fixture
def site() -> Iterator[Site]:
    with serving() as running:
        yield running


def test_saved_page_is_written_and_listed(capsys: Capture, tmp_path: Path) -> None:
    code, out, err = run(
        capsys, "import", str(DATA / "xinhua-style.html"), "--corpus", str(tmp_path)
    )
    assert (code, err) == (0, "")
    name = "2025-01-20-xi-holds-phone-call-with-vietnamese-leader-to-lam.md"
    assert out == f"written  {tmp_path / name}  Xi holds phone call with Vietnamese leader To Lam\n"
    code, out, _ = run(capsys, "list", "--json", "--corpus", str(tmp_path))
    (row,) = json.loads(out)
    assert (row["id"], row["source"]) == (name, "Harbour Wire")


def test_failures_are_one_line_each_exit_2_and_the_rest_still_go_in(
    capsys: Capture, tmp_path: Path
) -> None:
    sources = [str(DATA / "readout.pdf"), str(DATA / "sitemap.html"), str(DATA / "broken.rss"),
               str(DATA / "wire-style.html"), "ftp://example.org/x"]  # fmt: skip
    code, out, err = run(capsys, "import", *sources, "--to", str(tmp_path))
    assert code == 2
    assert out.startswith("written  ") and out.count("\n") == 1
    lines = err.splitlines()
    assert lines[0] == f"readout: failed: not an HTML page or a feed: {DATA / 'readout.pdf'}"
    assert lines[1].startswith(f"readout: failed: {DATA / 'sitemap.html'}: no article text")
    assert lines[2].startswith("readout: failed: the feed does not parse (")
    assert lines[3] == "readout: failed: not a web address (http or https): ftp://example.org/x"
    assert lines[4] == "readout: 4 of 5 failed; the others went in"


def test_json_has_one_object_an_outcome(capsys: Capture, tmp_path: Path) -> None:
    sources = [
        str(DATA / "vna-style.html"),
        str(DATA / "syndicated.html"),
        str(DATA / "sitemap.html"),
    ]
    code, out, _ = run(capsys, "import", *sources, "--to", str(tmp_path), "--json")
    assert code == 2
    rows = json.loads(out)
    assert [row["status"] for row in rows] == ["written", "skipped", "failed"]
    assert set(rows[0]) == {"status", "source", "path", "url", "title", "reason", "version"}
    assert rows[1]["reason"] == f"skipped: same text as {Path(rows[0]['path']).name}"


def test_dry_run_writes_nothing(capsys: Capture, tmp_path: Path) -> None:
    code, out, _ = run(capsys, "import", str(DATA), "--to", str(tmp_path / "new"), "--dry-run")
    assert code == 2  # the folder holds a broken feed and pages of links
    assert out.count("would write  ") == 6
    assert not (tmp_path / "new").exists()


def test_url_import_then_a_changed_page_then_diff(
    capsys: Capture, site: Site, tmp_path: Path
) -> None:
    url = site.fixture("/press", "ministry-style.html")
    assert run(capsys, "import", url, "--corpus", str(tmp_path))[0] == 0
    changed = (DATA / "ministry-style.html").read_text(encoding="utf-8")
    site.page("/press", changed.replace("transition, semiconductors", "transition, [bold]chips"))
    code, out, _ = run(capsys, "import", url, "--corpus", str(tmp_path))
    assert code == 0 and out.startswith("revised  ")
    assert "(the text changed; the earlier text kept as version 1)" in out
    name = "2024-11-28-japan-viet-nam-foreign-ministers-telephone-talk.md"
    code, out, _ = run(capsys, "list", "--corpus", str(tmp_path))
    (line,) = out.splitlines()
    assert line.startswith("2024-11-28  " + name) and line.endswith(")")
    today = {dt.date.today().isoformat(), dt.datetime.now(dt.UTC).date().isoformat()}
    assert line.rsplit("  (revised ", 1)[1][:-1] in today
    code, out, _ = run(capsys, "diff", name[:20], "--corpus", str(tmp_path))
    assert code == 0
    assert out.splitlines()[0] == f"{name}: version 1 → 2, 1 change"
    assert "energy transition, [-semiconductors-] {+[bold]chips+} and human" in out
    code, out, _ = run(capsys, "diff", name, "--json", "--corpus", str(tmp_path))
    data = json.loads(out)
    assert (data["id"], data["from"], data["to"]) == (name, 1, 2)
    (change,) = data["changes"]
    assert (change["op"], change["before"], change["after"]) == (
        "replace", "semiconductors", "[bold]chips",
    )  # fmt: skip


def test_diff_of_an_article_never_revised_is_one_line(capsys: Capture, tmp_path: Path) -> None:
    run(capsys, "import", str(DATA / "wire-style.html"), "--corpus", str(tmp_path))
    code, out, err = run(capsys, "diff", "2025", "--corpus", str(tmp_path))
    assert (code, out) == (2, "")
    assert err.endswith("has no earlier version: it was never revised\n") and err.count("\n") == 1
    code, _, err = run(capsys, "diff", "2025", "--version", "3", "--corpus", str(tmp_path))
    assert code == 2 and "no earlier version" in err


def test_time_out_option_is_used(capsys: Capture, site: Site, tmp_path: Path) -> None:
    site.routes["/slow"] = Route(hang=True)
    code, _, err = run(
        capsys, "import", site.url("/slow"), "--timeout", "0.2", "--to", str(tmp_path)
    )
    assert code == 2
    assert err.splitlines()[0] == f"readout: failed: timed out after 0.2 s: {site.url('/slow')}"


@pytest.mark.parametrize("value", ["0", "-1", "nan", "601", "soon"])
def test_bad_time_out_is_one_line(capsys: Capture, value: str, tmp_path: Path) -> None:
    code, _, err = run(capsys, "import", "x.html", "--timeout", value, "--to", str(tmp_path))
    assert code == 2 and "--timeout: must be seconds above 0" in err and err.count("\n") == 1


def test_missing_corpus_folder_is_named(capsys: Capture, tmp_path: Path) -> None:
    code, _, err = run(capsys, "import", "x.html", "--corpus", str(tmp_path / "none"))
    assert code == 2 and "corpus folder not found" in err and "--to DIR" in err


def test_cli_default_time_out_is_the_cores() -> None:
    assert DEFAULT_TIMEOUT == CORE_TIMEOUT


def test_a_hostile_title_is_data_everywhere(capsys: Capture, tmp_path: Path) -> None:
    html = (DATA / "wire-style.html").read_text(encoding="utf-8")
    hostile = "Talks \x1b[31m[bold]red[/bold] \u202eevil: --- yes"
    html = html.replace("Indonesia, Australia leaders agree to step up maritime patrols", hostile)
    page = tmp_path / "page.html"
    page.write_text(html, encoding="utf-8")
    code, out, _ = run(capsys, "import", str(page), "--to", str(tmp_path / "c"), "--json")
    (row,) = json.loads(out)
    # The page's parser drops the control characters; the markup stays text.
    assert code == 0 and row["title"] == "Talks [31m[bold]red[/bold] evil: --- yes"
    assert Path(row["path"]).name == "2025-02-03-talks-31m-bold-red-bold-evil-yes.md"
    code, out, _ = run(capsys, "list", "--json", "--corpus", str(tmp_path / "c"))
    assert json.loads(out)[0]["title"] == row["title"]


def test_when_every_source_failed_nothing_is_said_to_have_gone_in(
    capsys: Capture, tmp_path: Path
) -> None:
    sources = [str(DATA / "readout.pdf"), str(tmp_path / "missing.html")]
    code, _, err = run(capsys, "import", *sources, "--to", str(tmp_path))
    assert code == 2
    assert err.splitlines()[-1] == "readout: 2 of 2 failed; nothing went in"


def test_a_terminated_import_says_what_it_kept(
    capsys: Capture, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import tui.core.importing as importing
    from tui.cli import Terminated

    def stopped(sources: object, **_: object) -> Iterator[importing.Outcome]:
        yield importing.Outcome("written", "a.html", tmp_path / "a.md", None, "A")
        raise Terminated(15)

    monkeypatch.setattr(importing, "import_sources", stopped)
    code, _, err = run(capsys, "import", "a.html", "b.html", "--to", str(tmp_path))
    assert code == 128 + 15
    assert err.splitlines()[-1] == (
        "readout: import stopped (terminated); the 1 done before it are kept, whole; "
        "nothing is half-written"
    )


def test_a_folder_inside_the_corpus_knows_the_whole_corpus(capsys: Capture, tmp_path: Path) -> None:
    page = str(DATA / "wire-style.html")
    code, _, _ = run(capsys, "import", page, "--corpus", str(tmp_path))
    assert code == 0
    inner = tmp_path / "2025"
    code, out, _ = run(capsys, "import", page, "--to", str(inner), "--corpus", str(tmp_path))
    assert (code, out.split()[0]) == (0, "skipped")
    assert not inner.exists() or not list(inner.glob("*.md"))


def test_a_progress_bar_unless_one_saved_file(tmp_path: Path) -> None:
    from tui.cli_import import many_items

    page = tmp_path / "page.html"
    page.write_text("<p>x</p>", encoding="utf-8")
    assert not many_items([str(page)])
    assert many_items([str(page), str(page)])
    assert many_items([str(tmp_path)])  # a folder
    assert many_items(["https://example.org/feed.xml"])  # an address: a feed, or slow
