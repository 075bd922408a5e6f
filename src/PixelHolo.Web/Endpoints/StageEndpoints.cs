using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using PixelHolo.Core.Audio;
using PixelHolo.Core.Paths;
using PixelHolo.Core.Speech;
using PixelHolo.Media.Ffmpeg;
using PixelHolo.Speech.Audio;
using PixelHolo.Conversation.Turns;
using PixelHolo.Core.Profiles;
using PixelHolo.Core.Stage;
using PixelHolo.Core.Storage;
using PixelHolo.Web.Stage;

namespace PixelHolo.Web.Endpoints;

/// <summary>The stage: questions in, answer clips and stage states out.</summary>
internal static partial class StageEndpoints
{
    public const int MaxQuestionChars = 2000;

    public static IEndpointRouteBuilder MapStageEndpoints(this IEndpointRouteBuilder app)
    {
        RouteGroupBuilder api = app.MapGroup("/api/stage/{profileId}");
        api.MapPost("/ask", AskAsync).DisableAntiforgery(); // JSON body only: a cross-site form cannot send application/json without CORS.
        api.MapPost("/listen", ListenAsync).DisableAntiforgery(); // needs X-PixelHolo-Stage, which a cross-site form cannot send.
        api.MapGet("/events", EventsAsync);
        api.MapPost("/state", ReportStateAsync).DisableAntiforgery();
        api.MapGet("/clips/{file}", ClipAsync);
        return app;
    }

    public sealed record AskRequest(string? Text);

    public sealed record StateReport(string? State);

    private static async Task<IResult> AskAsync(string profileId, AskRequest body, IProfileStore profiles, StageSessions sessions, ConversationEngine engine, CancellationToken cancellationToken)
    {
        AvatarProfile? profile = await profiles.FindAsync(profileId, cancellationToken);
        if (profile is not { Status: ProfileStatus.Ready }) { return ProfileEndpoints.NotFound(profileId); }
        string text = body.Text?.Trim() ?? "";
        if (text.Length == 0 || text.Length > MaxQuestionChars)
        {
            return ProfileEndpoints.Problem(StatusCodes.Status400BadRequest, "No question",
                $"Type a question of 1 to {MaxQuestionChars} characters.");
        }
        StageSession session = await sessions.GetAsync(profile, cancellationToken);
        TurnResult result = await engine.AskAsync(session.Conversation, text, session.Events, render: true, cancellationToken);
        return TypedResults.Ok(TurnReply(profileId, result, transcript: null));
    }

    /// <summary>Push-to-talk: the page posts what the microphone recorded while space was held (any format ffmpeg reads,
    /// e.g. WebM/Opus from MediaRecorder); it is transcribed (Transcribing state) and asked like a typed question.</summary>
    private static async Task<IResult> ListenAsync(
        string profileId, HttpRequest request, IProfileStore profiles, StageSessions sessions, ConversationEngine engine,
        ISpeechRecognizer recognizer, FfmpegRunner ffmpeg, IOptions<RuntimeOptions> runtime, CancellationToken cancellationToken)
    {
        if (!request.Headers.ContainsKey("X-PixelHolo-Stage"))
        {
            return ProfileEndpoints.Problem(StatusCodes.Status400BadRequest, "Missing stage header", "Speech must come from the stage page (header X-PixelHolo-Stage).");
        }
        AvatarProfile? profile = await profiles.FindAsync(profileId, cancellationToken);
        if (profile is not { Status: ProfileStatus.Ready }) { return ProfileEndpoints.NotFound(profileId); }
        StageSession session = await sessions.GetAsync(profile, cancellationToken);
        string folder = Path.Combine(runtime.Value.StagingPath, "speech");
        Directory.CreateDirectory(folder);
        string recorded = Path.Combine(folder, $"{Guid.NewGuid():N}.rec");
        string wav = Path.ChangeExtension(recorded, ".wav");
        try
        {
            await using (FileStream file = File.Create(recorded))
            {
                await request.Body.CopyToAsync(file, cancellationToken);
                if (file.Length > MaxRecordingBytes || file.Length == 0)
                {
                    return ProfileEndpoints.Problem(StatusCodes.Status400BadRequest, "No usable recording",
                        "The recording was empty or longer than a minute. Hold the space bar while you speak, then let go.");
                }
            }
            session.Events.Publish(StageState.Transcribing);
            await ffmpeg.RunFfmpegAsync(["-i", recorded, "-vn", "-ac", "1", "-ar", "16000", "-c:a", "pcm_s16le", wav], cancellationToken);
            AudioChunk audio = await WavFile.ReadMono16kAsync(wav, cancellationToken);
            string transcript = (await recognizer.TranscribeAsync(audio, cancellationToken)).Trim();
            if (transcript.Length == 0)
            {
                const string NotHeard = "I did not catch that. Hold the space bar, speak, then let go.";
                session.Events.Publish(StageState.Error, NotHeard);
                return TypedResults.Ok(new { transcript, question = "", answer = (string?)null, error = NotHeard, clipUrl = (string?)null });
            }
            TurnResult result = await engine.AskAsync(session.Conversation, transcript, session.Events, render: true, cancellationToken);
            return TypedResults.Ok(TurnReply(profileId, result, transcript));
        }
        catch (PixelHolo.Core.Errors.PixelHoloException ex)
        {
            // Unreadable audio or a missing recogniser: the stage shows what is wrong; the server stays up.
            session.Events.Publish(StageState.Error, ex.Message);
            return ProfileEndpoints.Problem(StatusCodes.Status422UnprocessableEntity, "Speech not understood", ex.Message);
        }
        finally
        {
            File.Delete(recorded);
            File.Delete(wav);
        }
    }

