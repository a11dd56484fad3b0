using WrongOverWrong.Metrics.Confidence;

namespace WrongOverWrong.Metrics.Tests;

public class AurocTests
{
    [Fact]
    public void HandComputedValue()
    {
        // Correct {0.9, 0.7} vs wrong {0.8, 0.6}: 3 of the 4 cross pairs are ordered right.
        Assert.Equal(0.75, Auroc.Compute([0.9, 0.8, 0.7, 0.6], [true, false, true, false]), 12);
    }

    [Fact]
    public void TiesCountOneHalf()
    {
        Assert.Equal(0.5, Auroc.Compute([0.5, 0.5], [true, false]), 12);

        // Correct {0.8, 0.5} vs wrong {0.5, 0.2}: 1 + 1 + 0.5 + 1 = 3.5 of 4.
        Assert.Equal(3.5 / 4, Auroc.Compute([0.8, 0.5, 0.5, 0.2], [true, true, false, false]), 12);
    }

    [Fact]
    public void OneClassAbsentGivesNaN()
    {
        Assert.True(double.IsNaN(Auroc.Compute([0.2, 0.9], [true, true])));
        Assert.True(double.IsNaN(Auroc.Compute([0.2, 0.9], [false, false])));
    }

    [Fact]
    public void MatchesPairCountingOnRandomTiedData()
    {
        var random = new Random(11);
        var confidences = Enumerable.Range(0, 300).Select(_ => Math.Round(random.NextDouble(), 1)).ToArray();
        var correct = confidences.Select(c => random.NextDouble() < c).ToArray();

        double wins = 0;
        long pairs = 0;
        for (int i = 0; i < confidences.Length; i++)
        {
            for (int j = 0; j < confidences.Length; j++)
            {
                if (correct[i] && !correct[j])
                {
                    pairs++;
                    wins += confidences[i] > confidences[j] ? 1 : confidences[i] == confidences[j] ? 0.5 : 0;
                }
            }
        }

        Assert.Equal(wins / pairs, Auroc.Compute(confidences, correct), 12);
    }

    [Fact]
    public void BadInputNamesTheArgument()
    {
        Assert.Equal("confidences", Assert.Throws<ArgumentException>(() => Auroc.Compute([], [])).ParamName);
        Assert.Equal("correct", Assert.Throws<ArgumentException>(() => Auroc.Compute([0.1, 0.2], [true])).ParamName);
        Assert.Equal("confidences", Assert.Throws<ArgumentException>(() => Auroc.Compute([double.NaN, 0.2], [true, false])).ParamName);
    }
}
