"""Say what changed between two versions of a document's text, sentence by sentence.

Text is compared by sentence rather than by line: a PDF's lines follow its page layout, so a
reflowed paragraph would otherwise show up as changed from top to bottom.
"""

import difflib
import re
from dataclasses import dataclass

SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
# A word hyphenated at the end of a PDF line: "long-" then "term" on the next line.
LINE_END_HYPHEN = re.compile(r"(?<=\w)-\n(?=\w)")
PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
CONTEXT_SENTENCES = 2


@dataclass(frozen=True)
class DiffLine:
    """One sentence of the comparison: kept (`same`), `removed`, `added`; or a `gap` of unchanged text."""

    kind: str
    text: str


def split_sentences(text):
    """Return the text's sentences with their whitespace made uniform."""
    paragraphs = PARAGRAPH_BREAK.split(LINE_END_HYPHEN.sub("-", text or ""))
    sentences = []
    for paragraph in paragraphs:
        flat = " ".join(paragraph.split())
        sentences.extend(part for part in SENTENCE_END.split(flat) if part)
    return sentences


def compare_texts(old_text, new_text, context=CONTEXT_SENTENCES):
    """Return the changed sentences with a little unchanged context around each change."""
    old, new = split_sentences(old_text), split_sentences(new_text)
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    lines = []
    for group in matcher.get_grouped_opcodes(context):
        if lines:
            lines.append(DiffLine("gap", ""))
        for tag, old_start, old_end, new_start, new_end in group:
            if tag == "equal":
                lines.extend(DiffLine("same", sentence) for sentence in old[old_start:old_end])
                continue
            lines.extend(DiffLine("removed", sentence) for sentence in old[old_start:old_end])
            lines.extend(DiffLine("added", sentence) for sentence in new[new_start:new_end])
    if not any(line.kind in ("added", "removed") for line in lines):
        return []
    return lines


def count_changes(lines):
    """Return how many sentences were added and removed."""
    added = sum(1 for line in lines if line.kind == "added")
    removed = sum(1 for line in lines if line.kind == "removed")
    return added, removed
