using PixelHolo.Core.Storage;

namespace PixelHolo.Storage.Tests.Conversations;

public sealed class SqliteConversationStoreTests
{
    [Fact]
    public async Task GetTurnsAsync_TurnsWithTimings_RoundTripInOrder()
    {
        using var context = new StorageTestContext();
        var profile = await context.Profiles.CreateAsync("Ada", "");
        string conversation = await context.Conversations.StartAsync(profile.Id);
        var at = new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero).AddTicks(1234567);
        var first = new TurnRecord("What's the weather in Zürich?", "Sunny, 21 °C.", null,
            new Dictionary<string, double> { ["stt"] = 0.412, ["search"] = 1.25, ["llm-first-token"] = 0.333, ["llm"] = 2.5, ["tts"] = 0.036 }, at);
        var second = new TurnRecord("And tomorrow?", null, "Ollama is not running — start it with `ollama serve`.",
            new Dictionary<string, double> { ["stt"] = 0.3 }, at.AddSeconds(10));
        var third = new TurnRecord("Hello", "Hi!", null, new Dictionary<string, double>(), at.AddSeconds(20));

        await context.Conversations.AddTurnAsync(conversation, first);
        await context.Conversations.AddTurnAsync(conversation, second);
        await context.Conversations.AddTurnAsync(conversation, third);
        var turns = await context.Conversations.GetTurnsAsync(conversation);

        Assert.Equal(3, turns.Count);
        AssertSameTurn(first, turns[0]);
        AssertSameTurn(second, turns[1]);
        AssertSameTurn(third, turns[2]);
    }

    [Fact]
    public async Task AddTurnAsync_AnswerAndError_ThrowsAndStoresNothing()
    {
        using var context = new StorageTestContext();
        var profile = await context.Profiles.CreateAsync("Ada", "");
        string conversation = await context.Conversations.StartAsync(profile.Id);

        await Assert.ThrowsAsync<ArgumentException>(() => context.Conversations.AddTurnAsync(conversation,
            new TurnRecord("q", "a", "e", new Dictionary<string, double>(), context.Time.GetUtcNow())));

        Assert.Empty(await context.Conversations.GetTurnsAsync(conversation));
    }

    [Fact]
    public async Task AddTurnAsync_UnknownConversation_ThrowsKeyNotFound()
    {
        using var context = new StorageTestContext();

        await Assert.ThrowsAsync<KeyNotFoundException>(() => context.Conversations.AddTurnAsync("nosuchconv",
            new TurnRecord("q", "a", null, new Dictionary<string, double> { ["llm"] = 1 }, context.Time.GetUtcNow())));
    }

    [Fact]
    public async Task StartAsync_UnknownProfile_ThrowsKeyNotFound()
    {
        using var context = new StorageTestContext();

        await Assert.ThrowsAsync<KeyNotFoundException>(() => context.Conversations.StartAsync("nosuchprofile"));
    }

    [Fact]
    public async Task AddTurnAsync_ConcurrentWriters_KeepEveryTurnAndItsTimings()
    {
        using var context = new StorageTestContext();
        var profile = await context.Profiles.CreateAsync("Ada", "");
        string[] conversations = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => context.Conversations.StartAsync(profile.Id)));
        const int TurnsPerWriter = 40;

        // Two writers per conversation, all at once, each turn its own connection and transaction.
        await Task.WhenAll(Enumerable.Range(0, 8).Select(writer => Task.Run(async () =>
        {
            for (int i = 0; i < TurnsPerWriter; i++)
            {
                await context.Conversations.AddTurnAsync(conversations[writer % 4], new TurnRecord(
                    $"w{writer} q{i}", $"a{i}", null, new Dictionary<string, double> { ["stt"] = i, ["llm"] = writer }, context.Time.GetUtcNow()));
            }
        })));

        foreach (string conversation in conversations)
        {
            var turns = await context.Conversations.GetTurnsAsync(conversation);
            Assert.Equal(2 * TurnsPerWriter, turns.Count);
            Assert.All(turns, t => Assert.Equal(2, t.StageSeconds.Count));
        }
    }

    [Fact]
    public async Task GetRecentTurnsAsync_StreamingTurns_NewestFirstWithTurnIdInterruptionAndFault()
    {
        using var context = new StorageTestContext();
        var profile = await context.Profiles.CreateAsync("Ada", "");
        string conversation = await context.Conversations.StartAsync(profile.Id);
        var at = new DateTimeOffset(2026, 12, 2, 7, 0, 0, TimeSpan.Zero);
        var heard = new TurnRecord("tell me about ships", "Well, I was born in", null,
            new Dictionary<string, double> { ["firstToken"] = 0.4, ["firstAudio"] = 0.61, ["total"] = 1.5 }, at, "a1b2c3d4e5f6", Interrupted: true);
        var broken = new TurnRecord("go on", "I worked on ships.", null, new Dictionary<string, double> { ["firstAudio"] = 0.7 }, at.AddSeconds(5),
            "0f0e0d0c0b0a", Interrupted: true, Fault: "Ollama stopped answering.");
        var plain = new TurnRecord("hello", "Hi!", null, new Dictionary<string, double>(), at.AddSeconds(10), "ffffffffffff");

        await context.Conversations.AddTurnAsync(conversation, heard);
        await context.Conversations.AddTurnAsync(conversation, broken);
        await context.Conversations.AddTurnAsync(conversation, plain);
        var recent = await context.Conversations.GetRecentTurnsAsync(2);

        Assert.Equal(["ffffffffffff", "0f0e0d0c0b0a"], recent.Select(t => t.TurnId));
        Assert.False(recent[0].Interrupted);
        Assert.True(recent[1].Interrupted);
        Assert.Equal("Ollama stopped answering.", recent[1].Fault);
        TurnRecord first = (await context.Conversations.GetTurnsAsync(conversation))[0];
        Assert.True(first.Interrupted);
        Assert.Null(first.Fault);
        AssertSameTurn(heard, first);
    }

    private static void AssertSameTurn(TurnRecord expected, TurnRecord actual)
    {
        Assert.Equal(expected.Question, actual.Question);
        Assert.Equal(expected.Answer, actual.Answer);
        Assert.Equal(expected.Error, actual.Error);
        Assert.Equal(expected.AtUtc, actual.AtUtc);
        Assert.Equal(expected.StageSeconds.OrderBy(p => p.Key, StringComparer.Ordinal), actual.StageSeconds.OrderBy(p => p.Key, StringComparer.Ordinal));
    }
}
