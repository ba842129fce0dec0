"""Say what changed between two versions of a document's text, sentence by sentence.

Text is compared by sentence rather than by line: a PDF's lines follow its page layout, so a
reflowed paragraph would otherwise show up as changed from top to bottom.

The work is bounded by construction: at most MAX_COMPARED_SENTENCES sentences a side (longer
texts are refused with TooLongToCompare), compared with RapidFuzz's bit-parallel longest common
subsequence, whose time grows with the product of the lengths divided by the machine word and
never worse (difflib's matcher degrades to cubic time on repeated sentences: two 36 KB drafts
took 30 s). It runs once per pair of versions, in a background job, and the result is stored.
"""

import difflib
import re
from dataclasses import dataclass

from rapidfuzz.distance import Indel

SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
# A word hyphenated at the end of a PDF line: "long-" then "term" on the next line.
LINE_END_HYPHEN = re.compile(r"(?<=\w)-\n(?=\w)")
PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
CONTEXT_SENTENCES = 2
# About four hundred pages of a policy paper a side; past that, the comparison is refused.
MAX_COMPARED_SENTENCES = 10_000


class TooLongToCompare(ValueError):
    """One of the texts has more sentences than a comparison may take."""


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
    """Return the changed sentences with a little unchanged context around each change.

    Raise TooLongToCompare when either text has more than MAX_COMPARED_SENTENCES sentences.
    """
    old, new = split_sentences(old_text), split_sentences(new_text)
    if max(len(old), len(new)) > MAX_COMPARED_SENTENCES:
        raise TooLongToCompare(max(len(old), len(new)))
    opcodes = _merge_adjacent_changes(Indel.opcodes(old, new))
    if all(tag == "equal" for tag, *_ in opcodes):
        return []
    lines = []
    for group in _GivenOpcodes(opcodes).get_grouped_opcodes(context):
        if lines:
            lines.append(DiffLine("gap", ""))
        for tag, old_start, old_end, new_start, new_end in group:
            if tag == "equal":
                lines.extend(DiffLine("same", sentence) for sentence in old[old_start:old_end])
                continue
            lines.extend(DiffLine("removed", sentence) for sentence in old[old_start:old_end])
            lines.extend(DiffLine("added", sentence) for sentence in new[new_start:new_end])
    return lines


def _merge_adjacent_changes(opcodes):
    """Turn runs of insertions and deletions into one change each, removed sentences shown first."""
    merged = []
    for opcode in opcodes:
        tag, old_start, old_end, new_start, new_end = (
            opcode.tag,
            opcode.src_start,
            opcode.src_end,
            opcode.dest_start,
            opcode.dest_end,
        )
        if merged and tag != "equal" and merged[-1][0] != "equal":
            merged[-1] = ("replace", merged[-1][1], old_end, merged[-1][3], new_end)
        else:
            merged.append((tag, old_start, old_end, new_start, new_end))
    return merged


class _GivenOpcodes(difflib.SequenceMatcher):
    """difflib's grouping of changes with context, over opcodes computed elsewhere."""

    def __init__(self, opcodes):
        super().__init__(None, [], [])
        self.opcodes = opcodes

    def get_opcodes(self):
        return self.opcodes


def count_changes(lines):
    """Return how many sentences were added and removed."""
    added = sum(1 for line in lines if line.kind == "added")
    removed = sum(1 for line in lines if line.kind == "removed")
    return added, removed
