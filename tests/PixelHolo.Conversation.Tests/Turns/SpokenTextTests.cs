using PixelHolo.Conversation.Turns;

namespace PixelHolo.Conversation.Tests.Turns;

public sealed class SpokenTextTests
{
    [Theory]
    [InlineData("**Hello** there", "Hello there")]
    [InlineData("I'm *so* glad (smiles) you asked.", "I'm so glad you asked.")]
    [InlineData("Zoë and Björn   went\nhome", "Zoë and Björn went home")]
    public void Clean_MarkdownAndDirections_SpeakableTextKeepsLetters(string input, string expected) =>
        Assert.Equal(expected, SpokenText.Clean(input));
}
