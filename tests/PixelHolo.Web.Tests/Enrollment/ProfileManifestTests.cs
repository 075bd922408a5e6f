using System.Text.Json;
using System.Text.Json.Nodes;
using PixelHolo.Core.Media;
using PixelHolo.Core.Profiles;
using PixelHolo.Enrollment;
using PixelHolo.TestSupport;
using PixelHolo.Web.Endpoints;

namespace PixelHolo.Web.Tests.Enrollment;

public sealed class ProfileManifestTests
{
    // What the first enrollments wrote (facts as anonymous objects merged at the top level), with every section then known:
    // the matte before cuts, shots and confidence, the voice before its rates and transcript engine, a display section
    // without the later keys (horizontalOffset, icon, captions), and "stage" written by hand for the stage page.
    private const string FirstManifest = """
        {
          "profileId": "abc123",
          "sourceFileName": "ada.mp4",
          "videoSeconds": 12.04,
          "elapsedSeconds": 31.5,
          "artifacts": [ { "path": "still.jpg", "sizeBytes": 2048, "sha256": "0000000000000000000000000000000000000000000000000000000000000000" },
                         { "path": "idle.mp4", "sizeBytes": 90000, "sha256": "1111111111111111111111111111111111111111111111111111111111111111" } ],
          "models": [ { "id": "silero-vad", "licence": "MIT (Silero)" } ],
          "findings": [ "No pause of 2 s or more without speech was found." ],
          "stages": { "validate": 0.2, "audio": 0.1, "matte": 20.5 },
          "source": { "container": "mov,mp4,m4a,3gp,3g2,mj2", "durationSeconds": 12.04,
                      "video": { "codec": "h264", "width": 640, "height": 360, "framesPerSecond": 25, "rotationDegrees": 0, "variableFrameRate": false,
                                 "pixelFormat": "yuv420p", "displayWidth": 640, "displayHeight": 360 },
                      "audio": { "codec": "aac", "sampleRateHz": 44100, "channels": 1 } },
          "voice": { "totalSpeechSeconds": 10.5, "cleanSpeechSeconds": 9.25, "referenceSeconds": 9.25, "segments": 3, "noiseFloorDb": -58.5 },
          "speech": { "checked": true, "spans": [ { "start": "00:00:01", "end": "00:00:03.5000000" } ] },
          "content": { "oneFaceFraction": 1, "medianFaceHeightFraction": 0.412, "speechSeconds": 10.5 },
          "frames": { "count": 301, "framesPerSecond": 25, "folder": "frames" },
          "display": { "mirrorHorizontally": true, "rotationDegrees": 0, "scale": 1, "verticalOffset": 0, "brightness": 1.2, "gamma": 0.9,
                       "edgeFeatherPixels": 2, "blackFloor": 4 },
          "matte": { "width": 640, "height": 360, "keyFrames": 13, "cameraMoving": false, "plateCoverage": 0.871, "executionProvider": "CPU",
                     "seconds": { "analysis": 0.4, "model": 12.1, "matte": 3.2, "encode": 1.9 } },
          "still": { "frame": 41, "seconds": 1.6, "method": "mouth closed, eyes open, facing the camera", "score": 0.913, "facing": 0.95,
                     "mouthChange": 0.12, "eyeChange": 0.31, "duringSpeech": false },
          "idleLoop": { "startFrame": 101, "endFrame": 160, "frames": 66, "seconds": 2.64, "jump": 0.83, "crossFadeFrames": 6, "insideIdle": true,
                        "idleSegments": [ { "start": 3.5, "end": 8.25 } ] },
          "stage": { "listeningMode": "hands-free" }
        }
        """;

