// Review in the dashboard: the queue, and for the open event confirm / reject / edit (place from
// the gazetteer or a click on the map) / merge / split / move a mention, its history and undo.
// Writes send the key typed in the header (kept for the browser session only) and the version the
// reviewer saw; a 409 says someone else changed the event and reloads it.
import { TYPES, STATUSES, color } from "./colors.js";
import "./review.css";

const $ = (sel) => document.querySelector(sel);
const el = (tag, props = {}, ...kids) => {
  const n = Object.assign(document.createElement(tag), props);
  for (const k of kids) if (k != null) n.append(k);
  return n;
};
const KEY = "polemos-key";
const PRECISIONS = ["day", "week", "month", "year", "range", "unknown"];
const COUNTS = ["killed", "injured", "displaced", "arrested"];
let ctx = null;       // { map, selectEvent }
let current = null;   // the event shown in the panel

function key() { return sessionStorage.getItem(KEY) || ""; }

function say(msg, isError = false) {
  const s = $("#review-msg");
  if (s) { s.textContent = msg; s.className = isError ? "error" : "ok"; }
}

async function send(method, url, body) {
  const r = await fetch(url, {
    method, headers: { "Content-Type": "application/json", "X-API-Key": key(), Accept: "application/json" },
    body: JSON.stringify(body),
  });
  const data = r.status === 204 ? {} : await r.json().catch(() => ({}));
  if (r.status === 409) {
    say(`${data.error} — reloaded`, true);
    await ctx.selectEvent(current.id, false);
    say(`${data.error} — reloaded`, true);
    return null;
  }
  if (!r.ok) { say(data.error || `${r.status} ${r.statusText}`, true); return null; }
  return data;
}

async function act(path, body, done, method = "POST") {
  const id = current.id;
  const out = await send(method, `events/${encodeURIComponent(id)}${path}`, { version: current.version, ...body });
  if (out == null) return;
  await ctx.selectEvent(out.id || id, false);
  say(done);
}

const reason = () => $("#rv-reason").value.trim() || null;

// ---- the panel of one event -------------------------------------------------------------------
function statusLine(ev) {
  const who = ev.reviewed_by ? ` by ${ev.reviewed_by} at ${ev.reviewed_at}` : "";
  let s = `${ev.review_status || "not reviewed"} (coded by ${ev.coded_by})${who} · version ${ev.version}`;
  if (ev.rejected) s += ` · rejected: ${ev.rejected.kind}${ev.rejected.duplicate_of ? " of " + ev.rejected.duplicate_of : ""}`;
  if (ev.merged_into) s += ` · merged into ${ev.merged_into}`;
  if (ev.needs_rereview) s += " · the machine's coding changed since: please look again";
  return el("p", { id: "rv-status", className: ev.needs_rereview ? "rereview" : "" }, s);
}

function select(id, options, value) {
  const s = el("select", { id });
  for (const o of options) s.append(el("option", { value: o, selected: o === value }, o || "—"));
  return s;
}

function editForm(ev) {
  const actor = (a) => (a ? a.name || a.text || "" : "");
  const f = el("form", { id: "rv-edit", className: "rv-grid" });
  const row = (label, input) => f.append(el("label", {}, label), input);
  row("Type", select("rv-type", TYPES, ev.type));
  row("Mode", el("input", { id: "rv-mode", value: ev.mode || "" }));
  row("Status", select("rv-status-f", STATUSES, ev.status));
  row("Actor 1", el("input", { id: "rv-actor1", value: actor(ev.actor1) }));
  row("Actor 2", el("input", { id: "rv-actor2", value: actor(ev.actor2) }));
  row("Date", el("input", { id: "rv-date", type: "date", value: ev.date || "" }));
  row("Precision", select("rv-date_precision", PRECISIONS, ev.date_precision));
  for (const k of COUNTS) row(k[0].toUpperCase() + k.slice(1), el("input", { id: `rv-${k}`, type: "number", min: 0, value: ev[k] ? ev[k].best ?? "" : "" }));
  const place = el("input", { id: "rv-place", placeholder: "search the gazetteer", value: ev.location ? ev.location.name || ev.location.text || "" : "" });
  const results = el("div", { id: "rv-place-results" });
  const pick = el("button", { type: "button", id: "rv-pick-map" }, "pick on map");
  place.addEventListener("input", () => searchPlace(place.value, results));
  pick.addEventListener("click", () => {
    say("click the map where the event happened");
    ctx.map.once("click", (e) => {
      place.dataset.value = `${e.latlng.lat.toFixed(5)},${e.latlng.lng.toFixed(5)}`;
      place.value = place.dataset.value;
      say(`place set to ${place.value}`);
    });
  });
  row("Place", el("span", {}, place, pick, results));
  f.append(el("button", { type: "submit", id: "rv-save" }, "Save changes"));
  f.addEventListener("submit", (e) => { e.preventDefault(); saveEdit(ev); });
  return f;
}

