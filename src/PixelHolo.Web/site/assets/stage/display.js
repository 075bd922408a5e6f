// The profile's display settings for the reflector (mirror, rotation, scale, offset, brightness, gamma, from the
// manifest's display section) and what shows between answers: the idle loop (the person listening), else the still.
export function applyDisplay(display) {
  if (!display) return;
  const frame = document.getElementById("frame");
  const scale = display.scale ?? 1;
  frame.style.transform = `translateY(${(display.verticalOffset ?? 0) * 100}vh) rotate(${display.rotationDegrees ?? 0}deg) scale(${display.mirrorHorizontally ? -scale : scale}, ${scale})`;
  const gamma = display.gamma ?? 1;
  document.querySelectorAll("#reflector-gamma feComponentTransfer > *").forEach(f => f.setAttribute("exponent", String(gamma)));
  frame.style.filter = `brightness(${display.brightness ?? 1}) url(#reflector-gamma)`;
}

export class Idle {
  constructor(profileId) {
    this.still = document.getElementById("still");
    this.video = document.getElementById("idle");
    this.hasLoop = false;
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
