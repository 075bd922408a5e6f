// The status page: /api/status (state, what is off, engines, tracking, models) and /api/status/turns (the last 20 turns) every 2 s.
// The chart is a stacked bar per turn: each stage's own share of the time to the answer's end, drawn as SVG here.
const SVG = "http://www.w3.org/2000/svg";
// Milestones in order, as seconds from the end of the question; a bar segment is the time from the previous one.
const STAGES = [
  ["transcript", "transcript", "#64b5f6"], ["search", "search", "#ba68c8"], ["firstToken", "first token", "#ffb74d"],
  ["firstAudio", "first audio", "#81c784"], ["firstFrame", "first frame", "#4db6ac"], ["firstPlayed", "first played", "#f06292"],
  ["total", "rest of the answer", "#90a4ae"],
];

function cell(row, text, className) {
  const td = document.createElement("td");
  td.textContent = text ?? "";
  if (className) td.className = className;
  row.append(td);
}

function drawEngines(engines) {
  const body = document.querySelector("#engines tbody");
  body.replaceChildren();
  for (const [part, e] of Object.entries(engines)) {
    const row = document.createElement("tr");
    cell(row, part); cell(row, e.name); cell(row, e.fallback ?? "—", e.fallback ? "fallback" : "");
    body.append(row);
  }
}

function drawModels(models) {
  const body = document.querySelector("#models tbody");
  body.replaceChildren();
  for (const m of models) {
    const row = document.createElement("tr");
    cell(row, m.id); cell(row, m.present ? "yes" : "no"); cell(row, m.licence);
    cell(row, m.commercialUse === true ? "yes" : m.commercialUse === false ? "no" : "unknown");
    body.append(row);
  }
}

// What the server's start-up check found off (a tool or model missing or damaged): shown only when something is.
function drawOff(off) {
  document.getElementById("off-card").hidden = off.length === 0;
  const body = document.querySelector("#off tbody");
  body.replaceChildren();
  for (const o of off) {
    const row = document.createElement("tr");
    cell(row, o.part); cell(row, o.reason, "fallback");
    body.append(row);
  }
}

function drawTracking(t) {
  const list = document.getElementById("tracking");
  list.replaceChildren();
  for (const key of ["state", "camera", "mount"]) {
    const dt = document.createElement("dt"); dt.textContent = key;
    const dd = document.createElement("dd"); dd.textContent = t[key]; dd.style.margin = "0";
    list.append(dt, dd);
  }
}

export function drawChart(svg, turns) {
  svg.replaceChildren();
  const width = svg.clientWidth || 800, height = 260, left = 40, bottom = 24, top = 8;
  const totals = turns.map(t => Math.max(0, ...STAGES.map(([k]) => t.timings?.[k] ?? 0)));
  const max = Math.max(0.5, ...totals);
  const plotH = height - bottom - top;
  const slot = (width - left) / Math.max(turns.length, 1);
  for (let s = 0; s <= 4; s++) {
    const v = max * s / 4, y = top + plotH - plotH * s / 4;
    const line = document.createElementNS(SVG, "line");
    Object.entries({ x1: left, x2: width, y1: y, y2: y, stroke: "#262a30" }).forEach(([a, b]) => line.setAttribute(a, b));
    const label = document.createElementNS(SVG, "text");
    label.setAttribute("x", 2); label.setAttribute("y", y + 4); label.textContent = `${v.toFixed(1)} s`;
    svg.append(line, label);
  }
  turns.forEach((t, i) => {
    const bar = document.createElementNS(SVG, "g");
    bar.setAttribute("class", "bar");
    bar.dataset.turnId = t.turnId ?? "";
    let previous = 0;
    for (const [key, name, colour] of STAGES) {
      const at = t.timings?.[key];
      if (at == null || at <= previous) continue;
      const rect = document.createElementNS(SVG, "rect");
      const y0 = top + plotH - plotH * at / max, h = plotH * (at - previous) / max;
      Object.entries({ x: left + i * slot + slot * 0.15, y: y0, width: Math.max(2, slot * 0.7), height: Math.max(0.5, h), fill: colour })
        .forEach(([a, b]) => rect.setAttribute(a, b));
      const tip = document.createElementNS(SVG, "title");
      tip.textContent = `${name}: ${(at - previous).toFixed(2)} s (at ${at.toFixed(2)} s)`;
      rect.append(tip);
      bar.append(rect);
      previous = at;
    }
    if (t.failed) bar.setAttribute("opacity", "0.5");
    svg.append(bar);
  });
  const legend = document.getElementById("legend");
  legend.replaceChildren(...STAGES.map(([, name, colour]) => {
    const span = document.createElement("span"); const i = document.createElement("i"); i.style.background = colour;
    span.append(i, name); return span;
  }));
}

async function drawLicence(profileId) {
  const badge = document.getElementById("licence"), reason = document.getElementById("licence-reason");
  if (!profileId) { badge.textContent = "no profile"; badge.className = "licence"; reason.textContent = ""; return; }
  const reply = await fetch(`/api/profiles/${encodeURIComponent(profileId)}/licences`);
  if (!reply.ok) { badge.textContent = "unknown"; badge.className = "licence red"; reason.textContent = `HTTP ${reply.status}`; return; }
  const summary = await reply.json();
  badge.textContent = summary.commercialUse ? "commercial use OK" : "not for commercial use";
  badge.className = `licence ${summary.commercialUse ? "green" : "red"}`;
  reason.textContent = summary.reason ?? `Every part (${summary.parts.map(p => p.id).join(", ")}) may be used commercially.`;
}

async function refresh() {
  const [status, turns, off] = await Promise.all(["/api/status", "/api/status/turns?count=20", "/api/status/off"].map(u => fetch(u).then(r => r.json())));
  document.getElementById("state").textContent = status.state;
  document.getElementById("profile").textContent = status.profileId ? `Profile ${status.profileId}` : "No profile yet";
  drawOff(off.off);
  drawEngines(status.engines);
  drawTracking(status.tracking);
  drawModels(status.models);
  drawChart(document.getElementById("chart"), turns.turns);
  await drawLicence(status.profileId);
  document.body.dataset.loaded = "true";
}

refresh();
setInterval(() => refresh().catch(() => {}), 2000);
