namespace PixelHolo.Core.Status;

/// <summary>A part of the product that reports its state on the status page (tracking: face seen, mount connected).</summary>
public interface IStatusContributor
{
    /// <summary>Key in the status JSON, e.g. "tracking".</summary>
    string Name { get; }

    /// <summary>A JSON-serialisable snapshot.</summary>
    object GetStatus();
}
