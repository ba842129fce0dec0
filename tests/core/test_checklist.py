"""The new forum's checklist as a rule: steps in order, ticked by their measure, the next one named, gone once closed."""

from workshop.core.checklist import StepDefinition, checklist_state


def step(key, position, needed=1, closes=False):
    return StepDefinition(
        key, position, key.title(), f"test.{key}", measure=lambda forum: 0, needed=needed, closes=closes
    )


STEPS = (step("sessions", 40), step("dates", 10), step("release", 90, closes=True), step("blocks", 20))


def states(checklist):
    return [(state.definition.key, state.done) for state in checklist.steps]


def test_steps_come_in_their_position_whatever_order_features_registered_them():
    checklist = checklist_state(STEPS, {"dates": 0, "blocks": 0, "sessions": 0, "release": 0})

    assert [state.definition.key for state in checklist.steps] == ["dates", "blocks", "sessions", "release"]


def test_steps_sharing_a_position_are_ordered_by_key_so_the_list_never_shuffles():
    checklist = checklist_state((step("b", 5), step("a", 5)), {"a": 0, "b": 0})

    assert [state.definition.key for state in checklist.steps] == ["a", "b"]


def test_a_step_is_done_from_the_count_it_needs_and_not_one_below():
    needs_two = (step("rooms", 10, needed=2),)

    assert states(checklist_state(needs_two, {"rooms": 1})) == [("rooms", False)]
    assert states(checklist_state(needs_two, {"rooms": 2})) == [("rooms", True)]
    assert states(checklist_state(needs_two, {"rooms": 3})) == [("rooms", True)]


def test_the_next_step_is_the_first_not_done_even_when_later_ones_are():
    checklist = checklist_state(STEPS, {"dates": 1, "blocks": 0, "sessions": 4, "release": 0})

    assert states(checklist) == [("dates", True), ("blocks", False), ("sessions", True), ("release", False)]
    assert checklist.next_step.definition.key == "blocks"
    assert checklist.done_count == 2


def test_a_fresh_forum_starts_at_the_first_step_and_shows_the_list():
    checklist = checklist_state(STEPS, {"dates": 0, "blocks": 0, "sessions": 0, "release": 0})

    assert checklist.next_step.definition.key == "dates"
    assert (checklist.shown, checklist.done_count) == (True, 0)


def test_the_list_goes_once_the_closing_step_is_done_even_with_steps_left():
    checklist = checklist_state(STEPS, {"dates": 1, "blocks": 0, "sessions": 1, "release": 1})

    assert checklist.shown is False
    assert checklist.next_step.definition.key == "blocks"


def test_every_step_done_but_the_closing_one_keeps_the_list_with_the_closing_step_next():
    checklist = checklist_state(STEPS, {"dates": 1, "blocks": 1, "sessions": 1, "release": 0})

    assert checklist.shown is True
    assert checklist.next_step.definition.key == "release"


def test_a_step_that_does_not_close_leaves_the_list_shown_when_all_are_done():
    checklist = checklist_state((step("dates", 10), step("blocks", 20)), {"dates": 1, "blocks": 1})

    assert (checklist.shown, checklist.next_step, checklist.done_count) == (True, None, 2)
