"""Building a knowledge base from a folder of report documents."""

from __future__ import annotations

import hashlib
import re
import time
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from knowledge.base import KnowledgeBase
from knowledge.documents import DocumentReport, document_paragraphs
from knowledge.errors import KnowledgeError
from knowledge.examples import RELATIVE_PERIODS, example_questions
from knowledge.facts import (
    Fact,
    FactIndex,
    Period,
    cn_years,
    document_facts,
    markdown_facts,
    markdown_period,
    reader_period,
)
from knowledge.figures import company_names as short_names_of
from knowledge.identity import HEAD_CHARS, KINDS, Identity, holding_names, read_identity
from knowledge.index import BM25Index
from knowledge.lexicon import OPERATOR_FILES, Lexicon, load_lexicon
from knowledge.markdown import readable_lines
from knowledge.models import Passage
from knowledge.parsecache import Parsed, parse_files
from knowledge.periods import PART_WORDS
from knowledge.query import Analyzer
from knowledge.rank import PassageInfo, Ranker, passage_info
from knowledge.readers import CONVERTED_SUFFIXES, READ_SUFFIXES
from knowledge.readers.text import laid_out
from knowledge.terms import aliases, frequent_ngrams, heading_terms, quoted_terms, short_names
from knowledge.text import HAN_RE, YEAR_RE, normalize, split_sentences
from knowledge.tokenizer import SUB, KBTokenizer

TEXT_SUFFIXES = (".md", ".txt")
DOCUMENT_SUFFIXES = (*TEXT_SUFFIXES, *READ_SUFFIXES)
AUTO_TERM_FREQ = 20_000
NAME_SAMPLE_CHARS = 60_000
# Words a company's name starts with that name no company (中国民生银行).
_PLACES = frozenset({"中国", "中國", "香港", "美国", "美國", "上海", "北京", "深圳"})
# Files that describe the folder rather than report on a company.
IGNORED_PREFIXES = ("readme", "provenance", "formats", "license", "changelog", "notes")
# A line naming the company: its full name, its stock's short name.
_COMPANY_LINE_RE = re.compile(
    r"股份有限公司|有限公司|(?<![本该其])集团|控股(?!股东)|证券简称|股票简称|中文简称|中文名称|以下简称"
    r"|holdings|limited")
_HEADING_RE = re.compile(r"^\s{0,3}(#{1,6})\s*(.+?)\s*#*\s*$")


@dataclass
class _Para:
    document: str
    heading: str
    text: str
    page: int | None = None


def document_files(folder: Path) -> list[Path]:
    """Report documents in ``folder``: .md/.txt files that are not operator or README files."""
    files = []
    for path in sorted(folder.iterdir()):
        name = path.name.lower()
        if not path.is_file() or not name.endswith(DOCUMENT_SUFFIXES):
            continue
        if name in OPERATOR_FILES or name.startswith(IGNORED_PREFIXES) or name.startswith("."):
            continue
        files.append(path)
    return files


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise KnowledgeError(f"not UTF-8 text ({exc.reason})", path) from exc
    except OSError as exc:
        raise KnowledgeError(f"cannot read ({exc.strerror})", path) from exc


def _paragraphs(name: str, raw: str) -> tuple[str, list[_Para]]:
    """(title, paragraphs); markdown headings set the heading of the paragraphs below them."""
    title = ""
    heading = ""
    paras: list[_Para] = []
    for line in readable_lines(raw.splitlines()):
        if not line:
            continue
        m = _HEADING_RE.match(line)
        if m:
            text = m.group(2).strip()
            if len(m.group(1)) == 1 and not title:
                title = text
            else:
                heading = text
            continue
        if not title and len(line) <= 40:
            title = line
            continue
        paras.append(_Para(name, heading, line))
    return title or name, paras


def parsed_by_reader(path: Path) -> bool:
    """True for the files the readers parse (in worker processes, cached): PDF, HTML, DOCX,
    and .txt/.md converted from a paged report (knowledge/readers/text.py). Text written by
    hand keeps the Markdown reading here."""
    suffix = path.suffix.lower()
    if suffix in READ_SUFFIXES:
        return True
    if suffix not in CONVERTED_SUFFIXES:
        return False
    try:
        return laid_out(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError):
        return False  # reported when the build reads it


