// Stage: full-screen black, the person's still; answers play as clips (footage + speech) and return to the still.
// Stage states arrive over server-sent events and show as the icon bottom-right.
"use strict";
const profileId = decodeURIComponent(location.pathname.split("/").pop());
const params = new URLSearchParams(location.search);
const still = document.getElementById("still");
const clip = document.getElementById("clip");
const icon = document.getElementById("stage-icon");
const detail = document.getElementById("stage-detail");
const icons = {
  listening: "listening", transcribing: "transcribing", searching: "searching", searchfailed: "search-failed",
  thinking: "thinking", speaking: "speaking", error: "error", interrupted: "interrupted",
};

still.src = `/api/profiles/${profileId}/still.jpg`;
document.body.dataset.state = "idle";

function showState(state, text) {
  const key = String(state).toLowerCase();
  document.body.dataset.state = key;
  const name = icons[key];
  icon.hidden = !name;
  if (name) { icon.src = `/assets/icons/${name}.svg`; icon.alt = key; }
  detail.hidden = key !== "error" || !text;
  detail.textContent = key === "error" ? (text || "") : "";
}

async function reportState(state) {
  await fetch(`/api/stage/${profileId}/state`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ state }) });
}

const events = new EventSource(`/api/stage/${profileId}/events`);
events.addEventListener("stage", e => { const s = JSON.parse(e.data); showState(s.state, s.detail); });

function backToStill() {
  clip.pause();
  clip.hidden = true;
  still.hidden = false;
}

clip.addEventListener("ended", () => { backToStill(); reportState("idle"); });

async function ask(text) {
  const reply = await fetch(`/api/stage/${profileId}/ask`, {
    method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ text }),
  });
  const result = await reply.json().catch(() => ({ error: `HTTP ${reply.status}` }));
  document.getElementById("answer").textContent = result.answer || result.error || result.detail || "";
  if (!reply.ok || result.error) { showState("error", result.error || result.detail); return result; }
  if (result.clipUrl) {
    clip.src = result.clipUrl;
    still.hidden = true;
    clip.hidden = false;
    try { await clip.play(); } catch (err) { backToStill(); showState("error", `The answer could not play: ${err.message}`); }
  }
  return result;
}
window.pixelholo = { ask };

// Space interrupts an answer that is playing (barge-in): the clip stops and the stage returns to the still.
document.addEventListener("keydown", e => {
  if (e.code === "Space" && e.target === document.body && !clip.hidden) {
    e.preventDefault();
    backToStill();
    reportState("interrupted");
  }
});

if (params.has("debug")) {
  const form = document.getElementById("debug");
  form.hidden = false;
  document.body.style.cursor = "auto";
  form.addEventListener("submit", e => {
    e.preventDefault();
    const input = document.getElementById("question");
    const text = input.value.trim();
    if (text) { input.value = ""; ask(text); }
  });
}
