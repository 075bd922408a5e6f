namespace PixelHolo.Core.Speech;

/// <summary>Says which voice the answers will be spoken in and why, without speaking: for <c>/status</c>, the stage's
/// warning line, the turn record and the profile's manifest. The streaming synthesiser makes the same choice.</summary>
public interface IVoiceChooser
{
    /// <summary>The engine that would speak for <paramref name="voice"/> now, after any fallback.</summary>
    Task<VoiceChoice> ChooseAsync(VoiceReference? voice, CancellationToken cancellationToken = default);
}

/// <summary>The voice chosen for an answer.</summary>
/// <param name="Engine">Engine name ("pocket", "chatterbox", "matched", "espeak-ng").</param>
/// <param name="ClonesVoice">True when it is the person's cloned voice.</param>
/// <param name="Licence">The engine's licence (code and weights), for the manifest.</param>
/// <param name="Warning">Why the voice is not the preferred one (each engine skipped and the reason), or null.</param>
public sealed record VoiceChoice(string Engine, bool ClonesVoice, string Licence, string? Warning);
