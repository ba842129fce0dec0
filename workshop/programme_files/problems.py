"""What is wrong with a programme file, and where: kept free of Flask so the readers stay pure.

Messages are English templates marked with `N_` so that they can be extracted for translation;
whoever shows them to a person translates them then (`gettext(problem.template, **problem.params)`).
"""

from collections.abc import Mapping
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Problem:
    line: int | None
    template: str
    params: Mapping[str, object] = field(default_factory=dict)

    @property
    def message(self):
        return self.template % self.params if self.params else self.template


class ProgrammeFileError(Exception):
    """Raised when a programme file cannot be imported; carries every problem found, by line."""

    def __init__(self, problems):
        self.problems = sorted(problems, key=lambda problem: (problem.line is None, problem.line or 0))
        super().__init__("; ".join(describe(problem) for problem in self.problems))


def describe(problem):
    """Return "line N: reason" in English, for logs and exception messages."""
    return f"line {problem.line}: {problem.message}" if problem.line is not None else problem.message