    private const long MaxRecordingBytes = 20L << 20;

    private static object TurnReply(string profileId, TurnResult result, string? transcript) =>
        new
        {
            transcript,
            question = result.Question,
            answer = result.Answer,
            error = result.Error,
            speechWarning = result.SpeechWarning,
            clipUrl = result.Clip is { } clip ? $"/api/stage/{profileId}/clips/{Path.GetFileName(clip.Mp4Path)}" : null,
            clipSeconds = result.Clip?.Duration.TotalSeconds,
            stages = result.StageSeconds,
        };

    private static async Task<IResult> EventsAsync(string profileId, IProfileStore profiles, StageSessions sessions, CancellationToken cancellationToken)
    {
        AvatarProfile? profile = await profiles.FindAsync(profileId, cancellationToken);
        if (profile is not { Status: ProfileStatus.Ready }) { return ProfileEndpoints.NotFound(profileId); }
        StageSession session = await sessions.GetAsync(profile, cancellationToken);
        return TypedResults.ServerSentEvents(session.Events.WatchAsync(cancellationToken), eventType: "stage");
    }

    /// <summary>The page says when playback ended (back to idle) or that it is listening.</summary>
    private static async Task<IResult> ReportStateAsync(string profileId, StateReport body, IProfileStore profiles, StageSessions sessions, CancellationToken cancellationToken)
    {
        AvatarProfile? profile = await profiles.FindAsync(profileId, cancellationToken);
        if (profile is not { Status: ProfileStatus.Ready }) { return ProfileEndpoints.NotFound(profileId); }
        if (!Enum.TryParse(body.State, ignoreCase: true, out StageState state) || state is not (StageState.Idle or StageState.Listening or StageState.Interrupted))
        {
            return ProfileEndpoints.Problem(StatusCodes.Status400BadRequest, "Unknown state", "The page may report only idle, listening or interrupted.");
        }
        (await sessions.GetAsync(profile, cancellationToken)).Events.Publish(state);
        return TypedResults.NoContent();
    }

    private static IResult ClipAsync(string profileId, string file, IOptions<RuntimeOptions> runtime)
    {
        // Only names the renderer makes (digits, hex, dashes, .mp4): no path can leave the clip folder.
        if (!ClipName().IsMatch(file) || !ProfileId().IsMatch(profileId))
        {
            return ProfileEndpoints.Problem(StatusCodes.Status400BadRequest, "Bad clip name", "Clip names come from the stage's answers; this one is not one of them.");
        }
        string path = Path.Combine(runtime.Value.Root, "stage", profileId, file);
        return File.Exists(path)
            ? TypedResults.PhysicalFile(path, "video/mp4", enableRangeProcessing: true)
            : ProfileEndpoints.Problem(StatusCodes.Status404NotFound, "Clip gone", "This answer clip was removed (only the newest are kept). Ask again.");
    }

    [GeneratedRegex("^[0-9a-f-]{1,80}\\.mp4$")]
    private static partial Regex ClipName();

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex ProfileId();
}
