"""``ask``, ``eval``, ``kb check`` and ``kb show``: the knowledge base from the command line."""

from __future__ import annotations

import argparse
import json
import logging
import os
import re
import sys
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from knowledge import (
    DEFAULT_DIR,
    Answer,
    Context,
    KnowledgeBase,
    KnowledgeError,
    Library,
    build_knowledge,
    build_library,
)
from knowledge.build import parsed_by_reader, text_paragraphs
from knowledge.documents import table_sentences
from knowledge.readers import ReadError, read_document
from knowledge.text import normalize

REFUSAL_MARK = "没有找到"
SHOW_DROPPED = 8  # a 441-page report has a running header per chapter


def default_dir() -> Path:
    """KNOWLEDGE_DIR if set, else the shipped reports."""
    env = os.environ.get("KNOWLEDGE_DIR")
    return Path(env) if env else DEFAULT_DIR


def _build(folder: Path | None, cache_dir: Path | None = None) -> KnowledgeBase:
    # jieba announces its dictionary loading on stderr at DEBUG; a CLI user does not need it.
    logging.getLogger("jieba").setLevel(logging.WARNING)
    return build_knowledge(folder or default_dir(), cache_dir=cache_dir)


def _library(folder: Path | None, cache_dir: Path | None = None) -> Library:
    logging.getLogger("jieba").setLevel(logging.WARNING)
    return build_library(folder or default_dir(), cache_dir=cache_dir)


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add the ``ask``, ``eval`` and ``kb`` subcommands."""
    ask = subparsers.add_parser("ask", help="answer one question from the knowledge")
    ask.add_argument("question")
    ask.add_argument("--knowledge", type=Path, default=None, help="knowledge folder")
    ask.add_argument("--json", action="store_true", help="print the full answer as JSON")
    ask.set_defaults(func=cmd_ask)

    ev = subparsers.add_parser("eval", help="score a QA file (JSON lines of dialogues)")
    ev.add_argument("file", type=Path)
    ev.add_argument("--knowledge", type=Path, default=None, help="knowledge folder")
    ev.add_argument("-v", "--verbose", action="store_true", help="print failing turns")
    ev.set_defaults(func=cmd_eval)

    kb = subparsers.add_parser("kb", help="knowledge base maintenance")
    kb_sub = kb.add_subparsers(dest="kb_command", required=True)
    check = kb_sub.add_parser("check", help="build the knowledge and report what was found")
    check.add_argument("dir", nargs="?", type=Path, default=None)
    check.set_defaults(func=cmd_kb_check)
    show = kb_sub.add_parser("show", help="print what the bot reads from one document")
    show.add_argument("file", type=Path)
    show.add_argument("--page", type=int, default=None, help="only this (1-based) PDF page")
    show.set_defaults(func=cmd_kb_show)
    facts = kb_sub.add_parser("facts", help="list the figures the tables state, as facts")
    facts.add_argument("dir", nargs="?", type=Path, default=None)
    facts.add_argument("--metric", default=None,
                       help="only this metric (a standard item such as 营业收入, or a row label)")
    facts.add_argument("--cache", type=Path, default=None, help="parse cache folder")
    facts.set_defaults(func=cmd_kb_facts)


def cmd_ask(args: argparse.Namespace) -> int:
    """Print one answer with its sources and scores."""
    try:
        kb = _library(args.knowledge)
    except KnowledgeError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    answer = kb.answer(args.question)
    if args.json:
        print(json.dumps(answer.to_dict(), ensure_ascii=False, indent=2))
        return 0
    print(answer.text)
    print(
        f"\n[{answer.kind}] confidence={answer.confidence:.2f} "
        f"metric={answer.metric} entity={answer.entity} period={answer.period}"
    )
    for passage, score in answer.matches:
        page = f" p.{passage.page}" if passage.page is not None else ""
        print(f"  {score:7.3f}  {passage.document}#{passage.position}{page} {passage.text[:60]}")
    return 0


# --- eval ---------------------------------------------------------------------------------
class EvalInputError(ValueError):
    """A QA file line that is not a dialogue; carries the line number."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(f"line {line}: {message}")
        self.line = line


@dataclass
class Turn:
    """One question with the rules of ../eval/README.md."""

    q: str
    expect: list[list[str]] = field(default_factory=list)
    forbid: list[str] = field(default_factory=list)
    reject: bool = False


@dataclass
class Dialogue:
    id: str
    cat: str
    turns: list[Turn]


def _strings(value: Any, what: str, line: int) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise EvalInputError(line, f"{what} must be a list of strings")
    return list(value)


