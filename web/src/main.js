// Polemos dashboard: filters in the URL, a clustered map, a server-aggregated timeline, a table,
// and an event panel that shows the article with the evidence highlighted.
import L from "leaflet";
import "leaflet.markercluster";
import { feature } from "topojson-client";
import countries110m from "world-atlas/countries-110m.json";
import "leaflet/dist/leaflet.css";
import "leaflet.markercluster/dist/MarkerCluster.css";
import "leaflet.markercluster/dist/MarkerCluster.Default.css";
import "./style.css";
import { TYPES, STATUSES, color } from "./colors.js";
import { initZones } from "./zones.js";
import { initReview, renderReview } from "./review.js";

const FILTERS = ["since", "until", "type", "country", "actor", "status", "text", "reviewed"];
const PAGE = 100;
const $ = (sel) => document.querySelector(sel);
const el = (tag, props = {}, ...kids) => {
  const n = Object.assign(document.createElement(tag), props);
  for (const k of kids) n.append(k);
  return n;
};

const state = { view: "map", by: "week", offset: 0, event: null, doc: null };

// ---- URL <-> form -------------------------------------------------------------------------
function readUrl() {
  const q = new URLSearchParams(location.search);
  for (const f of FILTERS) $(`#f-${f}`).value = q.get(f) || "";
  $("#f-top_level").checked = q.get("top_level") === "true";
  state.view = q.get("view") === "table" ? "table" : "map";
  state.by = ["day", "month"].includes(q.get("by")) ? q.get("by") : "week";
  state.offset = Math.max(0, parseInt(q.get("offset") || "0", 10) || 0);
  state.event = q.get("event");
  $("#f-by").value = state.by;
}

function filterParams() {
  const p = new URLSearchParams();
  for (const f of FILTERS) {
    const v = $(`#f-${f}`).value.trim();
    if (v) p.set(f, f === "country" ? v.toUpperCase() : v);
  }
  if ($("#f-top_level").checked) p.set("top_level", "true");
  return p;
}

function writeUrl(push) {
  const p = filterParams();
  if (state.view === "table") p.set("view", "table");
  if (state.by !== "week") p.set("by", state.by);
  if (state.offset) p.set("offset", String(state.offset));
  if (state.event) p.set("event", state.event);
  const url = `${location.pathname}${p.toString() ? "?" + p : ""}`;
  history[push ? "pushState" : "replaceState"](null, "", url);
}

async function getJson(url) {
  const r = await fetch(url, { headers: { Accept: "application/json" } });
  const body = await r.json().catch(() => ({}));
  if (!r.ok) throw new Error(body.error || `${r.status} ${r.statusText}`);
  return body;
}

function showStatus(msg, isError = false) {
  const s = $("#status");
  s.textContent = msg;
  s.className = isError ? "error" : "";
}

// ---- map ----------------------------------------------------------------------------------
// maxZoom must be set: the base layer is vector outlines, not tiles, and clustering needs it.
const map = L.map("map", { worldCopyJump: true, minZoom: 1, maxZoom: 18 }).setView([25, 20], 2);
const outlines = L.geoJSON(feature(countries110m, countries110m.objects.countries), {
  style: { color: "#7a7a7a", weight: 0.6, fillColor: "#f2efe9", fillOpacity: 1 },
  interactive: false,
}).addTo(map);
const online = L.tileLayer("https://tile.openstreetmap.org/{z}/{x}/{y}.png", {
  maxZoom: 18, attribution: "© OpenStreetMap contributors",
});
L.control.layers({ "Country outlines (offline)": outlines, "OpenStreetMap (online)": online }, {}, { collapsed: true }).addTo(map);
map.attributionControl.addAttribution("Natural Earth");
const clusters = L.markerClusterGroup({ chunkedLoading: true, maxClusterRadius: 45, showCoverageOnHover: false,
                                        zoomToBoundsOnClick: false });
