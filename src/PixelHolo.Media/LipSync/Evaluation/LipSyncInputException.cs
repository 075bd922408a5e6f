namespace PixelHolo.Media.LipSync.Evaluation;

/// <summary>The clip or text given to the lip-sync evaluation cannot be used (no sound, too short, no transcript); the
/// message says what to pass instead. The CLI exits with 2.</summary>
public sealed class LipSyncInputException(string message) : ArgumentException(message);
