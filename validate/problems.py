"""What a validator found, named so that the reader can go straight to the page and the rule."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    where: str
    validator: str
    message: str

    def __str__(self):
        return f"{self.where}: [{self.validator}] {self.message}"
