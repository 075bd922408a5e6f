namespace PixelHolo.Tracking.Protocols;

/// <summary>A pan/tilt wire protocol as pure encoders and decoders, both directions: the controller encodes
/// commands and decodes replies; the simulated mount decodes commands and encodes replies.</summary>
internal interface IMountProtocol
{
    /// <summary>"visca", "pelco-d" or "text".</summary>
    string Name { get; }

    byte[] EncodeCommand(MountCommand command);

    /// <summary>A fresh splitter that cuts a byte stream into this protocol's messages.</summary>
    IFrameSplitter CreateSplitter();

    MountReply DecodeReply(ReadOnlySpan<byte> frame);

    /// <summary>Null when the frame is not a command this protocol knows.</summary>
    MountCommand? DecodeCommand(ReadOnlySpan<byte> frame);

    /// <summary>The replies a mount sends for a command it received (empty when the protocol sends none).</summary>
    IReadOnlyList<byte[]> EncodeReplies(MountCommand? command, float panDegrees, float tiltDegrees);
}

/// <summary>Cuts a byte stream into messages; keeps partial messages between calls and drops garbage.</summary>
internal interface IFrameSplitter
{
    /// <summary>Complete messages found after adding <paramref name="data"/>; skipped garbage is reported through <paramref name="discarded"/>.</summary>
    IReadOnlyList<byte[]> Push(ReadOnlySpan<byte> data, out int discarded);
}
