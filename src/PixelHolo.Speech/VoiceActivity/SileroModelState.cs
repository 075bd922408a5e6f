using Microsoft.ML.OnnxRuntime;

namespace PixelHolo.Speech.VoiceActivity;

/// <summary>One stream's view of the Silero v6 model: the recurrent state, the 64-sample context and the input buffers,
/// wrapped once as <see cref="OrtValue"/>s over pinned arrays and reused for every 512-sample window.</summary>
/// <remarks>Silero v6 (MODELS.md): input "input" float32 [1, 576] = last 64 samples of the previous window + 512 new
/// samples at 16 kHz; "state" float32 [2, 1, 128], carried between windows and zero at the start of a stream; "sr"
/// int64 scalar 16000. Outputs "output" [1, 1] (speech probability) and "stateN" (the next state).</remarks>
internal sealed class SileroModelState : IDisposable
{
    public const int WindowSamples = 512;
    public const int ContextSamples = 64;
    public const int SampleRateHz = 16_000;

    private static readonly string[] InputNames = ["input", "state", "sr"];
    private static readonly string[] OutputNames = ["output", "stateN"];

    private readonly InferenceSession _session;
    private readonly float[] _input = new float[ContextSamples + WindowSamples];
    private readonly float[] _state = new float[2 * 1 * 128];
    private readonly long[] _sampleRate = [SampleRateHz];
    private readonly OrtValue[] _inputs;
    private readonly RunOptions _runOptions = new();
    private bool _disposed;

    public SileroModelState(InferenceSession session)
    {
        _session = session;
        _inputs =
        [
            OrtValue.CreateTensorValueFromMemory(_input, [1, ContextSamples + WindowSamples]),
            OrtValue.CreateTensorValueFromMemory(_state, [2, 1, 128]),
            OrtValue.CreateTensorValueFromMemory(_sampleRate, []),
        ];
    }

    /// <summary>Checks that a session has the inputs and outputs of Silero v6; the message says what it found.</summary>
    public static string? DescribeMismatch(InferenceSession session)
    {
        var inputs = session.InputMetadata.Keys.ToHashSet(StringComparer.Ordinal);
        var outputs = session.OutputMetadata.Keys.ToHashSet(StringComparer.Ordinal);
        if (InputNames.All(inputs.Contains) && OutputNames.All(outputs.Contains)) { return null; }
        return $"it has inputs [{string.Join(", ", inputs)}] and outputs [{string.Join(", ", outputs)}], " +
               $"but Silero v6 has inputs [{string.Join(", ", InputNames)}] and outputs [{string.Join(", ", OutputNames)}]";
    }

    /// <summary>Speech probability of one 512-sample window; advances the state and the context.</summary>
    public float Score(ReadOnlySpan<float> window)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (window.Length != WindowSamples) { throw new ArgumentException($"Silero takes windows of {WindowSamples} samples.", nameof(window)); }
        window.CopyTo(_input.AsSpan(ContextSamples));
        float probability;
        using (IDisposableReadOnlyCollection<OrtValue> outputs = _session.Run(_runOptions, InputNames, _inputs, OutputNames))
        {
            probability = outputs[0].GetTensorDataAsSpan<float>()[0];
            outputs[1].GetTensorDataAsSpan<float>().CopyTo(_state);
        }
        // The next window's context is the end of this one.
        window[^ContextSamples..].CopyTo(_input);
        return probability;
    }

    public void Dispose()
    {
        if (_disposed) { return; }
        _disposed = true;
        foreach (OrtValue value in _inputs) { value.Dispose(); }
        _runOptions.Dispose();
    }
}
