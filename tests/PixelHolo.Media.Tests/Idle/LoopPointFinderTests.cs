using PixelHolo.Media.BackgroundRemoval;
using PixelHolo.Media.Idle;
using PixelHolo.Media.Validation;

namespace PixelHolo.Media.Tests.Idle;

public sealed class LoopPointFinderTests
{
    [Fact]
    public void Find_SpeechThenPause_LoopLiesInsideThePause()
    {
        // 20 s at 10 samples/s: a picture drifting slowly (every sample differs), speech 0-9 s and 15-20 s, pause 9-15 s.
        var thumbs = Enumerable.Range(0, 200).Select(i => Picture(i % 37)).ToList();
        var speech = new SpeechTimeline(true, [new SpeechSpan(TimeSpan.Zero, TimeSpan.FromSeconds(9)), new SpeechSpan(TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(20))]);

        LoopChoice loop = LoopPointFinder.Find(thumbs, 10, speech, new IdleOptions());

        Assert.True(loop.InsideIdle);
        SpeechSpan pause = Assert.Single(loop.IdleSegments);
        Assert.InRange(loop.Start / 10.0, pause.Start.TotalSeconds, pause.End.TotalSeconds);
        Assert.InRange(loop.End / 10.0, pause.Start.TotalSeconds, pause.End.TotalSeconds);
        Assert.True(loop.End - loop.Start >= 20);              // at least MinLoop (2 s)
        Assert.Equal(0, loop.Jump, 6);                       // the picture repeats every 3.7 s: a perfect loop exists inside the pause
        Assert.Equal(37, loop.End - loop.Start);
    }

    [Fact]
    public void Find_NoPauseLongEnough_FallsBackToWholeClipAndSaysSo()
    {
        var thumbs = Enumerable.Range(0, 60).Select(i => Picture(i % 25)).ToList();
        var speech = new SpeechTimeline(true, [new SpeechSpan(TimeSpan.Zero, TimeSpan.FromSeconds(6))]);

        LoopChoice loop = LoopPointFinder.Find(thumbs, 10, speech, new IdleOptions());

        Assert.False(loop.InsideIdle);
        Assert.Equal(0, loop.End - loop.Start - 50);           // two periods of the repeating picture: the longest perfect loop
    }

    [Fact]
    public void Silences_OverlappingSpeechWithMargin_ComplementWithinClip()
    {
        var speech = new SpeechTimeline(true, [new SpeechSpan(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4)), new SpeechSpan(TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(5))]);

        IReadOnlyList<SpeechSpan> silences = speech.Silences(TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(0.5));

        Assert.Equal([new SpeechSpan(TimeSpan.Zero, TimeSpan.FromSeconds(1.5)), new SpeechSpan(TimeSpan.FromSeconds(5.5), TimeSpan.FromSeconds(10))], silences);
    }

    private static byte[] Picture(int phase)
    {
        var t = new byte[MotionThumbnail.Size * MotionThumbnail.Size];
        for (int i = 0; i < t.Length; i++) { t[i] = (byte)(((i % MotionThumbnail.Size) + (phase * 5)) % 256); }
        return t;
    }
}
