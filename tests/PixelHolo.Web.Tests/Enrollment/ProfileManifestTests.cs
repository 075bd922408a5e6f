using System.Text.Json;
using System.Text.Json.Nodes;
using PixelHolo.Core.Profiles;
using PixelHolo.Enrollment;
using PixelHolo.TestSupport;

namespace PixelHolo.Web.Tests.Enrollment;

public sealed class ProfileManifestTests
{
    // What an earlier version wrote (the Dictionary<string, object?> manifest, facts merged at the top level), verbatim.
    private const string OldManifest = """
        {
          "profileId": "abc123",
          "sourceFileName": "ada.mp4",
          "videoSeconds": 12.04,
          "elapsedSeconds": 31.5,
          "artifacts": [ { "path": "still.jpg", "sizeBytes": 2048, "sha256": "0000000000000000000000000000000000000000000000000000000000000000" },
                         { "path": "idle.mp4", "sizeBytes": 90000, "sha256": "1111111111111111111111111111111111111111111111111111111111111111" } ],
          "models": [ { "id": "silero-vad", "licence": "MIT (Silero)" } ],
          "findings": [ "The matte is uncertain from 0:01.0 to 0:02.0." ],
          "stages": { "validate": 0.2, "audio": 0.1, "matte": 20.5 },
          "source": { "container": "mov,mp4", "durationSeconds": 12.04 },
          "matte": { "cuts": 1, "confidence": 0.91, "minConfidence": 0.7, "lowConfidence": [ { "start": 1, "end": 2 } ] },
          "display": { "mirrorHorizontally": true },
          "stage": { "listeningMode": "hands-free" },
          "speech": { "checked": true, "spans": [ { "start": "00:00:01", "end": "00:00:03.5000000" } ] }
        }
        """;

    [Fact]
    public async Task OldManifestOnDisk_Loads_AndRoundTripsEveryField()
    {
        using var temp = new TempDirectory();
        string path = Path.Combine(temp.Path, "manifest.json");
        await File.WriteAllTextAsync(path, OldManifest);

        ProfileManifest manifest;
        await using (FileStream stream = File.OpenRead(path))
        {
            manifest = (await JsonSerializer.DeserializeAsync(stream, ProfileManifestJsonContext.Default.ProfileManifest))!;
        }

        Assert.Equal("abc123", manifest.ProfileId);
        Assert.Equal(12.04, manifest.VideoSeconds);
        Assert.Equal(["still.jpg", "idle.mp4"], manifest.Artifacts.Select(a => a.Path));
        Assert.Equal(2048, manifest.Artifacts[0].SizeBytes);
        Assert.Equal("MIT (Silero)", Assert.Single(manifest.Models).Licence);
        Assert.Equal(20.5, manifest.Stages["matte"]);
        Assert.Equal(0.91, manifest.Facts["matte"].GetProperty("confidence").GetDouble());
        Assert.Equal("hands-free", manifest.Facts["stage"].GetProperty("listeningMode").GetString());

        // Written back, it is the same JSON (field names and values; facts stay at the top level).
        string written = JsonSerializer.Serialize(manifest, ProfileManifestJsonContext.Default.ProfileManifest);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(OldManifest), JsonNode.Parse(written)), written);
        Assert.Equal(manifest.ProfileId, JsonSerializer.Deserialize(written, ProfileManifestJsonContext.Default.ProfileManifest)!.ProfileId);
    }

    // As the web host serialises replies and SSE events (ConfigureHttpJsonOptions adds the plain enum converter).
    private static readonly JsonSerializerOptions HttpJson = new(JsonSerializerDefaults.Web) { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

    [Fact]
    public void JobUpdate_StatesSerialiseAsTheStringsThePageReads()
    {
        string[] states = [.. Enum.GetValues<JobUpdateState>().Select(s => JsonSerializer.Serialize(
            new JobUpdate("j", "p", s, "x", 0, null, null), HttpJson))];

        Assert.Contains("\"state\":\"running\"", states[0], StringComparison.Ordinal);
        Assert.Contains("\"state\":\"succeeded\"", states[1], StringComparison.Ordinal);
        Assert.Contains("\"state\":\"failed\"", states[2], StringComparison.Ordinal);
        Assert.Contains("\"state\":\"cancelled\"", states[3], StringComparison.Ordinal);
        Assert.Equal(JobUpdateState.Running, JobUpdate.StateOf(PixelHolo.Core.Profiles.EnrollmentJobState.Queued));
        Assert.Equal(JobUpdateState.Cancelled, JobUpdate.StateOf(PixelHolo.Core.Profiles.EnrollmentJobState.Cancelled));
    }
}
