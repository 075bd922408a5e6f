namespace PixelHolo.Media.BackgroundRemoval;

/// <summary>Keeps the full model loaded while held: the model loads on the first prediction under a lease and is released
/// when the last lease is disposed, so a server that has finished its enrollment jobs does not keep the model's memory.</summary>
internal sealed class MatteModelLease : IDisposable
{
    private Action? _release;

    public MatteModelLease(Action release) => _release = release;

    public void Dispose() => Interlocked.Exchange(ref _release, null)?.Invoke();
}
