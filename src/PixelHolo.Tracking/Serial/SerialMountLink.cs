using System.IO.Ports;
using Microsoft.Extensions.Logging;
using PixelHolo.Tracking.Protocols;

namespace PixelHolo.Tracking.Serial;

/// <summary>Keeps the mount's serial port open: tries the candidate ports, reads and parses every reply, and when the
/// port fails (cable pulled) logs once, retries every <see cref="SerialOptions.RetryInterval"/>, and resumes.</summary>
internal sealed partial class SerialMountLink : IMountLink, IAsyncDisposable
{
    private static readonly TimeSpan WriteTimeout = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan CloseTimeout = TimeSpan.FromSeconds(2);

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
            // A write to a port whose device vanished may never finish: give it far longer than the wire needs, then fail.
            await port.BaseStream.WriteAsync(bytes, cancellationToken).AsTask().WaitAsync(WriteTimeout, _time, cancellationToken);
            await port.BaseStream.FlushAsync(cancellationToken).WaitAsync(WriteTimeout, _time, cancellationToken);
            return true;
        }
        catch (Exception ex) when (ex is IOException or InvalidOperationException or UnauthorizedAccessException or ObjectDisposedException or TimeoutException)
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
        await DrainAsync();
        await _stopping.CancelAsync();
        await ClosePortAsync();
        if (_supervisor is not null)
        {
            try { await _supervisor.WaitAsync(CloseTimeout + CloseTimeout, _time); }
            catch (OperationCanceledException) { /* stopping */ }
            catch (TimeoutException) { LogCloseStuck(_logger, PortDescription, (CloseTimeout + CloseTimeout).TotalSeconds); }
        }
        _stopping.Dispose();
        _writeLock.Dispose();
    }

    /// <summary>Lets the last command (the stop sent on shutdown) leave before the port closes: closing discards
    /// bytes still queued for the wire.</summary>
    private async Task DrainAsync()
    {
        SerialPort? port = Volatile.Read(ref _port);
        if (port is null) { return; }
        long started = _time.GetTimestamp();
        try
        {
            while (port.IsOpen && port.BytesToWrite > 0 && _time.GetElapsedTime(started) < TimeSpan.FromSeconds(1))
            {
                await Task.Delay(TimeSpan.FromMilliseconds(10), _time);
            }
            // The driver's own buffer: at 9600 baud a VISCA command takes about 10 ms on the wire.
            await Task.Delay(TimeSpan.FromMilliseconds(50), _time);
        }
        catch (Exception ex) when (ex is IOException or InvalidOperationException)
        {
            // The port went away meanwhile; nothing left to drain.
        }
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
                else { LogStillUnavailable(_logger, _options.RetryInterval.TotalSeconds); }
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
            await ClosePortAsync();
            try { await reader.WaitAsync(CloseTimeout, _time, CancellationToken.None); }
            catch (Exception ex) when (ex is IOException or InvalidOperationException or ObjectDisposedException or OperationCanceledException or TimeoutException)
            {
                // The reader ends with the port's own error (or hangs on a dead device); the failure is logged once below.
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

    private async Task ClosePortAsync()
    {
        SerialPort? port = Interlocked.Exchange(ref _port, null);
        if (port is null) { return; }
        // Closing a port whose device vanished can block in the driver; never let that stall reconnecting or shutdown.
        Task closing = Task.Run(() =>
        {
            try { port.Dispose(); }
            catch (IOException) { /* the device is already gone */ }
        });
        try { await closing.WaitAsync(CloseTimeout, _time); }
        catch (TimeoutException) { LogCloseStuck(_logger, port.PortName, CloseTimeout.TotalSeconds); }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Mount connected on {Port} ({Protocol}, {Baud} baud 8N1)")]
    private static partial void LogConnected(ILogger logger, string port, string protocol, int baud);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Mount not connected: {Reason} Retrying every {RetrySeconds:F0} s.")]
    private static partial void LogUnavailable(ILogger logger, string reason, double retrySeconds);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Mount still not connected; next try in {RetrySeconds:F1} s")]
    private static partial void LogStillUnavailable(ILogger logger, double retrySeconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Mount on {Port} disconnected (cable pulled?); retrying every {RetrySeconds:F0} s")]
    private static partial void LogDisconnected(ILogger logger, string port, double retrySeconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Closing {Port} did not finish within {Seconds:F0} s; continuing without it")]
    private static partial void LogCloseStuck(ILogger logger, string port, double seconds);

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
