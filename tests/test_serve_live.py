"""Live preview: `tarjima serve` as a subprocess, a page open in a real headless Chromium (Debian's), catalogues edited under it."""

from __future__ import annotations

import re
import signal
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path
from typing import Iterator

import pytest

from test_browser import browser  # noqa: F401  (the fixture: Debian's Chromium via Playwright)

pytestmark = pytest.mark.slow  # tarjima serve in a subprocess, Chromium

CATALOGUE = "locales/ru/LC_MESSAGES/international-standards-seminar.po"
PAGE = "ru/international-standards-seminar/"
OLD = "Работа семинара продолжится 11 декабря."
NEW = "Работа семинара будет продолжена 11 декабря."
# How long a test waits for the open page to show a change before it calls the change lost. Not a speed
# promise: the time is printed, and the runner (benchmarks/) measures it; a busy CI machine may be slow.
GIVE_UP = 30.0
LIVE_TRACES = ("_tarjima", "live.js", "EventSource", "tarjima-build-error")


class Server:
    """`python -m tarjima serve` on a project: its address and everything it printed so far."""

    def __init__(self, root: Path, out: Path, port: int = 0) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "tarjima", "--root", str(root), "serve", "--out", str(out), "--port", str(port)],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, encoding="utf-8",
        )
        self.printed: list[str] = []
        self._serving = threading.Event()
        threading.Thread(target=self._read, daemon=True).start()
        if not self._serving.wait(GIVE_UP):
            self.stop()
            pytest.fail("tarjima serve did not start:\n" + "".join(self.printed))
        found = re.search(r"http://127\.0\.0\.1:(\d+)/", "".join(self.printed))
        assert found, self.printed
        self.base, self.port = found.group(0), int(found.group(1))

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            self.printed.append(line)
            if line.startswith("serving "):
                self._serving.set()

    def stop(self) -> None:
        """Ctrl-C, as a user stops it."""
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
            try:
                self.proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


@pytest.fixture
def server(shipped: Path, tmp_path: Path) -> Iterator[Server]:
    running = Server(shipped, tmp_path / "out")
    yield running
    running.stop()


