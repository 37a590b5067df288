// Tocsin dashboard: every view is built from the JSON API under /api/v1/. No external assets.
// Untrusted text (articles, names) only ever reaches the page through textContent, never innerHTML.
"use strict";

const API = "/api/v1";
const SVG = "http://www.w3.org/2000/svg";
const TYPES = ["AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
  "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"];
const state = { filters: {}, cursor: null, unit: null, version: null, world: null, dyads: [], sortKey: "conflict" };

function el(tag, attrs = {}, ...children) {
  const node = tag.startsWith("svg:") ? document.createElementNS(SVG, tag.slice(4)) : document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined) continue;
    if (k === "text") node.textContent = v;
    else if (k === "on") for (const [ev, fn] of Object.entries(v)) node.addEventListener(ev, fn);
    else node.setAttribute(k, v);
  }
  for (const c of children) node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return node;
}

function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== "" && v !== null && v !== undefined) q.set(k, v);
  const s = q.toString();
  return s ? "?" + s : "";
}

async function get(path, params = {}) {
  const res = await fetch(API + path + query(params), { headers: { Accept: "application/json" } });
  const body = await res.json();
  if (!res.ok) throw new Error(body.error || res.statusText);
  return body;
}

function showError(err) {
  document.getElementById("error").textContent = err ? String(err.message || err) : "";
}

function eventFilters() {
  const f = { ...state.filters };
  if (!f.min_confidence || Number(f.min_confidence) === 0) delete f.min_confidence;
  return f;
}

// ---- map ---------------------------------------------------------------------------------------------
const project = (lon, lat) => [(lon + 180) * 2, (90 - lat) * 2];

function drawWorld(svg, world, counts) {
  const g = el("svg:g", { class: "countries" });
  for (const [iso, c] of Object.entries(world)) {
    const d = c.rings.map((r) => "M" + r.map(([lo, la]) => project(lo, la).map((x) => x.toFixed(1)).join(",")).join("L") + "Z").join("");
    const path = el("svg:path", { d, class: "land" + (counts[iso] ? " has" : ""), "data-iso": iso });
    path.append(el("svg:title", { text: `${c.name}${counts[iso] ? ": " + counts[iso] + " events" : ""}` }));
    g.append(path);
  }
  svg.append(g);
}

// how well a location is known decides how it is drawn: only a town or city is a filled dot, a region a
// ring, a country or a larger area a dashed ring (a dot at a country's centre would claim a spot)
const SPOT = { place: "at-place", admin2: "at-region", admin1: "at-region", country: "country-only", area: "country-only" };

async function loadMap() {
  const svg = document.getElementById("map");
  if (!state.world) state.world = await (await fetch("/static/world.json")).json();
  const places = await get("/places", eventFilters());
  const byCountry = {};
  for (const p of places) byCountry[p.country] = (byCountry[p.country] || 0) + p.events;
  svg.replaceChildren();
  drawWorld(svg, state.world, byCountry);
  const dots = el("svg:g", { class: "points" });
  for (const p of places) {
    const [x, y] = project(p.lon, p.lat);
    const kind = p.conflict ? "conflict" : p.warning ? "warning" : "other";
    const r = Math.min(14, 2.5 + Math.sqrt(p.events) * 1.6);
    const c = el("svg:circle", {
      cx: x.toFixed(1), cy: y.toFixed(1), r: r.toFixed(1), "data-event": p.example,
      class: `${kind} ${SPOT[p.precision] || "country-only"}`,
      on: { click: () => openEvent(p.example) },
    });
    c.append(el("svg:title", { text: `${p.place_name || p.country}: ${p.events} events (${p.conflict} conflict, ` +
      `${p.warning} warning); location known to the ${p.precision}` }));
    dots.append(c);
  }
  svg.append(dots);
}

// ---- alerts ------------------------------------------------------------------------------------------
function unitLabel(u) {
  if (u.kind === "dyad") return `${u.source} → ${u.target}`;
  if (u.kind === "country") return `${u.country}${u.role ? " (" + u.role + ")" : ""}`;
  return u.key || JSON.stringify(u);
}

