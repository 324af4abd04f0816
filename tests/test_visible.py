"""The visibility reader used by the refusal tests tells shown text from hidden text."""

from tests.visible import assert_visible, visible_text


def test_text_in_a_closed_details_is_hidden_but_its_summary_shows():
    page = "<details><summary>Remove…</summary><div>Write why</div></details><p>Shown</p>"
    text = visible_text(page)
    assert "Remove…" in text and "Shown" in text and "Write why" not in text
    assert "Write why" in visible_text(page.replace("<details>", "<details open>"))


def test_hidden_elements_and_screen_reader_text_are_not_visible():
    page = (
        '<div hidden>one</div><span class="visually-hidden">two</span>'
        '<p style="display: none">three</p><template><p>four</p></template>'
        '<input type="hidden" value="five"><p>six <b>seven</b></p>'
    )
    text = visible_text(page)
    assert text == "six seven"


def test_assert_visible_fails_on_a_message_that_is_only_hidden():
    import pytest

    with pytest.raises(AssertionError):
        assert_visible("<div hidden><ul class='errorlist'><li>Pasal 9</li></ul></div>", "Pasal 9")
    assert_visible("<div><ul><li>Pasal&nbsp;9 huruf f</li></ul></div>", "Pasal 9 huruf f")
