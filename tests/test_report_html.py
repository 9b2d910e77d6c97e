"""The HTML report: self-contained, escaped, with every section a monitor needs."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from typing import ClassVar

import pytest
from tests.conftest import EXAMPLE, IN_CI

from trucewatch.agreements import load_agreement
from trucewatch.assess import assess
from trucewatch.assess.patrols import PatrolRun
from trucewatch.records import Claim, Evidence, Incident, When, Where
from trucewatch.report import ReportData, render_html
from trucewatch.report.pdf import PdfUnavailableError, render_pdf

AGREEMENT = load_agreement(EXAMPLE / "agreement.yaml")
HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)> & "quotes"'


def _incident(
    i: int, day: dt.date, sub: str, event: str, lat: float, lon: float, **kw: object
) -> Incident:
    return Incident(
        id=f"i{i}",
        event_type=event,
        sub_event_type=sub,
        actor1=kw.get("actor1", "Military Forces of Syria"),  # type: ignore[arg-type]
        when=When(date=day, precision=1),
        where=Where(
            name=str(kw.get("name", f"place {i}")), latitude=lat, longitude=lon, precision=1
        ),
        fatalities=kw.get("fatalities"),  # type: ignore[arg-type]
        fatalities_reported=kw.get("reported", ()),  # type: ignore[arg-type]
        claims=kw.get("claims", ()),  # type: ignore[arg-type]
        evidence=(Evidence(document_id="d" * 64, text=HOSTILE, start=0, end=5, outlet="Wire"),),
    )


@pytest.fixture(scope="module")
def html() -> str:
    incidents = [
        _incident(
            1,
            dt.date(2020, 3, 8),
            "Shelling/artillery/missile attack",
            "Explosions/Remote violence",
            35.81374,
            36.60964,
            name=HOSTILE,
            fatalities=14,
            reported=(14, 16),
        ),
        _incident(
            2,
            dt.date(2020, 3, 5),
            "Air/drone strike",
            "Explosions/Remote violence",
            36.0115,
            36.6718,
        ),
        _incident(
            3,
            dt.date(2020, 3, 10),
            "Air/drone strike",
            "Explosions/Remote violence",
            35.95,
            36.7,
            actor1="Military Forces of Russia",
            claims=(
                Claim(by="Military Forces of Russia", kind="claim", text="terrorists were hit"),
            ),
        ),
    ]
    verdicts = assess(incidents, [AGREEMENT])
    runs = {
        ("moscow-2020", "m4-joint-patrols"): [
            PatrolRun(dt.date(2020, 3, 15), 0.0, 4.6, completed=False)
        ]
    }
    return render_html(ReportData("Report <for> test", [AGREEMENT], incidents, verdicts, runs))


def test_the_report_is_well_formed_and_self_contained(html: str) -> None:
    class Checker(HTMLParser):
        tags: ClassVar[list[str]] = []

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            self.tags.append(tag)
            for name, value in attrs:
                assert not name.startswith("on"), f"event handler attribute {name}"
                if name in {"src", "href"}:
                    assert value is not None and not re.match(r"(?i)https?:|//", value), value

    checker = Checker()
    checker.feed(html)
    assert "script" not in checker.tags and "img" not in checker.tags
    assert {"svg", "table", "h1"} <= set(checker.tags)


def test_report_text_is_escaped_everywhere(html: str) -> None:
    assert HOSTILE not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    assert "Report &lt;for&gt; test" in html


def test_the_report_shows_every_part(html: str) -> None:
    for heading in (
        "Map",
        "Incidents per day",
        "Verdicts by provision",
        "Patrol coverage",
        "Violations and possible violations",
    ):
        assert f"<h2>{heading}</h2>" in html
    assert "Machine-assessed" in html
    assert "sources disagree" in html and "reported: 14, 16" in html
    assert "terrorists were hit" in html  # the claimed exemption is shown
    assert "cut short" in html and "9%" in html  # 4.6 of 50.3 km
    assert "ceasefire, m4-corridor from 00:01" in html  # the starts on the timeline
    assert 'class="incident violation"' in html and 'class="incident not_in_force"' in html
    assert 'class="country"' in html  # the offline basemap


def test_the_pdf_is_the_same_report(html: str, tmp_path: Path) -> None:
    try:
        pdf = render_pdf(html)
    except PdfUnavailableError as exc:
        if IN_CI:
            raise
        pytest.skip(str(exc))
    assert pdf.startswith(b"%PDF-")
    path = tmp_path / "report.pdf"
    path.write_bytes(pdf)
    if shutil.which("pdftotext") is None:
        if IN_CI:
            pytest.fail("pdftotext is not installed; .ci/run installs poppler-utils")
        pytest.skip("poppler's pdftotext is not installed")
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    for heading in (
        "Map",
        "Incidents per day",
        "Patrol coverage",
        "Violations and possible violations",
    ):
        assert heading in text
    assert "Report <for> test" in text  # escaped in HTML, shown as written


def test_without_weasyprint_pdf_output_says_what_to_install(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sys.modules, "weasyprint", None)  # as if it were not installed
    with pytest.raises(PdfUnavailableError, match=r"pip install 'trucewatch\[pdf\]'"):
        render_pdf("<p>x</p>")


def test_names_of_places_close_together_do_not_cover_each_other_on_the_map() -> None:
    from trucewatch.report.svg import LABEL_CHAR_PX, LABEL_HEIGHT_PX, MapCanvas

    canvas = MapCanvas(36.0, 35.5, 37.0, 36.2)
    # Four villages a kilometre or two apart, and one far off.
    names = [("Eastfield", 36.70, 35.80), ("Westbrook", 36.71, 35.801), ("Norbury", 36.705,
             35.799), ("Southam", 36.702, 35.802), ("Farley", 36.2, 36.0)]  # fmt: skip
    for name, lon, lat in names:
        canvas.label(lon, lat, name)
    boxes = []
    for m in re.finditer(
        r'<text [^>]*x="([\d.-]+)" y="([\d.-]+)"( text-anchor="end")?>(\w+)<', "".join(canvas.parts)
    ):
        x, y, w = float(m[1]), float(m[2]), LABEL_CHAR_PX * len(m[4])
        left = x - w if m[3] else x
        boxes.append((left, y - LABEL_HEIGHT_PX, left + w, y))
    assert len(boxes) == 5
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            assert not (a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]), (a, b)