// Events coded to (nearly) the same point — a town, a province centroid — never separate by
// zooming: a cluster whose members lie within a few hundred metres opens into a spider at once.
clusters.on("clusterclick", (e) => {
  if (map.getBoundsZoom(e.layer.getBounds()) > 13) e.layer.spiderfy();
  else e.layer.zoomToBounds({ padding: [20, 20] });
});
map.addLayer(clusters);

const legend = L.control({ position: "bottomleft" });
legend.onAdd = () => {
  const d = el("div", { className: "legend" });
  for (const t of TYPES) d.append(el("span", {}, el("i", { style: `background:${color(t)}` }), t));
  d.append(el("span", {}, el("i", { className: "coarse" }), "hollow: province/country centroid"));
  return d;
};
legend.addTo(map);
let moveTimer = null;
map.on("moveend", () => {
  if (!pointsCapped || state.view !== "map") return;
  clearTimeout(moveTimer);
  moveTimer = setTimeout(() => loadMap(false, true).catch((e) => showStatus(e.message, true)), 250);
});

// The view as a bbox filter (W,S,E,N), or null when it wraps the antimeridian or shows the world.
function viewBbox() {
  const b = map.getBounds();
  const w = b.getWest(), e = b.getEast();
  if (e - w >= 360 || w < -180 || e > 180) return null;
  const f = (x) => x.toFixed(4);
  return [f(w), f(Math.max(-90, b.getSouth())), f(e), f(Math.min(90, b.getNorth()))].join(",");
}

let mapRequest = 0;
let pointsCapped = false;     // the last answer was capped: panning/zooming asks for the view only
async function loadMap(fit, inView = false) {
  const id = ++mapRequest;
  const p = filterParams();
  p.set("format", "points");
  const bbox = inView ? viewBbox() : null;
  if (bbox) p.set("bbox", bbox);
  const data = await getJson(`events?${p}`);
  if (id !== mapRequest) return;            // a newer filter has already been applied
  clusters.clearLayers();
  const [I, LAT, LON, TYPE, DATE, KILLED, PREC] = [0, 1, 2, 3, 4, 5, 6];
  const markers = data.points.map((pt) => {
    // A point that stands for a whole province or country (a centroid) is drawn hollow and
    // dashed, so nobody reads it as the place where the event happened.
    const coarse = ["admin2", "admin1", "country", "document"].includes(pt[PREC]);
    const m = L.circleMarker([pt[LAT], pt[LON]], {
      radius: 7, color: coarse ? color(pt[TYPE]) : "#222", weight: coarse ? 2 : 1, dashArray: coarse ? "3 2" : null,
      fillColor: color(pt[TYPE]), fillOpacity: coarse ? 0.25 : 0.85,
      className: `ev-marker ev-${pt[TYPE]}${coarse ? " ev-coarse" : ""}`,
    });
    m.bindTooltip(`${pt[TYPE]} · ${pt[DATE] || "date unknown"}${pt[KILLED] ? ` · ${pt[KILLED]} killed` : ""}${coarse ? ` · located only to ${pt[PREC]}` : ""}`);
    m.on("click", () => selectEvent(pt[I], true));
    return m;
  });
  clusters.addLayers(markers);
  if (!inView) { pointsCapped = data.capped; labelDownloads(data.total); }
  const unmapped = data.total - data.returned;
  let msg = `${data.total.toLocaleString()} events ${bbox ? "in this view" : "match"}; ${data.returned.toLocaleString()} on the map`;
  if (data.capped) msg += " (capped: zoom in or narrow the filters to see the rest)";
  else if (unmapped > 0 && !bbox) msg += ` (${unmapped.toLocaleString()} without coordinates)`;
  showStatus(msg);
  // Bounds from the data (with chunked loading the cluster layer may still be empty here); no
  // closer than zoom 6, where the offline outlines still show borders and coasts.
  if (fit && markers.length) {
    map.fitBounds(L.latLngBounds(data.points.map((pt) => [pt[LAT], pt[LON]])), { maxZoom: 6, padding: [20, 20], animate: false });
  }
}

