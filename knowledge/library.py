"""Several companies' reports in one knowledge folder, and never a crossed answer.

Each document knows whose report it is (:mod:`knowledge.identity`); documents of one company
share a *shelf*, one :class:`KnowledgeBase` built from that company's documents alone. A
question is routed before any ranking: the company it names picks the shelf, else the
conversation's company, else — with several companies and none named — the follower is asked
which one, and a reply of just a name answers the waiting question. A shelf can only quote its
own documents, so an answer about one company can never quote another's: the separation is
structural, not a ranking preference.

With one company (or documents whose company cannot be read) there is one shelf and the
library answers exactly as that knowledge base does.
"""

from __future__ import annotations

import hashlib
import itertools
import re
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from knowledge import texts
from knowledge.base import ANSWER_BUDGET, KnowledgeBase
from knowledge.build import (
    build_knowledge,
    company_names,
    document_files,
    document_text,
    parsed_by_reader,
    running_lines,
)
from knowledge.cleaning import MAX_QUESTION
from knowledge.documents import DocumentReport
from knowledge.errors import KnowledgeError
from knowledge.identity import Identity, aliases, override, read_identity
from knowledge.models import Answer, Context, evolve
from knowledge.parsecache import parse_files
from knowledge.text import normalize
from knowledge.tokenizer import SUB

OVERRIDE_FILE = "documents.txt"
_OVERRIDE_RE = re.compile(r"^\s*([^:#]+?)\s*:\s*(.+)$")
_FIELD_RE = re.compile(r"([a-z_]+)\s*=\s*([^;]+)")
# A company's name as a question writes it: characters before 银行, 集团, ….
_ORG_RE = re.compile(r"([\u3400-\u9fff]{2,8}?)(银行|集团|证券|保险|控股|公司)")
_NOT_NAME_RE = re.compile(r"[的是和与及在了对比跟同向给从把被为之、]")
# What ends the words before 银行/公司 without naming one (商业银行, 村镇银行, 子公司, 本集团).
_GENERIC_ORG_RE = re.compile(
    r"(?:商业|村镇|人民|中央|政策性|股份制|外资|民营|城商|农商|开发性|全国性|上市|控股|参股|合营|联营|"
    r"附属|子|母|本|该|其|各|多家|同业|境内|境外|国有|大型|中小|其他|哪家|哪个|哪些|什么|这家|那家|"
    r"基金|信托|资产管理|理财|金融|投资|科技|服务|管理|租赁|消费|分|支|总|股份|有限|责任|一家|两家|"
    r"几家|多少家|家)$")


@dataclass
class Shelf:
    """One company's documents and the knowledge built from them alone."""

    identity: Identity
    documents: list[str]
    identities: dict[str, Identity]
    kb: KnowledgeBase
    aliases: frozenset[str] = frozenset()

    @property
    def name(self) -> str:
        return self.identity.name or self.kb.entity or self.documents[0]

    def coverage(self) -> str:
        """"民生银行（2021年年度报告、2023年第一季度报告）"."""
        kinds = []
        for doc in sorted(self.documents, key=lambda d: self.identities[d].period_end or ""):
            ident = self.identities[doc]
            label = ident.label.removeprefix(ident.name or "").strip() if ident.name else ""
            kinds.append(label or f"《{self.kb.titles.get(doc, doc)}》")
        return f"{self.name}（{'、'.join(dict.fromkeys(kinds))}）"


def _inside_number(norm: str, start: int, end: int) -> bool:
    """Whether a stock code found at ``norm[start:end]`` is part of a year or a figure instead:
    2007 in "2007年营业额" is not the company listed as 2007.hk."""
    if not norm[start].isdigit():
        return False
    before = norm[start - 1] if start else ""
    if before and (before.isdigit() or before in ".,"):
        return True
    after = norm[end:end + 1]
    return norm[end - 1].isdigit() and bool(after) and (
        after.isdigit() or after in ".,%年季月财亿万元")


def _shelves_of(spans: list[tuple[int, int, Shelf]]) -> list[Shelf]:
    """The shelves of the company names found in a question, each once."""
    found: list[Shelf] = []
    for _, _, shelf in spans:
        if shelf not in found:
            found.append(shelf)
    return found


def _coordinated(norm: str, spans: list[tuple[int, int, Shelf]]) -> bool:
    """Whether the companies a question names are asked about side by side ("工行和民生银行
    营收", "兴业、民生的不良率") rather than one inside the other's question ("博智收购的安芯
    是做什么的" asks 博智's report about 安芯)."""
    return all(re.fullmatch(r"[\s和与及、,，跟同以及还有对比vs]*", norm[a[1]:b[0]], re.I)
               for a, b in itertools.pairwise(sorted(spans, key=lambda h: h[0])))


