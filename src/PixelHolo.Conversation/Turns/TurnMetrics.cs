using System.Diagnostics;
using System.Diagnostics.Metrics;
using PixelHolo.Core.Stage;

namespace PixelHolo.Conversation.Turns;

/// <summary>Per-turn timings as System.Diagnostics.Metrics histograms (meter "PixelHolo.Turn"): the stage page, the
/// benchmarks and any OpenTelemetry exporter read the same numbers.</summary>
internal sealed class TurnMetrics
{
    public const string MeterName = "PixelHolo.Turn";
    public static readonly ActivitySource Activities = new("PixelHolo.Turn");

    private readonly Histogram<double> _milestones;
    private readonly Counter<long> _turns;

    public TurnMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        Meter meter = meters.Create(MeterName);
        _milestones = meter.CreateHistogram<double>("pixelholo.turn.milestone", unit: "s",
            description: "Seconds from the end of the question to each milestone of a turn (tag pixelholo.milestone).");
        _turns = meter.CreateCounter<long>("pixelholo.turn.count", description: "Turns by outcome (completed, interrupted, error).");
    }

    public void Record(TurnReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        foreach ((string name, double seconds) in report.Timings.Reached())
        {
            _milestones.Record(seconds, new KeyValuePair<string, object?>("pixelholo.milestone", name));
        }
        string outcome = report.Error is not null ? "error" : report.Interrupted ? "interrupted" : "completed";
        _turns.Add(1, new KeyValuePair<string, object?>("pixelholo.outcome", outcome));
    }
}
