"""Article in, :class:`~tocsin.models.Extraction` out; single and batch forms."""

from __future__ import annotations

import bisect
import datetime as dt
import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import replace

from spacy.language import Language
from spacy.tokens import Doc, Token

from . import knowledge
from .errors import InputError
from .extractors import dates as dates_mod
from .extractors import quotes as quotes_mod
from .extractors.actors import ActorIndex
from .extractors.classify import classify_mentions
from .extractors.counts import find_counts
from .extractors.events import Mention, find_mentions, light_verb
from .extractors.factuality import assess
from .extractors.hygiene import layout
from .extractors.places import Gazetteer, dateline_region, find_places
from .extractors.stance import refusal, restate
from .extractors.syntax import governor, rel, release, sentence, sentences, span_text, subjects, text_of
from .models import Actor, Article, Event, Evidence, Extraction, Place, Quote
from .nlp import load_pipeline, parse
from .periods import period_start

MAX_CHARS = 20_000_000


def coerce_date(value: str | dt.date | None) -> dt.date | None:
    """Parse ``YYYY-MM-DD`` (or a full ISO timestamp) into a date."""
    if value is None or isinstance(value, dt.date):
        return value
    text = str(value).strip()
    if not text:
        return None
    try:
        return dt.datetime.fromisoformat(text.replace("Z", "+00:00")).date()
    except ValueError:
        try:
            return dt.date.fromisoformat(text[:10])
        except ValueError as exc:
            raise InputError(f"published date {text!r} is not an ISO date; use YYYY-MM-DD") from exc


def make_article(
    text: str,
    *,
    id: str | None = None,
    published: str | dt.date | None = None,
    title: str | None = None,
    url: str | None = None,
    source: str | None = None,
) -> Article:
    if not isinstance(text, str):
        raise InputError(f"article text must be a string, not {type(text).__name__}")
    if len(text) > MAX_CHARS:
        raise InputError(f"article is {len(text):,} characters; split it below {MAX_CHARS:,}")
    text = text.replace("\x00", " ")
    aid = id or hashlib.sha1(text.encode("utf8", "replace")).hexdigest()[:16]
    return Article(
        text=text,
        id=aid,
        title=title,
        published=coerce_date(published),
        url=url,
        source=source,
        language=_language(text),
    )


def _language(text: str) -> str:
    """Cheap English check: share of common English function words among the first 400 words."""
    words = text.lower().split()[:400]
    if len(words) < 8:
        return "en"
    common = {"the", "of", "and", "to", "in", "a", "is", "that", "for", "on", "was", "with", "said", "by", "as"}
    share = sum(w in common for w in words) / len(words)
    return "en" if share > 0.08 else "und"


def extract(
    text: str,
    *,
    published: str | dt.date | None = None,
    title: str | None = None,
    url: str | None = None,
    source: str | None = None,
    id: str | None = None,
    nlp: Language | None = None,
) -> Extraction:
    """Read one news report and return everything Tocsin finds in it."""
    article = make_article(text, id=id, published=published, title=title, url=url, source=source)
    nlp = nlp or load_pipeline()
    return extract_doc(article, parse(nlp, article.text), model=_model_name(nlp))


def extract_many(
    articles: Iterable[Article], *, nlp: Language | None = None, batch_size: int = 32
) -> Iterator[Extraction]:
    """Stream extractions for many articles, parsing them in batches."""
    from .nlp import pipe

    nlp = nlp or load_pipeline()
    name = _model_name(nlp)
    buf: list[Article] = []

    def flush() -> Iterator[Extraction]:
        for art, doc in zip(buf, pipe(nlp, (a.text for a in buf), batch_size=batch_size), strict=True):
            yield extract_doc(art, doc, model=name)
        buf.clear()

    for art in articles:
        buf.append(art)
        if len(buf) >= batch_size:
            yield from flush()
    yield from flush()


def _model_name(nlp: Language) -> str:
    return f"{nlp.meta.get('name', 'unknown')}-{nlp.meta.get('version', '')}"


