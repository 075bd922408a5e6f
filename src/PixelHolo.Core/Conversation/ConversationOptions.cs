using System.ComponentModel.DataAnnotations;

namespace PixelHolo.Core.Conversation;

/// <summary>How the avatar converses.</summary>
public sealed class ConversationOptions
{
    public const string SectionName = "Conversation";

    /// <value>Messages of history sent with each question (user and assistant both count). Default 10, 0 to 100.</value>
    [Range(0, 100)]
    public int HistoryMessages { get; set; } = 10;

    /// <value>Where the kiosk stands, told to the model with the date and time ("Glasgow, UK"). Default empty (unknown).</value>
    public string Location { get; set; } = "";

    /// <value>Instructions every persona shares; the personality text is appended.</value>
    public string BasePrompt { get; set; } =
        "You are a holographic avatar of a real person, talking with a visitor at a kiosk. " +
        "Answer in the first person as that person, warmly and briefly: two or three short spoken sentences " +
        "(under about seven seconds of speech), no lists, no markdown, no emoji.";
}
