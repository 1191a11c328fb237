"""The SVG charts: titled and described, linked, escaped, and allowed by the CSP."""

import re
import xml.etree.ElementTree as ET

import pytest

from reporting import charts
from reporting.dashboard import Item, Row

SVG = "{http://www.w3.org/2000/svg}"
ITEMS = [
    Item("Completed", 12, "/mandates/?status=completed", "completed"),
    Item("In progress", 30, "/mandates/?status=in_progress", "in_progress"),
]


def _parse(markup: str) -> ET.Element:
    return ET.fromstring(str(markup))


def test_a_bar_chart_is_titled_described_in_words_and_links_each_bar_to_its_list():
    svg = _parse(charts.bar_chart(ITEMS, title="Mandates by status"))

    assert svg.find(f"{SVG}title").text == "Mandates by status"
    assert svg.find(f"{SVG}desc").text == "Completed: 12; In progress: 30"
    assert svg.get("aria-labelledby") == " ".join([svg.find(f"{SVG}title").get("id"), svg.find(f"{SVG}desc").get("id")])
    links = svg.findall(f".//{SVG}a")
    assert [(a.get("href"), a.get("aria-label")) for a in links] == [
        ("/mandates/?status=completed", "Completed: 12"),
        ("/mandates/?status=in_progress", "In progress: 30"),
    ]


def test_the_longest_bar_is_the_largest_value_and_bars_are_proportional():
    svg = _parse(charts.bar_chart(ITEMS, title="t"))

    widths = [float(rect.get("width")) for rect in svg.iter(f"{SVG}rect")]
    assert widths[1] > widths[0]
    assert widths[0] / widths[1] == pytest.approx(12 / 30, rel=0.01)


def test_chart_text_is_escaped():
    markup = str(charts.bar_chart([Item('<script>alert("x")</script>', 1, "/?a=1&b=2")], title="<b>"))

    assert "<script>" not in markup and "&lt;script&gt;" in markup
    assert 'href="/?a=1&amp;b=2"' in markup
    _parse(markup)  # still well-formed XML


def test_charts_colour_with_presentation_attributes_never_style_attributes():
    rows = [Row("CICTE Secretariat", "/mandates/?owner=1", list(ITEMS))]
    markups = [
        charts.bar_chart(ITEMS, title="t"),
        charts.stacked_bar_chart(rows, title="t", keys=[("completed", "Completed"), ("in_progress", "In progress")]),
        charts.line_chart(ITEMS, title="t"),
        charts.donut_chart(ITEMS, title="t", centre="42%"),
    ]

    for markup in markups:
        assert "style=" not in str(markup)
        assert 'fill="#009E73"' in str(markup) or 'stroke="#009E73"' in str(markup) or "#0072B2" in str(markup)


def test_status_colours_come_from_the_colour_blind_safe_palette_and_differ_between_statuses():
    mandate_statuses = ["not_started", "in_progress", "completed", "ongoing", "no_action_required", "superseded"]

    colours = [charts.colour_for(status, 0) for status in mandate_statuses]

    assert len(set(colours)) == len(colours)
    assert charts.colour_for("completed", 0) == "#009E73"  # Okabe–Ito bluish green


def test_a_stacked_bar_shows_each_segment_as_a_link_and_a_legend_of_the_statuses_present():
    rows = [
        Row("Mexico", "/requests/?state=1", [Item("Received", 2, "/requests/?state=1&status=received", "received")])
    ]

    markup = str(charts.stacked_bar_chart(rows, title="t", keys=[("received", "Received"), ("closed", "Closed")]))

    assert 'aria-label="Mexico, Received: 2"' in markup
    assert ">Received</text>" in markup and ">Closed</text>" not in markup


def test_a_donut_is_an_image_whose_slices_add_up_to_the_whole_ring():
    svg = _parse(charts.donut_chart(ITEMS, title="Participants", centre="29%", caption="women"))

    assert svg.get("role") == "img"
    slices = [c for c in svg.iter(f"{SVG}circle") if c.get("stroke-dasharray")]
    lengths = [float(c.get("stroke-dasharray").split()[0]) for c in slices]
    circumference = sum(float(part) for part in slices[0].get("stroke-dasharray").split())
    assert sum(lengths) == pytest.approx(circumference, rel=0.001)
    assert "29%" in ET.tostring(svg, encoding="unicode")


def test_empty_charts_say_so():
    for markup in (charts.bar_chart([], title="t"), charts.line_chart([], title="t")):
        assert "No data." in str(markup)


def test_a_line_chart_has_a_point_per_period_and_readable_gridlines():
    items = [Item(f"Q{q} 2024", n, f"/activities/?q={q}") for q, n in ((1, 3), (2, 0), (3, 7))]

    svg = _parse(charts.line_chart(items, title="Activities"))

    assert len(svg.findall(f".//{SVG}a")) == 3
    ticks = [t.text for t in svg.iter(f"{SVG}text") if t.text and re.fullmatch(r"\d+", t.text)]
    assert ticks[0] == "0" and int(ticks[-1]) >= 7
