"""A new forum's next steps: each feature contributes its steps, and the forum's data ticks them.

A feature registers a `StepDefinition` when it is set up (`register_steps`): where the step sits in
the list, its name, the screen that does it, and how to measure the forum's progress on it (a
count). `checklist_state` turns the measures into the list the secretariat sees; it is a pure rule,
tested without an app. The step that `closes` the list (the first release) makes it disappear.
"""

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class StepDefinition:
    """A step a feature adds to every new forum's checklist."""

    key: str
    position: int
    label: object
    endpoint: str
    # How many of what the step asks for the forum has (sessions, rooms, ...): the feature's query.
    measure: Callable[[object], int]
    needed: int = 1
    closes: bool = False


@dataclass(frozen=True)
class StepState:
    definition: StepDefinition
    done: bool


@dataclass(frozen=True)
class Checklist:
    steps: tuple[StepState, ...]
    next_step: StepState | None
    shown: bool

    @property
    def done_count(self):
        return sum(step.done for step in self.steps)


_registered: dict[str, StepDefinition] = {}


def register_steps(definitions):
    """Add a feature's steps (registering the same key again replaces it)."""
    for definition in definitions:
        _registered[definition.key] = definition


def registered_steps():
    return tuple(_registered.values())


def checklist_state(definitions: Iterable[StepDefinition], measures: Mapping[str, int]) -> Checklist:
    """Order the steps, tick those whose measure reaches what they need, and say which comes next.

    The list stays shown until a closing step is done; a forum past it needs no guide.
    """
    steps = tuple(
        StepState(definition, measures[definition.key] >= definition.needed)
        for definition in sorted(definitions, key=lambda definition: (definition.position, definition.key))
    )
    next_step = next((step for step in steps if not step.done), None)
    closed = any(step.done and step.definition.closes for step in steps)
    return Checklist(steps=steps, next_step=next_step, shown=not closed)


def measure_checklist(forum):
    """Measure the forum's progress on every registered step and return its checklist."""
    definitions = registered_steps()
    return checklist_state(definitions, {definition.key: definition.measure(forum) for definition in definitions})
