using System.Globalization;
using Microsoft.Extensions.Hosting;

namespace PixelHolo.Web.Enrollment;

/// <summary>Prints enrollment progress of the server's jobs to the console as plain lines: each new stage, every 10 %,
/// and the end (a live bar would fight with the server's log lines).</summary>
internal sealed class EnrollmentConsoleReporter(EnrollmentProgressHub hub) : IHostedService
{
    private readonly Dictionary<string, (string Stage, int Decile)> _last = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public Task StartAsync(CancellationToken cancellationToken)
    {
        hub.Reported += OnReported;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        hub.Reported -= OnReported;
        return Task.CompletedTask;
    }

    private void OnReported(JobUpdate update)
    {
        string? line = null;
        lock (_gate)
        {
            int decile = (int)(update.Percent / 10);
            bool changed = !_last.TryGetValue(update.JobId, out var last) || last.Stage != update.Stage || last.Decile != decile || update.IsFinal;
            if (!changed) { return; }
            _last[update.JobId] = (update.Stage, decile);
            line = Format(update);
            if (update.IsFinal) { _last.Remove(update.JobId); }
        }
        Console.WriteLine(line);
    }

    internal static string Format(JobUpdate u)
    {
        string eta = u.EtaSeconds is { } s && !u.IsFinal ? $", about {s.ToString("0", CultureInfo.InvariantCulture)} s left" : "";
        return u.State switch
        {
            "succeeded" => $"[enroll {u.ProfileId}] done: profile ready, open /stage/{u.ProfileId}",
            "failed" or "cancelled" => $"[enroll {u.ProfileId}] {u.State}: {u.Error}",
            _ => $"[enroll {u.ProfileId}] {u.Stage} {u.Percent.ToString("0", CultureInfo.InvariantCulture)} %{eta}",
        };
    }
}
