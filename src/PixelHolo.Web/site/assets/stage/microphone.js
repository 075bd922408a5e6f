// The microphone: getUserMedia with the browser's echo cancellation (the avatar's own voice must not barge in), an
// AudioWorklet that turns it into 16 kHz int16 chunks, and a switch deciding whether chunks go to the server.
export class Microphone {
  constructor(context, send) {
    this.context = context;
    this.send = send;          // (Uint8Array) => void
    this.streaming = false;
    this.gateRms = 0;          // while > 0, quieter chunks are sent as silence (see docs/stage-protocol.md)
    this.chunksSent = 0;
    this.starting = null;
  }

  start() {
    if (!this.starting) this.starting = this.open();
    return this.starting;
  }

  async open() {
    // The worklet first: the microphone captures from getUserMedia on, and what it captures before the worklet is
    // connected is lost (on a loaded machine loading the module took long enough to lose the first words).
    await this.context.audioWorklet.addModule("/assets/stage/mic-worklet.js");
    const stream = await navigator.mediaDevices.getUserMedia({
      audio: { echoCancellation: true, noiseSuppression: true, autoGainControl: true, channelCount: 1 },
    });
    const source = this.context.createMediaStreamSource(stream);
    const node = new AudioWorkletNode(this.context, "pixelholo-mic", { numberOfInputs: 1, numberOfOutputs: 1, channelCount: 1, channelCountMode: "explicit" });
    const mute = this.context.createGain();
    mute.gain.value = 0; // the worklet must be pulled by the graph to run; nothing of the microphone is played
    source.connect(node).connect(mute).connect(this.context.destination);
    node.port.onmessage = e => this.chunk(new Int16Array(e.data.pcm), e.data.rms);
  }

  chunk(pcm, rms) {
    if (!this.streaming) return;
    if (this.gateRms > 0 && rms < this.gateRms) pcm.fill(0);
    const message = new Uint8Array(1 + pcm.byteLength);
    message[0] = 0x01;
    message.set(new Uint8Array(pcm.buffer, pcm.byteOffset, pcm.byteLength), 1);
    if (this.send(message)) this.chunksSent++;
  }
}