def load_dialogues(path: Path) -> list[Dialogue]:
    """Parse a QA file; raises EvalInputError with the line number on malformed input."""
    out: list[Dialogue] = []
    for number, raw in enumerate(path.read_text(encoding="utf-8-sig").splitlines(), 1):
        if not raw.strip():
            continue
        try:
            obj = json.loads(raw)
        except json.JSONDecodeError as exc:
            raise EvalInputError(number, f"invalid JSON ({exc.msg})") from exc
        if not isinstance(obj, dict) or not isinstance(obj.get("turns"), list) or not obj["turns"]:
            raise EvalInputError(number, "expected an object with a non-empty 'turns' list")
        turns = []
        for t in obj["turns"]:
            if not isinstance(t, dict) or not isinstance(t.get("q"), str):
                raise EvalInputError(number, "each turn needs a string 'q'")
            expect = t.get("expect", [])
            if not isinstance(expect, list):
                raise EvalInputError(number, "'expect' must be a list of lists")
            turns.append(
                Turn(
                    q=t["q"],
                    expect=[_strings(g, "each expect group", number) for g in expect],
                    forbid=_strings(t.get("forbid", []), "'forbid'", number),
                    reject=bool(t.get("reject", False)),
                )
            )
        out.append(
            Dialogue(str(obj.get("id", f"line-{number}")), str(obj.get("cat", "other")), turns)
        )
    return out


def _contains(reply: str, needle: str) -> bool:
    if needle.startswith("re:"):
        return re.search(needle[3:], reply) is not None
    return needle in reply


def turn_failures(turn: Turn, reply: str) -> list[str]:
    """Why a reply fails a turn (empty when it passes)."""
    why = []
    for group in turn.expect:
        if not any(_contains(reply, s) for s in group):
            why.append(f"missing one of {group}")
    for s in turn.forbid:
        if _contains(reply, s):
            why.append(f"contains forbidden {s!r}")
    if turn.reject and REFUSAL_MARK not in reply:
        why.append(f"should say {REFUSAL_MARK}")
    if turn.expect and not turn.reject and REFUSAL_MARK in reply:
        why.append("refused a question that has an answer")
    return why


def run_dialogue(kb: KnowledgeBase | Library, dialogue: Dialogue) -> Iterator[tuple[Turn, Answer]]:
    """Ask a dialogue's turns in order, passing each answer's context to the next turn."""
    context: Context | None = None
    for turn in dialogue.turns:
        answer = kb.answer(turn.q, context)
        context = answer.context
        yield turn, answer


OnFailure = Callable[[Dialogue, int, Turn, Answer, list[str]], None]


def score_dialogues(kb: KnowledgeBase | Library, dialogues: list[Dialogue],
                    on_failure: OnFailure | None = None
                    ) -> tuple[int, int, dict[str, list[int]]]:
    """(turns passed, turns, per category [passed, turns]) by the rules of ``eval``;
    ``on_failure`` hears of each failing turn (dialogue, turn number, turn, answer, why)."""
    per_cat: dict[str, list[int]] = {}
    passed = total = 0
    for dialogue in dialogues:
        counts = per_cat.setdefault(dialogue.cat, [0, 0])
        for i, (turn, answer) in enumerate(run_dialogue(kb, dialogue), 1):
            why = turn_failures(turn, answer.text)
            counts[1] += 1
            total += 1
            if not why:
                counts[0] += 1
                passed += 1
            elif on_failure is not None:
                on_failure(dialogue, i, turn, answer, why)
    return passed, total, per_cat


def _print_failure(dialogue: Dialogue, i: int, turn: Turn, answer: Answer,
                   why: list[str]) -> None:
    print(f"FAIL {dialogue.id} turn {i}: {turn.q}")
    print(f"  reply: {answer.text.replace(chr(10), ' / ')}")
    print(f"  why: {'; '.join(why)}")


def cmd_eval(args: argparse.Namespace) -> int:
    """Score a QA file: one line per category, then ``qa: N/M turns passed (P%)``."""
    try:
        dialogues = load_dialogues(args.file)
    except (EvalInputError, OSError, UnicodeDecodeError) as exc:
        print(f"error: {args.file}: {exc}", file=sys.stderr)
        return 2
    try:
        kb = _library(args.knowledge)
    except KnowledgeError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    passed, total, per_cat = score_dialogues(kb, dialogues, _print_failure if args.verbose
                                             else None)
    for cat, (ok, n) in per_cat.items():
        print(f"{cat}: {ok}/{n}")
    pct = 100.0 * passed / total if total else 0.0
    print(f"qa: {passed}/{total} turns passed ({pct:.1f}%)")
    return 0


