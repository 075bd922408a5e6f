namespace PixelHolo.Conversation.Intent;

/// <summary>One labelled utterance of the intent dataset.</summary>
public sealed record IntentExample(string Text, bool NeedsSearch);
