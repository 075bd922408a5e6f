// The profile's display settings for the reflector (docs/display.md): the fit (fit.js), mirror, rotation, scale,
// offsets, brightness, gamma, the icon's corner and size, captions on or off; and what shows between answers: the idle
// loop (the person listening), else the still.
import { measurePerson, fitBox } from "./fit.js";

export const DEFAULTS = {
  mirrorHorizontally: false, rotationDegrees: 0, scale: 1, verticalOffset: 0, horizontalOffset: 0,
  brightness: 1.2, gamma: 0.9, iconPosition: "bottomRight", iconSize: 0.125, captions: false,
};

let current = { ...DEFAULTS };
let person = null;

export function currentDisplay() { return { ...current }; }

export function applyDisplay(display) {
  current = { ...DEFAULTS, ...current, ...(display || {}) };
  const d = current;
  const frame = document.getElementById("frame");
  const scale = d.scale;
  // Scale and rotate about the person's feet line (the screen's bottom centre), so a smaller person stays standing.
  frame.style.transformOrigin = "50% 100%";
  frame.style.transform = `translate(${d.horizontalOffset * 100}vw, ${d.verticalOffset * 100}vh) rotate(${d.rotationDegrees}deg) scale(${d.mirrorHorizontally ? -scale : scale}, ${scale})`;
  document.querySelectorAll("#reflector-gamma feComponentTransfer > *").forEach(f => f.setAttribute("exponent", String(d.gamma)));
  frame.style.filter = `brightness(${d.brightness}) url(#reflector-gamma)`;
  const icon = document.getElementById("stage-icon");
  const [vertical, horizontal] = d.iconPosition.startsWith("top") ? ["top", d.iconPosition.slice(3)] : ["bottom", d.iconPosition.slice(6)];
  icon.style.top = icon.style.bottom = icon.style.left = icon.style.right = "auto";
  icon.style[vertical] = "20px";
  icon.style[horizontal.toLowerCase()] = "20px";
  icon.style.width = `${d.iconSize * 100}vw`;
  icon.style.maxWidth = "none";
  const captions = document.getElementById("captions");
  if (captions) captions.hidden = !d.captions;
  document.body.dataset.mirrored = String(d.mirrorHorizontally);
  layout();
}

// Places the clip's picture (still, idle loop and answer canvas share the box) by the fit.
function layout() {
  const frame = document.getElementById("frame");
  if (!person) return;
  const box = fitBox(person, window.innerWidth, window.innerHeight);
  frame.style.setProperty("--media-left", `${box.left}px`);
  frame.style.setProperty("--media-top", `${box.top}px`);
  frame.style.setProperty("--media-width", `${box.width}px`);
  frame.style.setProperty("--media-height", `${box.height}px`);
  document.body.dataset.fitted = "true";
}
window.addEventListener("resize", layout);

export class Idle {
  constructor(profileId) {
    this.still = document.getElementById("still");
    this.video = document.getElementById("idle");
    this.hasLoop = false;
    this.still.addEventListener("load", () => { person = measurePerson(this.still); layout(); }, { once: true });
    this.still.src = `/api/profiles/${encodeURIComponent(profileId)}/still.jpg`;
    this.profileId = profileId;
  }

  useLoop() {
    this.hasLoop = true;
    this.video.src = `/api/profiles/${encodeURIComponent(this.profileId)}/idle.mp4`;
    this.resume();
  }

  // The answer's canvas covers the idle picture; pausing keeps its last frame on screen, so nothing flashes black.
  pause() { if (this.hasLoop) this.video.pause(); }

  resume() {
    if (!this.hasLoop) { this.still.hidden = false; return; }
    this.video.hidden = false;
    this.video.play().then(() => { this.still.hidden = true; }).catch(() => { this.video.hidden = true; this.still.hidden = false; });
  }
}
