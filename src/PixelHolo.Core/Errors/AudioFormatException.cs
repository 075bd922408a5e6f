using PixelHolo.Core.Audio;

namespace PixelHolo.Core.Errors;

/// <summary>Audio in a format a stage does not accept (as opposed to corrupt audio).</summary>
public sealed class AudioFormatException : PixelHoloException
{
    public AudioFormatException(string message) : base(message) { }

    public static void ThrowIfNot(AudioChunk chunk, int sampleRateHz, int channels)
    {
        ArgumentNullException.ThrowIfNull(chunk);
        if (chunk.SampleRateHz != sampleRateHz || chunk.Channels != channels)
        {
            throw new AudioFormatException(
                $"Expected {sampleRateHz} Hz audio with {channels} channel(s) but got {chunk.SampleRateHz} Hz with {chunk.Channels}. " +
                "Resample first (AudioResampler.ToMono16k) or convert with ffmpeg -ac 1 -ar 16000.");
        }
    }
}