def _only_names(norm: str, spans: list[tuple[int, int, Shelf]]) -> bool:
    """Whether a message is nothing but company names ("工行" after "您想问哪家公司")."""
    rest = list(norm)
    for start, end, _ in spans:
        rest[start:end] = [" "] * (end - start)
    return not re.sub(r"[\W_的呢吧啊呀哦吗]+", "", "".join(rest))


@dataclass
class Library:
    """The knowledge the bot serves: one shelf per company."""

    shelves: list[Shelf]
    version: str
    build_seconds: float = 0.0
    notes: list[str] = field(default_factory=list)  # documents whose company is unread

    # --- what the bot reads of its knowledge ---------------------------------------------
    @property
    def single(self) -> KnowledgeBase | None:
        return self.shelves[0].kb if len(self.shelves) == 1 else None

    @property
    def documents(self) -> list[str]:
        return sorted(doc for shelf in self.shelves for doc in shelf.documents)

    @property
    def titles(self) -> dict[str, str]:
        return {doc: title for shelf in self.shelves for doc, title in shelf.kb.titles.items()}

    @property
    def stats(self) -> dict[str, int]:
        total: dict[str, int] = {}
        for shelf in self.shelves:
            for key, value in shelf.kb.stats.items():
                total[key] = total.get(key, 0) + value
        total["companies"] = len(self.shelves)
        return total

    @property
    def warnings(self) -> list[str]:
        """What the operator should know: files left out, pages dropped, unread covers."""
        return [*(w for shelf in self.shelves for w in shelf.kb.warnings), *self.notes]

    @property
    def reports(self) -> list[DocumentReport]:
        """Per document: what was read, dropped and warned about (kb check)."""
        return [r for shelf in self.shelves for r in shelf.kb.reports]

    @property
    def identities(self) -> dict[str, Identity]:
        return {doc: ident for shelf in self.shelves for doc, ident in shelf.identities.items()}

    def coverage(self) -> str:
        """What the welcome says the knowledge covers: documents' titles for one company whose
        name cannot be read, else companies with their periods."""
        if len(self.shelves) == 1 and not self.shelves[0].identity.name:
            kb = self.shelves[0].kb
            return texts.scope([kb.titles.get(doc, doc) for doc in kb.documents])
        return "、".join(shelf.coverage() for shelf in self.shelves)

    def examples(self, n: int = 3) -> list[str]:
        """Example questions, taken from each company in turn."""
        pools = [shelf.kb.examples(n) for shelf in self.shelves]
        out: list[str] = []
        for i in range(n):
            for pool in pools:
                if i < len(pool) and len(out) < n:
                    out.append(pool[i])
        return out

    def clear_caches(self) -> None:
        for shelf in self.shelves:
            shelf.kb.clear_caches()

    def warm(self) -> None:
        for shelf in self.shelves:
            shelf.kb.warm()

    # --- answering --------------------------------------------------------------------------
    def answer(self, question: str, context: Context | None = None,
               budget: float = ANSWER_BUDGET) -> Answer:
        """The reply to ``question``: routed to one company's knowledge, or asked back."""
        single = self.single
        if single is not None:
            return single.answer(question, context, budget)
        if not isinstance(question, str):
            question = ""
        question = question[:MAX_QUESTION]
        norm = normalize(question).replace(" ", "")
        spans = self._spans(norm)
        named = _shelves_of(spans)
        if context is not None and context.pending and len(named) == 1 \
                and _only_names(norm, spans):
            # "工行" after "您想问哪家公司": the waiting question, for that company.
            shelf = named[0]
            pending = context.pending
            return self._ask(shelf, pending, evolve(context, pending=None, company=None), budget)
        if len(named) == 1:
            return self._ask(named[0], question, context, budget)
        if len(named) > 1:
            if _coordinated(norm, spans):
                return self._several(named, question, context, budget)
            # One company asked about another: the first named is the report's.
            first = min(spans, key=lambda h: h[0])[2]
            return self._ask(first, question, context, budget)
        if context is not None and context.company:
            current = self._shelf(context.company)
            if current is not None:
                return self._ask(current, question, context, budget)
        # No company named, none in the conversation: small talk and other companies'
        # names are answered as any shelf would; a real question is asked back.
        other = self._other_company(norm)
        if other is not None:
            return self._unknown_company(other, context)
        probe = self.shelves[0].kb.answer(question, None, budget)
        if probe.intent in ("greeting", "help"):
            return evolve(probe, text=self._welcome(probe.intent), context=context or Context())
        if probe.intent == "report":  # "这份报告是哪一年的": every company's reports
            return evolve(probe, text=texts.REPORT_IS.format(scope=self.coverage()),
                          context=context or Context())
        if probe.kind == "chitchat" or not question.strip():
            return probe
        knowing, strangers = self._knowing(question)
        if len(knowing) == 1:
            # "杨家界索道收入多少": only one company's documents know what it asks about.
            return self._ask(knowing[0], question, context, budget)
        if not knowing and (strangers or (probe.refused and probe.outside)):
            return self._unknown_company(strangers[0] if strangers else probe.outside or "",
                                         context)
        names = "、".join(shelf.name for shelf in self.shelves)
        text = texts.ASK_COMPANY.format(names=names)
        ctx = context or Context()
        ctx = evolve(ctx, pending=question, kb_version=self.version)
        return Answer(text, "clarify", False, 1.0, (), None, None, None, ctx, None)

    def _welcome(self, intent: str) -> str:
        """What one shelf's welcome says, about every company."""
        head = texts.WELCOME.format(scope=self.coverage())
        if intent == "help":
            head = texts.HELP + "\n" + head
        examples = "\n".join(f"{i}. {q}" for i, q in enumerate(self.examples(3), 1))
        return f"{head}\n{texts.SUGGEST_HEAD}\n{examples}"

    def more(self, context: Context) -> Answer | None:
        shelf = self._shelf(context.company) if context.company else self.single_shelf()
        return shelf.kb.more(context) if shelf is not None else None

    def single_shelf(self) -> Shelf | None:
        return self.shelves[0] if len(self.shelves) == 1 else None

    def named(self, norm: str) -> list[Shelf]:
        """Shelves whose company ``norm`` names, longest names first, each span once."""
        return _shelves_of(self._spans(norm))

    def _spans(self, norm: str) -> list[tuple[int, int, Shelf]]:
        hits: list[tuple[int, int, Shelf]] = []
        for shelf in self.shelves:
            for alias in shelf.aliases:
                start = norm.find(alias)
                while start >= 0:
                    if not _inside_number(norm, start, start + len(alias)):
                        hits.append((start, start + len(alias), shelf))
                    start = norm.find(alias, start + 1)
        hits.sort(key=lambda h: (-(h[1] - h[0]), h[0]))
        taken: list[tuple[int, int, Shelf]] = []
        for start, end, shelf in hits:
            if any(start < e and s < end for s, e, _ in taken):
                continue
            taken.append((start, end, shelf))
        return taken

    def _shelf(self, name: str) -> Shelf | None:
        return next((s for s in self.shelves if s.name == name), None)

    def _ask(self, shelf: Shelf, question: str, context: Context | None,
             budget: float) -> Answer:
        inner = context
        if context is not None and context.company != shelf.name:
            # Another company's follow-up context means nothing here.
            inner = Context(questions=context.questions, kb_version=context.kb_version)
        answer = shelf.kb.answer(question, inner, budget)
        return evolve(answer, context=evolve(answer.context, company=shelf.name, pending=None))

    def _several(self, shelves: Sequence[Shelf], question: str, context: Context | None,
                 budget: float) -> Answer:
        """"工行和民生银行一季度营收分别是多少": one answer per company, each from its own
        documents with its own source."""
        norm = normalize(question)
        for shelf in shelves:
            for alias in sorted(shelf.aliases, key=len, reverse=True):
                norm = norm.replace(alias, " ")
        rest = re.sub(r"^[\s和与及、,，跟同]+|[\s和与及、,，跟同]+(?=\S)", "", norm).strip()
        rest = re.sub(r"分别|各自", "", rest)
        answers = [self._ask(shelf, shelf.name + rest, None, budget / len(shelves))
                   for shelf in shelves]
        text = "\n".join(a.text if not a.refused else f"{s.name}：{a.text.splitlines()[0]}"
                         for s, a in zip(shelves, answers, strict=True))
        first = answers[0]
        ctx = evolve(context or Context(), kb_version=self.version, pending=None)
        refused = all(a.refused for a in answers)
        return Answer(text, "refusal" if refused else "answer", refused,
                      min(a.confidence for a in answers),
                      tuple(m for a in answers for m in a.matches), first.metric, None,
                      first.period, ctx, None)

    def _knowing(self, question: str) -> tuple[list[Shelf], list[str]]:
        """The shelves whose documents contain every name and topic the question uses (a
        synonym counts: 营收 is found as 营业收入), and the names none of them contains."""
        found = []
        strangers: list[str] | None = None
        for shelf in self.shelves:
            text, _ = shelf.kb._clean(question)
            if not text:
                continue
            query = shelf.kb._analyze(text)
            idf = shelf.kb.index.idf
            # The names no shelf's documents contain (長和): another company.
            strangers = [n for n in query.unknown_names if strangers is None
                         or n in strangers]
            if not query.unknown_names and all(
                any(a in idf or SUB + a in idf
                    for a in (g.word, *(a for a, w in g.alts.items() if w >= 0.8)))
                for g in query.groups if g.cls in ("topic", "name")
            ):
                found.append(shelf)
        return found, strangers or []

    def _other_company(self, norm: str) -> str | None:
        """A company the question names that no shelf is (招商银行, 平安银行): a name ending in
        银行/集团/证券/… whose head is not a generic word (商业银行, 村镇银行, 子公司) and that no
        shelf's name holds or is held by."""
        for m in _ORG_RE.finditer(norm):
            head = _NOT_NAME_RE.split(m.group(1))[-1]
            if len(head) < 2 or _GENERIC_ORG_RE.search(head):
                continue
            name = head[-2:] + m.group(2)  # 请问招商银行 → 招商银行
            if not any(name in alias or alias in head + m.group(2)
                       for shelf in self.shelves for alias in shelf.aliases if len(alias) >= 2) \
                    and not any(self._may_call(shelf, head[-2:]) for shelf in self.shelves):
                return name
        return None

    @staticmethod
    def _may_call(shelf: Shelf, head: str) -> bool:
        """A company whose Chinese name its documents do not state (Alco Holdings Limited)
        may be called by one they use (爱高 of 愛高電業集團)."""
        ident = shelf.identity
        if ident.company or ident.short or head in shelf.kb.company_text:
            return head in shelf.kb.company_text
        return any(head in info.norm for info in shelf.kb.info)

    def _unknown_company(self, what: str, context: Context | None) -> Answer:
        names = "、".join(shelf.name for shelf in self.shelves)
        text = texts.REFUSAL_SCOPE.format(what=what, scope=names)
        examples = self.examples(3)
        if examples:
            text += "\n" + texts.SUGGEST_HEAD + "\n" + "\n".join(
                f"{i}. {q}" for i, q in enumerate(examples, 1))
        ctx = context or Context(kb_version=self.version)
        return Answer(text, "refusal", True, 0.0, (), None, None, None, ctx, None)


