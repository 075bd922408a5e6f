// The operator's side of the stage: the settings panel (s opens, Esc closes; Tab, arrows, Space/Enter — no mouse),
// saved per profile on the server (PUT /api/profiles/{id}/display) and applied live; captions of what was heard and
// what is being said; and the screen kept awake (Wake Lock, taken again whenever the page becomes visible).
import { applyDisplay, currentDisplay } from "./display.js";

const FIELDS = [
  { key: "mirrorHorizontally", label: "Mirror", type: "checkbox" },
  { key: "rotationDegrees", label: "Rotation", type: "select", options: [0, 90, 180, 270], format: v => `${v}°` },
  { key: "scale", label: "Scale", min: 0.2, max: 3, step: 0.05 },
  { key: "verticalOffset", label: "Vertical offset", min: -0.5, max: 0.5, step: 0.01 },
  { key: "horizontalOffset", label: "Horizontal offset", min: -0.5, max: 0.5, step: 0.01 },
  { key: "brightness", label: "Brightness", min: 0.2, max: 3, step: 0.05 },
  { key: "gamma", label: "Gamma", min: 0.2, max: 5, step: 0.05 },
  { key: "iconPosition", label: "Icon corner", type: "select", options: ["bottomRight", "bottomLeft", "topRight", "topLeft"],
    format: v => v.replace(/([A-Z])/, " $1").toLowerCase() },
  { key: "iconSize", label: "Icon size", min: 0.03, max: 0.3, step: 0.005 },
  { key: "captions", label: "Captions", type: "checkbox" },
];

export class Operator {
  constructor(profileId) {
    this.profileId = profileId;
    this.url = `/api/profiles/${encodeURIComponent(profileId)}/display`;
    this.saveTimer = 0;
    this.saidTurn = null;
    this.state = { wakeLock: "none", saves: 0, lastSaveError: null };
    window.pixelholoOperator = this.state;
    this.panel = this.buildPanel();
    this.captions = this.buildCaptions();
    document.addEventListener("keydown", e => this.onKey(e));
    document.addEventListener("visibilitychange", () => { if (document.visibilityState === "visible") this.keepAwake(); });
    this.keepAwake();
  }

  // The server's settings (the manifest's display section over the configured defaults) replace what main.js applied.
  async load() {
    const reply = await fetch(this.url);
    if (reply.ok) applyDisplay(await reply.json());
    this.refresh();
  }

  handle(message) {
    if (message.type === "heard") this.heard.textContent = message.text;
    if (message.type === "said") {
      if (this.saidTurn !== message.turnId) { this.saidTurn = message.turnId; this.said.textContent = ""; }
      this.said.textContent = this.said.textContent ? `${this.said.textContent} ${message.text}` : message.text;
    }
    if (message.type === "state" && message.state === "listening") { this.heard.textContent = ""; this.said.textContent = ""; }
  }

  async keepAwake() {
    if (!("wakeLock" in navigator)) { this.state.wakeLock = "unsupported"; return; }
    try {
      const lock = await navigator.wakeLock.request("screen");
      this.state.wakeLock = "held";
      lock.addEventListener("release", () => { this.state.wakeLock = "released"; });
    } catch (err) {
      this.state.wakeLock = `refused: ${err.message}`;
    }
  }

  buildCaptions() {
    const box = document.createElement("div");
    box.id = "captions";
    box.hidden = !currentDisplay().captions;
    box.setAttribute("aria-live", "polite");
    this.heard = document.createElement("p");
    this.heard.id = "caption-heard";
    this.said = document.createElement("p");
    this.said.id = "caption-said";
    box.append(this.heard, this.said);
    document.body.append(box);
    return box;
  }

  buildPanel() {
    const panel = document.createElement("form");
    panel.id = "settings";
    panel.hidden = true;
    panel.setAttribute("aria-label", "Display settings");
    const title = document.createElement("h2");
    title.textContent = "Display settings";
    panel.append(title);
    this.inputs = {};
    for (const f of FIELDS) {
      const label = document.createElement("label");
      const name = document.createElement("span");
      name.textContent = f.label;
      let input;
      if (f.type === "select") {
        input = document.createElement("select");
        for (const o of f.options) { const opt = new Option(f.format(o), String(o)); input.append(opt); }
      } else {
        input = document.createElement("input");
        input.type = f.type ?? "range";
        if (!f.type) { input.min = f.min; input.max = f.max; input.step = f.step; }
      }
      input.id = `setting-${f.key}`;
      input.name = f.key;
      const shown = document.createElement("output");
      label.append(name, input, shown);
      panel.append(label);
      this.inputs[f.key] = { field: f, input, shown };
      input.addEventListener("input", () => this.changed(f));
      input.addEventListener("change", () => this.changed(f));
      // Enter toggles a checkbox too (Space already does); on the others it saves at once.
      input.addEventListener("keydown", e => {
        if (e.key !== "Enter") return;
        e.preventDefault();
        if (input.type === "checkbox") { input.checked = !input.checked; this.changed(f); } else this.save();
      });
    }
    const hint = document.createElement("p");
    hint.className = "hint";
    hint.textContent = "Tab moves, arrows change, Space or Enter toggles; changes apply at once and are saved. Esc closes.";
    this.status = document.createElement("p");
    this.status.className = "saved";
    this.status.setAttribute("role", "status");
    panel.append(hint, this.status);
    panel.addEventListener("submit", e => { e.preventDefault(); this.save(); });
    document.body.append(panel);
    return panel;
  }

  value(f) {
    const { input } = this.inputs[f.key];
    if (f.type === "checkbox") return input.checked;
    if (f.type === "select") return typeof f.options[0] === "number" ? Number(input.value) : input.value;
    return Number(input.value);
  }

  refresh() {
    const d = currentDisplay();
    for (const { field, input, shown } of Object.values(this.inputs)) {
      if (field.type === "checkbox") input.checked = Boolean(d[field.key]);
      else input.value = String(d[field.key]);
      shown.textContent = field.type === "checkbox" ? (input.checked ? "on" : "off") : field.type === "select" ? "" : Number(d[field.key]).toFixed(2);
    }
  }

  changed(f) {
    applyDisplay({ [f.key]: this.value(f) });
    this.refresh();
    clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(() => this.save(), 250);
  }

  async save() {
    clearTimeout(this.saveTimer);
    const reply = await fetch(this.url, { method: "PUT", headers: { "Content-Type": "application/json" }, body: JSON.stringify(currentDisplay()) });
    if (reply.ok) {
      this.state.saves++;
      this.state.lastSaveError = null;
      this.status.className = "saved";
      this.status.textContent = "Saved for this avatar.";
    } else {
      const problem = await reply.json().catch(() => ({}));
      this.state.lastSaveError = problem.detail || `HTTP ${reply.status}`;
      this.status.className = "saved bad";
      this.status.textContent = `Not saved: ${this.state.lastSaveError}`;
    }
  }

  open() {
    this.refresh();
    this.panel.hidden = false;
    document.body.dataset.settings = "open";
    this.inputs.mirrorHorizontally.input.focus();
  }

  close() {
    this.panel.hidden = true;
    document.body.dataset.settings = "closed";
    if (document.activeElement instanceof HTMLElement) document.activeElement.blur();
    document.body.focus();
  }

  onKey(e) {
    if (e.key === "Escape" && !this.panel.hidden) { e.preventDefault(); this.close(); return; }
    if (e.code === "KeyS" && e.target === document.body && this.panel.hidden && !e.repeat) { e.preventDefault(); this.open(); }
  }
}
