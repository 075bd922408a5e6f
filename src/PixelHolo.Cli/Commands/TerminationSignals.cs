using System.Runtime.InteropServices;

namespace PixelHolo.Cli.Commands;

/// <summary>Turns SIGINT (Ctrl+C) and SIGTERM (systemd, kill) into a cancellation for long-running commands, so they
/// can stop cleanly (the mount gets its stop command) instead of dying mid-write.</summary>
internal sealed class TerminationSignals : IDisposable
{
    private readonly CancellationTokenSource _cancel;
    private readonly PosixSignalRegistration _interrupt;
    private readonly PosixSignalRegistration _terminate;

    public TerminationSignals(CancellationToken cancellationToken)
    {
        _cancel = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Handle);
        _terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Handle);
    }

    public CancellationToken Token => _cancel.Token;

    public bool Signalled { get; private set; }

    public void Dispose()
    {
        _interrupt.Dispose();
        _terminate.Dispose();
        _cancel.Dispose();
    }

    private void Handle(PosixSignalContext context)
    {
        context.Cancel = true; // we stop ourselves, cleanly
        Signalled = true;
        _cancel.Cancel();
    }
}
