namespace PixelHolo.Core.Errors;

/// <summary>A profile cannot be shown or talked to: it does not exist, or its enrollment has not finished or failed.</summary>
public sealed class ProfileUnavailableException(string profileId, string message) : PixelHoloException(message)
{
    public string ProfileId { get; } = profileId;
}