def edit(path: Path, old: str, new: str) -> float:
    """Replace text in a file; the moment of the write."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    written = time.perf_counter()
    path.write_text(text.replace(old, new), encoding="utf-8")
    return written


def open_page(browser, url: str):  # type: ignore[no-untyped-def]
    page = browser.new_page()
    page.goto(url)
    page.evaluate("window.notReloaded = true")  # gone once the page reloads itself
    return page


def test_a_catalogue_edit_reloads_the_open_page_by_itself(browser, server: Server, shipped: Path) -> None:
    from playwright.sync_api import expect

    page = open_page(browser, server.base + PAGE)
    body = page.locator("article .body")
    expect(body).to_contain_text(OLD)
    written = edit(shipped / CATALOGUE, OLD, NEW)
    expect(body).to_contain_text(NEW, timeout=GIVE_UP * 1000)
    shown = time.perf_counter() - written
    assert page.evaluate("window.notReloaded") is None  # the page reloaded itself: nobody else did
    assert page.get_by_role("alert").count() == 0
    assert "change seen: rebuilding\n" in server.printed
    print(f"catalogue edit shown in the open page {shown:.2f} s after the write")


def test_a_refused_build_shows_its_error_on_open_and_new_pages_until_fixed(browser, server: Server, shipped: Path) -> None:
    from playwright.sync_api import expect

    page = open_page(browser, server.base + PAGE)
    catalogue = shipped / CATALOGUE
    edit(catalogue, f'msgstr "{OLD}"', f'msgstr "{OLD}\nthis line is not PO syntax')
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text(CATALOGUE, timeout=GIVE_UP * 1000)
    assert page.evaluate("window.notReloaded") is True  # the last good page stays, under the banner
    assert OLD in page.locator("article .body").inner_text()
    message = alert.inner_text()
    assert re.search(re.escape(CATALOGUE) + r":\d+: ", message), message  # the file and the line, as on the terminal
    assert any(line.startswith(f"error: {CATALOGUE}:") for line in server.printed), server.printed

    later = open_page(browser, server.base + "en/international-standards-seminar/")  # loaded while the build is refused
    expect(later.get_by_role("alert")).to_contain_text(CATALOGUE)
    assert "Seminar on International Standards" in later.locator("h1").inner_text()

    edit(catalogue, f'msgstr "{OLD}\nthis line is not PO syntax', f'msgstr "{NEW}"')
    expect(page.locator("article .body")).to_contain_text(NEW, timeout=GIVE_UP * 1000)
    expect(page.get_by_role("alert")).to_have_count(0)
    expect(later.get_by_role("alert")).to_have_count(0)
    assert page.evaluate("window.notReloaded") is None


def test_an_open_page_reconnects_to_a_restarted_server_and_reloads(browser, shipped: Path, tmp_path: Path) -> None:
    from playwright.sync_api import expect

    out = tmp_path / "out"
    first = Server(shipped, out)
    try:
        page = open_page(browser, first.base + PAGE)
        expect(page.locator("article .body")).to_contain_text(OLD)
    finally:
        first.stop()
    edit(shipped / CATALOGUE, OLD, NEW)  # while no server runs
    second = Server(shipped, out, first.port)
    try:
        expect(page.locator("article .body")).to_contain_text(NEW, timeout=GIVE_UP * 1000)
        assert page.evaluate("window.notReloaded") is None
    finally:
        second.stop()


def test_the_script_is_in_served_pages_only_never_in_the_built_files(server: Server, shipped: Path, tmp_path: Path) -> None:
    served = urllib.request.urlopen(server.base + PAGE).read().decode("utf-8")
    assert re.search(r'<script src="/_tarjima/live\.js" [^>]*data-build="1"></script>\n</body>', served)
    script = urllib.request.urlopen(server.base + "_tarjima/live.js")
    assert script.headers["Content-Type"].startswith("text/javascript") and b"tarjima-build-error" in script.read()
    edit(shipped / CATALOGUE, OLD, NEW)  # an incremental rebuild writes files too
    for _ in range(int(GIVE_UP / 0.1)):  # polled: a rebuild on a loaded CI machine takes what it takes
        again = urllib.request.urlopen(server.base + PAGE).read().decode("utf-8")
        if NEW in again and 'data-build="2"' in again:  # the new page is served a moment before its build is counted as done
            break
        time.sleep(0.1)
    else:
        pytest.fail(f"not rebuilt after {GIVE_UP:.0f} s")
    out = tmp_path / "out"
    built = [p for p in out.rglob("*") if p.is_file()]
    assert any(p.suffix == ".html" for p in built)
    for path in built:
        data = path.read_bytes()
        assert not any(trace.encode() in data for trace in LIVE_TRACES), path
    tag = re.search(r'<script src="/_tarjima/live\.js" .*?</script>\n', again)
    assert tag and 'data-build="2"' in tag.group(0)
    assert (out / PAGE / "index.html").read_text(encoding="utf-8") == again.replace(tag.group(0), "")  # the one difference


def test_live_reload_and_banner_work_under_a_strict_content_security_policy(browser, shipped: Path, tmp_path: Path) -> None:
    from playwright.sync_api import expect

    base = shipped / "templates/base.html"  # the shipped templates carry no policy: give this copy a strict one
    edit(base, '<meta charset="utf-8">\n', '<meta charset="utf-8">\n<meta http-equiv="Content-Security-Policy" content="default-src \'self\'; img-src \'self\' data:">\n')
    server = Server(shipped, tmp_path / "out")
    try:
        page = browser.new_page()
        refused: list[str] = []
        page.on("console", lambda m: refused.append(m.text) if "Content Security Policy" in m.text else None)
        page.goto(server.base + PAGE)
        assert page.locator('meta[http-equiv="Content-Security-Policy"]').count() == 1
        catalogue = shipped / CATALOGUE
        edit(catalogue, f'msgstr "{OLD}"', f'msgstr "{OLD}\nthis line is not PO syntax')
        expect(page.get_by_role("alert")).to_contain_text(CATALOGUE, timeout=GIVE_UP * 1000)
        edit(catalogue, f'msgstr "{OLD}\nthis line is not PO syntax', f'msgstr "{NEW}"')
        expect(page.locator("article .body")).to_contain_text(NEW, timeout=GIVE_UP * 1000)
        expect(page.get_by_role("alert")).to_have_count(0)
        assert refused == []
    finally:
        server.stop()


def test_the_desk_opens_from_serve_and_the_public_home_page_has_no_link_to_it(browser, server: Server) -> None:
    from playwright.sync_api import expect

    assert any("the editors' desk at " + server.base + "_desk/" in line for line in server.printed), server.printed
    home = browser.new_page()
    home.goto(server.base)
    links = home.eval_on_selector_all("a[href]", "els => els.map(e => e.href)")
    assert links and not [h for h in links if "_desk" in h or "_status" in h or "aligned" in h or "/desk" in h]
    desk = browser.new_page()
    desk.goto(server.base + "_desk/")  # opens on the dashboard
    expect(desk.locator("h1")).to_contain_text("Translation status")
    assert desk.url == server.base + "_desk/_status/"
    assert desk.locator('meta[name="robots"]').get_attribute("content") == "noindex, nofollow"
    desk.click("a[href='2024/']")
    desk.click(f"a[href='../../aligned/{PAGE.split('/')[1]}/']")
    expect(desk.locator("table.aligned")).to_be_visible()
    desk.wait_for_load_state("load")  # its stylesheet too
    # The desk's pages take the public site's stylesheet and lead to its language pages, as they do from the disk.
    assert desk.evaluate("getComputedStyle(document.body).fontFamily") == home.evaluate("getComputedStyle(document.body).fontFamily")
    desk.click("a.brand")
    expect(desk.locator("h1, h2").first).to_be_visible()
    # The desk is in English (desk_language), and its brand leads to the English front page.
    assert "_desk" not in desk.url and desk.url.endswith("/en/") and desk.evaluate("document.documentElement.lang") == "en"


def test_a_served_page_finishes_loading_on_a_headless_browsers_virtual_time(browser, server: Server) -> None:
    """Chromium's --virtual-time-budget stops its clock while a request is pending: live reload holds no request open
    and asks nothing before the page's load event, so the budget runs out and the page is done."""
    page = browser.new_page()
    cdp = page.context.new_cdp_session(page)
    expired = threading.Event()
    cdp.on("Emulation.virtualTimeBudgetExpired", lambda _: expired.set())
    cdp.send("Emulation.setVirtualTimePolicy", {"policy": "pause"})
    page.goto(server.base + PAGE, wait_until="commit", timeout=GIVE_UP * 1000)
    cdp.send("Emulation.setVirtualTimePolicy", {"policy": "pauseIfNetworkFetchesPending", "budget": 3000})  # as --virtual-time-budget=3000
    give_up = time.monotonic() + GIVE_UP
    while not expired.is_set() and time.monotonic() < give_up:
        page.wait_for_timeout(50)  # (Playwright's events arrive while it waits)
    assert expired.is_set(), f"the virtual time budget never ran out in {GIVE_UP:.0f} s: a request held it"
    assert page.evaluate("document.readyState") == "complete"
    loaded, asked = page.evaluate("""() => [performance.getEntriesByType("navigation")[0].loadEventStart,
        performance.getEntriesByType("resource").filter(e => e.name.includes("/_tarjima/state")).map(e => e.startTime)]""")
    assert asked and min(asked) >= loaded, (loaded, asked)  # it asked the server, and only once the page had loaded


def test_chromium_dumps_a_served_page_with_a_virtual_time_budget(server: Server) -> None:
    """The command a crawler or a screenshot tool runs: it ends, with the page."""
    from test_browser import CHROMIUM, FLAGS

    try:
        done = subprocess.run([CHROMIUM, *FLAGS, "--virtual-time-budget=3000", "--dump-dom", server.base + PAGE],
                              capture_output=True, text=True, timeout=GIVE_UP, check=False)
    except subprocess.TimeoutExpired:
        pytest.fail(f"chromium --virtual-time-budget did not finish the page in {GIVE_UP:.0f} s")
    assert done.returncode == 0 and OLD in done.stdout and done.stdout.rstrip().endswith("</html>"), done.stderr[-500:]
