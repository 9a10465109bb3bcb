"""Event worthiness: each rule with sentences written for the test, positive and negative.

Each row: a sentence, the trigger word in it, and the rule that must say 'not an event' (None:
no rule may fire, the trigger tells a happening).
"""

from __future__ import annotations

import pytest

from warlog.extract.worthiness import not_an_event
from warlog.nlp import document


def _token(sentence: str, word: str):
    doc = document.load_pipeline()(sentence)
    return next(t for t in doc if t.text == word)


CASES = [
    # purpose_clause
    (
        "The army moved tanks to the edge of Homs to prepare the ground for foreign air strikes.",
        "strikes",
        "purpose_clause",
    ),
    ("Militia units massed near the border in order to attack the crossing.", "attack", "purpose_clause"),
    ("Fighters dug tunnels under the road to ambush army convoys.", "ambush", "purpose_clause"),
    ("Police fired tear gas to disperse the protesters.", "disperse", None),
    ("Rebels and the army agreed a ceasefire in the town.", "ceasefire", None),
    ("The farm served as a staging ground for raids on nearby villages.", "raids", "purpose_clause"),
    ("Rebel fighters ambushed an army convoy near Hama on Sunday.", "ambushed", None),
    ("Government forces shelled the village of Kafr Zita on Friday.", "shelled", None),
    # intention
    ("The militia vowed to attack the airport within days.", "attack", "intention"),
    ("Insurgent leaders threatened to storm the prison in the north of the city.", "storm", "intention"),
    ("The group wants to capture the dam before winter.", "capture", "intention"),
    ("The army said its troops had repelled an attack on the checkpoint.", "attack", None),
    ("Gunmen tried to storm the police station on Monday.", "storm", None),
    ("One of the men is wanted for his role in the battle for the town.", "battle", None),
    ("The commander threatened an assault on the airport.", "assault", "intention"),
    # capability
    ("Residents described local production of mortar shells in the camp.", "shells", "capability"),
    ("Inspectors found a stockpile of barrel bombs at the airbase.", "bombs", "capability"),
    ("The workshop was used for rocket production, a commander said.", "rocket", "capability"),
    ("A mortar shell hit the market of the old town on Tuesday.", "shell", None),
    # conditional
    ("If the rebels attack the town, the army will respond with force.", "attack", "conditional"),
    ("The army shells the town only if rebels attack its positions.", "attack", "conditional"),
    ("Residents fled in case of an assault on the district.", "assault", "conditional"),
    ("When the rebels attacked the town, residents fled to the hills.", "attacked", None),
    # question
    ("Did the militants bomb the bridge near the river?", "bomb", "question"),
    ("Officials were asked whether the air force had bombed the clinic.", "bombed", "question"),
    ("The air force bombed the clinic, officials said.", "bombed", None),
    # counterfactual
    ("The incident nearly triggered an invasion of the province.", "invasion", "counterfactual"),
    ("A stray rocket almost caused an air strike on the town.", "strike", "counterfactual"),
    ("The shelling caused a fire in the market.", "shelling", None),
    # hypothetical
    ("Analysts say the group could strike the capital at any time.", "strike", "hypothetical"),
    ("The spokesman said the army would retake the hill if necessary.", "retake", "hypothetical"),
    ("The air strike may have killed dozens of fighters, monitors said.", "strike", None),
    ("The sound of heavy fighting could be heard from the border town.", "fighting", None),
    ("Jets carried out ten strikes to try to repel the assault on the town.", "assault", None),
]


@pytest.mark.parametrize(("sentence", "word", "rule"), CASES)
def test_worthiness_rule(sentence: str, word: str, rule: str | None) -> None:
    found = not_an_event(_token(sentence, word))
    assert (found[0] if found else None) == rule, found


def test_no_token_is_no_decision() -> None:
    assert not_an_event(None) is None