    // What this version writes for a matte enrollment that was run again with another picture mode: every section, with every
    // field the steps fill in.
    private const string CurrentManifest = """
        {
          "profileId": "def456",
          "sourceFileName": "bo.mov",
          "videoSeconds": 34.2,
          "elapsedSeconds": 95.125,
          "artifacts": [ { "path": "source.mov", "sizeBytes": 4096, "sha256": "2222222222222222222222222222222222222222222222222222222222222222" } ],
          "models": [ { "id": "isnet-medium", "licence": "Apache-2.0" }, { "id": "blazeface-front", "licence": "Apache-2.0" } ],
          "findings": [],
          "stages": { "validate": 0.25, "matte": 61.5, "lipsync": 9.75 },
          "source": { "container": "mov,mp4,m4a,3gp,3g2,mj2", "durationSeconds": 34.2,
                      "video": { "codec": "hevc", "width": 1920, "height": 1080, "framesPerSecond": 29.97, "rotationDegrees": 90, "variableFrameRate": true,
                                 "pixelFormat": "yuv420p10le", "displayWidth": 1080, "displayHeight": 1920 },
                      "audio": { "codec": "aac", "sampleRateHz": 48000, "channels": 2 } },
          "voice": { "totalSpeechSeconds": 30.5, "cleanSpeechSeconds": 25.1, "referenceSeconds": 18.2, "segments": 6, "noiseFloorDb": -62.5,
                     "referenceRatesHz": [ 16000, 24000 ], "sourceRateHz": 48000, "transcriptEngine": "pocketsphinx", "enoughCleanSpeech": true },
          "speech": { "checked": true, "spans": [ { "start": "00:00:01.2000000", "end": "00:00:05" }, { "start": "00:00:07.2500000", "end": "00:00:31" } ] },
          "content": { "oneFaceFraction": 0.975, "medianFaceHeightFraction": 0.42, "speechSeconds": 30.5 },
          "frames": { "count": 1025, "framesPerSecond": 29.97, "folder": "frames" },
          "display": { "mirrorHorizontally": false, "rotationDegrees": 180, "scale": 1.1, "verticalOffset": -0.05, "horizontalOffset": 0.02,
                       "brightness": 1.3, "gamma": 0.85, "edgeFeatherPixels": 3, "blackFloor": 6, "iconPosition": "topLeft", "iconSize": 0.1, "captions": true },
          "matte": { "width": 1080, "height": 1920, "keyFrames": 40, "cuts": 1, "shots": 2, "confidence": 0.912, "minConfidence": 0.7,
                     "lowConfidence": [ { "start": 12.2, "end": 13.4 } ], "cameraMoving": true, "plateCoverage": 0.5, "executionProvider": "CUDA",
                     "seconds": { "analysis": 1.25, "model": 30.1, "matte": 5.5, "encode": 3.3 } },
          "still": { "frame": 12, "seconds": 0.4, "method": "mouth closed, eyes open, facing the camera", "score": 0.91, "facing": 0.953,
                     "mouthChange": 0.12, "eyeChange": 0.3, "duringSpeech": true },
          "idleLoop": { "startFrame": 151, "endFrame": 210, "frames": 66, "seconds": 2.2, "jump": 0.8, "crossFadeFrames": 6, "insideIdle": false,
                        "idleSegments": [] },
          "lipsync": { "frames": 1025, "faceWidth": 210.5, "mouthBox": { "width": 164, "height": 130 }, "components": 24 },
          "picture": "matte"
        }
        """;

