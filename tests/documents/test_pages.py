"""The pages' JSON form round-trips: the review page reads back what ingest stored."""

from letapis.documents.pages import Page, Word, pages_from_json, pages_to_json


def test_pages_round_trip_through_json() -> None:
    pages = (
        Page(1, "text", 0, 10),
        Page(
            2,
            "ocr",
            12,
            30,
            confidence=91.5,
            language="bel+rus",
            rotation=90,
            width=2480,
            height=3508,
            words=(Word("Бяляцкі", 93.0, 10, 20, 200, 40, 12, 19),),
            image=0,
        ),
    )
    assert pages_from_json(pages_to_json(pages)) == pages
