using PixelHolo.Speech.TextNormalization;

namespace PixelHolo.Speech.Tests.TextNormalization;

public sealed class TextForSpeechTests
{
    [Theory]
    // numbers
    [InlineData("I have 3 cats.", "I have three cats.")]
    [InlineData("It costs 1,234 coins.", "It costs one thousand two hundred thirty-four coins.")]
    [InlineData("Pi is 3.14.", "Pi is three point one four.")]
    [InlineData("It fell to -5 overnight.", "It fell to minus five overnight.")]
    [InlineData("Pages 10-20 are missing.", "Pages ten to twenty are missing.")]
    [InlineData("She came 1st and he came 22nd.", "She came first and he came twenty-second.")]
    [InlineData("About 50% agreed.", "About fifty percent agreed.")]
    [InlineData("Room 7 of 1000000.", "Room seven of one million.")]
    // years, decades, dates
    [InlineData("It was built in 1984.", "It was built in nineteen eighty-four.")]
    [InlineData("Since 2005 it grew.", "Since two thousand five it grew.")]
    [InlineData("Music of the 1960s and the 80s.", "Music of the nineteen sixties and the eighties.")]
    [InlineData("The launch is on 2026-03-15.", "The launch is on March fifteenth, twenty twenty-six.")]
    [InlineData("Born on July 4, 1776.", "Born on July fourth, seventeen seventy-six.")]
    [InlineData("Due Jan. 2nd.", "Due January second.")]
    [InlineData("On 21 March 2024 we met.", "On the twenty-first of March twenty twenty-four we met.")]
    // times
    [InlineData("Meet at 3:30 pm.", "Meet at three thirty p m.")]
    [InlineData("The train leaves at 10:05.", "The train leaves at ten oh five.")]
    [InlineData("Dinner at 7:00.", "Dinner at seven o'clock.")]
    [InlineData("Lunch at 12 p.m. sharp.", "Lunch at twelve p m sharp.")]
    [InlineData("Open 24:00?", "Open twenty-four:zero?")]
    // currencies
    [InlineData("It costs $5.", "It costs five dollars.")]
    [InlineData("Only $1.50 today.", "Only one dollar and fifty cents today.")]
    [InlineData("A $1 coin.", "A one dollar coin.")]
    [InlineData("Tickets are €20 or £3.05.", "Tickets are twenty euros or three pounds and five pence.")]
    [InlineData("They raised $3.5 million.", "They raised three point five million dollars.")]
    // units
    [InlineData("It is 5 km away.", "It is five kilometers away.")]
    [InlineData("Drive at 50 km/h.", "Drive at fifty kilometers per hour.")]
    [InlineData("It weighs 1 kg.", "It weighs one kilogram.")]
    [InlineData("Today it is 21°C.", "Today it is twenty-one degrees Celsius.")]
    [InlineData("A 2.5 GB file took 300 ms.", "A two point five gigabytes file took three hundred milliseconds.")]
    // abbreviations
    [InlineData("Dr. Smith and Mr. Jones met Mrs. Brown.", "Doctor Smith and Mister Jones met Missus Brown.")]
    [InlineData("Fruit, e.g. apples, etc.", "Fruit, for example apples, et cetera")]
    [InlineData("Cats vs. dogs & birds.", "Cats versus dogs and birds.")]
    [InlineData("He lives at No. 5.", "He lives at number five.")]
    // markdown, links, code, emoji
    [InlineData("**Bold** and *italic* and `code`.", "Bold and italic and code.")]
    [InlineData("# Title\n- first point\n- second point", "Title first point second point")]
    [InlineData("See [the docs](https://example.com/docs) for more.", "See the docs for more.")]
    [InlineData("Visit https://example.com/a?b=c or www.example.org today.", "Visit or today.")]
    [InlineData("Mail me at someone@example.com please.", "Mail me at please.")]
    [InlineData("Here:\n```\nvar x = 1;\n```\nDone.", "Here: Done.")]
    [InlineData("Great job! 🎉👍🏽 Really ❤️", "Great job! Really")]
    [InlineData("<b>Hi</b> there", "Hi there")]
    [InlineData("| Name | Age |\n|---|---|\n| Ann | 30 |", "Name, Age. Ann, thirty.")]
    // accents and other scripts are kept
    [InlineData("Zoë visited Ångström in Málaga.", "Zoë visited Ångström in Málaga.")]
    [InlineData("Привет, мир", "Привет, мир")]
    [InlineData("naïve café", "naïve café")]
    public void Normalize_Case_ReadsNaturally(string input, string expected)
    {
        Assert.Equal(expected, TextForSpeech.Normalize(input));
    }

    [Fact]
    public void Normalize_DecomposedAccent_IsComposedNotDropped()
    {
        Assert.Equal("Zoë", TextForSpeech.Normalize("Zoe\u0308"));
    }

    [Fact]
    public void Normalize_OnlyEmojiAndLinks_IsEmpty()
    {
        Assert.Equal("", TextForSpeech.Normalize("🎉 https://example.com 👍"));
    }
}
