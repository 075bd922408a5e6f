using PixelHolo.Core.Search;

namespace PixelHolo.Conversation.Search;

/// <summary>Turns a search outcome into text for the model: results as a delimited block of quoted, untrusted data
/// with their sources; a failure as a plain statement that the search failed (never the error text).</summary>
public interface ISearchContextFormatter
{
    /// <summary>The rules for the system prompt: how to treat the block, to name sources, what to do on failure.</summary>
    string Instructions { get; }

    string Format(SearchOutcome outcome);
}