def extract_doc(article: Article, doc: Doc, *, model: str = "") -> Extraction:
    """All extractors over an already parsed ``Doc``."""
    k = knowledge.load()
    lay = layout(article.text)
    warnings: list[str] = []
    if article.language != "en":
        warnings.append("text does not look like English; results will be poor")
    if not article.text.strip():
        return Extraction(article=article, model=model, warnings=("empty text",))
    model = doc.user_data.get("tocsin_model", model)
    if text_of(doc) != article.text:
        warnings.append(
            "the text is written all in one case: it was read with the capitals of names and sentence starts "
            "restored, so quoted evidence shows them; offsets are those of the original"
            + (f"; parsed by {model}, the pipeline trained for one-case text" if "one_case" in model else "")
        )
    try:
        gaz = Gazetteer.load()
        places, dateline = find_places(doc, lay, gaz, k)
        toponyms = _with_dateline(places, dateline, dateline_region(doc, lay, gaz, k))
        idx = ActorIndex(
            doc, k, article.published, outside=[lay.dateline_block] if lay.dateline_block else [], places=places
        )
        mentions = find_mentions(doc, idx, k, lay)
        covered = {sentence(m.trigger).start for m in mentions}
        mentions += classify_mentions(doc, idx, k, lay, covered)
        quotes = quotes_mod.find_quotes(doc, idx, lay)
        events, triggers = _build_events(doc, mentions, idx, k, article, places, dateline, quotes)
        counts = find_counts(doc, idx, lay, places)
        events = attach_casualties(doc, events, triggers, counts)
    finally:
        release(doc)
    return Extraction(
        article=article,
        actors=tuple(idx.all()),
        events=tuple(events),
        quotes=tuple(quotes),
        counts=tuple(counts),
        places=tuple(toponyms),
        dateline=dateline,
        model=model,
        warnings=tuple(warnings),
    )


def _quote_speakers(quotes: list[Quote], idx: ActorIndex) -> list[tuple[int, int, str]]:
    """``(start, end, actor key)`` of the direct and partial quotations with a speaker, by start."""
    key_of = {b.key: key for key, b in idx.actors.items()}  # Actor.id -> index key
    spans = [
        (q.start, q.end, key_of[q.speaker.id])
        for q in quotes
        if q.kind in ("direct", "partial") and q.speaker is not None and q.speaker.id in key_of
    ]
    return sorted(spans)


def _quoted_speaker(char: int, spans: list[tuple[int, int, str]]) -> str | None:
    """Speaker key of the quotation (see :func:`_quote_speakers`) that contains ``char``."""
    i = bisect.bisect_right(spans, char, key=lambda s: s[0]) - 1
    return spans[i][2] if i >= 0 and char < spans[i][1] else None


