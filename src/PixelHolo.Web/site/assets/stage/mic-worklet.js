// AudioWorklet: the microphone at the context's rate in, 16 kHz mono int16 chunks of 100 ms out (with their RMS).
// Box-filter decimation: each output sample averages the input samples of its 1/16000 s, which also keeps aliasing
// low enough for speech recognition.
const OUT_RATE = 16000;
const CHUNK = 1600;

class MicProcessor extends AudioWorkletProcessor {
  constructor() {
    super();
    this.step = sampleRate / OUT_RATE; // sampleRate: the AudioWorkletGlobalScope's
    this.next = this.step;
    this.position = 0;
    this.sum = 0;
    this.count = 0;
    this.out = new Int16Array(CHUNK);
    this.filled = 0;
    this.energy = 0;
  }

  process(inputs) {
    const input = inputs[0];
    if (!input || input.length === 0) return true;
    const channel = input[0];
    for (let i = 0; i < channel.length; i++) {
      this.sum += channel[i];
      this.count++;
      this.position++;
      if (this.position >= this.next) {
        this.next += this.step;
        const value = Math.max(-1, Math.min(1, this.sum / this.count));
        this.sum = 0;
        this.count = 0;
        this.energy += value * value;
        this.out[this.filled++] = Math.round(value * 32767);
        if (this.filled === CHUNK) {
          const rms = Math.sqrt(this.energy / CHUNK);
          this.port.postMessage({ pcm: this.out.buffer, rms }, [this.out.buffer]);
          this.out = new Int16Array(CHUNK);
          this.filled = 0;
          this.energy = 0;
        }
      }
    }
    return true;
  }
}

registerProcessor("pixelholo-mic", MicProcessor);
