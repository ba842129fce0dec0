"""The process-wide keeper of recently used values (feed events, parsed releases)."""

from workshop.core.recent import RecentlyUsed


def test_a_value_is_made_once_and_the_least_recently_used_goes_first():
    made = []
    recent = RecentlyUsed(most=2)

    def make(value):
        return lambda: made.append(value) or value

    assert recent.get_or_make("a", make("A")) == "A"
    assert recent.get_or_make("b", make("B")) == "B"
    assert recent.get_or_make("a", make("not made")) == "A", "kept, and now the most recently used"
    assert recent.get_or_make("c", make("C")) == "C"

    assert len(recent) == 2
    assert recent.get_or_make("a", make("not made either")) == "A"
    assert recent.get_or_make("b", make("B again")) == "B again", "b, the least recently used, went when c came"
    assert made == ["A", "B", "C", "B again"]
