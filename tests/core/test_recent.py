"""The process-wide keeper of recently used values (feed events, parsed releases and their sessions)."""

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


def test_with_lock_free_reads_the_oldest_stored_goes_first_however_recently_read():
    made = []
    recent = RecentlyUsed(most=2, lock_free_reads=True)

    def make(value):
        return lambda: made.append(value) or value

    recent.get_or_make("a", make("A"))
    recent.get_or_make("b", make("B"))
    assert recent.get_or_make("a", make("not made")) == "A", "kept, but its place is where it was stored"
    recent.get_or_make("c", make("C"))

    assert len(recent) == 2
    assert recent.get_or_make("b", make("not made either")) == "B"
    assert recent.get_or_make("a", make("A again")) == "A again", "a, the oldest stored, went when c came"
    assert made == ["A", "B", "C", "A again"]
