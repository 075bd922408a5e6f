using System.ComponentModel.DataAnnotations;

namespace PixelHolo.Speech.TextToSpeech.Chatterbox;

/// <summary>A Chatterbox TTS server (devnen/Chatterbox-TTS-Server, MIT) on a GPU box: the person's cloned voice.</summary>
public sealed class ChatterboxOptions
{
    public const string SectionName = "Tts:Chatterbox";

    /// <value>Base address of the server, e.g. "http://gpu-box:8004" (its default port is 8004). Empty (the default) leaves
    /// the server out of the engine chain. Env: PIXELHOLO_Tts__Chatterbox__Endpoint.</value>
    [Url]
    public string? Endpoint { get; set; }

    /// <value>Longest wait for the server's answer to begin and for each next piece of audio; past it the request is
    /// stopped and the next engine speaks. Default 30 s, 1 s to 10 min. Env: PIXELHOLO_Tts__Chatterbox__Timeout.</value>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <value>Longest the reachability check (before an answer) may take. Default 2 s, 0.1 s to 1 min.</value>
    [Range(typeof(TimeSpan), "00:00:00.1", "00:01:00")]
    public TimeSpan ProbeTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <value>Characters per server-side text chunk (its chunk_size), 50 to 500. Default 120.</value>
    [Range(50, 500)]
    public int ChunkSize { get; set; } = 120;
}
