using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PixelHolo.Core.Audio;
using PixelHolo.Core.Profiles;
using PixelHolo.Core.Stage;
using PixelHolo.Core.Storage;
using PixelHolo.Core.Rendering;
using PixelHolo.Core.Speech;
using PixelHolo.Speech.Audio;
using PixelHolo.TestSupport;
using PixelHolo.Web.Hosting;

namespace PixelHolo.Bench;

/// <summary>First audio against the language model's stream: the real turn machine, Ollama client (OllamaSharp) and
/// espeak-ng, against a loopback server that speaks Ollama's NDJSON and streams a 150-word answer at about 20 tokens a
/// second; rendering is instant (frames are issue 11's figures). Typed questions, so the clock starts at submission.</summary>
internal static partial class TurnLatencyBenchmark
{
    private const string Answer =
        "Well, I was born in Glasgow in nineteen fifty, the youngest of four, and my father worked the shipyards on the Clyde " +
        "for most of his life. We lived in a small flat near the river, and on Sundays he would take me down to watch the " +
        "launches, which is where I fell in love with engines. My mother kept the house running on very little money, and she " +
        "taught me to read before I started school. When I was sixteen I took an apprenticeship as a marine engineer, and a few " +
        "years later I went to sea on a cargo ship bound for Buenos Aires. I spent twenty years at sea after that, mostly in the " +
        "engine room, and I met my wife on a ferry crossing to Belfast. We had two children, a boy and a girl, and they both " +
        "live near us now. I still tinker with old diesel engines in the garage when my knees allow it.";

    public static async Task FirstAudioAsync(string[] args)
    {
        var c = CultureInfo.InvariantCulture;
        int turns = args.Length > 0 ? int.Parse(args[0], c) : 5;
        string[] tokens = [.. WordPieces().Matches(Answer).Select(m => m.Value)];
        await using LoopbackOllama ollama = await LoopbackOllama.StartAsync("phi4-mini:latest");
        ollama.AnswerTokens = tokens;
        ollama.TokenDelay = TimeSpan.FromMilliseconds(50);

        await using ServiceProvider provider = Services(ollama, typedQuestions: true);
        await using IStageConversation stage = await provider.GetRequiredService<IStageConversationFactory>().OpenHeadlessAsync("bench");
        await using IAsyncEnumerator<StageOutput> outputs = stage.ReadOutputsAsync().GetAsyncEnumerator();

        Console.WriteLine(string.Create(c, $"answer: {Answer.Split(' ').Length} words in {tokens.Length} tokens at 20 tokens/s (50 ms apart)"));
        var afterToken = new List<double>();
        for (int i = 0; i <= turns; i++)
        {
            await stage.SendAsync(new StageInput.TextQuestion($"tell me about your family, question {i}"));
            TurnReport report = await NextReportAsync(outputs);
            TurnTimes t = report.Timings;
            if (report.Error is { } error) { throw new InvalidOperationException($"Turn failed: {error}"); }
            string label = i == 0 ? "warm-up" : $"turn {i}";
            Console.WriteLine(string.Create(c,
                $"{label}: tts {report.Engines.Tts}; first token {t.FirstToken:F3} s, first audio {t.FirstAudio:F3} s (+{t.FirstAudio - t.FirstToken:F3} s), model finished {t.Llm:F3} s, total {t.Total:F3} s, audio {report.AudioSeconds:F1} s"));
            if (i > 0 && t.FirstAudio is double fa && t.FirstToken is double ft) { afterToken.Add(fa - ft); }
        }
        double[] sorted = [.. afterToken.Order()];
        Console.WriteLine(string.Create(c, $"first audio after first token: median {sorted[sorted.Length / 2]:F3} s, max {sorted[^1]:F3} s over {sorted.Length} turns"));
    }

