using System.IO.Ports;
using Microsoft.Extensions.Logging;
using PixelHolo.Tracking.Protocols;

namespace PixelHolo.Tracking.Serial;

/// <summary>Keeps the mount's serial port open: tries the candidate ports, reads and parses every reply, and when the
/// port fails (cable pulled) logs once, retries every <see cref="SerialOptions.RetryInterval"/>, and resumes.</summary>
internal sealed partial class SerialMountLink : IMountLink, IAsyncDisposable
{
    private readonly SerialOptions _options;
    private readonly IMountProtocol _protocol;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly CancellationTokenSource _stopping = new();
    private SerialPort? _port;
    private TaskCompletionSource _failed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task? _supervisor;
    private bool _disposed;

    public SerialMountLink(SerialOptions options, IMountProtocol protocol, TimeProvider time, ILogger logger)
    {
        _options = options;
        _protocol = protocol;
        _time = time;
        _logger = logger;
    }

    /// <summary>Raised (on the reader's thread) for each reply from the mount, malformed ones included.</summary>
    public event Action<MountReply>? ReplyReceived;

    /// <summary>Raised when the port opens (true) or fails (false).</summary>
    public event Action<bool>? ConnectionChanged;

    public bool IsConnected => Volatile.Read(ref _port) is not null;

    public string PortDescription => Volatile.Read(ref _port)?.PortName ?? string.Join(", ", _options.EffectivePorts);