def text_paragraphs(path: Path) -> tuple[str, list[_Para]]:
    """A .md or .txt document's title and paragraphs, as the build reads them."""
    return _paragraphs(path.name, _read(path))


def build_knowledge(
    path: Path,
    cache_dir: Path | None = None,
    files: Sequence[Path] | None = None,
    company: Sequence[str] = (),
    parsed: Mapping[Path, Parsed] | None = None,
) -> KnowledgeBase:
    """Read, tokenize and index every document in ``path`` (or only ``files`` of it); raises
    KnowledgeError on problems.

    PDF, HTML and DOCX files are parsed in worker processes, once: with ``cache_dir`` the
    parse is kept there by content hash (knowledge/parsecache.py). A file that cannot be read
    (encrypted, damaged, no text) is left out and reported in ``kb.warnings`` and
    ``kb.reports``; only a folder where no document builds raises. ``company``: the names the
    documents give their company (knowledge/identity.py), the first one how replies name it
    when the text alone does not show whose report it is. ``parsed``: files already parsed
    (by the library, which reads every document's cover first)."""
    started = time.perf_counter()
    path = Path(path)
    if not path.exists():
        raise KnowledgeError("knowledge folder does not exist", path)
    folder = path if path.is_dir() else path.parent
    if files is not None:
        files = list(files)
    else:
        files = document_files(folder) if path.is_dir() else [path]
    if not files:
        raise KnowledgeError("no documents (.md, .txt, .pdf, .html or .docx files) found", folder)
    lex = load_lexicon(folder)
    titles: dict[str, str] = {}
    paras: list[_Para] = []
    digest = hashlib.sha256()
    done = dict(parsed or {})
    todo = [f for f in files if f not in done and parsed_by_reader(f)]
    parsed = {**done, **{p.path: p for p in parse_files(todo, cache_dir)}}
    reports: list[DocumentReport] = []
    warnings: list[str] = []
    facts: list[Fact] = []
    periods: dict[str, Period] = {}
    for file in files:
        got = parsed.get(file)
        if got is None:
            raw = _read(file)
            digest.update(file.name.encode() + b"\0" + raw.encode() + b"\0")
            title, found = _paragraphs(file.name, raw)
            facts.extend(markdown_facts(file.name, raw))
            periods[file.name] = markdown_period(raw)
            reports.append(DocumentReport.of_text(file.name, file.suffix[1:], len(found)))
        elif got.document is None:
            warnings.append(f"{file.name}: {got.error}")
            reports.append(DocumentReport.failed(file.name, str(got.error), got.cached))
            continue
        else:
            digest.update(file.name.encode() + b"\0" + got.digest.encode() + b"\0")
            title, docs = document_paragraphs(got.document)
            facts.extend(document_facts(got.document))
            periods[file.name] = reader_period(got.document)
            found = [_Para(file.name, d.heading, d.text, d.page) for d in docs]
            warnings.extend(f"{file.name}: {w}" for w in got.document.warnings)
            reports.append(DocumentReport.of_document(got.document, len(found), got.cached))
        titles[file.name] = title
        paras.extend(found)
    if not paras and warnings:
        raise KnowledgeError("no document could be read: " + "; ".join(warnings), folder)
    for extra in lex.files:
        digest.update(extra.name.encode() + b"\0" + extra.read_bytes() + b"\0")

    passages: list[Passage] = []
    norms: list[str] = []
    para_of: list[int] = []
    positions: Counter[str] = Counter()
    for pi, para in enumerate(paras):
        for sentence in split_sentences(para.text):
            norm = normalize(sentence)
            if not re.search(r"[\w]", norm):
                continue
            pos = positions[para.document]
            positions[para.document] += 1
            passages.append(
                Passage(len(passages), para.document, para.heading, pos, sentence, para.page)
            )
            norms.append(norm)
            para_of.append(pi)
    if not passages:
        raise KnowledgeError("documents contain no text to answer from", folder)
    identities = cover_identities(files, parsed)
    one_company = bool(company)  # the library passes the names of one company's documents
    if not company:
        # The names the library would pass, so a folder built on its own names its company
        # the same way.
        company = company_names(identities)
    named = list(dict.fromkeys(normalize(name) for name in company))
    hint = [n for n in named if HAN_RE.search(n)]
    tk = _tokenizer(lex, norms, paras, titles, hint)
    cache: dict[str, tuple[list[str], list[str]]] = {}
    analysed = [tk.analyse(n, cache) for n in norms]
    del cache
    tokens = [t for _, t in analysed]
    index = BM25Index(tokens)
    words = [w for w, _ in analysed]
    del analysed

    infos, corpus_periods, corpus_years = _passage_infos(
        lex, tk, paras, para_of, norms, tokens, words
    )
    # A half-year report covers 上半年 whether or not a sentence says so.
    corpus_periods |= {PART_WORDS[p.part] for p in periods.values()
                       if p.year is not None and p.part in PART_WORDS}
    del words
    names = {
        w for w in index.idf if len(w) >= 2 and w[0] != SUB and (w in tk.added or tk.is_name(w))
    }
    bigrams = {
        run[i : i + 2] for n in norms for run in HAN_RE.findall(n) for i in range(len(run) - 1)
    }
    # The name in a web address (beisen of www.beisen.com) is one followers may use, not the
    # one replies name the company by.
    sites = {i.site for i in identities if i.site and not any(
        i.site != n and i.site in n.replace(" ", "") for n in named)}  # alco of Alco Holdings
    entity = _cover_entity(_main_entity(tk, titles, index, names, lex.generic),
                           [n for n in named if n not in sites], tk, index)
    entities = _entity_aliases(entity, norms) | {normalize(name) for name in company}
    entities |= holding_names(entities)
    # Typos are matched against every word of the report, not only names: 三一众工 → 三一重工.
    vocabulary = {w.removeprefix(SUB) for w in index.idf if HAN_RE.fullmatch(w.removeprefix(SUB))}
    analyzer = Analyzer(tk, lex, index.idf, index.max_idf, vocabulary | names, bigrams, entity)
    analyzer.entities = entities
    label = _surface(entity, passages) if entity else None
    figures = sum(1 for toks in tokens for t in toks if t[:1].isdigit())
    # What the refusal says the documents cover: only real names — the ones the report
    # introduces itself (以下简称“…”, 中文名（LatinName）) — never words jieba merely tags.
    introduced = short_names(norms[:2000]) | {
        han for norm in norms[:2000] for han, _ in aliases(norm)
    }
    # A partner introduced in passing is not what the documents are about: only names that
    # also head a section or title count.
    heads = normalize(" ".join([*titles.values(), *{p.heading for p in paras}]))
    scope = sorted(
        (
            w
            for w in introduced
            if w in names and w in heads and w not in lex.generic and w not in entities
        ),
        key=lambda w: (-index.df(w), w),
    )
    # The report's own period, never one named relative to it: a quarterly report says 上年末
    # in most of its sentences, yet a sentence naming no period is about its quarter.
    period_counts = Counter(
        p for info in infos for p in info.periods if p not in RELATIVE_PERIODS)
    year_counts = Counter(y for info in infos for y in info.years)
    # No sentence names one (a quarterly report says 本报告期): the reports' own, when they
    # are all on one part of a year.
    own_parts = {PART_WORDS.get(p.part, "") for p in periods.values() if p.year is not None}
    if not period_counts and len(own_parts) == 1 and "" not in own_parts:
        period_counts[own_parts.pop()] = 1
    ranker = Ranker(
        index=index,
        info=infos,
        lexicon=lex,
        entities=entities,
        main_period=period_counts.most_common(1)[0][0] if period_counts else None,
        main_year=year_counts.most_common(1)[0][0] if year_counts else None,
        relative=RELATIVE_PERIODS,
    )
    kb = KnowledgeBase(
        passages=passages,
        info=infos,
        index=index,
        analyzer=analyzer,
        lexicon=lex,
        documents=list(titles),
        titles=titles,
        version=digest.hexdigest()[:12],
        stats={
            "documents": len(titles),
            "passages": len(passages),
            "dictionary": len(tk.added),
            "synonyms": lex.synonym_entries,
            "figures": figures,
            "faq": len(lex.faq),
            "names": len(names),
        },
        build_seconds=0.0,
        entity=entity,
        scope_names=([label] if label else []) + scope[:2],
        corpus_periods=corpus_periods,
        corpus_years=corpus_years,
        ranker=ranker,
    )
    kb.warnings = warnings
    kb.reports = reports
    kb.document_kinds = frozenset(KINDS[i.kind] for i in identities if i.kind in KINDS)
    kb.company_texts = {
        name: _company_text({name: titles[name]}, [p for p in paras if p.document == name])
        for name in titles}
    kb.company_text = " ".join([*kb.company_texts.values(), *hint])
    if one_company:
        # The library built one company's documents (several periods of it): no figure
        # question chooses among them by company.
        kb.company_texts = {}
    # The company of every fact: the name the cover gives (the library builds one company's
    # documents together), else the documents' main entity.
    owner = hint[0] if hint and (one_company or len(titles) == 1) else next(
        iter(short_names_of(kb.company_text)), None) or label
    kb.facts = _fact_index(
        [Fact(**{**f.__dict__, "company": owner}) for f in facts], passages, periods)
    ends = Counter(int(i.period_end[5:7]) for i in identities
                   if i.kind in ("annual", "results") and i.period_end)
    if ends:
        kb.facts.declared_year_end = ends.most_common(1)[0][0]
    kb.example_questions = example_questions(kb, tk)
    # Answers given while choosing the examples were refusals without suggestions.
    kb.clear_caches()
    kb.build_seconds = time.perf_counter() - started
    return kb