async function loadAlerts() {
  const list = document.getElementById("alerts");
  const alerts = await get("/alerts", { since: state.filters.since });
  state.alerts = alerts;
  list.replaceChildren();
  if (!alerts.length) list.append(el("li", { class: "muted", text: "no alerts" }));
  for (const a of alerts) {
    list.append(el("li", { "data-alert": a.id, on: { click: () => openAlert(a) } },
      el("span", { class: `badge ${a.channel}`, text: a.channel }), " ",
      el("strong", { text: unitLabel(a.unit) }), ` ${a.date} · ${a.observed} vs ${a.baseline} · ${a.method}`));
  }
}

function openAlert(a) {
  const body = detail();
  body.append(el("h2", { text: `Alert: ${unitLabel(a.unit)} — ${a.channel}` }),
    el("p", { class: "explanation", text: a.explanation }),
    el("table", {},
      el("tr", {}, el("th", { text: "method" }), el("td", { text: a.method })),
      el("tr", {}, el("th", { text: "observed" }), el("td", { text: `${a.observed} ${a.metric} per ${a.freq}` })),
      el("tr", {}, el("th", { text: "baseline" }), el("td", { text: String(a.baseline) })),
      el("tr", {}, el("th", { text: "severity" }), el("td", { text: String(a.severity) })),
      el("tr", {}, el("th", { text: "periods" }), el("td", { text: `${a.date} to ${a.last_date}` })),
      el("tr", {}, el("th", { text: "first seen" }), el("td", { text: a.first_seen }))),
    el("h3", { text: `Contributing events (${a.events.length})` }));
  const ul = el("ul", { class: "contributing" });
  for (const ev of a.evidence) {
    ul.append(el("li", {}, sentence(ev.text || "", ev.trigger), " ",
      el("a", { class: "link", text: "event", on: { click: () => openEvent(ev.event_id) } }), " · ",
      el("a", { class: "link", text: "article", on: { click: () => openArticle(ev.article_id) } })));
  }
  body.append(ul);
  if (a.unit.kind === "dyad") selectUnit(`${a.unit.source}-${a.unit.target}`);
}

// ---- timeline ----------------------------------------------------------------------------------------
async function loadTimeline() {
  const svg = document.getElementById("timeline");
  svg.replaceChildren();
  if (!state.unit) {
    document.getElementById("timeline-unit").textContent = "no dyad with events yet";
    return;
  }
  document.getElementById("timeline-unit").textContent = state.unit;
  const common = { by: "dyad", unit: state.unit, since: state.filters.since, until: state.filters.until };
  const [conflict, warning] = await Promise.all([
    get("/series", { ...common, channel: "conflict" }), get("/series", { ...common, channel: "warning" })]);
  const lines = [["conflict", conflict[0]], ["warning", warning[0]]].filter(([, s]) => s);
  if (!lines.length) return;
  const periods = lines[0][1].points.map((p) => p.period);
  const top = Math.max(1, ...lines.flatMap(([, s]) => s.points.map((p) => p.value)));
  const W = 960, H = 220, L = 36, B = 24, T = 10;
  const x = (i) => L + (W - L - 10) * i / Math.max(1, periods.length - 1);
  const y = (v) => H - B - (H - B - T) * v / top;
  svg.append(el("svg:line", { x1: L, y1: y(0), x2: W - 10, y2: y(0), class: "axis" }),
    el("svg:text", { x: 2, y: y(top) + 4, text: String(top) }), el("svg:text", { x: 2, y: y(0), text: "0" }),
    el("svg:text", { x: L, y: H - 6, text: periods[0] }),
    el("svg:text", { x: W - 80, y: H - 6, text: periods[periods.length - 1] }));
  for (const [channel, s] of lines) {
    const pts = s.points.map((p, i) => `${x(i).toFixed(1)},${y(p.value).toFixed(1)}`).join(" ");
    svg.append(el("svg:polyline", { points: pts, class: channel }));
  }
  const index = Object.fromEntries(periods.map((p, i) => [p, i]));
  for (const a of state.alerts || []) {
    if (a.unit.kind !== "dyad" || `${a.unit.source}-${a.unit.target}` !== state.unit || !(a.date in index)) continue;
    const cx = x(index[a.date]);
    const mark = el("svg:path", { d: `M${cx - 6},${T + 12}L${cx + 6},${T + 12}L${cx},${T}Z`, class: "alert-mark",
      "data-alert": a.id, on: { click: () => openAlert(a) } });
    mark.append(el("svg:title", { text: `${a.channel} alert ${a.date}: ${a.explanation}` }));
    svg.append(mark);
  }
}

