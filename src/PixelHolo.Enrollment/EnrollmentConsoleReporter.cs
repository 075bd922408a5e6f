using System.Globalization;
using Microsoft.Extensions.Hosting;

namespace PixelHolo.Enrollment;

/// <summary>Prints enrollment progress of the server's jobs to the console: on a terminal, one bar redrawn in place
/// (a new line at each stage); when the output is redirected, plain lines at each stage, every 10 % and the end.</summary>
public sealed class EnrollmentConsoleReporter(EnrollmentProgressHub hub) : IHostedService
{
    private readonly bool _terminal = !Console.IsOutputRedirected;
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
        if (_terminal)
        {
            lock (_gate) { DrawBar(update); }
            return;
        }
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

    private void DrawBar(JobUpdate update)
    {
        bool newStage = !_last.TryGetValue(update.JobId, out var last) || last.Stage != update.Stage;
        _last[update.JobId] = (update.Stage, (int)(update.Percent / 10));
        if (newStage && last.Stage is not null) { Console.WriteLine(); }
        if (update.IsFinal)
        {
            Console.WriteLine("\r" + Format(update).PadRight(Console.BufferWidth > 0 ? Math.Min(Console.BufferWidth - 1, 100) : 80));
            _last.Remove(update.JobId);
            return;
        }
        Console.Write("\r" + Bar(update));
    }

    internal static string Bar(JobUpdate u)
    {
        const int width = 30;
        int filled = (int)Math.Round(Math.Clamp(u.Percent, 0, 100) / 100 * width);
        string eta = u.EtaSeconds is { } s ? $" ETA {s.ToString("0", CultureInfo.InvariantCulture)} s" : "";
        return $"[enroll {u.ProfileId}] {u.Stage,-10} [{new string('#', filled)}{new string('-', width - filled)}] {u.Percent.ToString("0", CultureInfo.InvariantCulture),3} %{eta}   ";
    }

    internal static string Format(JobUpdate u)
    {
        string eta = u.EtaSeconds is { } s && !u.IsFinal ? $", about {s.ToString("0", CultureInfo.InvariantCulture)} s left" : "";
        return u.State switch
        {
            JobUpdateState.Succeeded => $"[enroll {u.ProfileId}] done: profile ready, open /stage/{u.ProfileId}",
            JobUpdateState.Failed => $"[enroll {u.ProfileId}] failed: {u.Error}",
            JobUpdateState.Cancelled => $"[enroll {u.ProfileId}] cancelled: {u.Error}",
            _ => $"[enroll {u.ProfileId}] {u.Stage} {u.Percent.ToString("0", CultureInfo.InvariantCulture)} %{eta}",
        };
    }
}