    /// <summary>Starts the connect–read–reconnect loop in the background.</summary>
    public void Start()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        _supervisor ??= Task.Run(() => SuperviseAsync(_stopping.Token));
    }

    /// <summary>Waits until the port is open (tests and the CLI use it to start sending at once).</summary>
    public async Task WaitConnectedAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(timeout);
        while (!IsConnected)
        {
            try { await Task.Delay(TimeSpan.FromMilliseconds(20), _time, cts.Token); }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"The mount's serial port ({PortDescription}) did not open within {timeout.TotalSeconds:F0} s.");
            }
        }
    }

    public async ValueTask<bool> SendAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
    {
        SerialPort? port = Volatile.Read(ref _port);
        if (port is null) { return false; }
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            await port.BaseStream.WriteAsync(bytes, cancellationToken);
            await port.BaseStream.FlushAsync(cancellationToken);
            return true;
        }
        catch (Exception ex) when (ex is IOException or InvalidOperationException or UnauthorizedAccessException or ObjectDisposedException)
        {
            Fail(port, ex);
            return false;
        }
        finally
        {
            _writeLock.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed) { return; }
        _disposed = true;
        await _stopping.CancelAsync();
        ClosePort();
        if (_supervisor is not null)
        {
            try { await _supervisor; }
            catch (OperationCanceledException) { /* stopping */ }
        }
        _stopping.Dispose();
        _writeLock.Dispose();
    }

    private async Task SuperviseAsync(CancellationToken cancellationToken)
    {
        bool reportedDown = false;
        while (!cancellationToken.IsCancellationRequested)
        {
            SerialPort? port = TryOpen(out MountConnectionException? error);
            if (port is null)
            {
                if (!reportedDown)
                {
                    LogUnavailable(_logger, error!.Message, _options.RetryInterval.TotalSeconds);
                    reportedDown = true;
                }
                await Task.Delay(_options.RetryInterval, _time, cancellationToken);
                continue;
            }
            reportedDown = false;
            _failed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            Volatile.Write(ref _port, port);
            LogConnected(_logger, port.PortName, _protocol.Name, _options.BaudRate);
            ConnectionChanged?.Invoke(true);
            Task reader = Task.Run(() => ReadRepliesAsync(port, cancellationToken), CancellationToken.None);
            await Task.WhenAny(reader, _failed.Task, Task.Delay(Timeout.Infinite, cancellationToken));
            if (cancellationToken.IsCancellationRequested) { break; }
            ClosePort();
            try { await reader; }
            catch (Exception ex) when (ex is IOException or InvalidOperationException or ObjectDisposedException or OperationCanceledException)
            {
                // The reader ends with the port's own error; the failure was logged once below.
            }
            LogDisconnected(_logger, port.PortName, _options.RetryInterval.TotalSeconds);
            reportedDown = true;
            ConnectionChanged?.Invoke(false);
            await Task.Delay(_options.RetryInterval, _time, cancellationToken);
        }
    }

    private SerialPort? TryOpen(out MountConnectionException? error)
    {
        error = null;
        foreach (string name in _options.EffectivePorts)
        {
            var port = new SerialPort(name, _options.BaudRate, Parity.None, 8, StopBits.One) { Handshake = Handshake.None };
            try
            {
                if (!File.Exists(name)) { throw new FileNotFoundException($"{name} does not exist.", name); }
                port.Open();
                return port;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidOperationException or ArgumentException)
            {
                port.Dispose();
                error ??= MountConnectionException.From(name, ex);
                if (ex is UnauthorizedAccessException) { error = MountConnectionException.From(name, ex); }
            }
        }
        return null;
    }

    private async Task ReadRepliesAsync(SerialPort port, CancellationToken cancellationToken)
    {
        IFrameSplitter splitter = _protocol.CreateSplitter();
        byte[] buffer = new byte[256];
        Stream stream = port.BaseStream;
        while (!cancellationToken.IsCancellationRequested)
        {
            int read = await stream.ReadAsync(buffer, cancellationToken);
            if (read == 0) { throw new IOException($"{port.PortName} was closed by the other side."); }
            IReadOnlyList<byte[]> frames = splitter.Push(buffer.AsSpan(0, read), out int discarded);
            foreach (byte[] frame in frames)
            {
                MountReply reply = _protocol.DecodeReply(frame);
                switch (reply.Kind)
                {
                    case MountReplyKind.Error: LogReplyError(_logger, reply.ToString(), MountProtocols.Hex(frame)); break;
                    case MountReplyKind.Unknown: LogReplyIgnored(_logger, reply.Message ?? "", MountProtocols.Hex(frame)); break;
                    default: LogReply(_logger, reply.ToString(), MountProtocols.Hex(frame)); break;
                }
                ReplyReceived?.Invoke(reply);
            }
            if (discarded > 0) { LogGarbage(_logger, discarded); }
        }
    }

    private void Fail(SerialPort port, Exception error)
    {
        if (ReferenceEquals(Volatile.Read(ref _port), port))
        {
            LogWriteFailed(_logger, port.PortName, error.Message);
            _failed.TrySetResult();
        }
    }

    private void ClosePort()
    {
        SerialPort? port = Interlocked.Exchange(ref _port, null);
        if (port is null) { return; }
        try { port.Dispose(); }
        catch (IOException) { /* the device is already gone */ }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Mount connected on {Port} ({Protocol}, {Baud} baud 8N1)")]
    private static partial void LogConnected(ILogger logger, string port, string protocol, int baud);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Mount not connected: {Reason} Retrying every {RetrySeconds:F0} s.")]
    private static partial void LogUnavailable(ILogger logger, string reason, double retrySeconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Mount on {Port} disconnected (cable pulled?); retrying every {RetrySeconds:F0} s")]
    private static partial void LogDisconnected(ILogger logger, string port, double retrySeconds);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Writing to {Port} failed: {Error}")]
    private static partial void LogWriteFailed(ILogger logger, string port, string error);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Mount replied {Reply} [{Hex}]")]
    private static partial void LogReply(ILogger logger, string reply, string hex);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Mount refused a command: {Reply} [{Hex}]")]
    private static partial void LogReplyError(ILogger logger, string reply, string hex);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Ignored a malformed reply: {Why} [{Hex}]")]
    private static partial void LogReplyIgnored(ILogger logger, string why, string hex);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Ignored {Count} stray bytes from the mount")]
    private static partial void LogGarbage(ILogger logger, int count);
}
