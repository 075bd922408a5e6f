using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using PixelHolo.Conversation.Llm;
using PixelHolo.Conversation.Tests.Turns;
using PixelHolo.Core.Errors;
using PixelHolo.Core.Paths;
using PixelHolo.Core.Stage;
using PixelHolo.TestSupport;

namespace PixelHolo.Conversation.Tests.Llm;

/// <summary>The embedded engine (LLamaSharp, CPU backend) on a random-weight GGUF v3 model written by the test: loading,
/// streaming, the token limit, cancellation and the chat template. The text is gibberish, so nothing asserts on it.</summary>
public sealed class EmbeddedLanguageModelTests : IDisposable
{
    private const string ModelFile = "random-llama.gguf";
    private static readonly ChatMessage[] Question = [new(ChatRole.System, "You are Ada."), new(ChatRole.User, "Hello there")];
    private readonly TempDirectory _models = new("pixelholo-gguf");

    public EmbeddedLanguageModelTests() => GgufTestModel.Write(_models.File(ModelFile));

    public void Dispose() => _models.Dispose();

    private EmbeddedLanguageModel Create(int maxTokens = 16, string file = ModelFile) => new(
        Options.Create(new LlmOptions { Provider = "embedded", ModelFile = file, MaxOutputTokens = maxTokens, ContextSize = 512 }),
        Options.Create(new RuntimeOptions { ModelsDirectory = _models.Path }));

    [Fact]
    public async Task Streams_SeveralTokens_AndStopsAtTheLimit()
    {
        using EmbeddedLanguageModel llm = Create(maxTokens: 16);
        await llm.EnsureReadyAsync();
        List<ChatResponseUpdate> updates = [];
        await foreach (ChatResponseUpdate u in llm.GetStreamingResponseAsync(Question, new ChatOptions { Temperature = 1f })) { updates.Add(u); }

        Assert.InRange(updates.Count, 2, 16); // random weights may hit end-of-sequence early, never past the limit
        Assert.All(updates, u => Assert.Equal(ChatRole.Assistant, u.Role));
        Assert.True((await llm.GetStatusAsync()).Ready);
        Assert.Equal("embedded:random-llama.gguf", llm.Name);
    }