function selectUnit(unit) {
  state.unit = unit;
  loadTimeline().catch(showError);
}

// ---- dyads -------------------------------------------------------------------------------------------
async function loadDyads() {
  const base = { by: "dyad", since: state.filters.since, until: state.filters.until, top: 50 };
  const channels = ["conflict", "warning", "cooperation"];
  const results = await Promise.all(channels.map((c) => get("/series", { ...base, channel: c })));
  const rows = {};
  results.forEach((list, i) => {
    for (const s of list) (rows[s.unit.key] ||= { key: s.unit.key, conflict: 0, warning: 0, cooperation: 0 })[channels[i]] = s.total;
  });
  state.dyads = Object.values(rows);
  if (!state.unit && state.dyads.length) {
    const best = [...state.dyads].sort((a, b) => b.conflict + b.warning - a.conflict - a.warning)[0];
    state.unit = best.key;
  }
  renderDyads();
}

function renderDyads() {
  const key = state.sortKey;
  const sorted = [...state.dyads].sort((a, b) => key === "key" ? a.key.localeCompare(b.key) : b[key] - a[key]);
  const tbody = document.querySelector("#dyads tbody");
  tbody.replaceChildren(...sorted.map((r) => el("tr", { on: { click: () => selectUnit(r.key) } },
    el("td", { text: r.key.replace("-", " → ") }), el("td", { text: String(r.conflict) }),
    el("td", { text: String(r.warning) }), el("td", { text: String(r.cooperation) }))));
}

// ---- events, event view, article view ------------------------------------------------------------------
async function loadEvents(append = false) {
  const params = { ...eventFilters(), limit: 50 };
  if (append && state.cursor) params.cursor = state.cursor;
  const page = await get("/events", params);
  state.cursor = page.next;
  const tbody = document.querySelector("#events tbody");
  if (!append) tbody.replaceChildren();
  for (const e of page.events) {
    tbody.append(el("tr", { "data-event": e.id, on: { click: () => openEvent(e.id) } },
      el("td", { text: e.date || "undated" }), el("td", { text: `${e.type} ${e.cameo || ""}` }),
      el("td", {}, el("span", { class: `status ${e.status}`, text: e.status })),
      el("td", { text: `${e.source || "—"} → ${e.target || "—"}` }),
      el("td", { text: e.place ? `${e.place} (${e.location_precision})` : "—" }),
      el("td", { text: String(e.num_articles) })));
  }
  document.getElementById("more").hidden = !state.cursor;
}

function sentence(text, trigger) {
  const q = el("blockquote");
  const i = trigger ? text.indexOf(trigger) : -1;
  if (i < 0) q.textContent = text;
  else q.append(text.slice(0, i), el("mark", { class: "trigger", text: trigger }), text.slice(i + trigger.length));
  return q;
}

function detail() {
  const aside = document.getElementById("detail");
  aside.hidden = false;
  const body = document.getElementById("detail-body");
  body.replaceChildren();
  aside.scrollTop = 0;
  return body;
}

function names(actors) {
  return actors.length ? actors.map((a) => `${a.name} (${a.code})`).join(", ") : "—";
}

