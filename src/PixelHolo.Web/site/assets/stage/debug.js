// ?debug: a box to type a question, and what was heard and said (captions) under it.
export class DebugBox {
  constructor(enabled, ask) {
    this.form = document.getElementById("debug");
    this.heard = document.getElementById("heard");
    this.answer = document.getElementById("answer");
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

  showHeard(text) { this.heard.textContent = text; }

  // Said arrives piece by piece (a sentence at a time); a new turn starts a new caption.
  showSaid(turnId, text) {
    if (this.saidTurn !== turnId) { this.saidTurn = turnId; this.answer.textContent = ""; }
    this.answer.textContent = this.answer.textContent ? `${this.answer.textContent} ${text}` : text;
  }

  showError(text) { this.saidTurn = null; this.answer.textContent = text || ""; }
}