def running_lines(parsed: Parsed | None) -> list[str]:
    """The running headers and footers the reader dropped as furniture: often the company's
    name on every page ("中國安芯控股有限公司" when the cover prints it only as a logo)."""
    if parsed is None or parsed.document is None:
        return []
    return parsed.document.running


def document_text(path: Path, parsed: Parsed | None) -> str:
    """The text identities are read from: the first pages, tables as lines of cells."""
    if parsed is None:
        return path.read_text(encoding="utf-8-sig", errors="replace")[:HEAD_CHARS]
    if parsed.document is None:
        return ""
    lines: list[str] = []
    size = 0
    for block in parsed.document.blocks:
        if block.table is not None:
            table = block.table
            # Cells apart with " | ": a label and its value stay two fields (股票简称 | 张家界).
            rows = [table.caption, " | ".join(table.header),
                    *(" | ".join(r) for r in table.rows)]
            text = "\n".join(r for r in rows if r)
        else:
            text = block.text
        lines.append(text)
        size += len(text)
        if size > HEAD_CHARS:
            break
    return "\n".join(lines)

def company_names(identities: Sequence[Identity]) -> list[str]:
    """The names the documents give their company, how replies should name it first (the
    latest document's short name), then every alias, longest first."""
    if not identities:
        return []
    head = max(identities, key=lambda i: i.period_end or "")
    names = [n for n in (head.name, head.short, head.company) if n]
    names += sorted((a for i in identities for a in i.aliases()), key=len, reverse=True)
    return names


