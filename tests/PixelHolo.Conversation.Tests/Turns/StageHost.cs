using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PixelHolo.Core.Profiles;
using PixelHolo.Core.Rendering;
using PixelHolo.Core.Speech;
using PixelHolo.Core.Stage;
using PixelHolo.Core.Storage;
using PixelHolo.TestSupport;

namespace PixelHolo.Conversation.Tests.Turns;

/// <summary>The real conversation services (factory, state machine, OllamaSharp client, intent classifier, prompts) with
/// delegate-driven engine fakes, talking to a loopback Ollama.</summary>
internal sealed class StageHost : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    public StageHost(Uri llmEndpoint, string model = "phi4-mini", Func<int, string>? transcript = null, IDictionary<string, string?>? settings = null, string? profileFolder = null)
    {
        var values = new Dictionary<string, string?>
        {
            ["Llm:Endpoint"] = llmEndpoint.ToString(),
            ["Llm:Model"] = model,
            ["Llm:AutoStart"] = "false",
            ["Llm:AutoPull"] = "false",
            ["Llm:Timeout"] = "00:00:30",
            ["Search:Providers:0"] = "DuckDuckGo",
            ["Search:DuckDuckGoBaseUrl"] = llmEndpoint.ToString(),
            ["Turn:TokenStallTimeout"] = "00:00:10",
            // Llm:Provider is auto by default: no embedded GGUF file unless a test names one, so Ollama alone answers.
            ["Llm:ModelFile"] = "/nonexistent/no-embedded-model.gguf",
        };
        foreach ((string key, string? value) in settings ?? new Dictionary<string, string?>()) { values[key] = value; }
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(values).Build());
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Debug).AddProvider(Logs));
        services.AddSingleton(TimeProvider.System);
        services.AddConversation();
        Recognizer = new FakeStreamingRecognizer(transcript ?? (_ => "tell me about your family"));
        services.AddSingleton<IStreamingSpeechRecognizer>(Recognizer);
        services.AddSingleton<IStreamingSpeechSynthesizer>(Synthesizer);
        services.AddSingleton<IStreamingAvatarRenderer>(Renderer);
        services.AddSingleton<IVoiceActivityDetector>(VoiceActivity);
        services.AddSingleton<IConversationStore>(Store);
        Profile = new AvatarProfile("p1", "Ada", "You are Ada, a retired ship's engineer.", DateTimeOffset.UnixEpoch, ProfileStatus.Ready, profileFolder ?? "/nonexistent");
        services.AddSingleton<IProfileStore>(new OneProfileStore(Profile));
        _services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
    }

    public AvatarProfile Profile { get; }

    /// <summary>Every log line of the stage's services, debug level and up.</summary>
    public ListLoggerProvider Logs { get; } = new();

    public FakeStreamingRecognizer Recognizer { get; }

    public FakeStreamingSynthesizer Synthesizer { get; } = new();

    public FakeRenderer Renderer { get; } = new();

    public LevelVoiceActivityDetector VoiceActivity { get; } = new();

    public MemoryConversationStore Store { get; } = new();

    public IStageConversationFactory Factory => _services.GetRequiredService<IStageConversationFactory>();

    public async Task<StageRecorder> OpenAsync(ListeningMode? mode = null)
    {
        IStageConversation stage = mode is { } m ? await Factory.OpenAsync(Profile.Id, m) : await Factory.OpenHeadlessAsync(Profile.Id);
        return new StageRecorder(stage);
    }

    public async ValueTask DisposeAsync() => await _services.DisposeAsync();
}

/// <summary>Reads everything a stage outputs, as the page would, and lets a test wait for a particular output.</summary>
internal sealed class StageRecorder : IAsyncDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly List<StageOutput> _outputs = [];
    private readonly Lock _gate = new();
    private readonly Task _reader;
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public StageRecorder(IStageConversation stage)
    {
        Stage = stage;
        _reader = Task.Run(async () =>
        {
            try
            {
                await foreach (StageOutput output in stage.ReadOutputsAsync())
                {
                    lock (_gate) { _outputs.Add(output); _changed.TrySetResult(); _changed = new(TaskCreationOptions.RunContinuationsAsynchronously); }
                }
            }
            finally
            {
                lock (_gate) { Completed = true; _changed.TrySetResult(); }
            }
        });
    }

    public IStageConversation Stage { get; }

    public bool Completed { get; private set; }

    public IReadOnlyList<StageOutput> Outputs { get { lock (_gate) { return [.. _outputs]; } } }

    public IReadOnlyList<StageState> States => [.. Outputs.OfType<StageOutput.StateChanged>().Select(s => s.Event.State)];

    /// <summary>Waits for the <paramref name="nth"/> output (1-based) matching <paramref name="match"/>.</summary>
    public async Task<T> WaitForAsync<T>(Func<T, bool>? match = null, int nth = 1) where T : StageOutput
    {
        using var patience = new CancellationTokenSource(Patience);
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                T[] found = [.. _outputs.OfType<T>().Where(o => match?.Invoke(o) ?? true)];
                if (found.Length >= nth) { return found[nth - 1]; }
                if (Completed) { throw new InvalidOperationException($"The stage closed before a {typeof(T).Name} came; it sent: {Describe()}"); }
                changed = _changed.Task;
            }
            try { await changed.WaitAsync(patience.Token); }
            catch (OperationCanceledException) { throw new TimeoutException($"No {typeof(T).Name} within {Patience.TotalSeconds} s; the stage sent: {Describe()}"); }
        }
    }

    public Task<StageOutput.TurnCompleted> TurnAsync(int nth = 1) => WaitForAsync<StageOutput.TurnCompleted>(nth: nth);

    public Task<StageOutput.StateChanged> StateAsync(StageState state, int nth = 1) => WaitForAsync<StageOutput.StateChanged>(s => s.Event.State == state, nth);

    public ValueTask SendAsync(StageInput input) => Stage.SendAsync(input);

    private string Describe() => string.Join(", ", _outputs.Select(o => o switch
    {
        StageOutput.StateChanged s => s.Event.State + (s.Event.Detail is { } d ? $"({d})" : ""),
        _ => o.GetType().Name,
    }));

    public async ValueTask DisposeAsync()
    {
        await Stage.DisposeAsync();
        await _reader;
    }
}
