using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using PixelHolo.Core.Stage;
using PixelHolo.Web.Hosting;
using PixelHolo.Web.Stage;

namespace PixelHolo.Web.Tests.Stage;

/// <summary>The real web app on Kestrel over the fixture's runtime (its enrolled profile), with the stage's turn state
/// machine replaced by <see cref="ScriptedStageConversationFactory"/>.</summary>
internal sealed class ScriptedStageApp : IAsyncDisposable
{
    private ScriptedStageApp(RunningWebApp app, ScriptedStageConversationFactory factory)
    {
        App = app;
        Factory = factory;
    }

    public RunningWebApp App { get; }

    public ScriptedStageConversationFactory Factory { get; }

    public string Url => App.Url;

    public StageSessions Sessions => App.Services.GetRequiredService<StageSessions>();

    public static async Task<ScriptedStageApp> StartAsync(WebAppFixture web, ScriptedStageConversationFactory? factory = null, int port = 0,
        Action<IServiceCollection>? services = null, IReadOnlyDictionary<string, string?>? more = null)
    {
        factory ??= new ScriptedStageConversationFactory();
        Dictionary<string, string?> settings = WebAppFixture.Settings(web.RuntimeDirectory, web.Ollama.Endpoint);
        settings["Web:Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        foreach ((string key, string? value) in more ?? new Dictionary<string, string?>()) { settings[key] = value; }
        RunningWebApp app = await PixelHoloWebApp.StartAsync([], settings, s =>
        {
            s.RemoveAll<IStageConversationFactory>();
            s.AddSingleton<IStageConversationFactory>(factory);
            services?.Invoke(s);
        });
        return new ScriptedStageApp(app, factory);
    }

    public Task<StageClient> ConnectAsync(string profileId, string? query = null, string? origin = null) => StageClient.ConnectAsync(Url, profileId, query, origin);

    public ValueTask DisposeAsync() => App.DisposeAsync();
}