def _build_events(
    doc: Doc,
    mentions: list[Mention],
    idx: ActorIndex,
    k: knowledge.Knowledge,
    article: Article,
    places: list[Place],
    dateline: Place | None,
    quotes: list[Quote],
) -> tuple[list[Event], dict[str, list[int]]]:
    """The article's events, and for each event id the token indices of its triggers."""
    sent_index = {s.start: i for i, s in enumerate(sentences(doc))}
    speakers = _quote_speakers(quotes, idx)
    groups: dict[tuple, dict] = {}
    order: list[tuple] = []
    acts = {_clause_head(m.trigger) for m in mentions}
    for m in mentions:
        t = m.trigger
        code = k.cameo[m.cameo]
        fact = assess(t, article.published)
        claimed = None
        if fact.speaker is not None:
            keys = idx.refer(fact.speaker)
            keys = [key for key in keys if key not in m.sources]
            claimed = keys[0] if keys else None
        else:
            # inside a quotation the quoted speaker makes the claim, however the parser linked the
            # reporting verb ("“… killing civilians,” claimed Ukraine's top general")
            said = _quoted_speaker(t.idx, speakers)
            claimed = said if said is not None and said not in m.sources else None
        status = fact.status
        stance = restate(t, code.code, m.sources, fact, idx, claimed)
        if stance is None and not m.sources and claimed is not None and _pronoun_subject(t):
            # "Ali said they will not end the strike": a speaker's "they" or "we" whom Tocsin could not
            # name are the speaker's side, and the speaker makes their refusal or promise
            stance = restate(t, code.code, [claimed], fact, idx, None)
            if stance is not None:
                m, claimed = replace(m, sources=[claimed]), None
        if stance is None and not m.sources and claimed is None and _pronoun_subject(t):
            # "they will not end the strike", "it will not lift the ban": whoever they are, they refuse
            stance = refusal(t, code.code, fact)
        if stance is not None:
            # "Portugal will support Turkey's bid": the promise is the asserted event (AGREE, CAMEO 03x)
            code, status = k.cameo[stance.cameo], "asserted"
            m = replace(m, cameo=stance.cameo, rule=f"{m.rule}{stance.tag}")
        sent = sentence(t)
        future = status == "future"
        if stance is not None and fact.status == "future":
            date, precision, reason = _statement_date(t, sent, article.published)
        else:
            date, precision, reason = _event_date(t, sent, article.published, future)
        if (
            status == "asserted"
            and date
            and article.published
            and date > article.published.isoformat()
            and precision == "day"
        ):
            status = "future"
        date_flag = implausible_date(date, article.published)
        if date_flag and status == "asserted":
            # an asserted event decades before or years after the report is background or a misreading:
            # flagged, and never counted as something that just happened
            status = "historical" if date and article.published and date < article.published.isoformat() else "future"
        location, loc_precision, loc_reason = _event_location(t, places, dateline)
        src = tuple(idx.actor(key) for key in m.sources)
        tgt = tuple(idx.actor(key) for key in m.targets)
        ev = Evidence(
            sentence=sent_index.get(sent.start, -1),
            start=sent.start_char,
            end=sent.end_char,
            text=span_text(sent).strip(),
            trigger=_whole_word(t),
            rule=_rule_name(m),
        )
        conf = 0.55 + (0.15 if src else 0) + (0.1 if tgt else 0) + (0.05 if fact.cue is None else 0)
        conf -= 0.08 * min(2, _background_depth(t))
        if _content_of_another_act(t, acts):
            conf -= 0.1  # "imposed sanctions in response to its invasion": the sanctions are the news
        if fact.speaker is not None and fact.speaker.head.lemma_ in _CONTESTED:
            conf -= 0.1  # only one side's allegation ("accused Kyiv of shelling")
        if m.score is not None:
            conf = 0.2 + 0.4 * m.score
        key = _merge_key(code.type, src, tgt, status, date)
        if not src and not tgt:
            # an actorless mention ("the shelling") of a happening already coded with the same CAMEO
            # code and status is more evidence of it, not a new event
            for other_key in order:
                g = groups[other_key]
                if g["cameo"].code == code.code and g["status"] == status:
                    key = other_key
                    break
        if key in groups:
            g = groups[key]
            if all(e.start != ev.start or e.trigger != ev.trigger for e in g["evidence"]):
                g["evidence"].append(ev)
                g["triggers"].append(t.i)
            g["confidence"] = min(0.98, max(g["confidence"], conf) + 0.05)
            continue
        order.append(key)
        groups[key] = {
            "type": code.type,
            "cameo": code,
            "mode": m.mode or code.mode,
            "src": src,
            "tgt": tgt,
            "status": status,
            "claimed": idx.actor(claimed) if claimed else None,
            "date": date,
            "precision": precision,
            "date_reason": reason,
            "location": location,
            "loc_precision": loc_precision,
            "loc_reason": loc_reason,
            "confidence": conf,
            "evidence": [ev],
            "triggers": [t.i],
            "date_flag": date_flag,
        }
    events = []
    # PLOVER wants an actor: a happening with neither source nor target ("the talks") is dropped when its
    # sentence already yields an event with actors, and otherwise kept (the sentence's only event)
    with_actors = {
        ev.sentence for key in order if groups[key]["src"] or groups[key]["tgt"] for ev in groups[key]["evidence"]
    }
    order = [
        key
        for key in order
        if groups[key]["src"] or groups[key]["tgt"] or groups[key]["evidence"][0].sentence not in with_actors
    ]
    # in reading order of sentences; within a sentence the event it reports (asserted, surest) comes first
    order.sort(
        key=lambda key: (
            groups[key]["evidence"][0].sentence,
            groups[key]["status"] != "asserted",
            -groups[key]["confidence"],
        )
    )
    triggers: dict[str, list[int]] = {}
    for n, key in enumerate(order, 1):
        g = groups[key]
        code = g["cameo"]
        triggers[f"{article.id}-e{n}"] = g["triggers"]
        events.append(
            Event(
                id=f"{article.id}-e{n}",
                type=g["type"],
                cameo=code.code,
                quad_class=code.quad_class,
                goldstein=code.goldstein,
                source=g["src"],
                target=g["tgt"],
                evidence=tuple(g["evidence"]),
                mode=g["mode"],
                context=code.context,
                status=g["status"],
                claimed_by=g["claimed"],
                date=g["date"],
                date_precision=g["precision"],
                date_reason=g["date_reason"],
                date_flag=g["date_flag"],
                location=g["location"],
                location_precision=g["loc_precision"],
                location_reason=g["loc_reason"],
                confidence=round(g["confidence"], 3),
            )
        )
    return events, triggers


