"""Demo texts: one record per text with both languages, picked per page."""

from demo.texts import Text, in_language


def test_every_text_in_a_block_stream_is_picked_in_one_language():
    page = object()
    body = [("hero", {"heading": Text("Willkommen", "Welcome"), "items": [Text("Tee", "Tea")], "page": page})]

    assert in_language(body, english=False) == [("hero", {"heading": "Willkommen", "items": ["Tee"], "page": page})]
    assert in_language(body, english=True) == [("hero", {"heading": "Welcome", "items": ["Tea"], "page": page})]


def test_values_without_texts_stay_as_they_are():
    assert in_language(("limit", 8, None), english=True) == ("limit", 8, None)