// ---- timeline (aggregated on the server) ------------------------------------------------------
async function loadTimeline() {
  const p = filterParams();
  p.set("by", state.by);
  const data = await getJson(`stats?${p}`);
  drawTimeline(continuous(data.totals.filter((t) => t.period), state.by));
}

// Periods with no events come back absent: fill them so the axis is proportional to time.
function continuous(series, by) {
  if (series.length < 2) return series;
  const have = new Map(series.map((s) => [s.period, s]));
  const out = [];
  const d = new Date(series[0].period + "T00:00:00Z");
  const end = series[series.length - 1].period;
  for (let i = 0; i < 5000; i++) {
    const p = d.toISOString().slice(0, 10);
    out.push(have.get(p) || { period: p, events: 0, killed: 0 });
    if (p >= end) return out;
    if (by === "month") d.setUTCMonth(d.getUTCMonth() + 1);
    else d.setUTCDate(d.getUTCDate() + (by === "week" ? 7 : 1));
  }
  return series;                          // too long to fill: show the periods that have events
}

function drawTimeline(series) {
  const svg = $("#timeline");
  const W = svg.clientWidth || 800, H = svg.clientHeight || 120, pad = 18;
  svg.setAttribute("viewBox", `0 0 ${W} ${H}`);
  svg.replaceChildren();
  const ns = "http://www.w3.org/2000/svg";
  const mk = (tag, attrs) => {
    const n = document.createElementNS(ns, tag);
    for (const [k, v] of Object.entries(attrs)) n.setAttribute(k, v);
    return n;
  };
  if (!series.length) {
    svg.append(Object.assign(mk("text", { x: 10, y: H / 2 }), { textContent: "no dated events" }));
    $("#tl-legend").textContent = "";
    return;
  }
  const topE = Math.max(...series.map((s) => s.events)), topK = Math.max(...series.map((s) => s.killed));
  const maxE = Math.max(topE, 1), maxK = Math.max(topK, 1);
  const bw = (W - 2 * pad) / series.length;
  const y = (v, m) => H - pad - (v / m) * (H - 2 * pad);
  series.forEach((s, i) => {
    const bar = mk("rect", { x: pad + i * bw + 0.5, y: y(s.events, maxE), width: Math.max(1, bw - 1),
                             height: H - pad - y(s.events, maxE), class: "tl-bar" });
    bar.append(Object.assign(mk("title", {}), { textContent: `${s.period}: ${s.events} events, ${s.killed} killed` }));
    bar.addEventListener("click", () => zoomToPeriod(s.period));
    svg.append(bar);
  });
  const pts = series.map((s, i) => `${pad + (i + 0.5) * bw},${y(s.killed, maxK)}`).join(" ");
  svg.append(mk("polyline", { points: pts, class: "tl-killed" }));
  series.forEach((s, i) => {
    if (s.killed > 0) svg.append(mk("circle", { cx: pad + (i + 0.5) * bw, cy: y(s.killed, maxK), r: 2.5, class: "tl-killed-dot" }));
  });
  const first = series[0].period, last = series[series.length - 1].period;
  svg.append(Object.assign(mk("text", { x: pad, y: H - 4, class: "tl-label" }), { textContent: first }));
  svg.append(Object.assign(mk("text", { x: W - pad, y: H - 4, class: "tl-label", "text-anchor": "end" }), { textContent: last }));
  const total = series.reduce((a, s) => [a[0] + s.events, a[1] + s.killed], [0, 0]);
  $("#tl-legend").textContent = ` — ${total[0].toLocaleString()} dated events, ${total[1].toLocaleString()} killed; max ${topE} events / ${topK} killed per ${state.by}`;
}