# --- kb check -------------------------------------------------------------------------------
def cmd_kb_check(args: argparse.Namespace) -> int:
    """Build the knowledge and print what it holds; exit 1 on any problem."""
    folder = args.dir or default_dir()
    try:
        library = _library(folder)
    except KnowledgeError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    stats = library.stats
    print(f"knowledge: {folder}")
    print(f"version: {library.version}  built in {library.build_seconds:.2f}s")
    print(f"documents: {stats['documents']} ({', '.join(library.documents)})")
    for key in ("passages", "dictionary", "synonyms", "figures", "faq", "names"):
        print(f"{key}: {stats.get(key, 0)}")
    print(f"companies: {len(library.shelves)}")
    for shelf in library.shelves:
        kb = shelf.kb
        print(f"* {shelf.name if shelf.identity.name else '(company not read)'}")
        for doc in shelf.documents:
            print(f"    {doc}: {shelf.identities[doc].label}")
        print(f"  figures found, e.g.: {', '.join(kb.sample_figures(8)) or '-'}")
        _print_reports(kb)
        print(f"  about: {', '.join(kb.scope_names) or '-'}")
    print("examples:")
    for q in library.examples(3):
        print(f"  {q}")
    if library.warnings:
        print("warnings:")
        for warning in library.warnings:
            print(f"  {warning}")
    return 0


def _print_reports(kb: KnowledgeBase) -> None:
    """One block per document: format, pages, passages, tables, figures, dropped, warnings."""
    passages = Counter(p.document for p in kb.passages)
    for report in kb.reports:
        if report.error is not None:
            print(f"- {report.name} [{report.format}] NOT READ: {report.error}")
            continue
        pages = f", {report.pages} page{'s' if report.pages != 1 else ''}" if report.pages else ""
        print(f"- {report.name} [{report.format}{pages}]: {passages[report.name]} passages, "
              f"{report.tables} tables, {report.figures} figures in tables")
        for item in report.dropped[:SHOW_DROPPED]:
            print(f"    dropped: {item}")
        if len(report.dropped) > SHOW_DROPPED:
            print(f"    dropped: … and {len(report.dropped) - SHOW_DROPPED} more running headers")
        for warning in report.warnings:
            print(f"    warning: {warning}")


# --- kb facts -------------------------------------------------------------------------------
def cmd_kb_facts(args: argparse.Namespace) -> int:
    """One line per fact: metric [item] period value unit basis — source."""
    folder = args.dir or default_dir()
    try:
        kb = _build(folder, args.cache)
    except KnowledgeError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    wanted = normalize(args.metric) if args.metric else None
    shown = 0
    for fact in kb.facts:
        if wanted is not None and wanted not in (fact.metric, fact.item):
            continue
        shown += 1
        item = f" [{fact.item}]" if fact.item and fact.item != fact.metric else ""
        kind = " 增减" if fact.change else " 占比" if fact.share else ""
        basis = f" ({'，'.join(fact.basis)})" if fact.basis else ""
        page = f" 第{fact.page}页" if fact.page is not None else ""
        print(f"{fact.metric}{item}\t{fact.period.key}{kind}\t{fact.value}\t{fact.unit or '-'}"
              f"{basis}\t{fact.document}{page} · {fact.heading} · {fact.column}")
    periods = ", ".join(f"{d}: {p.key}" for d, p in kb.facts.periods.items())
    print(f"facts: {shown} of {len(kb.facts)}; report periods: {periods or '-'}")
    return 0


# --- kb show --------------------------------------------------------------------------------
def cmd_kb_show(args: argparse.Namespace) -> int:
    """Print one document (or one page of it) as the bot reads it: sections, paragraphs and
    each table row as the sentence the bot will quote."""
    path: Path = args.file
    if not path.is_file():
        print(f"error: {path}: no such file", file=sys.stderr)
        return 1
    if not parsed_by_reader(path):  # Markdown or text written by hand
        if args.page is not None:
            print(f"error: {path.name} has no pages", file=sys.stderr)
            return 1
        try:
            title, paras = text_paragraphs(path)
        except KnowledgeError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 1
        print(f"{path.name}: {title}")
        heading = None
        for para in paras:
            if para.heading != heading:
                heading = para.heading
                print(f"\n## {heading}")
            print(para.text)
        return 0
    try:
        doc = read_document(path)
    except ReadError as exc:
        print(f"error: {path.name}: {exc.message}", file=sys.stderr)
        return 1
    if args.page is not None and not 1 <= args.page <= max(doc.pages, 1):
        print(f"error: {path.name} has {doc.pages} pages", file=sys.stderr)
        return 1
    print(f"{doc.name} [{doc.format}, {doc.pages} pages, {len(doc.tables)} tables]")
    for warning in doc.warnings:
        print(f"warning: {warning}")
    for item in doc.dropped:
        print(f"dropped: {item}")
    page = None
    for block in doc.blocks:
        if args.page is not None and block.page != args.page:
            continue
        if block.page != page and block.page is not None:
            page = block.page
            print(f"\n--- 第{page}页")
        if block.kind == "heading":
            print(f"{'#' * min(block.level + 1, 6)} {block.text}")
        elif block.table is not None:
            t = block.table
            kind = "key/value table" if t.key_value else "table"
            print(f"[{kind}] {t.caption}" + (f"（单位：{t.unit}）" if t.unit else ""))
            if t.header:
                print("  columns: " + " | ".join(t.header))
            for sentence in table_sentences(t):
                print(f"  {sentence}")
        else:
            print(block.text)
    return 0
