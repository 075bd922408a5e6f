using PixelHolo.Conversation.Chunking;

namespace PixelHolo.Conversation.Tests.Chunking;

public sealed class SentenceChunkerTests
{
    /// <summary>Streams <paramref name="text"/> in pieces of <paramref name="size"/> characters, as a model would.</summary>
    private static List<string> Chunk(string text, int size = 3)
    {
        var chunker = new SentenceChunker();
        var pieces = new List<string>();
        for (int i = 0; i < text.Length; i += size) { pieces.AddRange(chunker.Append(text.Substring(i, Math.Min(size, text.Length - i)))); }
        pieces.AddRange(chunker.Flush());
        return pieces;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(7)]
    public void Append_FirstClauseThenSentences_FirstPieceShort(int size)
    {
        List<string> pieces = Chunk("Well, I was born in Glasgow, a long time ago. I worked on ships for forty years. Then I retired!", size);

        Assert.Equal(["Well, I was born in Glasgow,", "a long time ago.", "I worked on ships for forty years.", "Then I retired!"], pieces);
    }

    [Fact]
    public void Append_NumbersWithPointsAndCommas_NeverSplit()
    {
        List<string> pieces = Chunk("The tower is 3.5 km tall and cost 1,200 pounds in 1889. It weighs 7,300.5 tonnes today.");

        Assert.Equal(["The tower is 3.5 km tall and cost 1,200 pounds", "in 1889.", "It weighs 7,300.5 tonnes today."], pieces);
    }

    [Fact]
    public void Append_Abbreviations_NotSentenceEnds()
    {
        List<string> pieces = Chunk("I studied with Dr. Smith at St. Andrews for years. We read many books, e.g. the classics, i.e. old ones. Mr. J. K. Brown taught us.");

        Assert.Equal(
            ["I studied with Dr. Smith at St. Andrews for years.", "We read many books, e.g. the classics, i.e. old ones.", "Mr. J. K. Brown taught us."],
            pieces);
    }

    [Fact]
    public void Append_Urls_KeptWhole()
    {
        List<string> pieces = Chunk("You can read about it at https://example.org/history/v1.2/index.html today. Or visit www.example.com. It is free.");

        Assert.Equal(["You can read about it at https://example.org/history/v1.2/index.html today.", "Or visit www.example.com.", "It is free."], pieces);
    }

    [Fact]
    public void Append_QuotesAfterTheMark_StayWithTheSentence()
    {
        List<string> pieces = Chunk("My father always said \"never give up.\" I still believe it. \"Really?\" you ask. Yes!");

        Assert.Equal(["My father always said \"never give up.\"", "I still believe it.", "\"Really?\" you ask.", "Yes!"], pieces);
    }

    [Fact]
    public void Append_NoPunctuationAtAll_FirstPieceTenWordsThenFortyWordPieces()
    {
        string[] words = [.. Enumerable.Range(1, 60).Select(i => $"word{i}")];

        List<string> pieces = Chunk(string.Join(' ', words));

        Assert.Equal(string.Join(' ', words[..10]), pieces[0]);
        Assert.Equal(string.Join(' ', words[10..50]), pieces[1]);
        Assert.Equal(string.Join(' ', words[50..]), pieces[2]);
        Assert.Equal(3, pieces.Count);
    }

    [Fact]
    public void Append_ShortOpening_FirstPieceHasAtLeastThreeWords()
    {
        List<string> pieces = Chunk("Hi! Yes, of course I remember. It was lovely.");

        Assert.Equal(["Hi! Yes, of course I remember.", "It was lovely."], pieces);
    }

    [Fact]
    public void Append_SentenceNotYetFollowedByText_WaitsForTheNextWord()
    {
        var chunker = new SentenceChunker();

        IReadOnlyList<string> early = chunker.Append("I met Dr. Brown yesterday. ");
        IReadOnlyList<string> later = chunker.Append("He");

        Assert.Empty(early); // "yesterday." could still be "yesterday. and" — the next word decides
        Assert.Equal(["I met Dr. Brown yesterday."], later);
        Assert.Equal(["He"], chunker.Flush());
    }

    [Fact]
    public void Flush_MarkdownAndStageDirections_Removed()
    {
        List<string> pieces = Chunk("**Hello** there, my *friend*. (smiles) I am _Ada_.");

        Assert.Equal(["Hello there, my friend.", "I am Ada."], pieces);
    }

    [Fact]
    public async Task ChunkAsync_Tokens_YieldsPiecesBeforeTheStreamEnds()
    {
        var gate = new TaskCompletionSource();
        async IAsyncEnumerable<string> Tokens()
        {
            yield return "Hello there, my old friend. ";
            yield return "How";
            await gate.Task; // the model stalls: the first pieces must already be out
            yield return " are you?";
        }

        await using IAsyncEnumerator<string> pieces = SentenceChunker.ChunkAsync(Tokens()).GetAsyncEnumerator();
        Assert.True(await pieces.MoveNextAsync());
        Assert.Equal("Hello there, my old friend.", pieces.Current);
        gate.SetResult();
        Assert.True(await pieces.MoveNextAsync());
        Assert.Equal("How are you?", pieces.Current);
        Assert.False(await pieces.MoveNextAsync());
    }
}
