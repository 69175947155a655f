"""Property-based tests (hypothesis, derandomized so every run tries the same examples).

1. Random valid records — names, positions, achievements and notes drawn from Vietnamese letters, digits and every
   Markdown/HTML special — always pass `check`, and each appears literally in the HTML that Python-Markdown (with
   the extensions of mkdocs.yml) makes of its page; no element appears that plain text would not have made.
2. Random damage to valid files — a line deleted, duplicated, re-indented, a value replaced, the file cut short
   (also inside a UTF-8 sequence), bytes inserted — never makes `bontot check` raise: it exits 0 or 1 and prints
   only well-formed problem lines; when it exits 0, every page still renders.
"""

from __future__ import annotations

import contextlib
import io
import json
import re
import shutil
import tempfile
import unicodedata
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import markdown
import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from generator.cli import main
from generator.core.problems import has_errors
from generator.core.slugs import toc_slugify
from generator.pages.generate import render_site
from generator.rules.check import check

TESTS = Path(__file__).resolve().parent
MINIMAL = TESTS / "fixtures" / "minimal"
UNIT_IDS = ["dang-uy-tkv", "dang-uy-tct", "db-mau", "cb-mau-van-hanh", "cb-mau-sua-chua", "dbbp-mau-nhien-lieu",
            "cb-mau-nhien-lieu-ca-1", "cb-co-quan"]
PROBLEM = re.compile(r"^.+:[1-9][0-9]*:[1-9][0-9]*: (error|warning): .+ \[[A-Z0-9]+\]$")

# --- the alphabet ----------------------------------------------------------------------------------------------

_TONES = "\u0300\u0301\u0309\u0303\u0323"
_BASES = "aăâeêioôơuưy"
_VOWELS = "".join(unicodedata.normalize("NFC", b + t) for b in _BASES for t in ("", *_TONES))
_LETTERS = _VOWELS + "bcdđghklmnpqrstvx"
LETTERS = _LETTERS + _LETTERS.upper()
SPECIALS = "<>&\"'`*_[](){}#|!~^=+-.:;,?/\\@%$“”‘’…–—"
ALPHABET = LETTERS + "0123456789" + SPECIALS + "      \t"
assert all(unicodedata.is_normalized("NFC", c) for c in ALPHABET)

# Text a person might type, with the pieces that are most likely to become markup mixed in as whole words.
_PIECES = st.sampled_from([
    "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "javascript:alert(1)", "{{ 7*7 }}", "{% raw %}", "&amp;",
    "&#60;", "<!--", "-->", "**đậm**", "_nghiêng_", "[liên kết](javascript:alert(1))", "![ảnh](x)", "`mã`", "~~gạch~~",
    "{: onclick=x }", "{ #id .class }", "<https://example.com>", "\\*", "---", "***", "1.", "- ", "> ", "# ", "| a | b |",
    ":", "!!! note", "<div markdown>", "</div>", "&", "<", ">",
])
_WORD = st.one_of(st.text(ALPHABET, min_size=1, max_size=12), _PIECES)


def _line(max_words: int) -> st.SearchStrategy[str]:
    return st.lists(_WORD, min_size=1, max_size=max_words).map(" ".join).filter(lambda s: bool(s.strip()))


NAMES = _line(8).filter(lambda s: len(s) <= 300)
# Notes: several lines, any of which may start with spaces, `---`, `#`, `>`, a number and a dot.
NOTES = st.lists(st.tuples(st.sampled_from(["", " ", "    ", "\t"]), _line(6)), min_size=1, max_size=5).map(
    lambda lines: "\n".join(indent + text for indent, text in lines)).filter(lambda s: bool(s.strip()) and len(s) <= 4000)


def flat(text: str) -> str:
    return " ".join(text.split())


