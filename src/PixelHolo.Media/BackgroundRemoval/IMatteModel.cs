namespace PixelHolo.Media.BackgroundRemoval;

/// <summary>A full (slow, accurate) foreground model: one frame in, its alpha matte out.</summary>
internal interface IMatteModel
{
    /// <summary>Model id for the manifest ("isnet-medium").</summary>
    string Id { get; }

    /// <summary>Licence text for the manifest.</summary>
    string Licence { get; }

    /// <summary>"CUDA" or "CPU".</summary>
    string ExecutionProvider { get; }

    /// <summary>Keeps the model loaded until the lease is disposed (a job takes one for its whole run). Predictions outside any
    /// lease load and release the model each time.</summary>
    MatteModelLease Lease();

    /// <summary>Opens the model now, under a <see cref="Lease"/>, so that the first key frame does not wait for it (a job starts
    /// this beside its first pass over the frames). Does nothing outside a lease.</summary>
    Task LoadAsync(CancellationToken cancellationToken);

    /// <summary>Alpha 0..1 of <paramref name="rgb24"/> the reference way (<see cref="ModelRegion.Reference"/>: the whole frame at
    /// the model's export size), resampled to <paramref name="outputWidth"/> × <paramref name="outputHeight"/>.</summary>
    Task<float[]> PredictAsync(ReadOnlyMemory<byte> rgb24, int width, int height, int outputWidth, int outputHeight, CancellationToken cancellationToken);

    /// <summary>Alpha 0..1 of the frame seen through <paramref name="region"/> (0 outside it), resampled to
    /// <paramref name="outputWidth"/> × <paramref name="outputHeight"/> over the whole frame.</summary>
    Task<float[]> PredictAsync(ReadOnlyMemory<byte> rgb24, int width, int height, ModelRegion region, int outputWidth, int outputHeight, CancellationToken cancellationToken);
}