#: How far before publication an event may be dated and still count as news (later ones are "future").
PLAUSIBLE_DAYS_BEFORE = 366


def implausible_date(date: str | None, published: dt.date | None) -> str | None:
    """Why ``date`` cannot be the date of a happening just reported on ``published``, or None."""
    if not date or published is None:
        return None
    try:
        start = period_start(date)
    except ValueError:
        return f"date {date!r} is not a calendar date"
    assert start is not None
    if (published - start).days > PLAUSIBLE_DAYS_BEFORE:
        return f"{date} is more than a year before publication ({published.isoformat()})"
    if start > published:
        return f"{date} is after publication ({published.isoformat()})"
    return None


_CONTESTED = {"accuse", "allege", "claim", "blame", "charge"}
_BACKGROUND_RELS = {"relcl", "acl", "advcl", "appos"}
_SETTING_PREPS = {"after", "before", "during", "following", "amid", "since", "despite", "over"}


def _statement_date(t, sent, published: dt.date | None) -> tuple[str | None, str | None, str]:
    """The date of a promise, threat or agreement to meet, not of the act it is about: a time expression
    outside the promised act's own words ("said on Friday it will attack"), else the report's date —
    "will meet Erdogan on Thursday" was agreed by then, and Thursday is when the meeting is to be."""
    lo, hi = t.left_edge.idx, t.right_edge.idx + len(t.right_edge)
    values = list(dates_mod.find(span_text(sent), published, future=False, offset=sent.start_char))
    said = [v for v in values if not lo <= v.start < hi]
    if said:
        return _nearest_date(t, said, " (when it was said)")
    if published is None:
        return None, None, "no time of the statement and no publication date"
    act = f"; {values[0].text!r} is when the act is to be" if values else ""
    return published.isoformat(), "day", f"publication date (the statement is reported by then{act})"


def _pronoun_subject(t: Token) -> bool:
    return any(c.pos_ == "PRON" and c.lower_ in ("they", "we", "it") for c in subjects(t))


def _clause_head(t: Token) -> int:
    """The token that heads a trigger's act: the trigger, or the light verb whose object it is
    ("imposed" of "imposed sanctions")."""
    return t.head.i if light_verb(t) is not None else t.i


def _content_of_another_act(t: Token, acts: set[int]) -> bool:
    """Whether another act of the sentence governs the trigger: what is condemned, refuted, answered or
    responded to is that act's content ("refuted Trump's comments on the killing of farmers")."""
    own = _clause_head(t)
    tok = t
    for _ in range(12):
        head = tok.head
        if head.i == tok.i:
            return False
        # coordinated acts are each news ("deployed troops and called for NATO support")
        if head.i in acts and head.i != own and rel(tok) not in ("conj", "parataxis", "list"):
            return True
        tok = head
    return False


