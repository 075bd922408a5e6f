namespace PixelHolo.Tracking.Serial;

/// <summary>The wire to the mount: sends command bytes, reports whether the mount is connected.</summary>
internal interface IMountLink
{
    bool IsConnected { get; }

    /// <summary>The port in use, or the candidates when none is open.</summary>
    string PortDescription { get; }

    /// <summary>Sends bytes; false when the mount is not connected (the command is dropped, the caller re-sends later).</summary>
    ValueTask<bool> SendAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken);
}
