// The stage socket (docs/stage-protocol.md): JSON control messages, binary audio and JPEG frames, and a reconnect
// with backoff (0.5 s doubling to 5 s) so a stage survives a server restart on its own.
const NO_RETRY = 4404;     // no such profile: reconnecting cannot help
const UNAVAILABLE = 4503;  // the stage could not open: retry slowly, the cause may be fixed meanwhile

export class Connection {
  constructor(url, handlers) {
    this.url = url;
    this.handlers = handlers; // { open(hello), message(json), audio(a), jpeg(f), closed(code, detail, retrying) }
    this.socket = null;
    this.backoff = 500;
    this.reconnects = 0;
    this.stopped = false;
    this.lastError = null;
    this.open();
  }

  get connected() { return this.socket !== null && this.socket.readyState === WebSocket.OPEN; }

  open() {
    const socket = new WebSocket(this.url);
    socket.binaryType = "arraybuffer";
    this.socket = socket;
    socket.onmessage = e => {
      if (typeof e.data === "string") {
        const message = JSON.parse(e.data);
        if (message.type === "hello") { this.backoff = 500; this.lastError = null; this.handlers.open(message); }
        else if (message.type === "error") { this.lastError = message.detail; }
        else { this.handlers.message(message); }
      } else {
        const decoded = decodeBinary(e.data);
        if (decoded.kind === "audio") this.handlers.audio(decoded); else this.handlers.jpeg(decoded);
      }
    };
    socket.onclose = e => {
      if (this.socket !== socket) return;
      this.socket = null;
      const retrying = !this.stopped && e.code !== NO_RETRY;
      this.handlers.closed(e.code, this.lastError || e.reason, retrying);
      if (!retrying) return;
      const wait = e.code === UNAVAILABLE ? 5000 : this.backoff;
      this.backoff = Math.min(this.backoff * 2, 5000);
      setTimeout(() => { if (!this.stopped) { this.reconnects++; this.open(); } }, wait);
    };
  }

  send(message) {
    if (!this.connected) return false;
    this.socket.send(JSON.stringify(message));
    return true;
  }

  sendBinary(bytes) {
    if (!this.connected) return false;
    this.socket.send(bytes);
    return true;
  }

  close() { this.stopped = true; if (this.socket) this.socket.close(1000); }
}

// Kind 1: audio (uint32 rate, float64 start, int16 PCM); kind 2: rendered JPEG (float64 ts, JPEG). Little-endian.
export function decodeBinary(buffer) {
  const view = new DataView(buffer);
  const kind = view.getUint8(0);
  const idLength = view.getUint8(1);
  const turnId = new TextDecoder().decode(new Uint8Array(buffer, 2, idLength));
  const at = 2 + idLength;
  if (kind === 1) {
    const rate = view.getUint32(at, true);
    const start = view.getFloat64(at + 4, true);
    const pcm = new Int16Array(buffer.slice(at + 12)); // slice: the samples may start at an odd offset
    return { kind: "audio", turnId, rate, start, pcm };
  }
  return { kind: "jpeg", turnId, ts: view.getFloat64(at, true), jpeg: new Blob([buffer.slice(at + 8)], { type: "image/jpeg" }) };
}
