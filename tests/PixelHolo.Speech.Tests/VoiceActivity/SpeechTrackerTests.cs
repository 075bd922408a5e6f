using PixelHolo.Speech.VoiceActivity;

namespace PixelHolo.Speech.Tests.VoiceActivity;

public sealed class SpeechTrackerTests
{
    private const int Window = 512;

    [Fact]
    public void Add_SpeechThenLongSilence_YieldsOneSegmentWithPaddingAndSamples()
    {
        // 10 windows of silence, 20 of speech, then silence until the segment closes (minSilence = 8 windows).
        var tracker = new SpeechTracker(0.5f, minSilenceSamples: 8 * Window, minSpeechSamples: 4 * Window, padSamples: 100, maxSamples: 1000 * Window, keepSamples: true);
        var segments = new List<SpeechTracker.Segment>();
        float[] window = new float[Window];
        for (int i = 0; i < 60; i++)
        {
            window.AsSpan().Fill(i);
            float p = i is >= 10 and < 30 ? 0.9f : 0.05f;
            if (tracker.Add(window, p) is { } s) { segments.Add(s); }
        }
        if (tracker.Finish() is { } last) { segments.Add(last); }

        SpeechTracker.Segment segment = Assert.Single(segments);
        Assert.Equal((10 * Window) - 100, segment.Start);
        Assert.Equal((30 * Window) + 100, segment.End);
        Assert.Equal(segment.End - segment.Start, segment.Samples!.Length);
        Assert.Equal(9f, segment.Samples[0]);            // pre-roll comes from the window before the speech
        Assert.Equal(30f, segment.Samples[^1]);          // post-roll from the first silent window
        Assert.Equal(0.9, segment.MeanProbability, 3);
    }

    [Fact]
    public void Add_BurstShorterThanMinSpeech_IsDropped()
    {
        var tracker = new SpeechTracker(0.5f, minSilenceSamples: 4 * Window, minSpeechSamples: 8 * Window, padSamples: 0, maxSamples: 1000 * Window, keepSamples: false);
        float[] window = new float[Window];
        var segments = new List<SpeechTracker.Segment>();
        for (int i = 0; i < 30; i++)
        {
            if (tracker.Add(window, i is >= 5 and < 8 ? 0.95f : 0f) is { } s) { segments.Add(s); }
        }

        Assert.Empty(segments);
        Assert.Null(tracker.Finish());
    }

    [Fact]
    public void Add_SpeechLongerThanMax_IsCutIntoPieces()
    {
        var tracker = new SpeechTracker(0.5f, minSilenceSamples: 4 * Window, minSpeechSamples: Window, padSamples: 0, maxSamples: 10 * Window, keepSamples: false);
        float[] window = new float[Window];
        var segments = new List<SpeechTracker.Segment>();
        for (int i = 0; i < 25; i++)
        {
            if (tracker.Add(window, 0.9f) is { } s) { segments.Add(s); }
        }
        if (tracker.Finish() is { } last) { segments.Add(last); }

        Assert.Equal([(0L, 10L * Window), (10L * Window, 20L * Window), (20L * Window, 25L * Window)], segments.Select(s => (s.Start, s.End)));
    }
}
