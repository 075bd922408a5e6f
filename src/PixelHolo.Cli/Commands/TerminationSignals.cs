using System.Runtime.InteropServices;

namespace PixelHolo.Cli.Commands;

/// <summary>Turns the first SIGINT (Ctrl+C) or SIGTERM (systemd, docker stop, kill) into a cancellation, so a command stops
/// cleanly (the mount gets its stop command, an enrollment its clean-up, the server its shutdown) instead of dying
/// mid-write. A second signal is not caught: the process exits at once. <see cref="CliHost"/> installs one for every
/// command (System.CommandLine's own handling is off, so nothing else swallows or races the signal).</summary>
internal sealed class TerminationSignals : IDisposable
{
    private readonly CancellationTokenSource _cancel;
    private readonly PosixSignalRegistration _interrupt;
    private readonly PosixSignalRegistration _terminate;
    private int _signals;

    public TerminationSignals(CancellationToken cancellationToken)
    {
        _cancel = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Handle);
        _terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Handle);
    }

    public CancellationToken Token => _cancel.Token;

    /// <summary>Whether a signal (rather than the caller's token) asked the command to stop.</summary>
    public bool Signalled => Volatile.Read(ref _signals) > 0;

    public void Dispose()
    {
        _interrupt.Dispose();
        _terminate.Dispose();
        _cancel.Dispose();
    }

    private void Handle(PosixSignalContext context)
    {
        if (Interlocked.Increment(ref _signals) > 1)
        {
            context.Cancel = false; // the second one: the default action, exit now
            return;
        }
        context.Cancel = true; // the first one: we stop ourselves, cleanly
        _cancel.Cancel();
    }
}
