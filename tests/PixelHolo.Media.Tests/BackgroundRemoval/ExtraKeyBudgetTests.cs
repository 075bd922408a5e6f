using PixelHolo.Media.BackgroundRemoval;

namespace PixelHolo.Media.Tests.BackgroundRemoval;

public sealed class ExtraKeyBudgetTests
{
    [Fact]
    public void Total_FloorPlusRateTimesMinutes()
    {
        // face_sideways_720p_6s: 180 frames at 30 fps, 30 per minute → 3, plus the floor of 6.
        var budget = new ExtraKeyBudget(180, 30, new MattingOptions { MaxExtraKeyFramesPerMinute = 30, MinExtraKeyFrames = 6 });

        Assert.Equal(9, budget.Total, 9);
        Assert.Equal(6.1, budget.AllowanceAt(5), 9);      // the floor and 6 frames' share of the rate
        Assert.Equal(9, budget.AllowanceAt(10_000), 9);   // never past the total
    }

    [Fact]
    public void Allows_MildFrame_OnlyWhatTheClipHasEarnedByThen()
    {
        // No floor, 60 per minute at 10 fps: 0.1 of a key per frame, 10 over the 100 frames.
        var budget = new ExtraKeyBudget(100, 10, new MattingOptions { MaxExtraKeyFramesPerMinute = 60, MinExtraKeyFrames = 0, MinConfidence = 0.5 });

        Assert.True(budget.Allows(0, 0.4));
        budget.Spend(1);
        Assert.False(budget.Allows(5, 0.4));    // 0.6 earned, 1 spent
        Assert.False(budget.Allows(9, 0.4));    // 1.0 earned, 1 spent
        Assert.True(budget.Allows(10, 0.4));    // 1.1 earned
        Assert.True(budget.Allows(5, 0.2));     // severe (under half of MinConfidence): the rest of the clip's budget
    }

    [Fact]
    public void Allows_SevereFrames_StopAtTheClipsTotal()
    {
        var budget = new ExtraKeyBudget(100, 10, new MattingOptions { MaxExtraKeyFramesPerMinute = 60, MinExtraKeyFrames = 0, MinConfidence = 0.5 });
        int taken = 0;
        for (int i = 0; i < 100 && budget.Allows(i, 0.0); i++)
        {
            budget.Spend(1);
            taken++;
        }

        Assert.Equal(10, taken);   // a clip wrong on every frame gets its whole budget and no more
        Assert.False(budget.Allows(99, 0.0));
    }

    [Fact]
    public void Spend_CheapKeysCountByTheirCost()
    {
        // GRID's keys run at 768 × 576, 0.42 of a reference run: a budget of 1 takes three of them.
        var budget = new ExtraKeyBudget(100, 10, new MattingOptions { MaxExtraKeyFramesPerMinute = 0, MinExtraKeyFrames = 1 });
        while (budget.Allows(50, 0.4)) { budget.Spend(0.42); }

        Assert.Equal(3, budget.Count);
        Assert.Equal(1.26, budget.Spent, 9);
    }

    [Fact]
    public void Allows_NoFloorAndNoRate_NeverAnExtraKey()
    {
        var budget = new ExtraKeyBudget(100, 10, new MattingOptions { MaxExtraKeyFramesPerMinute = 0, MinExtraKeyFrames = 0 });

        Assert.False(budget.Allows(0, 0.0));
        Assert.False(budget.Allows(99, 0.4));
    }
}
