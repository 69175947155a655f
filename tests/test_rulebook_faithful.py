"""data/rulebook.yaml says what plan 1288-KH/ĐU says, word for word.

The plan text (data/texts/1288-kh-du.txt, the project's own copy of the plan) is parsed independently of
the generator: every bullet of sections II.1 and II.2 must be an indicator of the matching criterion,
in the same order, and the rulebook may hold nothing the plan does not. Criterion titles, lead
sentences (intro), closing paragraphs and the scope footnotes (2, 3) are compared too.

The plan was converted from a printed document; two kinds of artefacts are handled here:

- page breaks split a bullet over a blank line: a line that is not a bullet, a heading or a footnote
  continues the previous bullet when that bullet has not ended with ".", ";" or ":";
- misprints and markup in the source are corrected by ERRATA, applied to the parsed text; every
  erratum must still match the plan, so a corrected source makes the test say so.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.records.models import Rulebook

PLAN = Path(__file__).resolve().parents[1] / "data" / "texts" / "1288-kh-du.txt"
RULEBOOK = Path(__file__).resolve().parents[1] / "data" / "rulebook.yaml"

# Source text -> corrected text, applied to each parsed bullet, lead sentence, closing and footnote.
ERRATA: dict[str, str] = {
    # II.2.4, fourth bullet: after the page break the source reads "phê binh" (missing tone mark).
    "tự phê bình và phê binh,": "tự phê bình và phê bình,",
    # II.2.1, second bullet: the source wraps the parenthesis in Markdown asterisks (italics).
    "(*phù hợp theo chức năng, nhiệm vụ của tổ chức cơ sở đảng trong từng loại hình doanh nghiệp, cơ quan, đơn vị*)": (
        "(phù hợp theo chức năng, nhiệm vụ của tổ chức cơ sở đảng trong từng loại hình doanh nghiệp, cơ quan, đơn vị)"
    ),
    # Footnote 3: "đảng bộ sở" is a misprint for "đảng bộ cơ sở" (the heading it annotates says "đảng bộ cơ sở").
    "Đối tượng thực hiện là các đảng bộ sở,": "Đối tượng thực hiện là các đảng bộ cơ sở,",
}

FOOTNOTE_MARKS = "¹²³⁴⁵⁶⁷⁸⁹"
HEADING = re.compile(r"^(?:\d+\.)+\s")  # "1. Tiêu chí…", "1.1. Hoàn thành…", "3. Về đánh giá…"
CRITERION_HEADING = re.compile(r"^(\d)\.(\d)\.\s+(.+)$")
MODEL_HEADING = re.compile(r"^(\d)\.\s+Tiêu chí mô hình “(.+)”([" + FOOTNOTE_MARKS + r"]?)$")

SECTION_START = "1. Tiêu chí mô hình “chi bộ bốn tốt”"
SECTION_MIDDLE = "2. Tiêu chí mô hình"
SECTION_END = "3. Về đánh giá, xếp loại"

EXPECTED_CRITERIA = ["1.1", "1.2", "1.3", "1.4", "2.1", "2.2", "2.3", "2.4"]
MODEL_OF_SECTION = {"1": "chi-bo-bon-tot", "2": "dang-bo-co-so-bon-tot"}


@dataclass
class PlanCriterion:
    """One criterion as printed in the plan."""

    key: str  # "1.4"
    title: str
    intro: str | None = None
    bullets: list[str] = field(default_factory=list)
    closing: str | None = None


@dataclass
class PlanModel:
    """One model heading of section II with its footnote mark."""

    number: str
    name: str
    footnote: str


@dataclass
class Plan:
    models: dict[str, PlanModel]
    criteria: dict[str, PlanCriterion]
    footnotes: dict[str, str]
    errata_used: set[str]


def _ends_sentence(text: str) -> bool:
    return text.rstrip().endswith((".", ";", ":"))


def parse_plan(text: str, errata: dict[str, str] = ERRATA) -> Plan:
    """Parse sections II.1 and II.2 of the plan into models, criteria and footnotes."""
    lines = [line.strip() for line in text.splitlines()]
    footnotes = {line[0]: line[1:].strip() for line in lines if line and line[0] in FOOTNOTE_MARKS}

    def index_of(prefix: str, start: int = 0) -> int:
        for i in range(start, len(lines)):
            if lines[i].startswith(prefix):
                return i
        raise AssertionError(f"không tìm thấy dòng bắt đầu bằng {prefix!r} trong {PLAN}")

    begin = index_of(SECTION_START)
    index_of(SECTION_MIDDLE, begin + 1)  # both models must be there
    end = index_of(SECTION_END, begin + 1)

    models: dict[str, PlanModel] = {}
    criteria: dict[str, PlanCriterion] = {}
    current: PlanCriterion | None = None
    for line in lines[begin:end]:
        if not line or line[0] in FOOTNOTE_MARKS:
            continue
        model_match = MODEL_HEADING.match(line)
        criterion_match = CRITERION_HEADING.match(line)
        if model_match:
            number, name, mark = model_match.groups()
            models[number] = PlanModel(number, name, mark)
            current = None
        elif criterion_match:
            key = f"{criterion_match[1]}.{criterion_match[2]}"
            current = criteria[key] = PlanCriterion(key, criterion_match[3].strip())
        elif HEADING.match(line):
            raise AssertionError(f"tiêu đề không nhận ra trong mục II.1–II.2 của kế hoạch: {line!r}")
        elif current is None:
            raise AssertionError(f"đoạn văn nằm ngoài tiêu chí nào: {line!r}")
        elif line.startswith("- "):
            if current.closing is not None:
                raise AssertionError(f"gạch đầu dòng sau đoạn kết của tiêu chí {current.key}: {line!r}")
            current.bullets.append(line[2:].strip())
        elif current.bullets and not _ends_sentence(current.bullets[-1]):
            current.bullets[-1] += " " + line  # page break inside a bullet
        elif not current.bullets:
            if current.intro is not None:
                raise AssertionError(f"tiêu chí {current.key} có hai câu dẫn: {line!r}")
            current.intro = line
        else:
            if current.closing is not None:
                raise AssertionError(f"tiêu chí {current.key} có hai đoạn kết: {line!r}")
            current.closing = line

    used: set[str] = set()

    def fix(value: str) -> str:
        for wrong, right in errata.items():
            if wrong in value:
                used.add(wrong)
                value = value.replace(wrong, right)
        return value

    for criterion in criteria.values():
        criterion.bullets = [fix(b) for b in criterion.bullets]
        criterion.intro = fix(criterion.intro) if criterion.intro else None
        criterion.closing = fix(criterion.closing) if criterion.closing else None
    footnotes = {mark: fix(note) for mark, note in footnotes.items()}
    return Plan(models, criteria, footnotes, used)


# --- fixtures ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def plan() -> Plan:
    if not PLAN.is_file():
        pytest.fail(
            f"Không tìm thấy bản kế hoạch {PLAN}. Bài kiểm tra này so data/rulebook.yaml với nguyên văn "
            "Kế hoạch 1288-KH/ĐU; bản chép của kế hoạch phải nằm trong dự án ở data/texts/1288-kh-du.txt.",
            pytrace=False,
        )
    return parse_plan(PLAN.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def rulebook() -> dict[str, Any]:
    with RULEBOOK.open(encoding="utf-8") as handle:
        data: dict[str, Any] = yaml.safe_load(handle)
    return data


def _criterion(rulebook: dict[str, Any], key: str) -> dict[str, Any]:
    section, number = key.split(".")
    model = next(m for m in rulebook["models"] if m["id"] == MODEL_OF_SECTION[section])
    matches: list[dict[str, Any]] = [c for c in model["criteria"] if c["number"] == int(number)]
    assert len(matches) == 1, f"mô hình {model['id']} phải có đúng một tiêu chí số {number}, có {len(matches)}"
    return matches[0]


def _closest(text: str, candidates: list[str], text_from: str, candidates_from: str) -> str:
    """The candidate nearest to text, as a character diff, so a one-letter difference shows."""
    best = difflib.get_close_matches(text, candidates, n=1, cutoff=0.0)
    if not best:
        return f"  ({candidates_from}: tiêu chí này không có nội dung nào)"
    diff = difflib.ndiff([best[0]], [text])
    return f"  gần nhất (- {candidates_from}, + {text_from}):\n" + "\n".join("    " + d.rstrip() for d in diff)


# --- the parser itself ---------------------------------------------------------------------


def test_parser_joins_page_breaks_and_skips_footnotes() -> None:
    text = "\n".join(
        [
            "1. Tiêu chí mô hình “chi bộ bốn tốt”²",
            "1.1. Một",
            "Câu dẫn, cụ thể:",
            "- Nội dung thứ nhất, bị ngắt",
            "",
            "¹ Chú thích chen giữa trang.",
            "",
            "trang ở đây.",
            "- Nội dung thứ hai phê binh, hết.",
            "Đoạn kết.",
            "2. Tiêu chí mô hình “đảng bộ cơ sở bốn tốt”³",
            "3. Về đánh giá, xếp loại",
        ]
    )
    parsed = parse_plan(text, {"phê binh,": "phê bình,"})
    criterion = parsed.criteria["1.1"]
    assert criterion.intro == "Câu dẫn, cụ thể:"
    assert criterion.bullets == ["Nội dung thứ nhất, bị ngắt trang ở đây.", "Nội dung thứ hai phê bình, hết."]
    assert criterion.closing == "Đoạn kết."
    assert parsed.models["1"].footnote == "²"
    assert parsed.footnotes["¹"] == "Chú thích chen giữa trang."


def test_plan_has_two_models_of_four_criteria(plan: Plan) -> None:
    assert sorted(plan.criteria) == EXPECTED_CRITERIA
    assert all(c.bullets for c in plan.criteria.values()), "mỗi tiêu chí trong kế hoạch phải có ít nhất một gạch đầu dòng"
    assert sorted(plan.models) == ["1", "2"]


def test_every_erratum_still_matches_the_plan(plan: Plan) -> None:
    stale = [wrong for wrong in ERRATA if wrong not in plan.errata_used]
    assert not stale, f"các mục ERRATA không còn khớp với bản kế hoạch (bản gốc đã sửa?), hãy xóa: {stale}"


# --- the rulebook against the plan -----------------------------------------------------------


@pytest.mark.parametrize("key", EXPECTED_CRITERIA)
def test_every_plan_bullet_is_an_indicator(plan: Plan, rulebook: dict[str, Any], key: str) -> None:
    indicators: list[str] = _criterion(rulebook, key)["indicators"]
    missing = [b for b in plan.criteria[key].bullets if b not in indicators]
    if missing:
        report = [f"- {b}\n{_closest(b, indicators, 'kế hoạch', 'rulebook')}" for b in missing]
        pytest.fail(
            f"tiêu chí {key}: {len(missing)} gạch đầu dòng của kế hoạch không có nguyên văn trong data/rulebook.yaml:\n"
            + "\n".join(report),
            pytrace=False,
        )


@pytest.mark.parametrize("key", EXPECTED_CRITERIA)
def test_no_indicator_outside_the_plan(plan: Plan, rulebook: dict[str, Any], key: str) -> None:
    bullets = plan.criteria[key].bullets
    extra = [i for i in _criterion(rulebook, key)["indicators"] if i not in bullets]
    if extra:
        report = [f"- {i}\n{_closest(i, bullets, 'rulebook', 'kế hoạch')}" for i in extra]
        pytest.fail(
            f"tiêu chí {key}: data/rulebook.yaml có nội dung không có trong kế hoạch:\n" + "\n".join(report), pytrace=False
        )


@pytest.mark.parametrize("key", EXPECTED_CRITERIA)
def test_indicators_keep_plan_order(plan: Plan, rulebook: dict[str, Any], key: str) -> None:
    # Only the order of shared items here: a missing or extra text is reported by the two tests above.
    bullets = plan.criteria[key].bullets
    indicators: list[str] = _criterion(rulebook, key)["indicators"]
    shared_in_rulebook = [i for i in indicators if i in bullets]
    shared_in_plan = [b for b in bullets if b in indicators]
    if shared_in_rulebook != shared_in_plan:
        listing = "\n".join(f"  {n}. {b[:70]}…" for n, b in enumerate(shared_in_plan, 1))
        pytest.fail(
            f"tiêu chí {key}: thứ tự hoặc số lần lặp nội dung khác kế hoạch; thứ tự trong kế hoạch:\n{listing}", pytrace=False
        )


@pytest.mark.parametrize("key", EXPECTED_CRITERIA)
def test_title_intro_closing_and_clause(plan: Plan, rulebook: dict[str, Any], key: str) -> None:
    expected = plan.criteria[key]
    actual = _criterion(rulebook, key)
    assert actual["title"] == expected.title, f"tiêu chí {key}: tên khác tiêu đề trong kế hoạch"
    assert actual.get("intro") == expected.intro, f"tiêu chí {key}: câu dẫn khác kế hoạch"
    assert actual.get("closing") == expected.closing, f"tiêu chí {key}: đoạn kết khác kế hoạch"
    assert actual["clause"] == f"II.{key}", f"tiêu chí {key}: mục trong kế hoạch phải là II.{key}"


@pytest.mark.parametrize("number", ["1", "2"])
def test_model_name_clause_and_scope_note(plan: Plan, rulebook: dict[str, Any], number: str) -> None:
    expected = plan.models[number]
    model = next(m for m in rulebook["models"] if m["id"] == MODEL_OF_SECTION[number])
    assert model["name"].casefold() == expected.name.casefold(), f"mô hình {model['id']}: tên khác tiêu đề “{expected.name}”"
    assert model["clause"] == f"II.{number}"
    assert expected.footnote, f"tiêu đề mô hình {number} trong kế hoạch không còn chú thích về đối tượng thực hiện"
    assert model.get("scope_note") == plan.footnotes[expected.footnote], (
        f"mô hình {model['id']}: scope_note phải là nguyên văn chú thích {expected.footnote} của kế hoạch"
    )


def test_rulebook_validates() -> None:
    with RULEBOOK.open(encoding="utf-8") as handle:
        Rulebook.model_validate(yaml.safe_load(handle))
