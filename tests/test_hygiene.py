from tocsin.extractors.hygiene import layout

TEXT = """KYIV — Troops massed on the border on Sunday.
Frontline tension
The talks ended without agreement.
RELATED STORIES
Russia could attack at any time, US says
"""


def test_dateline_headings_and_trailer():
    lay = layout(TEXT)
    assert TEXT[slice(*lay.dateline)] == "KYIV"
    heading = TEXT.index("Frontline")
    assert not lay.in_body(heading, heading + 17)
    assert lay.trailer_start == TEXT.index("RELATED")
    related = TEXT.index("Russia could")
    assert not lay.in_body(related, related + 20)
    body = TEXT.index("The talks")
    assert lay.in_body(body, body + 20)