function zoomToPeriod(period) {
  const start = new Date(period + "T00:00:00Z");
  const end = new Date(start);
  if (state.by === "month") end.setUTCMonth(end.getUTCMonth() + 1, 0);
  else end.setUTCDate(end.getUTCDate() + (state.by === "week" ? 6 : 0));
  $("#f-since").value = period;
  $("#f-until").value = end.toISOString().slice(0, 10);
  apply(true);
}

// ---- table ----------------------------------------------------------------------------------
async function loadTable() {
  const p = filterParams();
  p.set("limit", PAGE);
  p.set("offset", state.offset);
  const data = await getJson(`events?${p}`);
  const tbody = $("#table tbody");
  tbody.replaceChildren(...data.events.map((e) => {
    const actor = (a) => (a ? a.name || a.text || a.country || "" : "");
    const tr = el("tr", { className: "ev-row", tabIndex: 0 },
      el("td", {}, e.date || ""), el("td", {}, el("i", { className: "dot", style: `background:${color(e.type)}` }), e.type),
      el("td", {}, actor(e.actor1)), el("td", {}, actor(e.actor2)),
      el("td", {}, e.location ? e.location.name || e.location.text || "" : ""),
      el("td", {}, e.location ? e.location.country || "" : ""),
      el("td", {}, e.killed ? String(e.killed.best ?? e.killed.low ?? "") : ""),
      el("td", {}, e.status), el("td", {}, String(e.n_sources)));
    tr.dataset.id = e.id;
    tr.addEventListener("click", () => selectEvent(e.id, true));
    tr.addEventListener("keydown", (k) => { if (k.key === "Enter") selectEvent(e.id, true); });
    return tr;
  }));
  const last = Math.min(data.offset + data.events.length, data.total);
  labelDownloads(data.total);
  $("#page").textContent = data.total ? `${data.offset + 1}–${last} of ${data.total.toLocaleString()}` : "no events";
  $("#prev").disabled = data.offset === 0;
  $("#next").disabled = data.next_offset == null;
  showStatus(`${data.total.toLocaleString()} events match`);
}

// ---- event panel ----------------------------------------------------------------------------
function countText(c) {
  if (!c) return null;
  const { low, best, high } = c;
  let s = String(best ?? low ?? "?");
  if (best == null && low != null) s = `at least ${low}`;
  else if (low != null && high != null && (low !== best || high !== best)) s += ` (${low}–${high})`;
  return c.who ? `${s} ${c.who}` : s;
}

