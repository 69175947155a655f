"""The criteria pages, one per model (`/tieu-chi/<model>/`): the plan's criteria with the rules that check them, and the thresholds in force."""

from __future__ import annotations

from generator.core import urls
from generator.core.viet import number, percent
from generator.pages.facts import Page, SiteFacts
from generator.pages.render import link
from generator.pages.words import period_words, rel
from generator.rules import RULES
from generator.rules.names import TYPE_NAMES

CRITERION_RULES = {1: ("BT02", "BT03"), 2: ("BT04", "BT05"), 3: ("BT06",), 4: ()}


def pages(facts: SiteFacts) -> list[Page]:
    """One page per model of the rulebook."""
    pages = []
    rulebook = facts.ds.rulebook.record
    source = facts.ds.document.get(rulebook.source)
    for model in rulebook.models:
        here = urls.criteria(model.id)
        criteria = []
        for criterion in model.criteria:
            rules = [RULES[r] for r in CRITERION_RULES[criterion.number] if not (r == "BT05" and model.id != "chi-bo-bon-tot")]
            criteria.append({
                "number": criterion.number,
                "anchor": urls.criterion_anchor(criterion.number),
                "title": criterion.title,
                "clause": criterion.clause,
                "intro": criterion.intro,
                "indicators": criterion.indicators,
                "closing": criterion.closing,
                "rules": [{"id": r.id, "summary": r.summary, "clause": r.clause} for r in rules],
            })
        thresholds = [
            {
                "description": t.description,
                "value": percent(float(t.value)) if isinstance(t.value, float) and t.value < 1 else number(t.value),
                "period": period_words(t.valid_from, t.valid_until),
                "source": link(facts.ds.document[t.source].number, rel(here, urls.document(t.source)))
                if t.source in facts.ds.document else t.source,
                "clause": t.clause,
            }
            for t in rulebook.thresholds
        ]
        pages.append(Page(here, "criteria.md.j2", {
            "model": model,
            "types": [TYPE_NAMES[t] for t in model.applies_to],
            "criteria": criteria,
            "thresholds": thresholds,
            "source": link(f"Kế hoạch số {source.number}", rel(here, urls.document(source.id))) if source else "",
            "other": [link(m.name, rel(here, urls.criteria(m.id))) for m in rulebook.models if m.id != model.id],
            "guidance": rel(here, urls.guidance("danh-gia-xep-loai")),
        }))
    return pages
