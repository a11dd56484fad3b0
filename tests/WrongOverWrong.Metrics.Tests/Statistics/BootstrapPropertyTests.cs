using CsCheck;
using WrongOverWrong.Metrics.Answers;
using WrongOverWrong.Metrics.Statistics;

namespace WrongOverWrong.Metrics.Tests;

/// <summary>
/// Percentile intervals on random data: they contain the estimate (the sample mean is the centre of
/// its own bootstrap distribution) and narrow like 1/√n, so a resampling loop that drew from the
/// wrong range or kept fewer draws would show.
/// </summary>
public class BootstrapPropertyTests
{
    [Fact]
    public void MeanIntervalsContainTheEstimateAndAreOrdered()
    {
        int cases = 0;
        Gen.OneOf(
            Gen.Double[0.0, 1.0].Array[20, 200],
            Gen.Bool.Select(b => b ? 1.0 : 0.0).Array[20, 200]).Sample(values =>
        {
            var interval = Bootstrap.Mean(values, new BootstrapOptions { Resamples = 200 });
            Assert.Equal(values.Average(), interval.Estimate, 12);
            Assert.True(interval.Lower <= interval.Upper);
            Assert.True(interval.Contains(interval.Estimate), $"{interval.Estimate} outside [{interval.Lower}, {interval.Upper}]");
            Assert.InRange(interval.Lower, values.Min(), values.Max());
            Assert.InRange(interval.Upper, values.Min(), values.Max());
            Interlocked.Increment(ref cases);
        }, iter: 200);

        Assert.Equal(200, cases);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void IntervalsNarrowLikeOneOverRootN(int seed)
    {
        // Sixteen times the data: a quarter of the width, give or take resampling noise.
        var random = new Random(seed);
        var large = Enumerable.Range(0, 1600).Select(_ => random.NextDouble()).ToArray();
        var small = large.Take(100).ToArray();

        double narrow = Bootstrap.Mean(large).Width;
        double wide = Bootstrap.Mean(small).Width;

        Assert.InRange(narrow / wide, 0.15, 0.4);
    }

    [Fact]
    public void PooledAnswerIntervalsNarrowWithMoreQuestions()
    {
        // p_wrong of questions whose answers are half wrong: more questions, a narrower interval.
        static IReadOnlyList<IReadOnlyList<ScoredAnswer>> Questions(int count, int seed)
        {
            var random = new Random(seed);
            var questions = new List<IReadOnlyList<ScoredAnswer>>();
            for (int q = 0; q < count; q++)
            {
                var answers = new List<ScoredAnswer>();
                for (int a = 0; a < 4; a++)
                {
                    bool correct = random.Next(2) == 0;
                    answers.Add(new ScoredAnswer(correct ? 1.0 : random.NextDouble() * 0.9, correct));
                }

                questions.Add(answers);
            }

            return questions;
        }

        var few = Bootstrap.PWrong(Questions(25, 1));
        var many = Bootstrap.PWrong(Questions(400, 1));

        Assert.True(few.Contains(few.Estimate));
        Assert.True(many.Contains(many.Estimate));
        Assert.InRange(many.Width / few.Width, 0.15, 0.4);
    }
}
