// ?debug: a box to type a question, what was heard and said (captions) under it, and for the operator what the server
// found off at start (GET /api/status/off: a missing or damaged tool or model, with its fix). Visitors never see it.
export class DebugBox {
  constructor(enabled, ask) {
    this.enabled = enabled;
    this.form = document.getElementById("debug");
    this.heard = document.getElementById("heard");
    this.answer = document.getElementById("answer");
    this.off = document.getElementById("off-parts");
    this.saidTurn = null;
    if (!enabled) return;
    this.form.hidden = false;
    document.body.style.cursor = "auto";
    this.form.addEventListener("submit", e => {
      e.preventDefault();
      const input = document.getElementById("question");
      const text = input.value.trim();
      if (text) { input.value = ""; ask(text); }
    });
  }

  // Asked again on every (re)connection: a restarted server may have found something else off.
  async refreshOff() {
    if (!this.enabled) return;
    try {
      const reply = await fetch("/api/status/off");
      if (!reply.ok) throw new Error(`HTTP ${reply.status}`);
      this.showOff((await reply.json()).off);
    } catch (err) {
      this.showOff([{ part: "status", reason: `What is off could not be read (${err.message}); see /status.` }]);
    }
  }

  showOff(parts) {
    this.off.replaceChildren();
    for (const p of parts) {
      const item = document.createElement("li");
      const part = document.createElement("strong");
      part.textContent = p.part;
      item.append(part, `: ${p.reason}`);
      this.off.append(item);
    }
    this.off.hidden = parts.length === 0;
  }

  showHeard(text) { this.heard.textContent = text; }

  // Said arrives piece by piece (a sentence at a time); a new turn starts a new caption.
  showSaid(turnId, text) {
    if (this.saidTurn !== turnId) { this.saidTurn = turnId; this.answer.textContent = ""; }
    this.answer.textContent = this.answer.textContent ? `${this.answer.textContent} ${text}` : text;
  }

  showError(text) { this.saidTurn = null; this.answer.textContent = text || ""; }
}
