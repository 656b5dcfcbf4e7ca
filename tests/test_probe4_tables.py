"""Round-4 table layouts: spaced-dash schedules, count-by-category tables, fee band lists.

Small invented responses, one per rule, so each layout is guarded on its own.
"""

from __future__ import annotations

from decimal import Decimal

from graphbuild.extract import extract
from graphbuild.readers.html import read_html_bytes
from graphbuild.readers.text import read_text_bytes

SCHEDULE = """Brackenford District Council
Freedom of Information Act 2000 - Response

You asked for a list of adult social care contracts held by the Council, with the provider,
service, value and end date.

Schedule
Pennyroyal Care Ltd – Supported Living Service – £820,000 – 31/03/2026
Tamsin Hale Homecare – Night Visiting Service – £214,500 – 30/09/2025
Quillon Advocacy CIC – Carers Advocacy – £131,000 – 31/12/2025
Total – – £1,165,500 –

The Night Visiting Service contract supports 95 service users with an option to extend 6 months.
"""

COUNTS = b"""<html><body><h2>Request</h2>
<p>1. How many adults did the council support in each setting as at 31 March 2023?</p>
<h2>Response</h2>
<p>1. The numbers of adults supported as at 31 March 2023 were:</p>
<table>
<tr><th>Setting</th><th>Number of people</th></tr>
<tr><td>Shared lives</td><td>77</td></tr>
<tr><td>Supported living</td><td>215</td></tr>
<tr><td>Total</td><td>292</td></tr>
</table></body></html>"""

BANDS = b"""<html><body><h2>Request</h2>
<p>1. What weekly fee does the council pay for nursing care in 2023/24?</p>
<h2>Response</h2>
<p>1. The council pays the following weekly fee bands for nursing care: Standard \xc2\xa3701.00,
Enhanced \xc2\xa3766.40, Complex \xc2\xa3853.10.</p>
</body></html>"""


def test_dash_separated_schedule_gives_one_contract_per_row() -> None:
    doc = read_text_bytes(SCHEDULE.encode(), "schedule.txt")
    table = next(t for t in doc.tables if len(t.rows) == 4)
    assert all(doc.text[c.start : c.end] == c.text for row in table.rows for c in row)
    contracts = {c.providers[0]: c for c in extract(doc).contracts}
    assert set(contracts) == {"Pennyroyal Care Ltd", "Tamsin Hale Homecare", "Quillon Advocacy CIC"}
    night = contracts["Tamsin Hale Homecare"]
    assert night.value is not None and night.value.amount == Decimal("214500")
    assert night.end == "2025-09-30"
    assert night.service_users == 95 and night.extension_months == 6


def test_dashes_inside_prose_are_no_table() -> None:
    prose = (
        "The service – which began last year – is run well.\n"
        "Our providers – all of them local – report monthly.\n"
        "Fees – reviewed each April – rose this year.\n"
    )
    doc = read_text_bytes(prose.encode(), "prose.txt")
    assert doc.tables == []


def test_count_by_category_table_gives_a_statistic_per_row() -> None:
    doc = read_html_bytes(COUNTS, "counts.html")
    stats = {s.value: s for s in extract(doc).statistics if s.unit == "people"}
    assert set(stats) == {Decimal("77"), Decimal("215")}  # the Total row is no category
    assert stats[Decimal("77")].date == "2023-03-31"
    assert "shared lives" in stats[Decimal("77")].measure.lower()
    evidence = stats[Decimal("215")].evidence
    assert "Supported living" in doc.text[evidence.start : evidence.end]


def test_fee_bands_each_give_a_weekly_price() -> None:
    doc = read_html_bytes(BANDS, "bands.html")
    prices = {p.average: p for p in extract(doc).prices}
    assert set(prices) == {Decimal("701.00"), Decimal("766.40"), Decimal("853.10")}
    assert all(p.unit == "week" for p in prices.values())
    assert prices[Decimal("766.40")].service.endswith("Enhanced")