def cover_identities(files: Sequence[Path], parsed: Mapping[Path, Parsed]) -> list[Identity]:
    """The documents' identities read from their first pages, as the library reads them."""
    identities = []
    for file in files:
        try:
            identities.append(read_identity(document_text(file, parsed.get(file)), file.name,
                                        running_lines(parsed.get(file))))
        except OSError:
            continue
    return identities


def _company_text(titles: dict[str, str], paras: list[_Para]) -> str:
    """The titles and first lines of every document, normalised: where a report names its
    company (中国工商银行股份有限公司, 证券简称：工商银行)."""
    firsts: Counter[str] = Counter()
    parts = list(titles.values())
    for para in paras:
        if firsts[para.document] < 60:
            firsts[para.document] += 1
            norm = normalize(para.text)
            # Not the shareholder tables' rows (名称：持股 2,416,131,540 …): other companies.
            if len(norm) <= 120 and _COMPANY_LINE_RE.search(norm) and not re.search(
                    r"\d{1,3}(?:,\d{3})+", norm):
                parts.append(para.text)
    return normalize(" ".join(parts))


def _fact_index(facts: list[Fact], passages: list[Passage],
                periods: dict[str, Period]) -> FactIndex:
    """The facts, each with the passage (its table row's sentence) it was read from."""
    rows: dict[tuple[str, int | None, str], list[int]] = {}
    for p in passages:
        head = p.text.split("：", 1)[0]
        rows.setdefault((p.document, p.page, head), []).append(p.id)
    linked = []
    for fact in facts:
        found = rows.get((fact.document, fact.page, fact.label.rstrip("：:")), [])
        # Of the rows with the label on the page (a year's 营业收入 and the quarters' in a
        # converted document with no pages), the one that states the figure.
        pid = next((i for i in found if fact.value in passages[i].text), found[0]) \
            if found else None
        linked.append(Fact(**{**fact.__dict__, "passage": pid}) if pid is not None else fact)
    return FactIndex(linked, periods)


