"""Place resolution on hand-built Docs."""

from conftest import make_doc

from tocsin import knowledge
from tocsin.extractors.hygiene import layout
from tocsin.extractors.places import Gazetteer, find_places


def test_town_and_country_in_one_entity_are_resolved_apart():
    # They fled from Gorlovka , Ukraine .   (the NER tagged "Gorlovka , Ukraine" as one LOC)
    doc = make_doc(
        [
            ("They", "they", "PRON", "PRP", 1, "nsubj"),
            ("fled", "flee", "VERB", "VBD", 1, "ROOT"),
            ("from", "from", "ADP", "IN", 3, "case"),
            ("Gorlovka", "Gorlovka", "PROPN", "NNP", 1, "obl"),
            (",", ",", "PUNCT", ",", 5, "punct"),
            ("Ukraine", "Ukraine", "PROPN", "NNP", 3, "conj"),
            (".", ".", "PUNCT", ".", 1, "punct"),
        ],
        ents=[(3, 6, "LOC")],
    )
    places, _ = find_places(doc, layout(doc.text), Gazetteer.load(), knowledge.load())
    found = {(p.text, p.country) for p in places}
    assert ("Gorlovka", "UKR") in found
    assert ("Ukraine", "UKR") in found
    town = next(p for p in places if p.text == "Gorlovka")
    assert abs(town.lat - 48.3) < 0.3 and abs(town.lon - 38.05) < 0.3  # Horlivka
