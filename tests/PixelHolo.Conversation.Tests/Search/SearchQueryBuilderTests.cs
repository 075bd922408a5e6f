using PixelHolo.Conversation.Search;

namespace PixelHolo.Conversation.Tests.Search;

public sealed class SearchQueryBuilderTests
{
    private readonly SearchQueryBuilder _builder = new();

    [Theory]
    [InlineData("hey can you tell me what's the weather in glasgow", "what's the weather in glasgow")]
    [InlineData("Um, so, who won the Celtic game last night?", "who won the celtic game last night")]
    [InlineData("excuse me is the museum open today please", "is the museum open today")]
    [InlineData("ok so do you know the price of bitcoin right now thanks", "the price of bitcoin right now")]
    [InlineData("what's the latest news", "what's the latest news")]
    [InlineData("um", "um")]
    public void Build_FillerAroundQuestion_IsStripped(string utterance, string expected)
    {
        Assert.Equal(expected, _builder.Build(utterance, previousQuery: null));
    }

    [Theory]
    [InlineData("and tomorrow?", "weather in glasgow today", "weather in glasgow tomorrow")]
    [InlineData("what about the weekend", "is it going to rain today in glasgow", "is it going to rain the weekend in glasgow")]
    [InlineData("and in edinburgh", "weather in glasgow today", "weather in edinburgh today")]
    [InlineData("how about saturday", "weather in glasgow", "weather in glasgow saturday")]
    [InlineData("and for ethereum", "price of bitcoin", "price of bitcoin for ethereum")]
    public void Build_FollowUp_IsCompletedFromPreviousQuery(string utterance, string previous, string expected)
    {
        Assert.Equal(expected, _builder.Build(utterance, previous));
    }

    [Fact]
    public void Build_FollowUpWithoutPreviousQuery_KeepsWords()
    {
        Assert.Equal("and tomorrow", _builder.Build("and tomorrow", null));
    }

    [Fact]
    public void Build_LongQuestionStartingWithAnd_IsNotTreatedAsFollowUp()
    {
        Assert.Equal("and what is the population of japan right now",
            _builder.Build("and what is the population of japan right now", "weather in glasgow"));
    }
}
