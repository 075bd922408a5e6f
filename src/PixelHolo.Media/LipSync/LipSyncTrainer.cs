using PixelHolo.Core.Vision;
using PixelHolo.Media.Composition;

namespace PixelHolo.Media.LipSync;

/// <summary>Learns a person's lip-sync model from their frame store and their speech: a mouth track (face detector's mouth
/// keypoint, gap-filled, smoothed, refined by template matching), each frame's mouth as a few appearance coefficients (PCA of
/// the normalised grey mouth), the voice's feature statistics, and a ridge mapping from audio features to the coefficients.
/// Writes lipsync/ (model.bin, mouths.bin) into the profile folder, built aside and moved into place.</summary>
internal sealed class LipSyncTrainer(IFaceDetector detector, LipSyncOptions options)
{
    public const int MouthJpegQuality = 92;

    public async Task<LipSyncModel> TrainAsync(string profileFolder, string profileName, float[] audio16kMono, double fps, IProgress<double>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(audio16kMono);
        FrameStore store = FrameStore.Open(profileFolder, profileName);
        int n = store.Count;
        if (n < 50) { throw new InvalidDataException($"Profile '{profileName}' has only {n} frames; lip-sync needs 2 s of footage or more."); }

        // Pass 1: faces on every n-th frame (two at a time: detection is the cost).
        var raw = new (float X, float Y, float FaceWidth)?[n];
        int every = options.DetectEvery;
        int[] detectFrames = [.. Enumerable.Range(0, n).Where(i => i % every == 0 || i == n - 1)];
        int done = 0;
        await Parallel.ForEachAsync(detectFrames, new ParallelOptions { MaxDegreeOfParallelism = 2, CancellationToken = cancellationToken }, async (i, ct) =>
        {
            RgbImage image = await store.DecodeAsync(i, ct);
            raw[i] = MouthTracker.Detect(detector, image);
            progress?.Report(0.5 * Interlocked.Increment(ref done) / detectFrames.Length);
        });
        (float[] x, float[] y, float faceWidth) = MouthTracker.Smooth(raw, detectFrames.Length, $"Profile '{profileName}'");
        var geometry = new MouthGeometry(faceWidth);

        // Pass 2: refine, describe and cut out each frame's mouth.
        string staging = Path.Combine(profileFolder, $"{LipSyncModel.FolderName}.{Guid.NewGuid():N}.tmp");
        Directory.CreateDirectory(staging);
        try
        {
            var appearance = new float[n][];
            float[] opening = new float[n];
            long[] offsets = new long[n];
            int[] lengths = new int[n];
            await using (var mouths = File.Create(Path.Combine(staging, LipSyncModel.MouthsFile)))
            {
                RgbImage? previous = null;
                for (int i = 0; i < n; i++)
                {
                    RgbImage image = await store.DecodeAsync(i, cancellationToken);
                    if (previous is not null) { (x[i], y[i]) = MouthTracker.Refine(previous, x[i - 1], y[i - 1], image, x[i], y[i], faceWidth); }
                    appearance[i] = geometry.Appearance(image, x[i], y[i]);
                    opening[i] = geometry.Opening(image, x[i], y[i]);
                    byte[] jpeg = MouthCompositor.Crop(image, geometry, x[i], y[i]).EncodeJpeg(MouthJpegQuality);
                    offsets[i] = mouths.Position;
                    lengths[i] = jpeg.Length;
                    await mouths.WriteAsync(jpeg, cancellationToken);
                    previous = image;
                    if (i % 25 == 0) { progress?.Report(0.5 + (0.4 * i / n)); }
                }
                mouths.Flush(flushToDisk: true);
            }

            (float[] mean, float[][] components, double[] variances) = LinearAlgebra.Pca(appearance, options.Components);
            float scale = (float)(1 / Math.Sqrt(Math.Max(1e-9, variances[0])));
            float[][] coefficients = [.. appearance.Select(a => LinearAlgebra.Project(a, mean, components).Select(c => c * scale).ToArray())];

            (float[][] features, VoiceStatistics voice, float[] levels) = AudioFeatures(audio16kMono, fps, n);
            float[][] ridge = LinearAlgebra.Ridge(features, coefficients, options.RidgeAlpha);
            var silence = new SpeakingDetector(0, 0);
            foreach (float l in levels) { silence.Observe(l); }
            int[] silent = [.. Enumerable.Range(0, n).Where(i => !silence.IsVoiced(levels[i]))];
            float[] rest = new float[options.Components];
            foreach (int i in silent.Length > 0 ? silent : Enumerable.Range(0, n))
            {
                for (int c = 0; c < rest.Length; c++) { rest[c] += coefficients[i][c]; }
            }
            for (int c = 0; c < rest.Length; c++) { rest[c] /= Math.Max(1, silent.Length > 0 ? silent.Length : n); }
            float restOpening = MouthTracker.Median(silent.Length > 0 ? [.. silent.Select(i => opening[i])] : opening);
            float high = opening.OrderBy(v => v).ElementAt((int)(0.9 * (n - 1)));

            var model = new LipSyncModel
            {
                FramesPerSecond = fps, Geometry = geometry, MouthX = x, MouthY = y, Coefficients = coefficients, Opening = opening,
                HasSuccessor = [.. Enumerable.Range(0, n).Select(i => i + 1 < n)], ClosedOpening = restOpening + (0.25f * (high - restOpening)),
                RestCoefficients = rest, Voice = voice, Ridge = ridge, MouthOffsets = offsets, MouthLengths = lengths,
            };
            model.Write(Path.Combine(staging, LipSyncModel.ModelFile));
            string target = Path.Combine(profileFolder, LipSyncModel.FolderName);
            if (Directory.Exists(target)) { Directory.Delete(target, recursive: true); }
            Directory.Move(staging, target);
            progress?.Report(1);
            return model;
        }
        finally
        {
            if (Directory.Exists(staging)) { Directory.Delete(staging, recursive: true); }
        }
    }

    /// <summary>Per-frame features normalised by the voice's own statistics, the statistics, and per-frame audio levels.</summary>
    internal static (float[][] Features, VoiceStatistics Voice, float[] Levels) AudioFeatures(float[] audio16kMono, double fps, int frames)
    {
        var neutral = new VoiceStatistics(new float[VoiceStatistics.Dimensions], [.. Enumerable.Repeat(1f, VoiceStatistics.Dimensions)]);
        var measure = new SpeechFeatures(fps, neutral, priorWeightHops: 1);
        measure.AddMono16k(audio16kMono);
        VoiceStatistics voice = measure.Statistics();
        measure.Complete();
        float[][] features = new float[frames][];
        for (int i = 0; i < frames; i++) { features[i] = measure.FrameFeatures(i, voice); }
        var meter = new FrameEnergyMeter(fps);
        meter.Add(new AudioChunk(audio16kMono, Mfcc.SampleRateHz, 1, TimeSpan.Zero));
        meter.Complete();
        float[] levels = new float[frames];
        for (int i = 0; i < frames; i++) { levels[i] = i < meter.Levels.Count ? meter.Levels[i] : 0; }
        return (features, voice, levels);
    }
}
