using System.Text.Json;
using PixelHolo.TestSupport;

namespace PixelHolo.Cli.Tests.Commands;

/// <summary>`pixelholo chat` as a user runs it: a real enrolled profile, a real recording through pocketsphinx, the intent
/// classifier, a loopback server speaking Ollama's NDJSON, espeak-ng and the loop renderer.</summary>
[Trait("Category", "EndToEnd")]
public sealed class ChatCommandTests
{
    [Fact]
    public async Task Chat_AudioQuestionWithJson_OneContractLinePerTurnAndTheSpokenAnswerWritten()
    {
        using var runtime = new TempDirectory();
        using var temp = new TempDirectory();
        string clip = temp.File("talk.mp4");
        await TestProcess.FfmpegAsync("-i", SharedMedia.Path("videos/talking_woman_expressive_34s.mp4"), "-t", "11", "-c", "copy", clip);
        var (enrolled, enrollOut, enrollErr) = await CliProcess.RunAsync(runtime.Path, ["enroll", clip, "--name", "Ada", "--json"]);
        Assert.True(enrolled == 0, enrollErr);
        string profileId = JsonDocument.Parse(enrollOut.TrimEnd().Split('\n')[^1]).RootElement.GetProperty("profileId").GetString()!;
        await using LoopbackOllama ollama = await LoopbackOllama.StartAsync("phi4-mini:latest");
        ollama.AnswerTokens = ["Well, I think", " about that a lot.", " My country gave me", " a great deal, and", " I try to give back."];
        string answerWav = temp.File("answer.wav");
        var environment = new Dictionary<string, string>
        {
            ["PIXELHOLO_Llm__Endpoint"] = ollama.Endpoint.ToString(),
            ["PIXELHOLO_Turn__TranscriptTimeout"] = "00:02:00", // pocketsphinx on 11 s, on a shared 2-core machine
        };

        var (code, stdout, stderr) = await CliProcess.RunAsync(runtime.Path,
            ["chat", "--profile", profileId, "--audio", SharedMedia.Path("audio/jfk.wav"), "--out", answerWav, "--json"], environment);

        Assert.True(code == 0, stderr);
        string line = Assert.Single(stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        using JsonDocument json = JsonDocument.Parse(line);
        JsonElement root = json.RootElement;
        Assert.Equal(["turnId", "transcript", "answer", "interrupted", "engines", "states", "timings", "audioSeconds"],
            root.EnumerateObject().Select(p => p.Name));
        Assert.Contains("country", root.GetProperty("transcript").GetString(), StringComparison.Ordinal);
        Assert.Equal("Well, I think about that a lot. My country gave me a great deal, and I try to give back.", root.GetProperty("answer").GetString());
        Assert.False(root.GetProperty("interrupted").GetBoolean());
        JsonElement engines = root.GetProperty("engines");
        Assert.Equal("pocketsphinx", engines.GetProperty("stt").GetString());
        Assert.Equal("ollama:phi4-mini", engines.GetProperty("llm").GetString());
        Assert.StartsWith("espeak-ng", engines.GetProperty("tts").GetString(), StringComparison.Ordinal);
        string? renderer = engines.GetProperty("renderer").GetString();
        // The engine that rendered, never the chooser: the profile has a lip-sync model, and the automatic choice measures
        // speed, so a machine too busy for real time falls back to loop and then to the still (seen at load ≈ 37).
        Assert.True(renderer is "lipsync" or "loop" or "still", $"renderer {renderer}");
        string[] states = [.. root.GetProperty("states").EnumerateArray().Select(s => s.GetString()!)];
        Assert.Equal("Transcribing", states[0]);
        Assert.Equal(["Thinking", "Speaking", "Idle"], states[^3..]);
        JsonElement timings = root.GetProperty("timings");
        Assert.Equal(["transcript", "search", "firstToken", "firstAudio", "llm", "total"], timings.EnumerateObject().Select(p => p.Name));
        double transcript = timings.GetProperty("transcript").GetDouble();
        double firstToken = timings.GetProperty("firstToken").GetDouble();
        double firstAudio = timings.GetProperty("firstAudio").GetDouble();
        Assert.True(transcript <= firstToken && firstToken <= firstAudio && firstAudio <= timings.GetProperty("total").GetDouble(), line);
        Assert.Equal(states.Contains("Searching") ? JsonValueKind.Number : JsonValueKind.Null, timings.GetProperty("search").ValueKind);
        double audioSeconds = root.GetProperty("audioSeconds").GetDouble();
        Assert.InRange(audioSeconds, 2.0, 15.0);
        // The WAV holds the whole spoken answer: as long as the audio the turn produced.
        var info = new FileInfo(answerWav);
        Assert.True(info.Exists);
        Assert.InRange((info.Length - 44) / 2.0 / 22_050, audioSeconds - 0.05, audioSeconds + 0.05);
    }

    [Fact]
    public async Task Chat_TextAndAudioBoth_Exit2()
    {
        using var runtime = new TempDirectory();

        var (code, _, stderr) = await CliProcess.RunAsync(runtime.Path, ["chat", "--profile", "x", "--text", "hi", "--audio", "q.wav"]);

        Assert.Equal(2, code);
        Assert.Contains("--text or --audio", stderr, StringComparison.Ordinal);
    }
}
