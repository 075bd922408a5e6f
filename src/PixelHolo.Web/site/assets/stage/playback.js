// Plays answers: audio chunks scheduled back to back on the Web Audio clock, frames drawn on a canvas when that clock
// reaches their timestamps. The answer clock is "seconds since the answer's first sample", the same clock the server
// stamps audio starts and frame timestamps with. The canvas covers the idle picture from the first frame drawn until
// the last sample played, holding its last frame in between, so nothing flashes black.
const LEAD = 0.12;          // s scheduled ahead of now when an answer starts (or resumes after an underrun)
const PREFETCH = 1.0;       // s of frames decoded ahead of the clock (bounds memory on long answers)
const REPORT_EVERY_MS = 200;

export class Playback {
  constructor({ context, canvas, frameUrl, report, onActive }) {
    this.context = context;
    this.canvas = canvas;
    this.draw2d = canvas.getContext("2d");
    this.frameUrl = frameUrl;
    this.report = report;       // (message) => void: playbackStarted / playbackPosition / playbackEnded
    this.onActive = onActive;   // (bool) => void: the canvas covers the idle picture, or not
    // What was drawn, on the Web Audio clock: the frame's timestamp, the answer clock the page drew it against, and the raw
    // audio clock at the draw (contextTime, outputLatency), so a test can place each frame against the sound that was
    // playing (scheduled[].at) without trusting the page's own arithmetic.
    this.presented = [];        // {turnId, frameTs, audioClockTs, contextTime, outputLatency}
    this.scheduled = [];        // {turnId, start, duration, at}
    this.dropped = new Set();
    this.answer = null;
    this.timer = setInterval(() => this.tick(), REPORT_EVERY_MS);
    const loop = () => { this.drawDue(); requestAnimationFrame(loop); };
    requestAnimationFrame(loop);
  }

  get playing() { return this.answer !== null; }

  // The answer of turnId; a new turn ends (drops) whatever was still playing.
  answerFor(turnId) {
    if (this.dropped.has(turnId)) return null;
    if (this.answer && this.answer.turnId === turnId) return this.answer;
    if (this.answer) this.drop();
    this.answer = { turnId, t0: null, end: 0, frames: [], sources: [], ended: false, started: false, shown: false, lastDrawn: -1 };
    return this.answer;
  }

  audio({ turnId, rate, start, pcm }) {
    const answer = this.answerFor(turnId);
    if (!answer || pcm.length === 0) return;
    const buffer = this.context.createBuffer(1, pcm.length, rate);
    const samples = buffer.getChannelData(0);
    for (let i = 0; i < pcm.length; i++) samples[i] = pcm[i] / 32768;
    const now = this.context.currentTime;
    if (answer.t0 === null) answer.t0 = now + LEAD;
    // Late (the server fell behind): shift the whole answer clock, so frames stay with the sound.
    if (answer.t0 + start < now + 0.02) answer.t0 = now + LEAD - start;
    const source = this.context.createBufferSource();
    source.buffer = buffer;
    source.connect(this.context.destination);
    const at = answer.t0 + start;
    source.start(at);
    answer.sources.push(source);
    source.onended = () => { answer.sources = answer.sources.filter(s => s !== source); };
    answer.end = Math.max(answer.end, start + buffer.duration);
    this.scheduled.push({ turnId, start, duration: buffer.duration, at });
  }

  frameRef({ turnId, ts, index }) { this.queueFrame(turnId, ts, () => fetch(this.frameUrl(index)).then(r => r.blob())); }

  jpeg({ turnId, ts, jpeg }) { this.queueFrame(turnId, ts, () => Promise.resolve(jpeg)); }

  queueFrame(turnId, ts, load) {
    const answer = this.answerFor(turnId);
    if (!answer) return;
    answer.frames.push({ ts, load, bitmap: null, loading: false });
    this.prefetch(answer);
  }

  answerEnded(turnId, interrupted) {
    if (interrupted) { if (this.answer && this.answer.turnId === turnId) this.drop(); this.dropped.add(turnId); return; }
    const answer = this.answerFor(turnId);
    if (answer) { answer.ended = true; this.tick(); }
  }

  // Answer clock now: what the listener hears (output latency taken off), in seconds since the first sample.
  position(answer) {
    if (!answer || answer.t0 === null) return -Infinity;
    return this.context.currentTime - (this.context.outputLatency || 0) - answer.t0;
  }

  played(answer) { return Math.max(0, Math.min(this.position(answer), answer.end)); }

  prefetch(answer) {
    const horizon = answer.t0 === null ? PREFETCH : this.position(answer) + PREFETCH;
    for (const frame of answer.frames) {
      if (frame.ts > horizon) break;
      if (frame.loading) continue;
      frame.loading = true;
      frame.load().then(blob => createImageBitmap(blob)).then(bitmap => {
        if (answer.frames.includes(frame)) frame.bitmap = bitmap; else bitmap.close();
      }).catch(() => { frame.failed = true; });
    }
  }

  drawDue() {
    const answer = this.answer;
    if (!answer || answer.t0 === null) return;
    const contextTime = this.context.currentTime;
    const outputLatency = this.context.outputLatency || 0;
    const now = contextTime - outputLatency - answer.t0; // = position(answer), from the one clock reading recorded below
    this.prefetch(answer);
    let chosen = null;
    while (answer.frames.length && answer.frames[0].ts <= now) {
      const frame = answer.frames[0];
      const next = answer.frames[1];
      if (!frame.bitmap && !frame.failed && !(next && next.ts <= now)) break; // due but still decoding: hold the last one
      answer.frames.shift();
      if (frame.bitmap) { if (chosen) chosen.bitmap.close(); chosen = frame; }
    }
    if (!chosen) return;
    if (this.canvas.width !== chosen.bitmap.width || this.canvas.height !== chosen.bitmap.height) {
      this.canvas.width = chosen.bitmap.width;
      this.canvas.height = chosen.bitmap.height;
    }
    this.draw2d.drawImage(chosen.bitmap, 0, 0);
    chosen.bitmap.close();
    this.presented.push({ turnId: answer.turnId, frameTs: chosen.ts, audioClockTs: now, contextTime, outputLatency });
    if (!answer.shown) { answer.shown = true; this.onActive(true); }
  }

  tick() {
    const answer = this.answer;
    if (!answer || answer.t0 === null) {
      if (answer && answer.ended) { this.report({ type: "playbackEnded", turnId: answer.turnId, played: 0 }); this.finish(); }
      return;
    }
    const now = this.position(answer);
    if (now < 0) return;
    if (!answer.started) { answer.started = true; this.report({ type: "playbackStarted", turnId: answer.turnId }); }
    if (answer.ended && now >= answer.end) {
      this.report({ type: "playbackEnded", turnId: answer.turnId, played: answer.end });
      this.finish();
      return;
    }
    this.report({ type: "playbackPosition", turnId: answer.turnId, played: this.played(answer) });
  }

  finish() {
    const answer = this.answer;
    this.answer = null;
    if (!answer) return;
    answer.frames.forEach(f => f.bitmap && f.bitmap.close());
    this.onActive(false);
  }

  // Barge-in: everything queued goes at once; returns what was played, for the last position report.
  drop() {
    const answer = this.answer;
    if (!answer) return null;
    const played = answer.t0 === null ? 0 : this.played(answer);
    for (const source of answer.sources) { try { source.stop(); } catch { /* not started yet */ } }
    answer.sources = [];
    answer.frames = [];
    this.dropped.add(answer.turnId);
    this.finish();
    return { turnId: answer.turnId, played };
  }
}
