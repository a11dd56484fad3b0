using WrongOverWrong.Harness;

namespace WrongOverWrong.Tests.Harness;

public class AccWowCalculatorTests
{
    [Fact]
    public void Accuracy_and_bootstrap_interval()
    {
        bool[] outcomes = [true, true, true, true, true, true, true, false, false, false];
        var (accuracy, lower, upper) = AccWowCalculator.Compute(outcomes, 2000, 0.95, 42);

        Assert.Equal(0.7, accuracy, 12);

        // Binomial SE = sqrt(0.7 x 0.3 / 10) = 0.145, so the 95% interval is roughly [0.4, 1.0].
        Assert.InRange(lower, 0.35, 0.5);
        Assert.InRange(upper, 0.9, 1.0);
        Assert.Equal((accuracy, lower, upper), AccWowCalculator.Compute(outcomes, 2000, 0.95, 42));
    }

    [Fact]
    public void Degenerate_inputs()
    {
        Assert.Equal((1.0, 1.0, 1.0), AccWowCalculator.Compute([true, true, true], 100, 0.95, 1));
        Assert.True(double.IsNaN(AccWowCalculator.Compute([], 100, 0.95, 1).Accuracy));
        var (acc, lo, _) = AccWowCalculator.Compute([true, false], 0, 0.95, 1);
        Assert.Equal(0.5, acc);
        Assert.True(double.IsNaN(lo));
    }
}
