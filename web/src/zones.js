// Zones and alerts on the dashboard (issue 14): every stored zone drawn on the map, a zone page
// (violations by week and by actor, killed and displaced, each violation with its evidence) and
// an alerts panel. Built from the API (/zones, /zones/{id}/violations, /alerts); all text is set
// as text, never parsed as HTML.
import L from "leaflet";

const ZONE_STYLE = { color: "#8e24aa", weight: 2, dashArray: "6 4", fillColor: "#ce93d8", fillOpacity: 0.12 };

export function initZones({ map, el, getJson, selectEvent, showStatus }) {
  const main = document.querySelector("main");
  const zonePanel = el("aside", { id: "zone-panel", hidden: true });
  const alertsPanel = el("aside", { id: "alerts-panel", hidden: true });
  main.append(zonePanel, alertsPanel);
  const alertsButton = el("button", { type: "button", id: "view-alerts", className: "tab" }, "Alerts");
  document.querySelector("nav").prepend(alertsButton);
  const zoneLayer = L.featureGroup().addTo(map);
  const shapes = new Map();   // zone id -> its layer, to show the zone a page is about

  const closeButton = (panel, onClose) => {
    const b = el("button", { type: "button", className: "close-aside", title: "close" }, "×");
    b.addEventListener("click", () => { panel.hidden = true; onClose?.(); setTimeout(() => map.invalidateSize(), 0); });
    return b;
  };
  const setZoneInUrl = (id) => {
    const q = new URLSearchParams(location.search);
    if (id) q.set("zone", id); else q.delete("zone");
    history.pushState(null, "", `${location.pathname}${q.toString() ? "?" + q : ""}`);
  };
  const eventLink = (id, text) => {
    const a = el("a", { href: `?event=${encodeURIComponent(id)}`, className: "ev-link" }, text);
    a.addEventListener("click", (e) => { e.preventDefault(); selectEvent(id, true); });
    return a;
  };
  const figures = (v) => [["killed", v.killed], ["displaced", v.displaced], ["injured", v.injured]]
    .filter(([, n]) => n != null).map(([k, n]) => `${n.toLocaleString()} ${k}`).join(", ");

  function weekChart(rows) {
    const ns = "http://www.w3.org/2000/svg";
    const svg = document.createElementNS(ns, "svg");
    svg.setAttribute("id", "zone-weeks");
    svg.setAttribute("viewBox", "0 0 400 90");
    const max = Math.max(1, ...rows.map((r) => r.events + r.uncertain));
    const w = Math.min(40, 400 / Math.max(rows.length, 1));
    rows.forEach((r, i) => {
      for (const [n, cls, base] of [[r.events, "zw-bar", 0], [r.uncertain, "zw-uncertain", r.events]]) {
        if (!n) continue;
        const rect = document.createElementNS(ns, "rect");
        const h = (70 * n) / max;
        rect.setAttribute("x", String(i * w + 2));
        rect.setAttribute("width", String(Math.max(w - 4, 1)));
        rect.setAttribute("y", String(75 - (70 * (base + n)) / max));
        rect.setAttribute("height", String(h));
        rect.setAttribute("class", cls);
        const t = document.createElementNS(ns, "title");
        t.textContent = `week of ${r.week}: ${r.events} violations, ${r.killed} killed, ${r.displaced} displaced` +
          (r.uncertain ? `, ${r.uncertain} location uncertain` : "");
        rect.append(t);
        svg.append(rect);
      }
      const label = document.createElementNS(ns, "text");
      label.setAttribute("x", String(i * w + 2));
      label.setAttribute("y", "88");
      label.setAttribute("class", "zw-label");
      label.textContent = r.week.slice(5);
      svg.append(label);
    });
    return svg;
  }

  function table(head, rows) {
    return el("table", { className: "zone-table" },
      el("thead", {}, el("tr", {}, ...head.map((h) => el("th", {}, h)))),
      el("tbody", {}, ...rows.map((r) => el("tr", {}, ...r.map((c) => el("td", {}, c))))));
  }

  async function openZone(id, push) {
    zonePanel.hidden = false;
    alertsPanel.hidden = true;   // one of these side panels at a time, so the map keeps its room
    alertsButton.classList.remove("active");
    zonePanel.replaceChildren(closeButton(zonePanel, () => setZoneInUrl(null)), el("p", {}, "Loading the zone…"));
    if (push) setZoneInUrl(id);
    if (shapes.has(id)) map.fitBounds(shapes.get(id).getBounds(), { maxZoom: 9 });
    try {
      const page = await getJson(`zones/${encodeURIComponent(id)}/violations`);
      const z = page.zone;
      const killed = page.by_week.reduce((s, r) => s + r.killed, 0);
      const displaced = page.by_week.reduce((s, r) => s + r.displaced, 0);
      const list = el("ol", { id: "zone-violations" }, ...page.violations.map((v) => el("li", { className: `zv ${v.certainty.replace(/ /g, "-")}` },
        el("div", { className: "zv-head" }, eventLink(v.event_id, `${v.date || "undated"} ${v.type}${v.mode ? " (" + v.mode + ")" : ""}`),
          ` ${v.place || "?"}${v.places.length > 1 ? " (" + v.places.join(", ") + ")" : ""}`,
          figures(v) ? ` — ${figures(v)}` : "", v.actor1 ? ` — by ${v.actor1}` : "",
          el("span", { className: "zv-certainty" }, v.certainty)),
        el("blockquote", { className: "zv-evidence" }, v.evidence),
        el("div", { className: "zv-reason" }, v.reason))));
      zonePanel.replaceChildren(closeButton(zonePanel, () => setZoneInUrl(null)),
        el("h2", { id: "zone-title" }, z.name),
        el("p", { className: "zone-meta" }, `${z.valid_from} to ${z.valid_until || "open"}; prohibits ${z.prohibit.join(", ")}` +
          (z.parties.length ? `; binds ${z.parties.join(", ")}` : "")),
        el("p", { id: "zone-totals" }, `${page.inside} violations inside, ${page.uncertain} with location uncertain; ` +
          `${killed.toLocaleString()} killed, ${displaced.toLocaleString()} displaced`),
        z.description ? el("details", {}, el("summary", {}, "How the zone was drawn"), el("p", {}, z.description)) : "",
        el("h3", {}, "By week"), weekChart(page.by_week),
        el("h3", {}, "By actor"),
        table(["Actor", "Violations", "Killed", "Displaced"], page.by_actor.map((a) => [a.actor, String(a.events),
          a.killed.toLocaleString(), a.displaced.toLocaleString()])),
        el("h3", {}, "Violations and their evidence"), list);
    } catch (err) {
      zonePanel.replaceChildren(closeButton(zonePanel, () => setZoneInUrl(null)), el("p", { className: "error" }, err.message));
    }
    setTimeout(() => map.invalidateSize(), 0);
  }

  async function loadZones() {
    const { zones } = await getJson("zones");
    zoneLayer.clearLayers();
    shapes.clear();
    for (const z of zones) {
      if (!z.geometry) continue;
      const shape = L.geoJSON(z.geometry, { style: { ...ZONE_STYLE, className: "zone-shape" } });
      shape.bindTooltip(`${z.name} (zone: click for its violations)`, { sticky: true });
      shape.on("click", () => openZone(z.id, true));
      zoneLayer.addLayer(shape);
      shapes.set(z.id, shape);
    }
    return zones;
  }

  async function openAlerts() {
    alertsPanel.hidden = false;
    zonePanel.hidden = true;
    alertsButton.classList.add("active");
    alertsPanel.replaceChildren(closeButton(alertsPanel, () => alertsButton.classList.remove("active")), el("p", {}, "Loading alerts…"));
    try {
      const { alerts } = await getJson("alerts?limit=100");
      alertsPanel.replaceChildren(closeButton(alertsPanel, () => alertsButton.classList.remove("active")),
        el("h2", {}, `Alerts (${alerts.length})`),
        alerts.length ? "" : el("p", {}, "No alert has fired. Rules are added with `polemos alerts add rules.yaml`."),
        el("ol", { id: "alerts-list" }, ...alerts.map((a) => el("li", { className: "alert-item" },
          el("div", { className: "alert-head" }, el("b", {}, a.summary), ` (${a.fired_at.replace("T", " ").slice(0, 16)} UTC)`),
          el("ul", {}, ...a.events.map((e) => el("li", {}, eventLink(e.id, `${e.date || "undated"} ${e.type} ${e.place || ""}`),
            e.killed ? ` — ${e.killed} killed` : "", el("blockquote", { className: "zv-evidence" }, e.evidence))))))));
    } catch (err) {
      alertsPanel.replaceChildren(closeButton(alertsPanel), el("p", { className: "error" }, err.message));
    }
  }

  alertsButton.addEventListener("click", () => (alertsPanel.hidden ? openAlerts() : (alertsPanel.hidden = true, alertsButton.classList.remove("active"))));
  window.addEventListener("popstate", () => {
    const id = new URLSearchParams(location.search).get("zone");
    if (id) openZone(id, false); else zonePanel.hidden = true;
  });
  loadZones().then(() => {
    const id = new URLSearchParams(location.search).get("zone");
    if (id) openZone(id, false);
  }).catch((err) => showStatus(`zones: ${err.message}`, true));
}
