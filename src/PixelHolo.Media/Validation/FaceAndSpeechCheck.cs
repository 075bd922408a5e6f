using System.Globalization;
using PixelHolo.Core.Errors;
using PixelHolo.Core.Media;
using PixelHolo.Core.Speech;
using PixelHolo.Core.Vision;
using PixelHolo.Processes.Ffmpeg;

namespace PixelHolo.Media.Validation;

/// <summary>Looks inside an upload that passed the probe checks: exactly one face in most sampled frames, large enough, and
/// enough speech. Face problems reject the upload (all of them at once); too little speech is a warning.</summary>
public sealed class FaceAndSpeechCheck(
    FfmpegFrameReader reader,
    FfmpegRunner ffmpeg,
    IFaceDetector faces,
    IEnumerable<IVoiceActivityDetector> voiceActivity,
    IOptions<ContentCheckOptions> options)
{
    private const int AnalysisWidth = 640;
    private readonly IVoiceActivityDetector? _vad = voiceActivity.FirstOrDefault();

    public async Task<ContentCheckResult> CheckAsync(string path, string displayName, MediaInfo media, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(media);
        ContentCheckOptions o = options.Value;
        var problems = new List<UploadProblem>();
        var warnings = new List<string>();
        (int one, int none, int many, int sampled, double medianHeight) = await CountFacesAsync(path, media, o.SampledFrames, cancellationToken);
        double oneFraction = sampled == 0 ? 0 : one / (double)sampled;
        if (oneFraction < o.MinOneFaceFraction)
        {
            if (many > 0 && many >= none)
            {
                problems.Add(new UploadProblem("two-people",
                    $"Two people in frame: more than one face was found in {many} of {sampled} sampled frames. PixelHolo brings one person to life, so upload a clip where only they are in the picture."));
            }
            else
            {
                problems.Add(new UploadProblem("no-face",
                    $"No face found in {none} of {sampled} sampled frames. Upload a clip where the person faces the camera, well lit, with the head and shoulders in view."));
            }
        }
        else if (medianHeight < o.MinFaceHeightFraction)
        {
            problems.Add(new UploadProblem("face-too-small", string.Create(CultureInfo.InvariantCulture,
                $"The face is too small: it fills only {medianHeight:P0} of the frame height (at least {o.MinFaceHeightFraction:P0} is needed). Film closer, head and shoulders filling the frame.")));
        }
        if (problems.Count > 0) { throw new InvalidUploadException(displayName, problems); }

        IReadOnlyList<SpeechSpan> speech = [];
        bool speechChecked = _vad is not null && media.Audio is not null;
        if (speechChecked)
        {
            speech = await FindSpeechAsync(path, cancellationToken);
            TimeSpan total = TimeSpan.FromTicks(speech.Sum(s => (s.End - s.Start).Ticks));
            double fraction = media.Duration > TimeSpan.Zero ? total / media.Duration : 0;
            if (total < o.MinSpeech && fraction < o.MinSpeechFraction)
            {
                warnings.Add(string.Create(CultureInfo.InvariantCulture,
                    $"Only {total.TotalSeconds:0.#} s of speech was heard ({fraction:P0} of the clip): the cloned voice will be poor. A clip with {o.MinSpeech.TotalSeconds:0} s or more of clear speech gives a better voice."));
            }
        }
        else if (_vad is null)
        {
            warnings.Add("Speech was not checked: no voice activity detector is configured.");
        }
        return new ContentCheckResult(warnings, speech, speechChecked, oneFraction, medianHeight);
    }

    private async Task<(int One, int None, int Many, int Sampled, double MedianHeight)> CountFacesAsync(
        string path, MediaInfo media, int samples, CancellationToken cancellationToken)
    {
        VideoStreamInfo video = media.Video ?? throw new ArgumentException("The media has no video stream; run the upload validator first.", nameof(media));
        int width = Math.Min(AnalysisWidth, video.DisplayWidth) & ~1;
        int height = Math.Max(2, (int)Math.Round(video.DisplayHeight * (width / (double)video.DisplayWidth))) & ~1;
        double seconds = Math.Max(0.5, media.Duration.TotalSeconds);
        var request = new FrameReadRequest(path, width, height, FramesPerSecond: samples / seconds, MaxFrames: samples);
        int one = 0, none = 0, many = 0, sampled = 0;
        var heights = new List<double>();
        await foreach (VideoFrame frame in reader.ReadAsync(request, cancellationToken))
        {
            sampled++;
            IReadOnlyList<DetectedFace> found = FaceScan.DetectAll(faces, frame.Rgb24, frame.Width, frame.Height);
            if (found.Count == 0) { none++; }
            else if (found.Count == 1) { one++; heights.Add(found[0].Height / frame.Height); }
            else { many++; }
        }
        heights.Sort();
        return (one, none, many, sampled, heights.Count == 0 ? 0 : heights[heights.Count / 2]);
    }

    /// <summary>The sound as 16 kHz mono floats (ffmpeg into a temporary file), fed to the voice activity detector.</summary>
    private async Task<IReadOnlyList<SpeechSpan>> FindSpeechAsync(string path, CancellationToken cancellationToken)
    {
        string raw = Path.Combine(Path.GetTempPath(), $"pixelholo-speech-{Guid.NewGuid():N}.f32");
        try
        {
            await ffmpeg.RunFfmpegAsync(["-i", path, "-vn", "-ac", "1", "-ar", "16000", "-f", "f32le", raw], cancellationToken);
            var spans = new List<SpeechSpan>();
            await foreach (Utterance u in _vad!.DetectAsync(ReadChunksAsync(raw, cancellationToken), cancellationToken))
            {
                spans.Add(new SpeechSpan(u.Start, u.End));
            }
            return spans;
        }
        finally
        {
            File.Delete(raw);
        }
    }

    private static async IAsyncEnumerable<AudioChunk> ReadChunksAsync(string raw, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        const int Samples = 8000; // 0.5 s
        await using FileStream stream = File.OpenRead(raw);
        var bytes = new byte[Samples * 4];
        long offset = 0;
        int read;
        while ((read = await stream.ReadAtLeastAsync(bytes, bytes.Length, throwOnEndOfStream: false, cancellationToken)) > 0)
        {
            var samples = new float[read / 4];
            Buffer.BlockCopy(bytes, 0, samples, 0, samples.Length * 4);
            yield return new AudioChunk(samples, 16_000, 1, TimeSpan.FromSeconds(offset / 16_000.0));
            offset += samples.Length;
        }
    }
}
