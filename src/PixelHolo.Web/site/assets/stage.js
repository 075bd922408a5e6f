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

const idle = document.getElementById("idle");
still.src = `/api/profiles/${profileId}/still.jpg`;
document.body.dataset.state = "idle";

// The profile's display settings for the reflector (mirror, rotation, scale, offset, brightness, gamma) and its
// idle loop: the person "listening" plays while nobody talks; without one, the still shows.
let hasIdleLoop = false;
async function loadProfile() {
  const reply = await fetch(`/api/profiles/${profileId}`);
  if (!reply.ok) { showState("error", "This avatar does not exist any more. Open the uploader to choose another."); return; }
  const { manifest } = await reply.json();
  const display = manifest && manifest.display;
  if (display) {
    const frame = document.getElementById("frame");
    const scale = display.scale ?? 1;
    frame.style.transform = `translateY(${(display.verticalOffset ?? 0) * 100}vh) rotate(${display.rotationDegrees ?? 0}deg) scale(${display.mirrorHorizontally ? -scale : scale}, ${scale})`;
    const gamma = display.gamma ?? 1;
    document.querySelectorAll("#reflector-gamma feComponentTransfer > *").forEach(f => f.setAttribute("exponent", String(gamma)));
    frame.style.filter = `brightness(${display.brightness ?? 1}) url(#reflector-gamma)`;
  }
  const artifacts = (manifest && manifest.artifacts) || [];
  if (artifacts.some(a => a.path === "idle.mp4")) {
    hasIdleLoop = true;
    idle.src = `/api/profiles/${profileId}/idle.mp4`;
    showIdle();
  }
}

function showIdle() {
  if (!hasIdleLoop) { still.hidden = false; return; }
  still.hidden = true;
  idle.hidden = false;
  idle.play().catch(() => { idle.hidden = true; still.hidden = false; });
}
loadProfile();

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
  showIdle();
}

clip.addEventListener("ended", () => { backToStill(); reportState("idle"); });

async function ask(text) {
  const reply = await fetch(`/api/stage/${profileId}/ask`, {
    method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ text }),
  });
  return play(reply);
}

async function play(reply) {
  const result = await reply.json().catch(() => ({ error: `HTTP ${reply.status}` }));
  if (result.transcript !== undefined && result.transcript !== null) document.getElementById("heard").textContent = result.transcript;
  document.getElementById("answer").textContent = result.answer || result.error || result.detail || "";
  if (!reply.ok || result.error) { showState("error", result.error || result.detail); return result; }
  if (result.clipUrl) {
    clip.src = result.clipUrl;
    still.hidden = true;
    idle.hidden = true;
    idle.pause();
    clip.hidden = false;
    try { await clip.play(); } catch (err) { backToStill(); showState("error", `The answer could not play: ${err.message}`); }
  }
  return result;
}
window.pixelholo = { ask };

// Push-to-talk: hold the space bar and speak, let go to ask. Pressing space while the avatar talks interrupts it
// (barge-in: the clip stops) and starts listening.
let recorder = null;
let chunks = [];
let spaceHeld = false;
async function startListening() {
  if (recorder) return;
  if (!clip.hidden) { backToStill(); }
  let stream;
  try { stream = await navigator.mediaDevices.getUserMedia({ audio: true }); }
  catch (err) { showState("error", `No microphone: ${err.message}. Allow the microphone for this page, or type with ?debug.`); return; }
  chunks = [];
  recorder = new MediaRecorder(stream);
  recorder.ondataavailable = e => { if (e.data.size > 0) chunks.push(e.data); };
  recorder.onstop = async () => {
    stream.getTracks().forEach(t => t.stop());
    const blob = new Blob(chunks, { type: recorder.mimeType || "audio/webm" });
    recorder = null;
    const reply = await fetch(`/api/stage/${profileId}/listen`, {
      method: "POST", headers: { "Content-Type": blob.type, "X-PixelHolo-Stage": "1" }, body: blob,
    });
    await play(reply);
  };
  recorder.start();
  reportState("listening");
  if (!spaceHeld) recorder.stop(); // released while the microphone was opening
}

document.addEventListener("keydown", e => {
  if (e.code !== "Space" || e.repeat || e.target !== document.body) return;
  e.preventDefault();
  spaceHeld = true;
  if (!clip.hidden) reportState("interrupted");
  startListening();
});
document.addEventListener("keyup", e => {
  if (e.code !== "Space" || e.target !== document.body) return;
  spaceHeld = false;
  if (!recorder) return;
  e.preventDefault();
  if (recorder.state === "recording") recorder.stop();
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
