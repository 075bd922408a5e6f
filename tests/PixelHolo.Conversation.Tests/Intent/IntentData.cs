using PixelHolo.Conversation.Intent;
using PixelHolo.TestSupport;

namespace PixelHolo.Conversation.Tests.Intent;

/// <summary>The committed dataset files under data/intent.</summary>
internal static class IntentData
{
    public static string File(string name) => Path.Combine(RepoPaths.Root, "data", "intent", name);

    public static Task<IReadOnlyList<IntentExample>> ReadAsync(string name) => IntentDataset.ReadAsync(File(name));
}