def _q(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


# --- Markdown as MkDocs renders it -------------------------------------------------------------------------------


class _AnyTag(yaml.SafeLoader):
    pass


_AnyTag.add_multi_constructor("", lambda loader, suffix, node: None)
_CONFIG = yaml.load((TESTS.parent / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_AnyTag)  # every tag becomes None


def _markdown() -> markdown.Markdown:
    """Python-Markdown with the extensions and options of mkdocs.yml (the toc slugify hook is the project's own)."""
    names, configs = [], {}
    for entry in _CONFIG["markdown_extensions"]:
        name, options = next(iter(entry.items())) if isinstance(entry, dict) else (entry, {})
        names.append(name)
        if name == "toc":
            options = {**options, "slugify": toc_slugify}
        configs[name] = options or {}
    return markdown.Markdown(extensions=names, extension_configs=configs)


def _page_html(source: bytes) -> str:
    text = source.decode("utf-8")
    if text.startswith("---\n"):  # front matter, which MkDocs strips before Markdown
        text = text.split("\n---\n", 1)[1]
    return _markdown().convert(text)


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: Counter[str] = Counter()
        self.text: list[str] = []
        self.bad: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags[tag] += 1
        self.bad += [f"<{tag} {k}>" for k, v in attrs if k.startswith("on") or (v or "").strip().lower().startswith("javascript:")]

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    def handle_comment(self, data: str) -> None:
        self.tags["<!---->"] += 1


def _parse(html_text: str) -> _Page:
    page = _Page()
    page.feed(html_text)
    return page


# Elements that text can never add (line breaks from newlines in notes are expected; paragraphs too).
_BLOCKS = {"a", "blockquote", "code", "dd", "del", "div", "dl", "dt", "em", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "img", "li",
           "ol", "pre", "script", "strong", "table", "td", "th", "tr", "ul", "<!---->"}


# --- 1. valid records render literally ---------------------------------------------------------------------------


def _write_records(data: Path, names: list[str], person: tuple[str, str, str], note: str) -> None:
    units = (data / "units.yaml").read_text(encoding="utf-8")
    originals = re.findall(r"^    name: (.+)$", units, flags=re.MULTILINE)
    assert len(originals) == len(names)
    for old, new in zip(originals, names, strict=True):
        units = units.replace(f"    name: {old}\n", f"    name: {_q(new)}\n", 1)
    (data / "units.yaml").write_text(units, encoding="utf-8")
    name, position, achievement = person
    decision = data / "decisions" / "cong-nhan-2024-dang-uy-tct.yaml"
    # A recognition lists organisations only (BT19): the people go on a commendation, so the decision becomes one.
    text = decision.read_text(encoding="utf-8").replace("kind: cong-nhan\n", "kind: tuyen-duong\n")
    decision.write_text(text + f"individuals:\n  - name: {_q(name)}\n    position: {_q(position)}\n"
                        f"    unit: cb-co-quan\n    achievement: {_q(achievement)}\nnote: {_q(note)}\n", encoding="utf-8")
    assessments = data / "assessments" / "2024.yaml"
    text = assessments.read_text(encoding="utf-8")
    assessments.write_text(text.replace("note: Chưa duy trì đều sinh hoạt chuyên đề.", f"note: {_q(note)}", 1), encoding="utf-8")


def _render(names: list[str], person: tuple[str, str, str], note: str) -> tuple[Any, dict[str, bytes]]:
    with tempfile.TemporaryDirectory() as folder:
        data = Path(folder) / "data"
        shutil.copytree(MINIMAL, data)
        _write_records(data, names, person, note)
        dataset, problems = check(data)
    assert dataset is not None and not has_errors(problems), [p.format() for p in problems]
    return dataset, render_site(dataset)


_PLAIN = _render([f"Đơn vị {n}" for n in range(len(UNIT_IDS))], ("Người", "Chức vụ", "Thành tích"), "Ghi chú")[1]


@settings(max_examples=40, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
@given(names=st.lists(NAMES, min_size=len(UNIT_IDS), max_size=len(UNIT_IDS), unique_by=flat),
       person=st.tuples(NAMES, NAMES, NOTES), note=NOTES)
def test_valid_records_pass_check_and_show_literally(names: list[str], person: tuple[str, str, str], note: str) -> None:
    dataset, files = _render(names, person, note)
    shown_names = {ref.record.id: ref.record.name for ref in dataset.units}
    for uid in UNIT_IDS:
        page = _parse(_page_html(files[f"don-vi/{uid}.md"]))
        text = flat(" ".join(page.text))
        assert flat(shown_names[uid]) in text, (uid, shown_names[uid])
        assert not page.bad
        baseline = _parse(_page_html(_PLAIN[f"don-vi/{uid}.md"]))
        extra = {t: (baseline.tags[t], page.tags[t]) for t in _BLOCKS if baseline.tags[t] != page.tags[t]}
        assert not extra, (uid, extra)
    tree = flat(" ".join(_parse(_page_html(files["don-vi/index.md"])).text))
    assert all(flat(n) in tree for n in names)
    decision = _parse(_page_html(files["khen-thuong/cong-nhan-2024-dang-uy-tct.md"]))
    text = flat(" ".join(decision.text))
    assert all(flat(s) in text for s in (*person, note))
    assert not decision.bad
    baseline = _parse(_page_html(_PLAIN["khen-thuong/cong-nhan-2024-dang-uy-tct.md"]))
    assert {t: decision.tags[t] for t in _BLOCKS} == {t: baseline.tags[t] for t in _BLOCKS}
    unit_page = _parse(_page_html(files["don-vi/cb-mau-sua-chua.md"]))
    assert flat(note) in flat(" ".join(unit_page.text))


# --- 2. damaged files never make check raise ----------------------------------------------------------------------

_FILES = sorted(p.relative_to(MINIMAL).as_posix() for p in MINIMAL.rglob("*.yaml"))
_TOKENS = st.sampled_from([
    "", "~", "null", "[", "]", "{", "}", "[]", "{}", "&a", "*a", "&a [1]", "!!python/object/apply:os.system ['true']", "!x y", "'",
    '"', "'unclosed", "- ", "-", ":", ": :", "? x", "|", ">", "|-\n  x", "2024-13-40", "2024-02-29", "1e999", ".inf", "-.nan",
    "9" * 5000, "-1", "0", "0x1f", "0o17", "1_000", "no", "yes", "on", "true", "FALSE", "2024.0", "\t", "x\ty", "#", "%", "@",
    "`", "<<: *a", "dat", "khong-dat", "cb-co-quan", "db-mau", "dang-uy-tkv", "1288-kh-du", "chi-bo", "dang-uy", "tot", "kha",
    "chi-bo-bon-tot", "dang-bo-co-so-bon-tot", "cong-nhan", "tong-ket", "so-ket", "ban-thuong-vu", "1930", "2100", "2101",
    "\u200b", "\u202e", "\u2028", "ệ", "<script>", "{{ x }}", "x" * 400, "a: b: c",
])


_JUNK = [b"\xff", b"\xc3", b"\x00", b"\t", b"\r", b"\xef\xbb\xbf", b"\x1b", b"\xe2\x80\xa8", b"\n---\n"]
Damage = tuple[str, int, Any]  # (kind, where, argument)


@st.composite
def _damage(draw: st.DrawFn) -> tuple[str, list[Damage]]:
    """A file of the minimal fixture and one to three changes to make to it, as plain data (readable when shrunk)."""
    name = draw(st.sampled_from(_FILES))
    steps: list[Damage] = []
    for _ in range(draw(st.integers(1, 3))):
        kind = draw(st.sampled_from(["delete", "duplicate", "swap", "indent", "value", "truncate", "bytes"]))
        argument: Any = None
        if kind == "indent":
            argument = draw(st.sampled_from([-4, -2, -1, 1, 2, 4]))
        elif kind == "value":
            argument = draw(st.one_of(_TOKENS, st.text(ALPHABET + "\n:-[]{}'\"&*!|>%@`#", max_size=20)))
        elif kind == "bytes":
            argument = draw(st.sampled_from(_JUNK))
        steps.append((kind, draw(st.integers(0, 10_000)), argument))
    return name, steps


def _apply(raw: bytes, damage: Damage) -> bytes:
    kind, where, argument = damage
    if kind == "truncate":
        return raw[: where % (len(raw) + 1)]  # may cut a UTF-8 sequence in two
    if kind == "bytes":
        cut = where % (len(raw) + 1)
        return raw[:cut] + argument + raw[cut:]
    lines = raw.splitlines(keepends=True)
    if not lines:
        return raw
    i = where % len(lines)
    if kind == "delete":
        del lines[i]
    elif kind == "duplicate":
        lines.insert(i, lines[i])
    elif kind == "swap" and i + 1 < len(lines):
        lines[i], lines[i + 1] = lines[i + 1], lines[i]
    elif kind == "indent":
        stripped = lines[i].lstrip(b" ")
        lines[i] = b" " * max(0, len(lines[i]) - len(stripped) + argument) + stripped
    elif kind == "value":
        lines[i] = _replace_value(lines[i], argument)
    return b"".join(lines)


def _check(data: Path, *options: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["check", "--data", str(data), *options])
    return code, out.getvalue(), err.getvalue()


def _replace_value(line: bytes, token: str) -> bytes:
    text = line.decode("utf-8", errors="surrogateescape")
    match = re.match(r"^(\s*(?:- )?[\w-]+:\s?|\s*- )", text)
    head = match.group(1) if match else ""
    return (head + token + "\n").encode("utf-8", errors="surrogateescape")


@settings(max_examples=150, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
@given(damage=_damage())
def test_damaged_files_never_make_check_raise(damage: tuple[str, list[Damage]]) -> None:
    name, steps = damage
    with tempfile.TemporaryDirectory() as folder:
        data = Path(folder) / "data"
        shutil.copytree(MINIMAL, data)
        raw = (data / name).read_bytes()
        for step in steps:
            raw = _apply(raw, step)
        (data / name).write_bytes(raw)
        code, out, err = _check(data)
        assert code in (0, 1)
        event(f"exit {code}")  # --hypothesis-show-statistics: how many damaged files stay valid
        assert err.strip().splitlines()[-1].startswith(("Tìm thấy", "Dữ liệu hợp lệ"))
        json_code, json_out, _ = _check(data, "--format", "json")
        problems = json.loads(json_out)["problems"]
        assert json_code == code and (code == 1) == any(p["level"] == "error" for p in problems)
        assert all(p["line"] >= 1 and p["column"] >= 1 and p["message"] and p["rule"] and p["path"] for p in problems)
        # One line per problem, whatever a message quotes (Problem.format joins its lines).
        assert all(PROBLEM.match(line) for line in out.splitlines()), out
        assert len(out.splitlines()) == len(problems)
        if code == 0:
            dataset, _ = check(data)
            assert dataset is not None
            render_site(dataset)  # valid-but-odd data still renders
