using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PixelHolo.Conversation.Llm;
using PixelHolo.Core.Profiles;
using PixelHolo.Core.Rendering;
using PixelHolo.Core.Search;
using PixelHolo.Core.Speech;
using PixelHolo.Core.Storage;
using PixelHolo.Core.Tracking;
using PixelHolo.Inference.Models;
using PixelHolo.Inference.Onnx;
using PixelHolo.Speech.SpeechToText;
using PixelHolo.Web.Stage;
using PixelHolo.Web.Status;

namespace PixelHolo.Web.Endpoints;

/// <summary>GET /api/status (a contract, docs/status.md): the stage's state, the engines and why any fell back, face
/// tracking, the models and their licences, and the last turn's timings. GET /api/status/turns: the newest turns'
/// timings for the status page's chart. GET /api/profiles/{id}/licences: a profile's licence summary.</summary>
internal static class StatusEndpoints
{
    /// <summary>The timing keys of <c>lastTurn.timings</c>, each present (null when the turn did not reach it).</summary>
    public static readonly string[] TimingKeys = ["transcript", "search", "firstToken", "firstAudio", "firstFrame", "firstPlayed", "llm", "total"];

    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(2);

    public static IEndpointRouteBuilder MapStatusEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/status", StatusAsync);
        app.MapGet("/api/status/turns", TurnsAsync);
        app.MapGet("/api/profiles/{id}/licences", LicencesAsync);
        return app;
    }

    private static async Task<IResult> StatusAsync(IServiceProvider services, StageStatusBoard board, StageSessions sessions, IProfileStore profiles,
        ModelCatalog catalog, ModelStore models, ITrackingStatus tracking, IConversationStore conversations, IConfiguration configuration,
        CancellationToken cancellationToken)
    {
        string? profileId = sessions.OpenProfileIds().FirstOrDefault()
            ?? (await profiles.ListAsync(cancellationToken)).Where(p => p.Status == ProfileStatus.Ready).OrderByDescending(p => p.CreatedUtc).FirstOrDefault()?.Id;
        AvatarProfile? profile = profileId is null ? null : await profiles.FindAsync(profileId, cancellationToken);
        TrackingSnapshot t = tracking.Current;
        TurnRecord? last = await conversations.GetRecentTurnsAsync(1, cancellationToken) is [var newest, ..] ? newest : null;
        var status = new StatusReply(
            board.State,
            profileId,
            new StatusEngines(Stt(services), await LlmAsync(services, cancellationToken), await TtsAsync(services, profile, cancellationToken), Renderer(services, configuration)),
            new StatusTracking(
                t.State == TrackingState.Off ? $"off: {t.Reason}" : $"on ({t.FramesPerSecond:0.#} frames/s)",
                t.MountConnected ? $"connected on {t.MountPort}" : $"not connected{(t.MountPort is null ? "" : $" (tried {t.MountPort})")}",
                t.State),
            [.. catalog.Models.Select(m => new StatusModel(m.Id, IsPresent(models, m), m.Licence, m.CommercialUse))],
            last is null ? null : Turn(last));
        return TypedResults.Ok(status);
    }

    private static async Task<IResult> TurnsAsync(IConversationStore conversations, IOnnxSessionFactory onnx, ISearchStatus search, ITrackingStatus tracking,
        int? count, CancellationToken cancellationToken)
    {
        int n = Math.Clamp(count ?? 20, 1, 200);
        IReadOnlyList<TurnRecord> turns = await conversations.GetRecentTurnsAsync(n, cancellationToken);
        // Oldest first, so the chart reads left to right.
        return TypedResults.Ok(new TurnsReply(onnx.ExecutionProvider, search.Current, tracking.Current,
            [.. turns.Reverse().Select(t => new TurnRow(t.TurnId, t.AtUtc, t.Interrupted, t.Error is not null || t.Fault is not null, t.Error ?? t.Fault, t.StageSeconds))]));
    }

    private static async Task<IResult> LicencesAsync(string id, IProfileStore profiles, ModelCatalog catalog, CancellationToken cancellationToken)
    {
        AvatarProfile? profile = await profiles.FindAsync(id, cancellationToken);
        if (profile is not { Status: ProfileStatus.Ready }) { return ProfileEndpoints.NotFound(id); }
        ManifestRead read = await ManifestRead.FromAsync(profile, cancellationToken);
        if (read.Manifest is not { } manifest) { return ProfileEndpoints.Damaged(read.Problem!); }
        return TypedResults.Ok(LicenceSummary.From([.. manifest.Models.Select(m => (m.Id, m.Licence ?? ""))], catalog));
    }

    private static EngineStatus Stt(IServiceProvider services)
    {
        // The microphone needs voice detection too: when its model is off, say so where the speech engine is shown.
        string? vadOff = services.GetService<PixelHolo.Core.Speech.IVoiceActivityDetector>()?.UnavailableReason is { } reason ? $"Microphone off: {reason}" : null;
        return services.GetService<ISpeechRecognizerInfo>() is { } stt
            ? new EngineStatus(stt.Engine, string.Join(" ", new[] { vadOff, stt.Warning }.OfType<string>()) is { Length: > 0 } why ? why : null)
            : new EngineStatus("none", "No speech recogniser is registered in this build.");
    }

    private static async Task<EngineStatus> LlmAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        if (services.GetService<ILanguageModelReadiness>() is not { } llm) { return new EngineStatus("none", "No language model is registered in this build."); }
        using var probe = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        probe.CancelAfter(ProbeTimeout);
        try
        {
            LanguageModelStatus s = await llm.GetStatusAsync(probe.Token);
            return new EngineStatus(llm.Name, s.Ready ? null : s.Detail);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new EngineStatus(llm.Name, $"The language model did not answer within {ProbeTimeout.TotalSeconds:0} s. Check `pixelholo doctor`.");
        }
    }

    private static async Task<EngineStatus> TtsAsync(IServiceProvider services, AvatarProfile? profile, CancellationToken cancellationToken)
    {
        if (services.GetService<IVoiceChooser>() is not { } chooser) { return new EngineStatus("none", "No speech synthesiser is registered in this build."); }
        VoiceReference? voice = null;
        if (profile is not null && Path.Combine(profile.Folder, "voice", "reference.wav") is { } wav && File.Exists(wav))
        {
            string transcript = Path.ChangeExtension(wav, ".txt");
            voice = new VoiceReference(wav, File.Exists(transcript) ? (await File.ReadAllTextAsync(transcript, cancellationToken)).Trim() : "", profile.Folder);
        }
        VoiceChoice choice = await chooser.ChooseAsync(voice, cancellationToken);
        return new EngineStatus(choice.Engine, choice.Warning);
    }

    private static EngineStatus Renderer(IServiceProvider services, IConfiguration configuration) =>
        services.GetService<IRenderingStatus>()?.Current is { } r
            ? new EngineStatus(r.Engine, r.FallbackReason)
            : new EngineStatus(configuration["Rendering:Engine"] ?? "auto", null);

    private static bool IsPresent(ModelStore store, ModelDescriptor model)
    {
        string path = Path.Combine(store.Directory, model.File);
        return model.IsBundle ? Directory.Exists(path) : File.Exists(path);
    }

    internal static StatusTurn Turn(TurnRecord turn) => new(
        turn.TurnId,
        TimingKeys.ToDictionary(k => k, k => turn.StageSeconds.TryGetValue(k, out double v) ? (double?)v : null, StringComparer.Ordinal));
}