    [Theory]
    [InlineData(FirstManifest)]
    [InlineData(CurrentManifest)]
    public async Task ManifestOnDisk_LoadsAndIsWrittenBackAsItWas(string json)
    {
        using var temp = new TempDirectory();
        await File.WriteAllTextAsync(Path.Combine(temp.Path, ProfileManifestFile.FileName), json);

        ProfileManifest manifest = (await ProfileManifestFile.ReadAsync(temp.Path, CancellationToken.None))!;
        await ProfileManifestFile.WriteAsync(temp.Path, manifest, CancellationToken.None);

        string written = await File.ReadAllTextAsync(Path.Combine(temp.Path, ProfileManifestFile.FileName));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(json), JsonNode.Parse(written)), written);
        Assert.Equal([ProfileManifestFile.FileName], Directory.GetFiles(temp.Path).Select(Path.GetFileName)); // no temp file left
        // The HTTP reply (GET /api/profiles/{id}) carries the same JSON.
        string http = JsonSerializer.Serialize(manifest, WebJsonContext.Default.ProfileManifest);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(json), JsonNode.Parse(http)), http);
    }

    [Fact]
    public void FirstManifest_SectionsAreTyped_AndTheUnknownOneIsKept()
    {
        ProfileManifest manifest = JsonSerializer.Deserialize(FirstManifest, ProfileManifestJsonContext.Default.ProfileManifest)!;

        Assert.Equal("abc123", manifest.ProfileId);
        Assert.Equal(12.04, manifest.VideoSeconds);
        Assert.Equal(["still.jpg", "idle.mp4"], manifest.Artifacts.Select(a => a.Path));
        Assert.Equal(20.5, manifest.Stages["matte"]);
        Assert.Null(manifest.Matte!.Cuts);                            // written later: absent here
        Assert.Equal(13, manifest.Matte.KeyFrames);
        Assert.Null(manifest.Voice!.TranscriptEngine);
        Assert.Equal(new SpeechFactSpan(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3.5)), Assert.Single(manifest.Speech!.Spans));
        Assert.Equal(41, manifest.Still!.Frame);
        Assert.Equal(new SecondsSpan(3.5, 8.25), Assert.Single(manifest.IdleLoop!.IdleSegments));
        Assert.Equal(640, manifest.Source!.Video!.DisplayWidth);
        Assert.Null(manifest.LipSync);
        Assert.Null(manifest.Picture);
        Assert.Equal("hands-free", manifest.Other["stage"].GetProperty("listeningMode").GetString());
        // The display keys an older version did not write take the configured defaults.
        var defaults = new DisplaySettings { Captions = true, IconPosition = "topRight", Brightness = 2 };
        DisplaySettings display = manifest.Display!.ApplyTo(defaults);
        Assert.True(display.MirrorHorizontally);
        Assert.True(display.Captions);
        Assert.Equal("topRight", display.IconPosition);
        Assert.Equal(1.2, display.Brightness);
    }

    [Fact]
    public void StepsFacts_AreWrittenWithTheContractNames()
    {
        // The sections as the steps build them (Media's steps, the pipeline), compared with what the pages and older versions read.
        var facts = new EnrollmentFacts
        {
            Source = new SourceFacts("mov,mp4,m4a,3gp,3g2,mj2", 34.2, new VideoStreamInfo("hevc", 1920, 1080, 29.97, 90, true, "yuv420p10le"), new AudioStreamInfo("aac", 48000, 2)),
            Voice = new VoiceFacts(30.5, 25.1, 18.2, 6, -62.5, [16_000, 24_000], 48_000, "pocketsphinx", EnoughCleanSpeech: true),
            Speech = new SpeechFacts(true, [new(TimeSpan.FromSeconds(1.2), TimeSpan.FromSeconds(5)), new(TimeSpan.FromSeconds(7.25), TimeSpan.FromSeconds(31))]),
            Content = new ContentFacts(0.975, 0.42, 30.5),
            Frames = new FrameStoreFacts(1025, 29.97, "frames"),
            Display = DisplayOverrides.From(new DisplaySettings
            {
                RotationDegrees = 180, Scale = 1.1, VerticalOffset = -0.05, HorizontalOffset = 0.02, Brightness = 1.3, Gamma = 0.85,
                EdgeFeatherPixels = 3, BlackFloor = 6, IconPosition = "topLeft", IconSize = 0.1, Captions = true,
            }),
            Matte = new MatteFacts(1080, 1920, 40, 1, 2, 0.912, 0.7, [new SecondsSpan(12.2, 13.4)], true, 0.5, "CUDA", new MatteSeconds(1.25, 30.1, 5.5, 3.3)),
            Still = new StillFacts(12, "mouth closed, eyes open, facing the camera")
            {
                Seconds = 0.4, Score = 0.91, Facing = 0.953, MouthChange = 0.12, EyeChange = 0.3, DuringSpeech = true,
            },
            IdleLoop = new IdleLoopFacts(151, 210, 66, 2.2, 0.8, 6, false, []),
            LipSync = new LipSyncFacts(1025, 210.5, new PixelSize(164, 130), 24),
            Picture = "matte",
        };
        var manifest = new ProfileManifest(facts, "def456")
        {
            SourceFileName = "bo.mov",
            VideoSeconds = 34.2,
            ElapsedSeconds = 95.125,
            Artifacts = [new ManifestArtifact("source.mov", 4096, new string('2', 64))],
            Models = [new ManifestModel("isnet-medium", "Apache-2.0"), new ManifestModel("blazeface-front", "Apache-2.0")],
            Stages = new Dictionary<string, double> { ["validate"] = 0.25, ["matte"] = 61.5, ["lipsync"] = 9.75 },
        };

        string written = JsonSerializer.Serialize(manifest, ProfileManifestJsonContext.Default.ProfileManifest);

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(CurrentManifest), JsonNode.Parse(written)), written);
    }

    [Fact]
    public void PlainPictureFacts_LeaveOutWhatThePlainStepsDoNotMake()
    {
        // The plain mode's frames and still steps: no folder, no matte, no display, no scores; a voice without a transcript.
        var facts = new EnrollmentFacts
        {
            Frames = new FrameStoreFacts(300, 25),
            Still = new StillFacts(1, "first frame"),
            Voice = new VoiceFacts(3, 2, 0, 1, -40, [16_000], null, null, EnoughCleanSpeech: false),
        };

        JsonObject written = JsonNode.Parse(JsonSerializer.Serialize(facts, ProfileManifestJsonContext.Default.EnrollmentFacts))!.AsObject();

        Assert.Equal(["frames", "still", "voice"], written.Select(p => p.Key));
        Assert.Equal(["count", "framesPerSecond"], written["frames"]!.AsObject().Select(p => p.Key));
        Assert.Equal(["frame", "method"], written["still"]!.AsObject().Select(p => p.Key));
        Assert.DoesNotContain("transcriptEngine", written["voice"]!.AsObject().Select(p => p.Key));
    }

    [Fact]
    public async Task ReadAsync_NotAManifest_ThrowsJsonExceptionAndNoFileIsNull()
    {
        using var temp = new TempDirectory();

        Assert.Null(await ProfileManifestFile.ReadAsync(temp.Path, CancellationToken.None));
        await File.WriteAllTextAsync(Path.Combine(temp.Path, ProfileManifestFile.FileName), """{"still": {"frame": 3, "method": "x"}}""");
        await Assert.ThrowsAsync<JsonException>(() => ProfileManifestFile.ReadAsync(temp.Path, CancellationToken.None)); // no profileId
        await File.WriteAllTextAsync(Path.Combine(temp.Path, ProfileManifestFile.FileName), """{"profileId": "p", "still": {"frame": "three", "method": "x"}}""");
        await Assert.ThrowsAsync<JsonException>(() => ProfileManifestFile.ReadAsync(temp.Path, CancellationToken.None));
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
        Assert.Contains("\"state\":\"cancelled\"", JsonSerializer.Serialize(new JobUpdate("j", "p", JobUpdateState.Cancelled, "x", 0, null, null), WebJsonContext.Default.JobUpdate), StringComparison.Ordinal);
        Assert.Equal(JobUpdateState.Running, JobUpdate.StateOf(PixelHolo.Core.Profiles.EnrollmentJobState.Queued));
        Assert.Equal(JobUpdateState.Cancelled, JobUpdate.StateOf(PixelHolo.Core.Profiles.EnrollmentJobState.Cancelled));
    }
}