def _tokenizer(
    lex: Lexicon, norms: list[str], paras: list[_Para], titles: dict[str, str],
    company: Sequence[str] = (),
) -> KBTokenizer:
    tk = KBTokenizer()
    for name in company:
        tk.add_word(name, max(AUTO_TERM_FREQ, tk.suggest_freq(name)), tag="nt")
    for word in lex.groups:
        # Words jieba already knows keep their part of speech (发起 stays a verb).
        if HAN_RE.search(word):
            tk.add_word(word, tag=tk.dict_tag(word) or "n")
    for word in lex.stopwords:
        # Multi-character stop phrases (这个季度) must be single tokens to be dropped.
        if len(word) > 1 and not tk.freq.get(word):
            tk.add_word(word, tag="x")
    for word, freq, tag in lex.userdict:
        tk.add_word(word, freq, tag)
    headings = {normalize(h) for h in {p.heading for p in paras} if h} | {
        normalize(t) for t in titles.values()
    }
    found = quoted_terms(norms) | heading_terms(headings, tk.freq)
    found |= frequent_ngrams(norms, tk.freq, tk.han_words)
    for term in sorted(found):
        if term not in lex.groups:
            # Frequent enough to beat an overlapping dictionary word (新基建投资 must not become
            # 新 + 基建投资), because the report's own terms are what questions are about. A
            # quoted common word (“公司”) keeps jieba's part of speech: it names no one.
            tag = "n" if term in lex.generic else tk.dict_tag(term) or "nz"
            tk.add_word(term, max(AUTO_TERM_FREQ, tk.suggest_freq(term)), tag=tag)
    tk.finish()
    # People and places mentioned once (白雅婷) are found by jieba's HMM tagger, not by counting.
    names = _hmm_names(tk, norms, lex)
    for name in sorted(names):
        tk.add_word(name, max(AUTO_TERM_FREQ, tk.suggest_freq(name)), tag="nr")
    if names:
        tk.finish()
    return tk


def _hmm_names(tk: KBTokenizer, norms: list[str], lex: Lexicon) -> set[str]:
    found: set[str] = set()
    total = 0
    for norm in norms:
        total += len(norm)
        if total > NAME_SAMPLE_CHARS:
            break
        for word, flag in tk.tags(norm):
            if (
                flag in ("nr", "nrfg", "nrt")
                and 2 <= len(word) <= 4
                and HAN_RE.fullmatch(word)
                and not tk.freq.get(word)
                and word not in lex.stopwords
            ):
                found.add(word)
    return found