async function selectEvent(id, push) {
  state.event = id;
  writeUrl(push);
  const panel = $("#event-panel");
  panel.hidden = false;
  $("#event-details").replaceChildren(el("p", {}, "loading…"));
  let ev;
  try {
    ev = await getJson(`events/${encodeURIComponent(id)}`);
  } catch (err) {
    $("#event-details").replaceChildren(el("p", { className: "error" }, String(err.message)));
    return;
  }
  const actor = (a) => (a ? [a.name || a.text, a.country, a.sector].filter(Boolean).join(" · ") : "—");
  const loc = ev.location;
  const rows = [
    ["Type", `${ev.type}${ev.mode ? ` (${ev.mode})` : ""}${ev.acled_event_type ? ` — ACLED: ${ev.acled_event_type}${ev.acled_sub_event_type ? " / " + ev.acled_sub_event_type : ""}` : ""}`],
    ["Status", ev.status],
    ["Actor 1", actor(ev.actor1)],
    ["Actor 2", actor(ev.actor2)],
    ["Date", ev.date ? `${ev.date}${ev.date_end && ev.date_end !== ev.date ? " – " + ev.date_end : ""} (precision: ${ev.date_precision})` : `unknown${ev.date_text ? ` ("${ev.date_text}")` : ""}`],
    ["Place", loc ? `${loc.name || loc.text || "?"}${loc.admin1 ? ", " + loc.admin1 : ""}${loc.country ? ", " + loc.country : ""} (precision: ${loc.precision || "unknown"})${loc.lat != null ? ` ${loc.lat.toFixed(3)}, ${loc.lon.toFixed(3)}` : ""}` : "unknown"],
    ["Killed", countText(ev.killed)], ["Injured", countText(ev.injured)],
    ["Displaced", countText(ev.displaced)], ["Arrested", countText(ev.arrested)],
    ["Reported by", ev.reported_by ? actor(ev.reported_by) : null],
    ["Sources", `${ev.n_sources} source(s), ${ev.n_mentions} mention(s)${ev.sources && ev.sources.length ? ": " + ev.sources.join(", ") : ""}`],
  ].filter(([, v]) => v != null);
  const link = (id, label) => {
    const a = el("a", { href: "#", className: "ev-link" }, label);
    a.addEventListener("click", (e) => { e.preventDefault(); selectEvent(id, true); });
    return a;
  };
  // A count reported more than once (a toll that rose) is shown as its sequence of reports.
  const hist = ev.count_history || [];
  for (const kind of [...new Set(hist.map((h) => h.kind))]) {
    const hs = hist.filter((h) => h.kind === kind);
    if (hs.length > 1) rows.push([`${kind[0].toUpperCase()}${kind.slice(1)} reports`, hs.map((h) => `${h.value}${h.published ? ` (${h.published})` : ""}`).join(" → ")]);
  }
  if (ev.part_of) rows.push(["Part of", link(ev.part_of, "the reported total")]);
  if (ev.parts && ev.parts.length) {
    const span = el("span", {}, `a total covering ${ev.parts.length} local event(s): `);
    ev.parts.forEach((id, i) => span.append(i ? ", " : "", link(id, `#${i + 1}`)));
    rows.push(["Covers", span]);
  }
  const dl = el("dl", { id: "event-fields" });
  for (const [k, v] of rows) dl.append(el("dt", {}, k), el("dd", {}, v));
  $("#event-details").replaceChildren(el("h2", { style: `border-color:${color(ev.type)}` }, ev.type), dl);
  renderReview(ev);
  const docs = ev.document_ids && ev.document_ids.length ? ev.document_ids
    : [...new Set((ev.mentions || []).map((m) => m.document_id).filter(Boolean))];
  const tabs = $("#doc-tabs");
  tabs.replaceChildren(...docs.map((d, i) => {
    const b = el("button", { type: "button", className: "doc-tab" }, `Article ${i + 1}`);
    b.title = d;
    b.addEventListener("click", () => showDocument(d, ev.id));
    return b;
  }));
  if (docs.length) await showDocument(docs[0], ev.id);
  else {
    $("#doc-title").textContent = "";
    $("#doc-text").replaceChildren(el("p", {}, ev.evidence.text));
  }
}

// The article is rendered as text nodes with <mark> around evidence spans (the selected event's
// in yellow, other events read from the same article in grey, clickable): article text is never
// parsed as HTML.
async function showDocument(docId, eventId) {
  for (const b of document.querySelectorAll(".doc-tab")) b.classList.toggle("active", b.title === docId);
  const box = $("#doc-text");
  box.replaceChildren(el("p", {}, "loading article…"));
  let doc;
  try {
    doc = await getJson(`documents/${encodeURIComponent(docId)}`);
  } catch (err) {
    box.replaceChildren(el("p", { className: "error" }, String(err.message)));
    return;
  }
  $("#doc-title").textContent = [doc.title || doc.id, doc.published, doc.source].filter(Boolean).join(" · ");
  const frag = document.createDocumentFragment();
  let pos = 0;
  for (const s of doc.spans) {
    if (s.start < pos) continue;          // overlapping spans: keep the first
    frag.append(doc.text.slice(pos, s.start));
    const mine = s.event_id === eventId;
    const m = el("mark", { className: mine ? "evidence current" : "evidence other",
                           title: mine ? `evidence of this ${s.type || ""} event` : `${s.type || ""} event: click to open` },
                 doc.text.slice(s.start, s.end));
    if (!mine && s.event_id) m.addEventListener("click", () => selectEvent(s.event_id, true));
    frag.append(m);
    pos = s.end;
  }
  frag.append(doc.text.slice(pos));
  box.replaceChildren(frag);
  const first = box.querySelector("mark.current") || box.querySelector("mark");
  if (first) first.scrollIntoView({ block: "center" });
}