async function openEvent(id) {
  try {
    const e = await get(`/events/${encodeURIComponent(id)}`);
    const body = detail();
    const n = e.reports.length;
    body.append(el("h2", { text: `One event, ${n} report${n === 1 ? "" : "s"}: ${e.type} (${e.cameo})` }),
      el("p", {}, el("span", { class: `status ${e.status}`, text: e.status }),
        ` ${e.source_name || e.source || "—"} → ${e.target_name || e.target || "—"} · ${e.date || "undated"}` +
        ` · ${e.place || "no place"}${e.location_precision ? " (" + e.location_precision + ")" : ""}` +
        ` · ${e.num_sources} source(s)`));
    for (const r of e.reports) {
      const ev = r.evidence[0] || {};
      const claim = r.claimed_by ? `claimed by ${r.claimed_by.name}` : "not attributed to a claimant";
      body.append(el("div", { class: "report" },
        sentence(ev.text || "", ev.trigger),
        el("div", { class: "muted" }, `${r.status} · ${claim} · ${names(r.source)} → ${names(r.target)} · rule ${ev.rule || ""}`),
        el("div", {}, el("a", { class: "link", text: r.article_title || r.article_id, on: { click: () => openArticle(r.article_id) } }),
          r.article_url ? " · " + r.article_url : "")));
    }
  } catch (err) { showError(err); }
}

async function openArticle(id) {
  try {
    const a = await get(`/articles/${encodeURIComponent(id)}`);
    const body = detail();
    body.append(el("h2", { text: a.title || a.id }),
      el("p", { class: "muted", text: `${a.published || "no date"} · ${a.source || ""} · ${a.url || a.path || ""}` }));
    const spans = [];
    for (const e of a.events) for (const ev of e.evidence) spans.push({ s: ev.start, e: ev.end, kind: "ev", title: `${e.type} ${e.status}: ${ev.trigger}` });
    for (const p of a.places) spans.push({ s: p.start, e: p.end, kind: "place", title: `${p.name}, ${p.country}` });
    for (const q of a.quotes) spans.push({ s: q.start, e: q.end, kind: "quote", title: `quote: ${q.speaker ? q.speaker.name : q.speaker_text || "unknown"}` });
    spans.sort((x, y) => x.s - y.s || y.e - x.e);
    const text = el("div", { class: "article-text" });
    let at = 0;
    for (const sp of spans) {
      if (sp.s < at || sp.e <= sp.s) continue; // overlapping spans: the first one shown wins
      text.append(a.text.slice(at, sp.s));
      const tag = sp.kind === "quote" ? "q" : "span";
      text.append(el(tag, { class: sp.kind, title: sp.title, text: a.text.slice(sp.s, sp.e) }));
      at = sp.e;
    }
    text.append(a.text.slice(at));
    body.append(text);
  } catch (err) { showError(err); }
}

// ---- header, filters, live -----------------------------------------------------------------------------
async function loadStats() {
  const s = await get("/stats");
  const t = s.totals;
  document.getElementById("stats").textContent =
    `${t.articles} articles · ${t.events} events · ${t.event_mentions} reports · ${t.alerts} alerts`;
  return s.version;
}

async function refresh() {
  showError(null);
  try {
    state.version = await loadStats();
    await Promise.all([loadMap(), loadAlerts(), loadDyads(), loadEvents()]);
    await loadTimeline();
    document.body.dataset.ready = "1";
  } catch (err) { showError(err); }
}

async function poll() {
  const live = document.getElementById("live");
  try {
    const s = await get("/stats");
    live.classList.remove("stale");
    live.textContent = "live · " + new Date().toLocaleTimeString();
    if (s.version !== state.version) await refresh();
  } catch (err) {
    live.classList.add("stale");
    live.textContent = "offline";
  }
}

function init() {
  const type = document.querySelector("select[name=type]");
  for (const t of TYPES) type.append(el("option", { text: t }));
  document.getElementById("filters").addEventListener("submit", (ev) => {
    ev.preventDefault();
    state.filters = Object.fromEntries(new FormData(ev.target).entries());
    if (state.filters.country) state.filters.country = state.filters.country.toUpperCase();
    state.cursor = null;
    refresh();
  });
  document.getElementById("more").addEventListener("click", () => loadEvents(true).catch(showError));
  document.getElementById("close").addEventListener("click", () => { document.getElementById("detail").hidden = true; });
  for (const th of document.querySelectorAll("#dyads th[data-key]")) {
    th.addEventListener("click", () => { state.sortKey = th.dataset.key; renderDyads(); });
  }
  refresh();
  setInterval(poll, 5000);
}

document.addEventListener("DOMContentLoaded", init);
