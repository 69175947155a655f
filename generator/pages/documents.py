"""The document pages (`/van-ban/<id>/`), with the full text when data/texts/ has it, and their index."""

from __future__ import annotations

from markupsafe import Markup

from generator.core import urls
from generator.core.viet import date_long, date_short
from generator.pages.facts import Page, SiteFacts
from generator.pages.render import link
from generator.pages.words import document_name, rel
from generator.records.fulltext import body_and_footnotes
from generator.records.models import Document
from generator.rules.names import DOC_TYPE_NAMES


def index(facts: SiteFacts) -> Page:
    """Every document, newest first."""
    here = urls.documents_index()
    docs = sorted(facts.ds.documents, key=lambda r: (r.record.date, r.record.id), reverse=True)
    shown, elsewhere = facts.listed_decisions()
    if elsewhere:  # the documents of decisions not listed are on those decisions' pages
        listed = {d.document for d in shown}
        docs = [d for d in docs if d.record.id in listed or d.record.id not in facts.by_document]
    rows = [{
        "link": link(d.record.number, rel(here, urls.document(d.record.id))),
        "type": DOC_TYPE_NAMES[d.record.type], "date": date_short(d.record.date), "issuer": d.record.issuer, "title": d.record.title,
    } for d in docs]
    return Page(here, "documents_index.md.j2", {"rows": rows, "elsewhere": elsewhere})


def page(facts: SiteFacts, doc: Document) -> Page:
    """A document's page: what it implements and replaces, its decisions, its full text."""
    here = urls.document(doc.id)

    def doc_link(doc_id: str) -> Markup:
        other = facts.ds.document.get(doc_id)
        label = document_name(DOC_TYPE_NAMES[other.type], other.number) if other else doc_id
        return link(label, rel(here, urls.document(doc_id)))

    implemented_by = facts.implemented_by.get(doc.id, [])
    replaced_by = facts.replaced_by.get(doc.id, [])
    _, elsewhere = facts.listed_decisions()
    implemented_elsewhere = 0
    if elsewhere:  # a plan implemented by thousands of decisions names the top-level ones
        listed = facts.listed_documents()
        kept = [d for d in implemented_by if d in listed or d not in facts.by_document]
        implemented_by, implemented_elsewhere = kept, len(implemented_by) - len(kept)
    decisions = [facts.decision_row(here, d) for d in facts.by_document.get(doc.id, [])]
    cited = [t.description + f" ({t.clause})" for t in facts.ds.rulebook.record.thresholds if t.source == doc.id]
    full_text, footnotes = body_and_footnotes(facts.ds.texts[doc.id]) if doc.id in facts.ds.texts else ([], [])
    return Page(here, "document.md.j2", {
        "full_text": full_text,
        "footnotes": footnotes,
        # The document of a decision is found through the decision's page; keep it out of the index.
        "search_text": "" if doc.id in facts.by_document else None,
        "doc": doc,
        "type": DOC_TYPE_NAMES[doc.type],
        "name": document_name(DOC_TYPE_NAMES[doc.type], doc.number),
        "place_date": f"{doc.place + ', ' if doc.place else ''}{date_long(doc.date)}",
        "implements": [doc_link(d) for d in doc.implements],
        "replaces": [doc_link(d) for d in doc.replaces],
        "implemented_by": [doc_link(d) for d in implemented_by],
        "implemented_elsewhere": implemented_elsewhere,
        "replaced_by": [doc_link(d) for d in replaced_by],
        "decisions": decisions,
        "cited": cited,
        "is_rulebook": doc.id == facts.ds.rulebook.record.source,
        "criteria": [link(m.name, rel(here, urls.criteria(m.id))) for m in facts.ds.rulebook.record.models],
    })
