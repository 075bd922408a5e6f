using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PixelHolo.Core.Errors;
using PixelHolo.Core.Profiles;
using PixelHolo.Core.Search;
using PixelHolo.Core.Speech;
using PixelHolo.Core.Stage;
using PixelHolo.Core.Storage;
using PixelHolo.Core.Tracking;
using PixelHolo.Enrollment;
using PixelHolo.Web.Endpoints;
using PixelHolo.Web.Status;

namespace PixelHolo.Web.Tests.Endpoints;

/// <summary>The endpoints' bodies and replies go through source-generated JSON (<see cref="WebJsonContext"/>) with the field
/// names the pages and docs spell out.</summary>
[Collection(nameof(WebAppCollection))]
public sealed class WebJsonContextTests(WebAppFixture web)
{
    /// <summary>Options that know only the generated context: a type missing from it cannot be written at all.</summary>
    private static readonly JsonSerializerOptions GeneratedOnly = new(JsonSerializerDefaults.Web) { TypeInfoResolver = WebJsonContext.Default };

    private static readonly DateTimeOffset At = new(2026, 12, 1, 9, 30, 0, TimeSpan.Zero);

    [Fact]
    public void HttpJsonOptions_OfTheRunningApp_ResolveThroughTheGeneratedContextFirst()
    {
        JsonSerializerOptions options = web.App.App.Services.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;

        Assert.Same(WebJsonContext.Default, options.TypeInfoResolverChain[0]);
    }

    [Fact]
    public void StatusReply_HasExactlyTheDocumentedKeys_NullsIncluded()
    {
        var reply = new StatusReply(
            StageState.SearchFailed, null,
            new StatusEngines(new("parakeet", null), new("ollama:phi4-mini", null), new("pocket", null), new("loop", "lip-sync model missing")),
            new StatusTracking("off: no camera", "not connected", TrackingState.Off),
            [new StatusModel("silero-vad", true, "MIT (Silero)", null)],
            LastTurn: null);

        JsonObject json = JsonNode.Parse(JsonSerializer.Serialize(reply, GeneratedOnly))!.AsObject();

        Assert.Equal(["state", "profileId", "engines", "tracking", "models", "lastTurn"], json.Select(p => p.Key));
        Assert.Equal("SearchFailed", json["state"]!.GetValue<string>());
        Assert.Equal(["stt", "llm", "tts", "renderer"], json["engines"]!.AsObject().Select(p => p.Key));
        Assert.Equal(["name", "fallback"], json["engines"]!["llm"]!.AsObject().Select(p => p.Key));
        Assert.Equal(["camera", "mount", "state"], json["tracking"]!.AsObject().Select(p => p.Key));
        Assert.Equal("Off", json["tracking"]!["state"]!.GetValue<string>());
        Assert.Equal(["id", "present", "licence", "commercialUse"], json["models"]![0]!.AsObject().Select(p => p.Key));
        Assert.Null(json["lastTurn"]);
        Assert.True(json.ContainsKey("lastTurn"));

        var turn = new StatusTurn("t-42", StatusEndpoints.TimingKeys.ToDictionary(k => k, k => k == "total" ? 4.9 : (double?)null));
        JsonObject timings = JsonNode.Parse(JsonSerializer.Serialize(turn, GeneratedOnly))!["timings"]!.AsObject();
        Assert.Equal(StatusEndpoints.TimingKeys, timings.Select(p => p.Key));
        Assert.Null(timings["search"]);
        Assert.Equal(4.9, timings["total"]!.GetValue<double>());
    }

    [Fact]
    public void EveryReplyAndBody_IsWrittenByTheGeneratedContextAlone()
    {
        var profile = new ProfileDto("p1", "Ada", "", At, ProfileStatus.Ready, "/stage/p1", "/api/profiles/p1/still.jpg");
        object[] replies =
        [
            new[] { profile },
            new ProfileDetails(profile, new ProfileManifest { ProfileId = "p1", Still = new StillFacts(1, "first frame") }, null),
            new UploadAccepted("p1", "j1", "Ada", ["short clip"]),
            (IReadOnlyList<UploadProblem>)[new UploadProblem("too-short", "The clip is 3 s long.")],
            new EnrollmentJob("j1", "p1", "/tmp/x.part", EnrollmentJobState.Running, "matte", 0.5, null, At, At),
            new JobUpdate("j1", "p1", JobUpdateState.Running, "matte", 50, 12.5, null),
            new RenameRequest("Ada"),
            new ReEnrollRequest("plain"),
            new ReEnrollAccepted("p1", "j2", "plain"),
            new VoiceChoice("espeak-ng", false, "GPL-3.0", "stock voice"),
            new DisplaySettings(),
            new DisplayOverrides { Scale = 1.5 },
            new LicenceSummary(true, null, [new LicencePart("silero-vad", "MIT", true)]),
            new TurnsReply("CPU", new SearchStatusSnapshot(["Wikipedia"], false, 3, 10, new LastSearch(At, true, "Wikipedia", null, null, false, 120)),
                TrackingSnapshot.Off("no camera", At), [new TurnRow("t1", At, false, true, "model down", new Dictionary<string, double> { ["total"] = 1 })]),
            new OffReply([new OffPart("espeak-ng", "The offline voice is off: espeak-ng not found.")]),
            new HealthReply("ok"),
        ];

        foreach (object reply in replies)
        {
            // The problems list goes out as a ProblemDetails extension; the rest as the endpoints declare them.
            string json = JsonSerializer.Serialize(reply, reply is IReadOnlyList<UploadProblem> ? typeof(IReadOnlyList<UploadProblem>) : reply.GetType(), GeneratedOnly);
            Assert.StartsWith(reply is Array or IReadOnlyList<UploadProblem> ? "[" : "{", json, StringComparison.Ordinal);
        }
        string job = JsonSerializer.Serialize(replies[4], replies[4].GetType(), GeneratedOnly);
        Assert.Contains("\"state\":\"Running\"", job, StringComparison.Ordinal);   // GET /api/jobs/{id}: the stored job's state
        Assert.Contains("\"status\":\"ready\"", JsonSerializer.Serialize(profile, GeneratedOnly), StringComparison.Ordinal);
        Assert.Equal("""{"engine":"espeak-ng","clonesVoice":false,"licence":"GPL-3.0","warning":"stock voice"}""", JsonSerializer.Serialize(replies[9], replies[9].GetType(), GeneratedOnly));
        Assert.Equal("""{"profileId":"p1","jobId":"j2","picture":"plain"}""", JsonSerializer.Serialize(replies[8], replies[8].GetType(), GeneratedOnly));
        Assert.Equal("""{"status":"ok"}""", JsonSerializer.Serialize(replies[^1], replies[^1].GetType(), GeneratedOnly));
        Assert.Equal("""{"off":[{"part":"espeak-ng","reason":"The offline voice is off: espeak-ng not found."}]}""",
            JsonSerializer.Serialize(replies[^2], replies[^2].GetType(), GeneratedOnly));
    }

    [Fact]
    public async Task Voice_Endpoint_RepliesWithTheFourKeys()
    {
        using JsonDocument voice = JsonDocument.Parse(await web.Http.GetStringAsync($"/api/profiles/{web.ProfileId}/voice"));

        Assert.Equal(["engine", "clonesVoice", "licence", "warning"], voice.RootElement.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task Healthz_IsStatusOk()
    {
        Assert.Equal("""{"status":"ok"}""", await web.Http.GetStringAsync("/healthz"));
    }
}