async function searchPlace(q, box) {
  if (q.trim().length < 2) { box.replaceChildren(); return; }
  const r = await fetch(`gazetteer?q=${encodeURIComponent(q.trim())}`);
  const places = r.ok ? await r.json() : [];
  box.replaceChildren(...places.map((p) => {
    const b = el("button", { type: "button", className: "rv-place" }, `${p.name}, ${p.admin1 || ""} ${p.country || ""} (${p.precision})`);
    b.addEventListener("click", () => {
      $("#rv-place").value = p.name;
      $("#rv-place").dataset.value = String(p.geonameid);
      box.replaceChildren();
    });
    return b;
  }));
}

function saveEdit(ev) {
  const fields = {};
  const val = (id) => $(`#${id}`).value.trim();
  const actor = (a) => (a ? a.name || a.text || "" : "");
  if (val("rv-type") !== ev.type) fields.type = val("rv-type");
  if (val("rv-mode") !== (ev.mode || "")) fields.mode = val("rv-mode") || null;
  if (val("rv-status-f") !== ev.status) fields.status = val("rv-status-f");
  for (const a of ["actor1", "actor2"]) if (val(`rv-${a}`) !== actor(ev[a])) fields[a] = val(`rv-${a}`) || null;
  if (val("rv-date") !== (ev.date || "")) fields.date = val("rv-date") || null;
  if (val("rv-date_precision") !== ev.date_precision) fields.date_precision = val("rv-date_precision");
  for (const k of COUNTS) {
    const was = ev[k] ? String(ev[k].best ?? "") : "";
    if (val(`rv-${k}`) !== was) fields[k] = val(`rv-${k}`) === "" ? null : Number(val(`rv-${k}`));
  }
  if ($("#rv-place").dataset.value) fields.location = $("#rv-place").dataset.value;
  if (!Object.keys(fields).length) { say("nothing changed", true); return; }
  if (!reason()) { say("give a short reason for the change", true); $("#rv-reason").focus(); return; }
  act("", { fields, reason: reason() }, `saved: ${Object.keys(fields).join(", ")}`, "PATCH");
}

function mentionsBox(ev) {
  const box = el("div", { id: "rv-mentions" });
  for (const m of ev.mentions || []) {
    box.append(el("label", { className: "rv-mention" }, el("input", { type: "checkbox", value: m.id }), ` ${m.document_id}: “${m.evidence.text}”`));
  }
  return box;
}

async function loadHistory(ev) {
  const box = $("#rv-history");
  const r = await fetch(`events/${encodeURIComponent(ev.id)}/history`);
  const rows = r.ok ? await r.json() : [];
  const fmt = (v) => (v == null ? "" : typeof v === "object" ? (v.best ?? v.name ?? JSON.stringify(v)) : String(v));
  box.replaceChildren(...rows.map((h) => {
    const li = el("li", { className: `rv-h ${h.source}${h.undone_by ? " undone" : ""}` },
      `${h.at} · ${h.by} · ${h.op}${h.field ? " " + h.field : ""}: ${h.before != null ? fmt(h.before) + " → " : ""}${fmt(h.after)}${h.why ? " — " + h.why : ""}${h.undone_by ? " (undone)" : ""}`);
    if (h.source === "person" && h.op !== "undo" && !h.undone_by && h.change) {
      const u = el("button", { type: "button", className: "rv-undo" }, "undo");
      u.addEventListener("click", () => act("/undo", { change: h.change, reason: reason() }, `undone: change #${h.change}`));
      li.append(" ", u);
    }
    return li;
  }));
}