def _background_depth(t: Token) -> int:
    """How many relative, adverbial or time-setting clauses the trigger is buried in: "lifted a curfew
    [in Montenegro where 28 people have been killed]" reports the lifting; the killing is background."""
    depth = 0
    tok = t
    for _ in range(12):
        r, head, prep = governor(tok)
        if head.i == tok.i:
            break
        if r in _BACKGROUND_RELS or (r == "prep" and prep in _SETTING_PREPS):
            depth += 1
        tok = head
    return depth


def _rule_name(m: Mention) -> str:
    if m.score is not None:
        return f"{m.rule}(p={m.score:.2f})->{m.cameo}"
    return f"{m.rule}:{m.sense.lemma}" + (f" {m.sense.particle}" if m.sense.particle else "") + f"->{m.cameo}"


def _merge_key(etype: str, src: tuple[Actor, ...], tgt: tuple[Actor, ...], status: str, date: str | None) -> tuple:
    s = tuple(sorted(a.id for a in src))
    t = tuple(sorted(a.id for a in tgt))
    if etype in ("CONSULT", "AGREE", "COOPERATE"):
        both = tuple(sorted(set(s) | set(t)))
        return (etype, both, (), status, date)
    return (etype, s, t, status, date)


def _nearest_date(t, values: list, note: str = "") -> tuple[str | None, str | None, str]:
    """The date of the time expression nearest the trigger, with why."""
    best = min(values, key=lambda v: abs(v.start - t.idx))
    if best.date:
        return best.date, best.precision, f"{best.rule}: {best.text!r}{note}"
    return None, None, f"{best.text!r} cannot be resolved without a publication date"


def _event_date(t, sent, published: dt.date | None, future: bool) -> tuple[str | None, str | None, str]:
    values = list(dates_mod.find(span_text(sent), published, future=future, offset=sent.start_char))
    if values:
        return _nearest_date(t, values)
    if published is None:
        return None, None, "no time expression and no publication date"
    return published.isoformat(), "day", "publication date (no time expression in sentence)"


def _whole_word(t: Token) -> str:
    """The trigger as written: the whole of a hyphenated word the tokenizer split ("cease-fire")."""
    doc, lo, hi = t.doc, t.i, t.i
    while lo >= 2 and doc[lo - 1].text == "-" and not doc[lo - 2].whitespace_ and not doc[lo - 1].whitespace_:
        lo -= 2
    while hi + 2 < len(doc) and doc[hi + 1].text == "-" and not doc[hi].whitespace_ and not doc[hi + 1].whitespace_:
        hi += 2
    return doc[lo : hi + 1].text if hi > lo else t.text


def _with_dateline(places: list[Place], *heads: Place | None) -> list[Place]:
    """Every toponym of the text, the dateline's and its state's too ("HUDSON, Ohio --" names two). The
    extractors read the dateline apart: an event is located by it only when its sentence names none."""
    heads_ = [h for h in heads if h is not None]
    if not heads_:
        return places
    rest = [p for p in places if not any(p.start < h.end and h.start < p.end for h in heads_)]
    return sorted([*rest, *heads_], key=lambda p: p.start)


def _event_location(t, places: list[Place], dateline: Place | None) -> tuple[Place | None, str | None, str]:
    """The event's place, how precisely it locates the event, and why it was chosen."""
    place, why = _event_place(t, places, dateline)
    if place is None:
        return None, None, why
    return place, place.precision, f"{why}: {place.text!r}"


def _event_place(t, places: list[Place], dateline: Place | None) -> tuple[Place | None, str]:
    sent = sentence(t)
    # places are sorted by start: bisect to the sentence instead of scanning them all for every event
    lo = bisect.bisect_left(places, sent.start_char, key=lambda p: p.start)
    hi = bisect.bisect_left(places, sent.end_char, key=lambda p: p.start)
    # "Egyptian troops": a demonym says whose the actor is, not where the event happened
    here = [p for p in places[lo:hi] if p.rule != "demonym"]
    in_sent = [p for p in here if p.feature != "country"]
    if in_sent:
        return min(in_sent, key=lambda p: abs(p.start - t.idx)), "the place its sentence names"
    if here:
        return min(here, key=lambda p: abs(p.start - t.idx)), "the only country its sentence names"
    if dateline is not None:
        return dateline, "the dateline"
    return None, "no toponym in sentence and no dateline"