// ---- wiring -----------------------------------------------------------------------------------
function setView(view) {
  state.view = view;
  $("#map").hidden = view !== "map";
  $("#table-view").hidden = view !== "table";
  $("#view-map").classList.toggle("active", view === "map");
  $("#view-table").classList.toggle("active", view === "table");
}

let EXPORT_MAX = 10000;      // replaced by the server's limit (GET /health) at start
// Downloads take the whole selection up to the server's cap; the links say when that cuts it.
function labelDownloads(total) {
  const cut = total > EXPORT_MAX ? ` (first ${EXPORT_MAX.toLocaleString()} of ${total.toLocaleString()})` : "";
  $("#dl-csv").textContent = "CSV" + cut;
  $("#dl-geojson").textContent = "GeoJSON" + cut;
}

function updateDownloads() {
  const p = filterParams();
  p.set("limit", String(EXPORT_MAX));
  p.set("format", "csv");
  $("#dl-csv").href = `events?${p}`;
  p.set("format", "geojson");
  $("#dl-geojson").href = `events?${p}`;
}

async function refresh(fit) {
  setView(state.view);
  updateDownloads();
  try {
    const jobs = [loadTimeline(), state.view === "map" ? loadMap(fit) : loadTable()];
    await Promise.all(jobs);
    if (state.view === "map") setTimeout(() => map.invalidateSize(), 0);
  } catch (err) {
    showStatus(err.message, true);
  }
}

function apply(push) {
  state.offset = 0;
  writeUrl(push);
  refresh(true);
}

function init() {
  for (const t of TYPES) $("#f-type").append(el("option", { value: t }, t));
  for (const s of STATUSES) $("#f-status").append(el("option", { value: s }, s));
  readUrl();
  initReview({ map, selectEvent });
  $("#filters").addEventListener("submit", (e) => { e.preventDefault(); apply(true); });
  $("#reset").addEventListener("click", () => { for (const f of FILTERS) $(`#f-${f}`).value = ""; $("#f-top_level").checked = false; apply(true); });
  $("#f-by").addEventListener("change", () => { state.by = $("#f-by").value; writeUrl(false); loadTimeline().catch((e) => showStatus(e.message, true)); });
  $("#view-map").addEventListener("click", () => { state.view = "map"; writeUrl(true); refresh(false); });
  $("#view-table").addEventListener("click", () => { state.view = "table"; writeUrl(true); refresh(false); });
  $("#prev").addEventListener("click", () => { state.offset = Math.max(0, state.offset - PAGE); writeUrl(true); loadTable().catch((e) => showStatus(e.message, true)); });
  $("#next").addEventListener("click", () => { state.offset += PAGE; writeUrl(true); loadTable().catch((e) => showStatus(e.message, true)); });
  $("#close-panel").addEventListener("click", () => { state.event = null; $("#event-panel").hidden = true; writeUrl(true); });
  window.addEventListener("popstate", () => { readUrl(); refresh(false); if (state.event) selectEvent(state.event, false); else $("#event-panel").hidden = true; });
  getJson("health").then((h) => { EXPORT_MAX = h.max_limit; }).catch(() => {})
    .finally(() => {
      refresh(true);
      if (state.event) selectEvent(state.event, false);
    });
}

init();
initZones({ map, el, getJson, selectEvent, showStatus });   // zones and alerts (issue 14)