def _passage_infos(
    lex: Lexicon,
    tk: KBTokenizer,
    paras: list[_Para],
    para_of: list[int],
    norms: list[str],
    tokens: list[list[str]],
    words: list[list[str]],
) -> tuple[list[PassageInfo], frozenset[str], frozenset[str]]:
    def periods_of(toks: list[str]) -> set[str]:
        return {lex.canonical.get(t, t) for t in toks if lex.kinds.get(t) == "period"}

    noun_cache: dict[str, bool] = {}

    def nounish(tok: str) -> bool:
        hit = noun_cache.get(tok)
        if hit is None:
            hit = (
                len(tok) >= 2
                and not tok[0].isdigit()
                and tok[0] != SUB
                and tok not in lex.stopwords
                and (tok in tk.added or tk.is_name(tok) or tk.tag_of(tok).startswith("n"))
                and lex.kinds.get(tok) not in ("period", "change")
            )
            noun_cache[tok] = hit
        return hit

    para_periods: dict[int, set[str]] = {}
    para_years: dict[int, set[str]] = {}
    for pid, pi in enumerate(para_of):
        para_periods.setdefault(pi, set()).update(periods_of(words[pid]))
        # 二零零九年 is 2009年 too (HK reports write years in Chinese numerals).
        para_years.setdefault(pi, set()).update(YEAR_RE.findall(cn_years(norms[pid])))
    heading_periods: dict[str, set[str]] = {}
    for para in paras:
        if para.heading not in heading_periods:
            norm = normalize(para.heading)
            heading_periods[para.heading] = periods_of(tk.words(norm))
    infos = []
    all_periods: set[str] = set()
    all_years: set[str] = set()
    for pid, pi in enumerate(para_of):
        periods = para_periods[pi] | heading_periods.get(paras[pi].heading, set())
        years = para_years[pi]
        all_periods |= periods
        all_years |= years
        nouns = frozenset(t for t in tokens[pid] if nounish(t))
        infos.append(passage_info(norms[pid], frozenset(periods), frozenset(years), nouns))
    for title_periods in heading_periods.values():
        all_periods |= title_periods
    return infos, frozenset(all_periods), frozenset(all_years)


def _surface(word: str, passages: list[Passage]) -> str:
    """How the documents spell a normalised name (NovaChip, not novachip)."""
    if not word.isascii():
        return word
    # A word of its own (Alco), not a part of a web address (www.alco.com.hk).
    alone = re.compile(rf"(?<![\w.]){re.escape(word)}(?![\w.])", re.IGNORECASE)
    anywhere = re.compile(re.escape(word), re.IGNORECASE)
    for pattern in (alone, anywhere):
        for passage in passages[:2000]:
            m = pattern.search(passage.text)
            if m:
                return m.group(0)
    return word


def _entity_aliases(entity: str | None, norms: list[str]) -> set[str]:
    """The main entity and the other names the report gives it (芯源半导体 ↔ NovaChip)."""
    if entity is None:
        return set()
    found = {entity}
    for norm in norms[:2000]:
        for han, lat in aliases(norm):
            if entity in (han, lat):
                found.update((han, lat))
    return found


def _cover_entity(
    counted: str | None, named: list[str], tk: KBTokenizer, index: BM25Index
) -> str | None:
    """The company the documents are about, as a word of the index: the counted guess when it
    is a shorter part of one of the cover's names that names no place (腾讯 of 腾讯控股, never
    中国 of 中国工商银行), else the cover's first name the passages use as a word (比亚迪 before
    比亚迪股份有限公司, alco of Alco Holdings Limited), else the cover's first name."""
    if not any(HAN_RE.search(n) or n[:1].isalpha() for n in named):
        return counted  # the cover gave codes only (1149.hk): no name for replies
    used = [n for n in named if n in index.idf and not n.replace(".", "").isdigit()
            and (HAN_RE.search(n) or n[:1].isalpha())]
    if counted is not None and tk.tag_of(counted) != "ns" and any(
            counted in n and counted != n for n in named if HAN_RE.search(n)):
        return counted
    return used[0] if used else named[0]


def _main_entity(
    tk: KBTokenizer, titles: dict[str, str], index: BM25Index, names: set[str], generic: set[str]
) -> str | None:
    """The company the documents are about: the name in most titles, then most passages."""
    title_tokens = [set(tk.index_tokens(normalize(t))) for t in titles.values()]
    candidates = [
        w
        for w in names
        if w not in generic
        and ((w.isascii() and w[:1].isalpha()) or tk.tag_of(w) in ("nz", "nt", "nr", "nrt", "ns"))
    ]
    if not candidates:
        return None

    def rank(w: str) -> tuple[int, int, str]:
        return (sum(1 for t in title_tokens if w in t), index.df(w), w)

    return max(candidates, key=rank)