def read_overrides(folder: Path) -> dict[str, dict[str, str]]:
    """``documents.txt``: "file.pdf: company=…; short=…; codes=600016,01988; kind=annual;
    year=2021" — what a document does not say about itself (see FORMATS.md)."""
    path = folder / OVERRIDE_FILE
    if not path.is_file():
        return {}
    found: dict[str, dict[str, str]] = {}
    for number, line in enumerate(path.read_text(encoding="utf-8-sig").splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        m = _OVERRIDE_RE.match(line)
        if not m:
            raise KnowledgeError("expected 'file: key=value; key=value'", path, number)
        fields = {k: v.strip() for k, v in _FIELD_RE.findall(m.group(2))}
        unknown = set(fields) - {"company", "short", "english", "codes", "former", "kind",
                                 "year", "period_end"}
        if unknown or not fields:
            raise KnowledgeError(f"unknown or missing keys: {', '.join(sorted(unknown)) or '-'}",
                                 path, number)
        if "year" in fields and not fields["year"].isdigit():
            raise KnowledgeError("year must be a number like 2021", path, number)
        found[m.group(1).strip()] = fields
    return found


def build_library(path: Path, cache_dir: Path | None = None) -> Library:
    """Build one shelf per company found in ``path`` (a folder, or one document). PDF, HTML
    and DOCX files are parsed once (cached in ``cache_dir``), for their covers and their
    shelves alike."""
    started = time.perf_counter()
    path = Path(path)
    if not path.exists():
        raise KnowledgeError("knowledge folder does not exist", path)
    folder = path if path.is_dir() else path.parent
    files = document_files(folder) if path.is_dir() else [path]
    if not files:  # build_knowledge raises, naming the folder and what it looks for
        single = Library([_shelf_of(build_knowledge(path, cache_dir), [], {})], "")
        single.warm()
        return single
    overrides = read_overrides(folder)
    parsed = {p.path: p for p in parse_files(
        [f for f in files if parsed_by_reader(f)], cache_dir)}
    identities: dict[str, Identity] = {}
    for file in files:
        try:
            ident = read_identity(document_text(file, parsed.get(file)), file.name,
                                  running_lines(parsed.get(file)))
        except OSError:
            ident = Identity(notes=("公司名称", "报告期"))
        if file.name in overrides:
            ident = override(ident, overrides[file.name])
        identities[file.name] = ident
    groups = _group(files, identities)
    unreadable = [g for g in groups if all(f in parsed and parsed[f].document is None for f in g)]
    if unreadable and len(unreadable) < len(groups):
        # Files that could not be read are reported (kb check, /reload) with a company's
        # documents rather than failing as a company of their own.
        groups = [g for g in groups if g not in unreadable]
        groups[0] = sorted([*groups[0], *(f for g in unreadable for f in g)])
    shelves = []
    for group in groups:
        idents = {f.name: identities[f.name] for f in group}
        head = max(idents.values(), key=lambda i: i.period_end or "")
        names = company_names(list(idents.values()))
        kb = build_knowledge(path if len(groups) == 1 else folder, cache_dir,
                             files=None if len(groups) == 1 else group, company=names,
                             parsed=parsed)
        shelf_aliases: set[str] = set()
        for ident in idents.values():
            shelf_aliases |= ident.aliases()
        if kb.entity and any(kb.entity in a for a in shelf_aliases if not a.isascii()):
            # The part of its name the report calls itself by (博智 of 博智國際藥業控股).
            shelf_aliases.add(kb.entity)
        # A question is matched with its spaces taken out: "Alco Holdings Limited" (the name
        # an ask-back lists) is found as alcoholdingslimited.
        shelf_aliases |= {a.replace(" ", "") for a in shelf_aliases}
        shelf = Shelf(head, list(kb.documents), idents, kb,
                      frozenset(a for a in shelf_aliases if len(a) >= 2))
        if head.name:
            kb.coverage = shelf.coverage()
        shelves.append(shelf)
    digest = hashlib.sha256("\0".join(s.kb.version for s in shelves).encode())
    if (folder / OVERRIDE_FILE).is_file():
        digest.update((folder / OVERRIDE_FILE).read_bytes())
    read = {f.name for f in files if f not in parsed or parsed[f].document is not None}
    notes = [f"{doc}: 读不出{'、'.join(ident.notes)}，请在 {OVERRIDE_FILE} 中注明"
             for doc, ident in identities.items()
             if ident.notes and len(groups) > 1 and doc in read]
    library = Library(shelves, digest.hexdigest()[:12] if len(shelves) > 1
                      else shelves[0].kb.version,
                      notes=notes)
    # Built off the event loop: what the first office, field or holders question would read
    # every passage for is read here, not in one follower's reply.
    library.warm()
    library.build_seconds = time.perf_counter() - started
    return library


def _shelf_of(kb: KnowledgeBase, files: list[Path], idents: dict[str, Identity]) -> Shelf:
    return Shelf(Identity(), [f.name for f in files], idents, kb)


def _group(files: list[Path], identities: dict[str, Identity]) -> list[list[Path]]:
    """Documents grouped by company: by a shared name, or by a shared code when one side
    names no company. Two names under one code are a company that changed its name (博智國際
    藥業 became 中國安芯, still 01149): each name keeps its own documents, so a question
    naming one is answered from the reports published under it. Documents whose company
    cannot be read join the only company there is, else form a group of their own."""
    groups: list[tuple[set[str], set[str], list[Path]]] = []
    unknown: list[Path] = []
    for file in files:
        ident = identities[file.name]
        codes = aliases(Identity(codes=ident.codes))
        names = ident.aliases() - codes if ident.name else set()
        if not names and not any(codes & known for _, known, _ in groups):
            unknown.append(file)
            continue
        for known_names, known_codes, members in groups:
            if known_names & names or (known_codes & codes and not (known_names and names)):
                known_names |= names
                known_codes |= codes
                members.append(file)
                break
        else:
            groups.append((set(names), set(codes), [file]))
    if unknown:
        if len(groups) == 1:
            groups[0][2].extend(unknown)
        else:
            groups.append((set(), set(), unknown))
    return [sorted(members) for _, _, members in groups] or [files]