    /// <summary>End of speech → first audio for a spoken 3 s question: the first 3 s of jfk.wav ("And so, my fellow
    /// Americans, ask not…") sent as 20 ms mic chunks at real-time pace into a press-to-talk stage, then silence until the
    /// turn ends; the real Silero end of turn, pocketsphinx, intent, OllamaSharp against the 20 tokens/s loopback server,
    /// espeak-ng; rendering and storage instant.</summary>
    public static async Task SpokenAsync(string[] args)
    {
        var c = CultureInfo.InvariantCulture;
        int turns = args.Length > 0 ? int.Parse(args[0], c) : 3;
        await using LoopbackOllama ollama = await LoopbackOllama.StartAsync("phi4-mini:latest");
        ollama.AnswerTokens = [.. WordPieces().Matches(Answer).Select(m => m.Value)];
        ollama.TokenDelay = TimeSpan.FromMilliseconds(50);
        await using ServiceProvider provider = Services(ollama, typedQuestions: false);
        await using IStageConversation stage = await provider.GetRequiredService<IStageConversationFactory>().OpenHeadlessAsync("bench");
        await using IAsyncEnumerator<StageOutput> outputs = stage.ReadOutputsAsync().GetAsyncEnumerator();
        await stage.SendAsync(new StageInput.SetListeningMode(ListeningMode.PressToTalk));
        AudioChunk recording = await WavFile.ReadMono16kAsync(SpeechBenchmarks.Media("audio/jfk.wav"));
        float[] question = [.. recording.Samples.Span[..(3 * 16_000)], .. new float[16_000 * 3]];
        for (int i = 0; i <= turns; i++)
        {
            await stage.SendAsync(new StageInput.KeyDown());
            await stage.SendAsync(new StageInput.KeyUp());
            var mic = Task.Run(async () =>
            {
                // Real-time pace, as the page's AudioWorklet sends it.
                long started = Stopwatch.GetTimestamp();
                for (int at = 0; at + 320 <= question.Length; at += 320)
                {
                    TimeSpan due = TimeSpan.FromSeconds(at / 16_000.0) - Stopwatch.GetElapsedTime(started);
                    if (due > TimeSpan.Zero) { await Task.Delay(due); }
                    await stage.SendAsync(new StageInput.MicAudio(new AudioChunk(question.AsMemory(at, 320), 16_000, 1, TimeSpan.FromSeconds(at / 16_000.0))));
                }
            });
            TurnReport report = await NextReportAsync(outputs);
            await mic;
            TurnTimes t = report.Timings;
            string label = i == 0 ? "warm-up" : $"turn {i}";
            Console.WriteLine(string.Create(c,
                $"{label}: \"{report.Transcript}\" ({report.Engines.Stt}); from the end of speech: transcript {t.Transcript:F3} s, first token {t.FirstToken:F3} s, first audio {t.FirstAudio:F3} s, error {report.Error ?? "none"}"));
        }
    }

    private static ServiceProvider Services(LoopbackOllama ollama, bool typedQuestions)
    {
        IConfiguration configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Llm:Provider"] = "ollama",
            ["Llm:Endpoint"] = ollama.Endpoint.ToString(),
            ["Llm:Model"] = "phi4-mini:latest",
            ["Llm:AutoStart"] = "false",
            ["Llm:AutoPull"] = "false",
            ["Search:Providers:0"] = "DuckDuckGo",
            ["Search:DuckDuckGoBaseUrl"] = ollama.Endpoint.ToString(),
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.AddPixelHolo(configuration);
        // Instant stand-ins for what these figures are not about: the renderer and storage (and the recogniser for typed questions).
        if (typedQuestions) { services.AddSingleton<IStreamingSpeechRecognizer, TurnBenchmark.InstantEngines>(); }
        services.AddSingleton<IStreamingAvatarRenderer, TurnBenchmark.InstantEngines>();
        services.AddSingleton<IConversationStore, TurnBenchmark.NullStore>();
        var profile = new AvatarProfile("bench", "Ada", "You are Ada, a retired ship's engineer.", DateTimeOffset.UnixEpoch, ProfileStatus.Ready, "/nonexistent");
        services.AddSingleton<IProfileStore>(new TurnBenchmark.SingleProfileStore(profile));
        return services.BuildServiceProvider();
    }

    private static async Task<TurnReport> NextReportAsync(IAsyncEnumerator<StageOutput> outputs)
    {
        while (await outputs.MoveNextAsync())
        {
            if (outputs.Current is StageOutput.TurnCompleted { Report: var report }) { return report; }
        }
        throw new InvalidOperationException("The stage closed before the turn completed.");
    }

    /// <summary>Word-sized tokens with their leading space, as a model streams them.</summary>
    [GeneratedRegex(@"\s*\S+")]
    private static partial Regex WordPieces();
}
