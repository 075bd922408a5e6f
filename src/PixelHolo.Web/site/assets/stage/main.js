// Stage: full-screen black, the person idle between answers; answers stream over one WebSocket (docs/stage-protocol.md)
// and play on the Web Audio clock with their frames on a canvas. Space talks (and interrupts), m switches the mode.
import { Connection } from "./connection.js";
import { Playback } from "./playback.js";
import { Microphone } from "./microphone.js";
import { showState } from "./icons.js";
import { applyDisplay, Idle } from "./display.js";
import { DebugBox } from "./debug.js";
import { Operator } from "./operator.js";

const MODES = ["pressToTalk", "holdToTalk", "handsFree"];
const profileId = decodeURIComponent(location.pathname.split("/").pop());
const params = new URLSearchParams(location.search);
const canvas = document.getElementById("answer-canvas");
const context = new AudioContext({ latencyHint: "interactive" });
const idle = new Idle(profileId);
const gateDb = Number(params.get("gate") ?? -40);

const stage = {
  state: "idle", mode: normaliseMode(params.get("mode")), connected: false, reconnects: 0,
  events: [], sent: [], turns: [], presented: null, played: null, micChunksSent: 0,
  ask: text => send({ type: "ask", text }),
  playing: () => playback.playing,
};
window.pixelholoStage = stage;
document.body.dataset.state = "idle";

let connection = null;
let talking = false;          // press- or hold-to-talk: the microphone streams for this press
let heardListening = false;   // press-to-talk: the machine was listening since the press

function send(message) {
  if (!connection || !connection.send(message)) return false;
  if (message.type !== "playbackPosition") stage.sent.push(message);
  return true;
}

const playback = new Playback({
  context, canvas,
  frameUrl: index => `/api/stage/${encodeURIComponent(profileId)}/frames/${index}`,
  report: send,
  onActive: active => {
    canvas.hidden = !active;
    if (active) idle.pause(); else idle.resume();
  },
});
stage.presented = playback.presented;
stage.played = playback.scheduled;

const microphone = new Microphone(context, bytes => connection !== null && connection.sendBinary(bytes));
const debug = new DebugBox(params.has("debug"), stage.ask);
const operator = new Operator(profileId);

function normaliseMode(text) {
  if (!text) return null;
  const key = text.replace(/[-_]/g, "").toLowerCase();
  return MODES.find(m => m.toLowerCase() === key) ?? null;
}

function updateStreaming() {
  const handsFree = stage.mode === "handsFree";
  microphone.streaming = stage.connected && (handsFree || talking);
  // Hands-free: the avatar's own voice is echo-cancelled; what is left under the gate while it speaks is sent as silence.
  microphone.gateRms = handsFree && stage.state === "speaking" ? Math.pow(10, gateDb / 20) : 0;
  if (microphone.streaming) {
    microphone.start().catch(err => showState("error", `No microphone: ${err.message}. Allow the microphone for this page, or type with ?debug.`));
  }
  stage.micChunksSent = microphone.chunksSent;
}
setInterval(() => { stage.micChunksSent = microphone.chunksSent; }, 250);

function onState(message) {
  stage.state = message.state;
  showState(message.state, message.detail);
  if (message.state === "error") debug.showError(message.detail);
  // The machine decided the visitor interrupted (voice in hands-free): drop what is queued at once.
  if (message.state === "interrupted") playback.drop();
  if (stage.mode === "pressToTalk" && talking) {
    if (message.state === "listening") heardListening = true;
    else if (heardListening) { talking = false; heardListening = false; }
  }
  updateStreaming();
}

function handle(message) {
  stage.events.push({ type: message.type, turnId: message.turnId ?? null, state: message.state ?? null });
  operator.handle(message);
  switch (message.type) {
    case "state": onState(message); break;
    case "heard": debug.showHeard(message.text); break;
    case "said": debug.showSaid(message.turnId, message.text); break;
    case "frame": playback.frameRef(message); break;
    case "answerEnded": playback.answerEnded(message.turnId, message.interrupted); break;
    case "turnCompleted": stage.turns.push(message); break;
    case "mode": stage.mode = message.mode; document.body.dataset.mode = message.mode; updateStreaming(); break;
  }
}

function connect() {
  const query = stage.mode ? `?mode=${stage.mode}` : "";
  const scheme = location.protocol === "https:" ? "wss:" : "ws:";
  connection = new Connection(`${scheme}//${location.host}/api/stage/${encodeURIComponent(profileId)}/socket${query}`, {
    open: hello => {
      stage.connected = true;
      stage.reconnects = connection.reconnects;
      stage.mode = hello.mode;
      document.body.dataset.mode = hello.mode;
      document.body.dataset.connected = "true";
      talking = false;
      heardListening = false;
      playback.drop();
      stage.events.push({ type: "hello", turnId: null, state: hello.state });
      debug.refreshOff();
      onState({ state: hello.state, detail: null });
    },
    message: handle,
    audio: a => { stage.events.push({ type: "audio", turnId: a.turnId, state: null }); playback.audio(a); },
    jpeg: f => { stage.events.push({ type: "jpeg", turnId: f.turnId, state: null }); playback.jpeg(f); },
    closed: (code, detail, retrying) => {
      stage.connected = false;
      document.body.dataset.connected = "false";
      talking = false;
      playback.drop();
      updateStreaming();
      if (!retrying || detail) showState("error", detail || "The stage lost its server.");
    },
  });
}

// Space: talk; while the avatar speaks it interrupts (barge-in) — the page drops its queue at once and tells the machine
// how much was heard. m: next listening mode.
document.addEventListener("keydown", e => {
  if (e.target !== document.body) return;
  if (e.code === "KeyM" && !e.repeat) {
    const next = MODES[(MODES.indexOf(stage.mode) + 1) % MODES.length];
    send({ type: "mode", mode: next });
    return;
  }
  if (e.code !== "Space") return;
  e.preventDefault();
  if (e.repeat) return;
  context.resume();
  const cut = playback.drop();
  if (cut) send({ type: "playbackPosition", turnId: cut.turnId, played: cut.played });
  send({ type: "keyDown" });
  if (stage.mode !== "handsFree") { talking = true; heardListening = false; }
  updateStreaming();
});
document.addEventListener("keyup", e => {
  if (e.target !== document.body || e.code !== "Space") return;
  e.preventDefault();
  send({ type: "keyUp" });
  if (stage.mode === "holdToTalk") talking = false;
  updateStreaming();
});

async function start() {
  const reply = await fetch(`/api/profiles/${encodeURIComponent(profileId)}`);
  if (!reply.ok) { showState("error", "This avatar does not exist any more. Open the uploader to choose another."); return; }
  const { manifest } = await reply.json();
  applyDisplay(manifest && manifest.display);
  operator.load();
  stage.mode = stage.mode ?? normaliseMode(manifest && manifest.stage && manifest.stage.listeningMode);
  const artifacts = (manifest && manifest.artifacts) || [];
  if (artifacts.some(a => a.path === "idle.mp4")) idle.useLoop(); else idle.resume();
  connect();
  // The microphone opens once, at start, whatever the mode: the browser's gain control has settled by the first press
  // and a press streams at once (chunks go out only while the mode says so).
  microphone.start().catch(err => showState("error", `No microphone: ${err.message}. Allow the microphone for this page, or type with ?debug.`));
}
start();
