namespace PixelHolo.Conversation.Search;

/// <summary>Today's date, the local time and the kiosk's location (Conversation:Location), computed for every turn
/// so the model never works from a date frozen at upload time.</summary>
public interface IFreshnessLine
{
    string Build();
}
