using PixelHolo.Core.Rendering;
using PixelHolo.Core.Speech;

namespace PixelHolo.Conversation.Turns;

/// <summary>What one turn produced. Exactly one of <see cref="Answer"/> and <see cref="Error"/> is set.</summary>
/// <param name="Answer">The avatar's words.</param>
/// <param name="Error">What went wrong and what to do.</param>
/// <param name="Clip">The rendered answer (footage + speech), when rendering was asked for and worked.</param>
/// <param name="SpeechWarning">Set when the voice is a stock voice rather than the cloned one.</param>
/// <param name="StageSeconds">Seconds per stage.</param>
/// <param name="Speech">The spoken answer, when the turn succeeded.</param>
public sealed record TurnResult(string Question, string? Answer, string? Error, RenderedClip? Clip, string? SpeechWarning, IReadOnlyDictionary<string, double> StageSeconds, SynthesizedSpeech? Speech = null)
{
    public bool Succeeded => Error is null;
}
