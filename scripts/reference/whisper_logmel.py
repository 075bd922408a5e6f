#!/usr/bin/env python3
"""Reference numbers for our C# Whisper log-mel front end (Smart Turn v3.2's input), computed independently with numpy.

Transcribes the numpy path of transformers' WhisperFeatureExtractor(chunk_length=8) as Smart Turn's inference calls it
(padding="max_length", max_length=128000, truncation=True, do_normalize=True), after left zero-padding to 8 s:
  1. zero-mean unit-variance over the padded waveform: (x - mean) / sqrt(var + 1e-7)
  2. STFT: periodic Hann 400 (np.hanning(401)[:-1]), hop 160, center=True with reflect padding of 200, power 2
  3. Slaney-normalised, Slaney-scale mel filter bank, 80 filters over 0..8000 Hz (201 FFT bins)
  4. log10(max(1e-10, mel)), drop the last frame (801 -> 800), floor at max - 8, then (x + 4) / 4
Input: the first 5 s of ../shared/media/audio/jfk.wav (16-bit / 32768). Run with Debian's python3-numpy:
  /usr/bin/python3 scripts/reference/whisper_logmel.py > tests/PixelHolo.Speech.Tests/EndOfTurn/Fixtures/whisper-logmel-jfk5s.json
"""
import json, os, sys, wave
import numpy as np

here = os.path.dirname(os.path.abspath(__file__))
path = os.path.join(here, "..", "..", "..", "shared", "media", "audio", "jfk.wav")
with wave.open(os.environ.get("JFK_WAV", path)) as w:
    assert w.getframerate() == 16000 and w.getnchannels() == 1 and w.getsampwidth() == 2
    x = np.frombuffer(w.readframes(w.getnframes()), dtype="<i2").astype(np.float32) / 32768.0
x = x[: 5 * 16000]
n = 8 * 16000
x = np.pad(x, (n - len(x), 0)).astype(np.float32)
x = (x - x.mean()) / np.sqrt(x.var() + 1e-7)

def hz_to_mel(f):
    f = np.asarray(f, dtype=np.float64)
    return np.where(f < 1000.0, 3.0 * f / 200.0, 15.0 + np.log(np.maximum(f, 1e-10) / 1000.0) * 27.0 / np.log(6.4))

def mel_to_hz(m):
    m = np.asarray(m, dtype=np.float64)
    return np.where(m < 15.0, 200.0 * m / 3.0, 1000.0 * np.exp(np.log(6.4) / 27.0 * (m - 15.0)))

fft_freqs = np.linspace(0, 8000, 201)
filter_freqs = mel_to_hz(np.linspace(hz_to_mel(0.0), hz_to_mel(8000.0), 82))
diff = np.diff(filter_freqs)
slopes = filter_freqs[None, :] - fft_freqs[:, None]
down = -slopes[:, :-2] / diff[:-1]
up = slopes[:, 2:] / diff[1:]
bank = np.maximum(0.0, np.minimum(down, up)) * (2.0 / (filter_freqs[2:82] - filter_freqs[:80]))  # (201, 80)

window = np.hanning(401)[:-1]
padded = np.pad(x.astype(np.float64), (200, 200), mode="reflect")
frames = 1 + (len(padded) - 400) // 160
power = np.empty((201, frames))
for t in range(frames):
    spectrum = np.fft.rfft(padded[t * 160 : t * 160 + 400] * window)
    power[:, t] = np.abs(spectrum) ** 2
mel = bank.T @ power
log_spec = np.log10(np.maximum(1e-10, mel))[:, :-1]
log_spec = np.maximum(log_spec, log_spec.max() - 8.0)
log_spec = (log_spec + 4.0) / 4.0

mels = [0, 1, 10, 20, 40, 60, 79]
frames_taken = list(range(0, 800, 8)) + [799]
json.dump({
    "made_by": "scripts/reference/whisper_logmel.py (numpy %s), first 5 s of jfk.wav left-padded to 8 s" % np.__version__,
    "shape": list(log_spec.shape),
    "max": float(log_spec.max()), "mean": float(log_spec.mean()), "min": float(log_spec.min()),
    "values": [[m, t, round(float(log_spec[m, t]), 6)] for m in mels for t in frames_taken],
}, sys.stdout)
