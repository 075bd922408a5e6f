namespace PixelHolo.Speech.TextToSpeech;

/// <summary>A text-to-speech engine the selector can choose: registered in DI as <see cref="ITtsEngine"/> (several), each
/// with its name, licence and an availability check. The selector (<see cref="SelectingSpeechSynthesizer"/>) tries the
/// configured engine, then Pocket, the Chatterbox server, the matched voice and stock espeak-ng, and says which spoke
/// and why. To add one: implement this and <c>services.TryAddEnumerable(ServiceDescriptor.Singleton&lt;ITtsEngine, X&gt;())</c>.</summary>
internal interface ITtsEngine : IStreamingSpeechSynthesizer
{
    /// <summary>Licence of the engine (code and weights), recorded in the profile's manifest.</summary>
    string Licence { get; }

    /// <summary>True when it speaks in the person's own (cloned) voice.</summary>
    bool ClonesVoice { get; }

    /// <summary>Null when the engine can speak for <paramref name="voice"/> now; otherwise why not, with what to do
    /// (e.g. "model 'pocket-tts' is missing (setting Tts:Pocket:ModelDir): run `pixelholo models pull tts`").</summary>
    Task<string?> UnavailableReasonAsync(VoiceReference? voice, CancellationToken cancellationToken);

    /// <summary>Does the once-per-voice work ahead of the first answer (fit the matched voice, upload the reference,
    /// compute Pocket's voice embedding), so a turn does none. Engines with nothing to prepare keep the default.</summary>
    Task PrepareAsync(VoiceReference? voice, CancellationToken cancellationToken) => Task.CompletedTask;
}
