using Microsoft.Extensions.AI;
using PixelHolo.Core.Conversation;
using PixelHolo.Core.Profiles;

namespace PixelHolo.Conversation.Turns;

/// <summary>One conversation with one avatar: its history (only what was really said) and provider state.</summary>
public sealed class ConversationSession(string conversationId, AvatarProfile profile)
{
    public string ConversationId { get; } = conversationId;

    public AvatarProfile Profile { get; } = profile;

    /// <summary>User and assistant messages of finished turns. Failed turns are not history.</summary>
    public List<ChatMessage> History { get; } = [];

    public TurnState State { get; } = new();

    /// <summary>One turn at a time per session.</summary>
    public SemaphoreSlim TurnGate { get; } = new(1, 1);
}