def attach_casualties(doc: Doc, events: list[Event], triggers: dict[str, list[int]], counts) -> list[Event]:
    """Dead and injured of an ASSAULT from the counts of its own clause (see :func:`casualty_linked`)."""
    counts = sorted(counts, key=lambda c: c.start)
    out = []
    for ev in events:
        if ev.type != "ASSAULT":
            out.append(ev)
            continue
        dead = injured = None
        for ti in triggers.get(ev.id, []):
            t = doc[ti]
            sent = sentence(t)
            for c in _counts_in(counts, sent.start_char, sent.end_char):
                if c.category not in ("killed", "injured"):
                    continue
                span = doc.char_span(c.start, c.end, alignment_mode="expand")
                if span is None or not casualty_linked(span[-1], t):
                    continue
                if c.category == "killed":
                    dead = int(c.value)
                else:
                    injured = int(c.value)
        out.append(replace(ev, dead=dead, injured=injured) if dead is not None or injured is not None else ev)
    return out


_CLAUSE_MODIFIERS = {"relcl", "acl"}
_SPAN_PREPS = {"since", "over", "throughout"}


def casualty_linked(noun: Token, trigger: Token) -> bool:
    """Does the counted noun belong to the trigger's clause or a clause linked to it?

    Walk up from both to their lowest common head. The count may reach it through a relative clause
    only when that clause hangs on the trigger itself ("an attack that killed 5"); a count in a clause
    about something else ("a conflict that has claimed 14,000 lives") or in a clause spanning years
    ("killed 14,000 people since 2014", "over eight years") is background, never this event's toll.
    """
    up_t = [trigger, *trigger.ancestors]
    pos_t = {tok.i: n for n, tok in enumerate(up_t)}
    path = [noun]
    for tok in noun.ancestors:
        if path[-1].i in pos_t:
            break
        path.append(tok)
    if path[-1].i not in pos_t:
        return False
    lca = path[-1]
    if len(path) - 1 + pos_t[lca.i] > 5:
        return False
    for tok in path[:-1]:
        if rel(tok) in _CLAUSE_MODIFIERS and tok.head.i != trigger.i:
            return False
        if rel(tok) == "conj" and tok.pos_ == "VERB" and _nearer_conjunct_in_clause(tok):
            return False
    clause = {*path, *up_t[: pos_t[lca.i] + 1]}
    return not any(tok.pos_ in ("VERB", "AUX") and _spans_years(tok) for tok in clause)


def _nearer_conjunct_in_clause(v: Token) -> bool:
    """Is there a verb of the same form between ``v`` and its parsed head, inside a relative clause?

    Coordination joins the nearest like verb: in "a conflict that has rumbled on for years and claimed
    14,000 lives" the parser may join "claimed" to the main verb, but it continues the relative clause.
    """
    for w in v.doc[v.head.i + 1 : v.i]:
        if w.pos_ == "VERB" and _form(w) == _form(v) and rel(w) in _CLAUSE_MODIFIERS:
            return True
    return False


def _form(v: Token) -> str:
    # past tense and past participle look alike to the tagger ("has rumbled ... and claimed")
    return "past" if v.tag_ in ("VBD", "VBN") else v.tag_


def _spans_years(verb: Token) -> bool:
    for c in verb.children:
        words = {w.lower_ for w in c.subtree}
        if c.lower_ in _SPAN_PREPS or (words & _SPAN_PREPS and words & {"years", "decades", "months", "year"}):
            return True
        if any(w.lower_ == "since" for w in c.children):
            return True
    return False


def _counts_in(counts: list, start: int, end: int) -> list:
    """Counts (sorted by start) that begin in ``[start, end)``, by bisection."""
    lo = bisect.bisect_left(counts, start, key=lambda c: c.start)
    hi = bisect.bisect_left(counts, end, key=lambda c: c.start)
    return counts[lo:hi]
