namespace PixelHolo.Tracking.Serial;

/// <summary>The wire to the mount: sends command bytes, reports whether the mount is connected.</summary>
internal interface IMountLink
{
    bool IsConnected { get; }

    /// <summary>Starts connecting (idempotent). The loop calls it on the first camera frame, so a missing camera gives
    /// one warning, not a second one about the mount.</summary>
    void Start();

    /// <summary>The port in use, or the candidates when none is open.</summary>
    string PortDescription { get; }

    /// <summary>Sends bytes; false when the mount is not connected (the command is dropped, the caller re-sends later).</summary>
    ValueTask<bool> SendAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken);
}