export function renderReview(ev) {
  current = ev;
  const box = $("#review-box");
  if (!box) return;
  const b = (id, label, fn) => { const x = el("button", { type: "button", id }, label); x.addEventListener("click", fn); return x; };
  const kind = select("rv-kind", ["not_event", "duplicate", "out_of_scope"], "not_event");
  const other = el("input", { id: "rv-other", placeholder: "other event id", size: 22 });
  const target = el("input", { id: "rv-target", placeholder: "move checked to event id", size: 22 });
  box.replaceChildren(
    el("h3", {}, "Review"), statusLine(ev),
    el("div", { className: "rv-row" }, el("input", { id: "rv-reason", placeholder: "reason (kept in the history)", size: 40, maxLength: 500 })),
    el("div", { className: "rv-row" },
      b("rv-confirm", "Confirm", () => act("/confirm", { reason: reason() }, "confirmed")),
      kind, other,
      b("rv-reject", "Reject", () => act("/reject", { kind: kind.value, duplicate_of: other.value.trim() || null, reason: reason() }, "rejected")),
      b("rv-merge", "Merge other into this", () => act("/merge", { other: other.value.trim(), reason: reason() }, "merged"))),
    el("details", { id: "rv-edit-box" }, el("summary", {}, "Edit fields"), editForm(ev)),
    el("details", { id: "rv-mentions-box" }, el("summary", {}, `Mentions (${(ev.mentions || []).length})`), mentionsBox(ev),
      el("div", { className: "rv-row" },
        b("rv-split", "Split checked into a new event", () => act("/split", { mentions: checked(), reason: reason() }, "split")),
        target, b("rv-move", "Move", moveChecked))),
    el("details", { id: "rv-history-box", open: true }, el("summary", {}, "History"), el("ul", { id: "rv-history" })),
    el("p", { id: "review-msg" }),
  );
  loadHistory(ev).catch((e) => say(e.message, true));
}

const checked = () => [...document.querySelectorAll("#rv-mentions input:checked")].map((c) => c.value);

async function moveChecked() {
  const to = $("#rv-target").value.trim();
  for (const m of checked()) {
    const out = await send("POST", `events/${encodeURIComponent(to)}/move`, { mention: m, reason: reason() });
    if (out == null) return;
  }
  await ctx.selectEvent(current.id, false);
  say(`moved to ${to}`);
}

// ---- the queue and the statistics --------------------------------------------------------------
async function showQueue() {
  for (const id of ["#map", "#table-view"]) $(id).hidden = true;
  $("#review-view").hidden = false;
  const view = $("#review-view");
  view.replaceChildren(el("p", {}, "loading the review queue…"));
  const [q, st] = await Promise.all([fetch("review/queue?limit=100").then((r) => r.json()),
                                     fetch("review/stats").then((r) => r.json())]);
  const list = el("ol", { id: "rv-queue" }, ...q.map((it) => {
    const e = it.event;
    const li = el("li", { className: "rv-item", tabIndex: 0 },
      el("i", { className: "dot", style: `background:${color(e.type)}` }), `${e.type} · ${e.date || "date unknown"} · `,
      el("em", {}, it.reasons.join("; ")), el("div", { className: "rv-ev" }, `“${e.evidence.text}”`));
    li.dataset.id = e.id;
    li.addEventListener("click", () => ctx.selectEvent(e.id, true));
    return li;
  }));
  const changed = st.fields.filter((f) => f.changed);
  const stats = el("table", { id: "rv-stats" }, el("tr", {}, el("th", {}, "field"), el("th", {}, "changed by people")),
    ...changed.map((f) => el("tr", {}, el("td", {}, f.field), el("td", {}, `${f.changed} of ${f.reviewed}`))),
    el("tr", {}, el("th", {}, "machine type"), el("th", {}, "people decided")),
    ...st.types.map((t) => el("tr", { className: t.machine === t.human ? "" : "rv-changed" }, el("td", {}, t.machine), el("td", {}, `${t.human} (${t.events})`))));
  view.replaceChildren(el("h3", {}, `Review queue: ${q.length} event(s) most in need of a person`), list,
                       el("h3", {}, "What reviewers changed"), stats);
}

export function initReview(context) {
  ctx = context;
  const input = el("input", { id: "review-key", type: "password", placeholder: "API key (to review)", size: 16, value: key() });
  input.addEventListener("change", () => { sessionStorage.setItem(KEY, input.value.trim()); say("key set"); });
  const btn = el("button", { type: "button", id: "view-review", className: "tab" }, "Review");
  btn.addEventListener("click", () => showQueue().catch((e) => say(e.message, true)));
  $("nav").append(btn, input);
  for (const id of ["#view-map", "#view-table"]) $(id).addEventListener("click", () => { $("#review-view").hidden = true; });
}
