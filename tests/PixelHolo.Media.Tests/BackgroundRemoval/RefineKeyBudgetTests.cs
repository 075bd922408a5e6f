using PixelHolo.Media.BackgroundRemoval;

namespace PixelHolo.Media.Tests.BackgroundRemoval;

public sealed class RefineKeyBudgetTests
{
    [Fact]
    public void Allows_FloorPlusPerPlannedKeyBeforeTheFrame()
    {
        // Planned keys at 10, 30, 50; floor 1, 2 per planned key.
        var budget = new RefineKeyBudget([10, 30, 50], new MattingOptions { MinExtraKeyFrames = 1, MaxRefineKeyFramesPerKey = 2 });

        Assert.Equal(1, budget.AllowanceAt(10), 9);    // no planned key before frame 10
        Assert.Equal(3, budget.AllowanceAt(11), 9);
        Assert.Equal(7, budget.AllowanceAt(51), 9);
        budget.Spend(1);
        Assert.False(budget.Allows(5));                // 1 spent of 1
        Assert.True(budget.Allows(20));                // 1 of 3
        budget.Spend(0.42);
        budget.Spend(1);
        Assert.Equal(3, budget.Count);
        Assert.Equal(2.42, budget.Spent, 9);
        Assert.True(budget.Allows(20));                // 2.42 of 3: the last key may pass the allowance by its own cost
        budget.Spend(1);
        Assert.False(budget.Allows(20));
        Assert.True(budget.Allows(31));                // 3.42 of 5
    }

    [Fact]
    public void Allows_NoFloorAndNoRate_Never()
    {
        var budget = new RefineKeyBudget([10, 30], new MattingOptions { MinExtraKeyFrames = 0, MaxRefineKeyFramesPerKey = 0 });

        Assert.False(budget.Allows(1000));
    }
}
