using WrongOverWrong.Training.Optimization;

namespace WrongOverWrong.Training.Tests.Optimization;

/// <summary>Schedules over 10 steps with 2 warmup steps, against Hugging Face's formulas by hand.</summary>
public sealed class LearningRateScheduleTests
{
    [Theory]
    [InlineData(0, 0.0)]
    [InlineData(1, 0.5)]
    [InlineData(2, 1.0)]
    // progress (5 - 2)/8 = 0.375: 0.5(1 + cos(0.375π)) = 0.5(1 + 0.382683) = 0.691342.
    [InlineData(5, 0.6913417)]
    // progress 7/8: 0.5(1 + cos(0.875π)) = 0.5(1 - 0.923880) = 0.038060.
    [InlineData(9, 0.0380602)]
    [InlineData(10, 0.0)]
    public void CosineWarmsUpThenFollowsHalfACosine(int step, double expected)
    {
        Assert.Equal(expected, LearningRateSchedule.Multiplier(LearningRateScheduleKind.Cosine, step, 2, 10), 6);
    }

    [Theory]
    [InlineData(1, 0.5)]
    [InlineData(2, 1.0)]
    [InlineData(5, 0.625)] // (10 - 5)/8
    [InlineData(9, 0.125)] // (10 - 9)/8
    [InlineData(10, 0.0)]
    public void LinearDecaysToZero(int step, double expected)
    {
        Assert.Equal(expected, LearningRateSchedule.Multiplier(LearningRateScheduleKind.Linear, step, 2, 10), 6);
    }

    [Theory]
    [InlineData(1, 0.5)]
    [InlineData(2, 1.0)]
    [InlineData(9, 1.0)]
    public void ConstantHoldsAfterWarmup(int step, double expected)
    {
        Assert.Equal(expected, LearningRateSchedule.Multiplier(LearningRateScheduleKind.Constant, step, 2, 10), 6);
    }

    [Theory]
    [InlineData(2, 1.0)]
    // Two cycles: progress 0.375 → (2·0.375) mod 1 = 0.75: 0.5(1 + cos(0.75π)) = 0.146447.
    [InlineData(5, 0.1464466)]
    // progress 0.5 → phase 0: the restart jumps back to the peak.
    [InlineData(6, 1.0)]
    [InlineData(9, 0.1464466)]
    [InlineData(10, 0.0)]
    public void CosineWithRestartsJumpsBackToThePeak(int step, double expected)
    {
        Assert.Equal(expected, LearningRateSchedule.Multiplier(LearningRateScheduleKind.CosineWithRestarts, step, 2, 10, cycles: 2), 6);
    }
}
