using System.Diagnostics;

namespace PixelHolo.TestSupport;

/// <summary>A real pseudo-terminal pair made by socat: bytes written to <see cref="A"/> come out of <see cref="B"/> and back.
/// <see cref="UnplugAsync"/> and <see cref="PlugAsync"/> stop and restart socat under the same names (a pulled cable).</summary>
public sealed class PtyPair : IDisposable
{
    private readonly TempDirectory _folder = new("pty");
    private Process? _socat;

    private PtyPair()
    {
        A = _folder.File("A");
        B = _folder.File("B");
    }

    public string A { get; }

    public string B { get; }

    public static async Task<PtyPair> StartAsync()
    {
        var pair = new PtyPair();
        await pair.PlugAsync();
        return pair;
    }

    public async Task PlugAsync()
    {
        if (_socat is not null) { throw new InvalidOperationException("socat is already running."); }
        var info = new ProcessStartInfo("socat") { UseShellExecute = false, RedirectStandardError = true };
        foreach (string a in (string[])["-d", "-d", $"pty,raw,echo=0,link={A}", $"pty,raw,echo=0,link={B}"]) { info.ArgumentList.Add(a); }
        _socat = Process.Start(info) ?? throw new InvalidOperationException("Could not start socat; install it (apt install socat).");
        _ = _socat.StandardError.ReadToEndAsync();
        using var socatGone = new CancellationTokenSource();
        Task exited = _socat.WaitForExitAsync(socatGone.Token);
        Task made = FileAppearance.WaitAsync([A, B], TimeSpan.FromSeconds(10));
        if (await Task.WhenAny(made, exited) == exited && !made.IsCompleted)
        {
            throw new InvalidOperationException($"socat exited with code {_socat.ExitCode} before making {A} and {B}.");
        }
        await socatGone.CancelAsync();
        await made;
    }

    public async Task UnplugAsync()
    {
        if (_socat is null) { return; }
        _socat.Kill();
        await _socat.WaitForExitAsync();
        _socat.Dispose();
        _socat = null;
        // Killed, socat cannot remove its links; remove them so PlugAsync waits for fresh ones (a USB device node
        // vanishes the same way when the cable is pulled).
        File.Delete(A);
        File.Delete(B);
    }

    public void Dispose()
    {
        if (_socat is { HasExited: false }) { _socat.Kill(); _socat.WaitForExit(); }
        _socat?.Dispose();
        _folder.Dispose();
    }
}
