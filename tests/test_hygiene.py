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


def test_a_dateline_with_its_state_is_the_town_in_that_state():
    from tocsin.extractors.hygiene import layout

    text = "ALEXANDRIA, Va. — Police said a man was arrested.\nMore text follows here."
    lay = layout(text)
    assert text[slice(*lay.dateline)] == "ALEXANDRIA" and text[slice(*lay.dateline_region)] == "Va."
    assert lay.starts_in_body(text.index("Police")) and not lay.starts_in_body(text.index("Va."))
    wv = layout("CHARLESTON, W.Va. -- All lanes reopened.\nAnd more.")
    assert wv.dateline_region is not None
    assert layout("KYIV, Feb. 20 (AFP) — Russia shelled Kharkiv.\nMore.").dateline_region is None


def test_the_dateline_state_decides_which_town(nlp):
    from tocsin.pipeline import extract

    x = extract("ALEXANDRIA, Va. — Police said a man was arrested on Monday.", nlp=nlp)
    assert (x.dateline.name, x.dateline.country, x.dateline.admin1) == ("Alexandria", "USA", "Virginia")
    x = extract("ARLINGTON, Texas (AP) — A man was shot.", nlp=nlp)
    assert (x.dateline.country, x.dateline.admin1) == ("USA", "Texas")


def test_the_dateline_and_its_state_are_places_of_the_text_but_locate_only_what_names_no_place(nlp):
    from tocsin.pipeline import extract

    text = "ALEXANDRIA, Va. — Police arrested a man on Monday. Rebels attacked Zolote on Tuesday."
    x = extract(text, nlp=nlp, published="2022-02-20")
    got = {(p.text, p.rule, p.feature, p.admin1) for p in x.places}
    assert ("ALEXANDRIA", "dateline", "city", "Virginia") in got
    assert ("Va.", "dateline:region", "region", "Virginia") in got
    assert [p.start for p in x.places] == sorted(p.start for p in x.places)
    arrest = next(e for e in x.events if e.type == "COERCE")
    assert arrest.location is not None and arrest.location.text == "ALEXANDRIA"
    assert arrest.location_reason.startswith("the dateline")
    assert [a.text for a in arrest.source] == ["Police"]  # the dateline says where from, not who


def test_a_headline_run_into_its_dateline_is_a_heading():
    from tocsin.extractors.hygiene import layout

    text = "Taco Bell killer pleads guilty. CHARLESTON, W.Va. -- A Charleston man admitted it. More."
    lay = layout(text)
    assert text[slice(*lay.dateline)] == "CHARLESTON" and text[slice(*lay.dateline_region)] == "W.Va."
    assert lay.headings == ((0, 32),) and not lay.starts_in_body(0)
    # only the first sentence can be a headline, and only a capitalised name a dateline
    plain = "Russian forces shelled the city. Officials said more. NATO - which met - agreed."
    assert layout(plain).dateline is None and layout(plain).starts_in_body(0)


def test_a_town_modifying_its_people_is_a_place(nlp):
    from tocsin.pipeline import extract

    x = extract("A Danbury man was arrested in Connecticut on Monday, police in the United States said.", nlp=nlp)
    assert "Danbury" in [p.name for p in x.places]
