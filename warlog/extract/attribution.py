"""Who says so: reported speech and attribution around a span ("X said", "according to X").

Placeholder; replaced by the claims work. Used by events (modality, attributed_to) and claims
(claimant).
"""

from __future__ import annotations

from dataclasses import dataclass

from warlog.model import ActorMention
from warlog.nlp import Document


@dataclass
class Attribution:
    claimant: str  # who the text says it comes from ("SOHR", "Hassan Nasrallah", "opposition media")
    cue: str  # the attribution words ("according to", "claimed", "said")
    start: int  # span of the claimant in the article text
    end: int
    disputed_by: str | None = None  # who calls it lies / exaggerated, if the text says so
    denied: bool = False  # the source says it did not happen


def find_attribution(
    doc: Document, sentence: int, span: tuple[int, int], actors: list[ActorMention] | None = None
) -> Attribution | None:
    """The source the text gives for the statement at `span` in sentence `sentence`, or None."""
    return None
