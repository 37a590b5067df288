"""What a person reads on a terminal: one line per event, "who → what → whom, when, where, status"."""

from __future__ import annotations

import re
import unicodedata

from .models import Actor, Event, Extraction

# C0/C1 controls (ESC starts terminal escape sequences) and the bidi overrides that reorder what is shown
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200e\u200f]")


def clean(text: str) -> str:
    """Text safe to print to a terminal: control and bidi-override characters removed, newlines as spaces."""
    return _UNSAFE.sub("", unicodedata.normalize("NFC", text)).replace("\n", " ").replace("\t", " ")


def _who(actors: tuple[Actor, ...]) -> str:
    return ", ".join(f"{a.name} ({a.code})" for a in actors) or "—"


def event_line(ev: Event) -> str:
    when = ev.date or "undated"
    if ev.date_precision and ev.date_precision != "day":
        when += f" ({ev.date_precision})"
    where = ev.location.name if ev.location else "no place"
    status = ev.status + (f", claimed by {ev.claimed_by.name}" if ev.claimed_by else "")
    toll = "".join(f", {n} {what}" for n, what in ((ev.dead, "dead"), (ev.injured, "injured")) if n is not None)
    return clean(f"{_who(ev.source)} → {ev.type} ({ev.cameo}) → {_who(ev.target)}, {when}, {where}, {status}{toll}")


def describe(x: Extraction) -> str:
    """A readable summary of one extraction; ``--json`` gives the full record."""
    title = x.article.title or x.article.id
    lines = [clean(f"{title} — {x.article.published or 'no publication date'}")]
    lines.append(
        f"{len(x.events)} events, {len(x.actors)} actors, {len(x.quotes)} quotes, {len(x.counts)} counts, "
        f"{len(x.places)} places"
    )
    for n, ev in enumerate(x.events, 1):
        lines.append(f"{n:3}. {event_line(ev)}")
        lines.append(f"     “{clean(ev.evidence[0].text)[:150]}” [{ev.evidence[0].trigger}]")
    for q in x.quotes:
        who = q.speaker.name if q.speaker else (q.speaker_text or "unknown speaker")
        lines.append(clean(f"  quote ({q.kind}) {who}: “{q.text[:120]}”"))
    lines += [f"  warning: {w}" for w in x.warnings]
    lines.append("(--json for the full record with evidence offsets)")
    return "\n".join(lines)
