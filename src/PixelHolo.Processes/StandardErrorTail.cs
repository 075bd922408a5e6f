using System.Text;

namespace PixelHolo.Processes;

/// <summary>Reads a tool's stderr to the end in the background, keeping only the last <see cref="Capacity"/> characters
/// (what every failure message quotes).</summary>
internal sealed class StandardErrorTail
{
    public const int Capacity = 4000;

    private readonly StringBuilder _tail = new();
    private readonly Lock _lock = new();

    public StandardErrorTail(StreamReader reader) => Completion = Task.Run(() => ReadAsync(reader));

    /// <summary>Completes when stderr reaches its end (the tool and its children have exited or closed it).</summary>
    public Task Completion { get; }

    public string Current
    {
        get
        {
            lock (_lock)
            {
                return _tail.Length > Capacity ? _tail.ToString(_tail.Length - Capacity, Capacity) : _tail.ToString();
            }
        }
    }

    private async Task ReadAsync(StreamReader reader)
    {
        char[] buffer = new char[4096];
        try
        {
            int read;
            while ((read = await reader.ReadAsync(buffer, CancellationToken.None)) > 0)
            {
                lock (_lock)
                {
                    _tail.Append(buffer, 0, read);
                    if (_tail.Length > Capacity * 2) { _tail.Remove(0, _tail.Length - Capacity); }
                }
            }
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException)
        {
            // The pipe broke with the process: what was read is the tail.
        }
    }
}
