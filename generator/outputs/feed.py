"""An Atom feed of decisions (RFC 4287), newest first, dated by the decision's document date."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET

from generator.core import urls
from generator.records.dataset import Dataset
from generator.rules.derive import body_name
from generator.rules.names import DOC_TYPE_NAMES, OCCASION_NAMES

ATOM = "http://www.w3.org/2005/Atom"


def _stamp(day: dt.date) -> str:
    return f"{day.isoformat()}T00:00:00+07:00"


def atom_feed(ds: Dataset) -> bytes:
    """The feed, deterministic: entry ids are tag URIs, times are the documents' dates."""
    ET.register_namespace("", ATOM)
    root = ET.Element(f"{{{ATOM}}}feed", {"xml:lang": "vi"})
    dated = []
    for ref in ds.decisions:
        doc = ds.document.get(ref.record.document)
        if doc is not None:
            dated.append((doc.date, ref.record.id, ref.record, doc))
    dated.sort(key=lambda item: (item[0], item[1]), reverse=True)
    ET.SubElement(root, f"{{{ATOM}}}title").text = f"Công nhận, khen thưởng — {ds.site.record.title}"
    ET.SubElement(root, f"{{{ATOM}}}id").text = "tag:bontot,2024:khen-thuong"
    ET.SubElement(root, f"{{{ATOM}}}updated").text = _stamp(dated[0][0]) if dated else "2024-01-01T00:00:00+07:00"
    ET.SubElement(root, f"{{{ATOM}}}link", {"rel": "self", "href": "feed.xml"})
    ET.SubElement(root, f"{{{ATOM}}}link", {"rel": "alternate", "type": "text/html", "href": "./"})
    author = ET.SubElement(root, f"{{{ATOM}}}author")
    corporation = ds.unit.get(ds.site.record.corporation)
    ET.SubElement(author, f"{{{ATOM}}}name").text = corporation.name if corporation else ds.site.record.title
    for day, decision_id, decision, doc in dated:
        entry = ET.SubElement(root, f"{{{ATOM}}}entry")
        issuer = ds.unit.get(decision.issuer)
        # As the decision's page is titled: its type and number, then the excerpt (the kind is in the excerpt already).
        ET.SubElement(entry, f"{{{ATOM}}}title").text = f"{DOC_TYPE_NAMES[doc.type]} số {doc.number}: {doc.title}"
        ET.SubElement(entry, f"{{{ATOM}}}id").text = f"tag:bontot,2024:khen-thuong/{decision_id}"
        ET.SubElement(entry, f"{{{ATOM}}}updated").text = _stamp(day)
        ET.SubElement(entry, f"{{{ATOM}}}published").text = _stamp(day)
        href = urls.published(urls.decision(decision_id)).removeprefix(f"{urls.DECISIONS_DIR}/")
        ET.SubElement(entry, f"{{{ATOM}}}link", {"rel": "alternate", "type": "text/html", "href": href})
        people = len(decision.individuals)
        summary = (
            f"{body_name(issuer.name if issuer else decision.issuer, decision.issuer_body)}, {OCCASION_NAMES[decision.occasion].lower()} "
            f"năm {decision.year}: {len(decision.collectives)} tập thể, {people} cá nhân."
        )
        ET.SubElement(entry, f"{{{ATOM}}}summary").text = summary
    ET.indent(root)
    body: bytes = ET.tostring(root, encoding="utf-8")
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + body + b"\n"
