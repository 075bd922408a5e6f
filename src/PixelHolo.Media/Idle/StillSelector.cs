using PixelHolo.Core.Media;
using PixelHolo.Core.Vision;
using PixelHolo.Processes.Ffmpeg;
using PixelHolo.Media.Validation;

namespace PixelHolo.Media.Idle;

/// <summary>Picks the still the stage shows between answers: one face, facing the camera (nose between the eyes, eyes level),
/// mouth closed (the mouth region does not change between samples and no speech is heard) and eyes open (the eye regions do
/// not change: a blink does). Scores sampled frames of the matte video from the face detector's keypoints.</summary>
internal sealed class StillSelector(FfmpegFrameReader reader, IFaceDetector faces)
{
    private const int AnalysisSize = 480;

    public async Task<StillChoice> ChooseAsync(string video, VideoStreamInfo info, SpeechTimeline speech, IdleOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(info);
        (int width, int height) = AnalysisGeometry(info);
        var request = new FrameReadRequest(video, width, height, options.SamplesPerSecond);
        var samples = new List<Sample>();
        byte[]? previousGray = null;
        await foreach (VideoFrame frame in reader.ReadAsync(request, cancellationToken))
        {
            byte[] gray = Gray(frame.Rgb24);
            IReadOnlyList<DetectedFace> found = FaceScan.DetectAll(faces, frame.Rgb24, width, height);
            Sample sample = new(frame.Index, found.Count == 1 ? found[0] : null, found.Count);
            if (sample.Face is { } face && previousGray is not null)
            {
                (float eyeDistance, FacePoint rightEye, FacePoint leftEye, FacePoint mouth) = Parts(face);
                sample.MouthChange = RegionChange(gray, previousGray, width, height, mouth, eyeDistance * 0.6f);
                sample.EyeChange = (RegionChange(gray, previousGray, width, height, rightEye, eyeDistance * 0.35f)
                    + RegionChange(gray, previousGray, width, height, leftEye, eyeDistance * 0.35f)) / 2;
            }
            samples.Add(sample);
            previousGray = gray;
        }
        if (samples.Count == 0) { throw new InvalidOperationException($"No frame could be decoded from '{Path.GetFileName(video)}' to choose a still from."); }

        StillChoice? best = null;
        for (int k = 0; k < samples.Count; k++)
        {
            Sample s = samples[k];
            if (s.Face is not { } face || s.MouthChange is null) { continue; }
            Sample? next = k + 1 < samples.Count ? samples[k + 1] : null;
            // A frame is still when it matches both neighbours: change into it and out of it.
            double mouth = (s.MouthChange.Value + (next?.MouthChange ?? s.MouthChange.Value)) / 2;
            double eyes = (s.EyeChange!.Value + (next?.EyeChange ?? s.EyeChange.Value)) / 2;
            (float eyeDistance, FacePoint rightEye, FacePoint leftEye, _) = Parts(face);
            FacePoint nose = face.Keypoints[2];
            double facing = (Math.Abs(nose.X - ((rightEye.X + leftEye.X) / 2)) + Math.Abs(rightEye.Y - leftEye.Y)) / Math.Max(1, eyeDistance);
            TimeSpan time = TimeSpan.FromSeconds(k / options.SamplesPerSecond);
            bool talking = speech.IsSpeech(time, options.SpeechMargin);
            double score = facing + (mouth / 8) + (eyes / 8) + (talking ? 0.5 : 0) + (face.Score < 0.7 ? 0.3 : 0);
            if (best is null || score < best.Score)
            {
                int frameIndex = (int)Math.Round(time.TotalSeconds * info.FramesPerSecond);
                best = new StillChoice(frameIndex, time, score, facing, mouth, eyes, talking);
            }
        }
        return best ?? throw new InvalidOperationException(
            $"No sampled frame of '{Path.GetFileName(video)}' shows exactly one face, so no still can be chosen. Upload a clip where the person faces the camera.");
    }

    internal static (int Width, int Height) AnalysisGeometry(VideoStreamInfo info)
    {
        double scale = Math.Min(1, AnalysisSize / (double)Math.Max(info.DisplayWidth, info.DisplayHeight));
        return ((int)(info.DisplayWidth * scale) & ~1, (int)(info.DisplayHeight * scale) & ~1);
    }

    private static (float EyeDistance, FacePoint RightEye, FacePoint LeftEye, FacePoint Mouth) Parts(DetectedFace face)
    {
        FacePoint right = face.Keypoints[0], left = face.Keypoints[1], mouth = face.Keypoints[3];
        float distance = MathF.Sqrt(((left.X - right.X) * (left.X - right.X)) + ((left.Y - right.Y) * (left.Y - right.Y)));
        return (Math.Max(distance, face.Width * 0.3f), right, left, mouth);
    }

    private static byte[] Gray(byte[] rgb)
    {
        var gray = new byte[rgb.Length / 3];
        for (int i = 0, j = 0; i < gray.Length; i++, j += 3) { gray[i] = (byte)(((77 * rgb[j]) + (150 * rgb[j + 1]) + (29 * rgb[j + 2])) >> 8); }
        return gray;
    }

    /// <summary>Mean absolute luma change (0..255) in a square of half-size <paramref name="radius"/> around <paramref name="centre"/>.</summary>
    private static double RegionChange(byte[] a, byte[] b, int width, int height, FacePoint centre, float radius)
    {
        int x0 = Math.Clamp((int)(centre.X - radius), 0, width - 1), x1 = Math.Clamp((int)(centre.X + radius), 0, width - 1);
        int y0 = Math.Clamp((int)(centre.Y - radius), 0, height - 1), y1 = Math.Clamp((int)(centre.Y + radius), 0, height - 1);
        long sum = 0, count = 0;
        for (int y = y0; y <= y1; y++)
        {
            for (int x = x0; x <= x1; x++) { sum += Math.Abs(a[(y * width) + x] - b[(y * width) + x]); count++; }
        }
        return count == 0 ? 0 : sum / (double)count;
    }

    private sealed class Sample(int index, DetectedFace? face, int faceCount)
    {
        public int Index { get; } = index;

        public DetectedFace? Face { get; } = face;

        public int FaceCount { get; } = faceCount;

        public double? MouthChange { get; set; }

        public double? EyeChange { get; set; }
    }
}

/// <summary>The chosen still.</summary>
/// <param name="FrameIndex">Frame number (from 0) in the video at its own frame rate.</param>
/// <param name="Score">Lower is better: facing + (mouth change + eye change) / 8 + 0.5 when speech is heard.</param>
/// <param name="Facing">Nose offset from the eyes' midpoint plus eye-line tilt, in eye distances (0 = square to the camera).</param>
/// <param name="MouthChange">Mean luma change of the mouth region to the neighbouring samples.</param>
/// <param name="EyeChange">Mean luma change of the eye regions to the neighbouring samples.</param>
/// <param name="DuringSpeech">True when speech was heard at that moment (only chosen when nothing better exists).</param>
internal sealed record StillChoice(int FrameIndex, TimeSpan Time, double Score, double Facing, double MouthChange, double EyeChange, bool DuringSpeech);