    [Fact]
    public async Task Load_CpuBuildWithoutGpu_RunsEveryLayerOnTheCpuAndSaysWhichBackend()
    {
        using EmbeddedLanguageModel llm = Create();
        await llm.EnsureReadyAsync();

        // This build ships only LLamaSharp.Backend.Cpu and the machine has no GPU: the automatic layer count (-1) is 0.
        Assert.False(LlamaNativeBackend.CudaBuilt);
        LlamaNativeBackend backend = LlamaNativeBackend.Load();
        Assert.StartsWith("CPU", backend.Name, StringComparison.Ordinal);
        Assert.False(backend.GpuOffload);
        Assert.Equal($"{backend.Name}, 0 GPU layers", llm.Backend);
        Assert.Contains($"llama.cpp {backend.Name}, 0 GPU layers", (await llm.GetStatusAsync()).Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void GpuLayers_Automatic_AllOnAGpuNoneWithout_AndAnExplicitCountWins()
    {
        var cpu = new LlamaNativeBackend("CPU (Avx2)", GpuOffload: false);
        var cuda = new LlamaNativeBackend("CUDA", GpuOffload: true);

        Assert.Equal(0, cpu.GpuLayers(-1));
        Assert.Equal(LlamaNativeBackend.AllLayers, cuda.GpuLayers(-1));
        Assert.Equal(12, cuda.GpuLayers(12));
        Assert.Equal(0, cuda.GpuLayers(0));
        Assert.Null(cuda.CpuReason(-1));
        Assert.Null(cpu.CpuReason(-1)); // nothing asked for a GPU in a CPU build: no warning
        Assert.Contains("-p:PixelHoloCuda=true", cpu.CpuReason(20), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TokenLimitFromChatOptions_Holds()
    {
        using EmbeddedLanguageModel llm = Create(maxTokens: 200);
        int count = 0;
        await foreach (ChatResponseUpdate _ in llm.GetStreamingResponseAsync(Question, new ChatOptions { MaxOutputTokens = 5 })) { count++; }
        Assert.InRange(count, 1, 5);
    }

    [Fact]
    public async Task Cancellation_StopsGenerationAtOnce()
    {
        using EmbeddedLanguageModel llm = Create(maxTokens: 2000);
        using var barge = new CancellationTokenSource();
        int count = 0;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (ChatResponseUpdate _ in llm.GetStreamingResponseAsync(Question, new ChatOptions { MaxOutputTokens = 2000 }, barge.Token))
            {
                if (++count == 3) { await barge.CancelAsync(); }
            }
        });
        Assert.InRange(count, 3, 4); // at most the token already decoded
    }

    [Fact]
    public async Task ChatTemplate_FromTheModelFile_IsApplied()
    {
        using EmbeddedLanguageModel llm = Create();
        await llm.EnsureReadyAsync();
        using LLama.LLamaWeights weights = LLama.LLamaWeights.LoadFromFile(new LLama.Common.ModelParams(llm.ModelPath) { ContextSize = 256 });

        string prompt = EmbeddedLanguageModel.ApplyChatTemplate(weights, Question);

        Assert.Equal("<|im_start|>system\nYou are Ada.<|im_end|>\n<|im_start|>user\nHello there<|im_end|>\n<|im_start|>assistant\n", prompt);
    }

    [Fact]
    public async Task MissingFile_NamesTheFileAndThePullCommand()
    {
        using EmbeddedLanguageModel llm = Create(file: "absent.gguf");
        LanguageModelStatus status = await llm.GetStatusAsync();
        var error = await Assert.ThrowsAsync<ServiceUnavailableException>(() => llm.EnsureReadyAsync());

        Assert.False(status.Ready);
        Assert.Contains("pixelholo models pull llm", status.Detail, StringComparison.Ordinal);
        Assert.Contains("absent.gguf", error.Message, StringComparison.Ordinal);
        Assert.Contains("pixelholo models pull llm", error.Message, StringComparison.Ordinal);
        Assert.Equal("embedded", error.Service);
    }

    [Fact]
    public async Task NotAGguf_GivesAClearError()
    {
        await File.WriteAllTextAsync(_models.File("broken.gguf"), "this is not a model");
        using EmbeddedLanguageModel llm = Create(file: "broken.gguf");
        var error = await Assert.ThrowsAsync<ServiceUnavailableException>(() => llm.EnsureReadyAsync());
        Assert.Contains("did not load", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TypedTurn_ThroughTheStage_WithTheEmbeddedEngine()
    {
        await using var host = new StageHost(new Uri("http://127.0.0.1:9/"), settings: new Dictionary<string, string?>
        {
            ["Llm:Provider"] = "embedded",
            ["Llm:ModelFile"] = ModelFile,
            ["Llm:MaxOutputTokens"] = "24",
            ["Llm:ContextSize"] = "8192", // byte-level vocabulary: the stage's system prompt is about one token per character
            ["Runtime:ModelsDirectory"] = _models.Path,
        });
        await using StageRecorder stage = await host.OpenAsync();

        await stage.SendAsync(new StageInput.TextQuestion("tell me about your life"));
        TurnReport report = (await stage.TurnAsync()).Report;

        Assert.True(report.Error is null, report.Error);
        Assert.Equal(StageState.Thinking, report.States[0]);
        Assert.Equal(StageState.Idle, report.States[^1]);
        Assert.Equal("embedded:random-llama.gguf", report.Engines.Llm);
        Assert.NotNull(report.Timings.FirstToken);
        Assert.NotNull(report.Timings.Llm);
        Assert.Single(host.Store.Turns);
    }

    [Fact]
    public async Task Auto_FallsBackToTheEmbeddedModel_WhenOllamaIsUnreachable_AndSaysWhy()
    {
        await using var host = new StageHost(new Uri("http://127.0.0.1:9/"), settings: new Dictionary<string, string?>
        {
            ["Llm:Provider"] = "auto",
            ["Llm:ModelFile"] = ModelFile,
            ["Llm:MaxOutputTokens"] = "16",
            ["Llm:ContextSize"] = "8192", // byte-level vocabulary: the stage's system prompt is about one token per character
            ["Runtime:ModelsDirectory"] = _models.Path,
        });
        await using StageRecorder stage = await host.OpenAsync();

        await stage.SendAsync(new StageInput.TextQuestion("hello"));
        TurnReport report = (await stage.TurnAsync()).Report;

        Assert.True(report.Error is null, report.Error);
        Assert.StartsWith("embedded:random-llama.gguf (fallback: Ollama is not reachable", report.Engines.Llm, StringComparison.Ordinal);
    }
}
