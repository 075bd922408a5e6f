using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PixelHolo.Cli;
using PixelHolo.Speech.TextToSpeech;
using PixelHolo.Speech.TextToSpeech.Matched;
using static PixelHolo.Bench.SpeechBenchmarks;

namespace PixelHolo.Bench;

/// <summary>The matched offline voice: fitted to real references, measured on held-out text.</summary>
internal static class VoiceBenchmarks
{
    private static readonly string[] References =
        ["audio/ljspeech_ref_35s.wav", "audio/jfk.wav", "audio/librispeech_1320_00000_16k_mono.wav"];

    public static async Task FitAsync(string[] args)
    {
        using IHost host = CliHost.Build();
        var espeak = host.Services.GetRequiredService<EspeakSpeechSynthesizer>();
        var options = host.Services.GetRequiredService<IOptions<TtsOptions>>().Value;
        var estimator = new MatchedVoiceEstimator(espeak, NullLogger<MatchedVoiceEstimator>.Instance);
        foreach (string reference in References)
        {
            string name = Path.GetFileNameWithoutExtension(reference);
            var watch = Stopwatch.StartNew();
            MatchedVoiceSettings s = await estimator.FitAsync(SpeechBenchmarks.Media(reference), options, CancellationToken.None);
            Print($"fit.{name}.seconds", watch.Elapsed.TotalSeconds);
            Console.WriteLine($"fit.{name}.voice = {s.Voice}");
            Print($"fit.{name}.reference_f0_hz", s.ReferencePitch.MedianHz);
            Print($"fit.{name}.reference_range_st", s.ReferencePitch.RangeSemitones);
            Print($"fit.{name}.stock_f0_hz", s.StockPitch.MedianHz);
            Print($"fit.{name}.stock_range_st", s.StockPitch.RangeSemitones);
            Print($"fit.{name}.matched_f0_hz", s.MatchedPitch.MedianHz);
            Print($"fit.{name}.matched_range_st", s.MatchedPitch.RangeSemitones);
            Print($"fit.{name}.stock_distance_db", s.StockDistanceDb);
            Print($"fit.{name}.matched_distance_db", s.MatchedDistanceDb);
            Print($"fit.{name}.gain_db", s.GainDb);
        }
    }
}
