namespace PixelHolo.Inference.Models;

/// <summary>Whether a model file is present and matches its checksum.</summary>
public enum ModelState
{
    Missing,
    Verified,
    ChecksumMismatch,
}

public sealed record ModelStatus(ModelDescriptor Model, string Path, ModelState State, long? SizeBytes);
