using WrongOverWrong.Metrics.Confidence;

namespace WrongOverWrong.Metrics.Tests;

public class CalibrationTests
{
    // The torchmetrics documentation example for BinaryCalibrationError with n_bins=2.
    private static readonly double[] GoldenPreds = [0.25, 0.25, 0.55, 0.75, 0.75];
    private static readonly bool[] GoldenTargets = [false, false, true, true, true];

    [Fact]
    public void TorchMetricsGoldenValues()
    {
        var options = new CalibrationOptions { Bins = 2, Binning = CalibrationBinning.TorchMetrics };

        var result = Calibration.Compute(GoldenPreds, GoldenTargets, options);

        Assert.Equal(0.2900, result.Ece, 4);
        Assert.Equal(0.2918, result.Rmsce, 4);
        Assert.Equal(0.3167, result.Mce, 4);
        Assert.Equal(3, result.Bins.Count);
    }

    [Fact]
    public void PaperRuleGivesTheSameGoldenValuesWhenNoConfidenceSitsOnAnEdge()
    {
        var result = Calibration.Compute(GoldenPreds, GoldenTargets, new CalibrationOptions { Bins = 2 });

        Assert.Equal(0.29, result.Ece, 12);
        Assert.Equal(Math.Sqrt((0.4 * 0.0625) + (0.6 * Math.Pow(1 - (2.05 / 3), 2))), result.Rmsce, 12);
        Assert.Equal(1 - (2.05 / 3), result.Mce, 12);
        Assert.Equal(2, result.Bins.Count);
    }

    [Fact]
    public void HandComputedTenBinValues()
    {
        // (0.8, 0.9]: four answers at 0.9, three correct -> gap 0.15, weight 4/6.
        // (0.1, 0.2]: two answers at 0.2, one correct -> gap 0.3, weight 2/6.
        double[] confidences = [0.9, 0.9, 0.9, 0.9, 0.2, 0.2];
        bool[] correct = [true, true, true, false, false, true];

        var result = Calibration.Compute(confidences, correct);

        Assert.Equal(0.2, result.Ece, 12);
        Assert.Equal(0.3, result.Mce, 12);
        Assert.Equal(Math.Sqrt(0.045), result.Rmsce, 12);
        Assert.Equal(10, result.Bins.Count);
        Assert.Equal(4, result.Bins[8].Count);
        Assert.Equal(0.75, result.Bins[8].Accuracy, 12);
        Assert.Equal(0.9, result.Bins[8].MeanConfidence, 12);
        Assert.Equal(0.8, result.Bins[8].Lower, 12);
        Assert.Equal(0.9, result.Bins[8].Upper, 12);
        Assert.Equal(0, result.Bins[0].Count);
        Assert.True(double.IsNaN(result.Bins[0].Accuracy));
        Assert.True(double.IsNaN(result.Bins[0].MeanConfidence));
    }

    [Theory]
    [InlineData(0.0, 0, 0)]
    [InlineData(0.3, 2, 3)]
    [InlineData(0.5, 4, 5)]
    [InlineData(0.05, 0, 0)]
    [InlineData(1.0, 9, 10)]
    public void EdgeRules(double confidence, int paperBin, int torchBin)
    {
        var paper = Calibration.ReliabilityDiagram([confidence], [true]);
        var torch = Calibration.ReliabilityDiagram([confidence], [true], new CalibrationOptions { Binning = CalibrationBinning.TorchMetrics });

        Assert.Equal(1, paper[paperBin].Count);
        Assert.Equal(1, paper.Sum(b => b.Count));
        Assert.Equal(1, torch[torchBin].Count);
        Assert.Equal(11, torch.Count);
    }

    [Fact]
    public void PerfectlyCalibratedDataHasZeroError()
    {
        // In the bin ending at (b + 1) / 10, every answer has that confidence and that share is correct.
        var confidences = new List<double>();
        var correct = new List<bool>();
        for (int b = 0; b < 10; b++)
        {
            for (int i = 0; i < 10; i++)
            {
                confidences.Add((b + 1) / 10.0);
                correct.Add(i <= b);
            }
        }

        var result = Calibration.Compute(confidences.ToArray(), correct.ToArray());

        Assert.Equal(0.0, result.Ece, 12);
        Assert.Equal(0.0, result.Mce, 12);
        Assert.Equal(0.0, result.Rmsce, 6);
    }

    [Fact]
    public void OverconfidentDataHasTheExpectedError()
    {
        // Confidence 0.95 everywhere, half correct: ECE = MCE = RMSCE = 0.45 under every binning.
        var confidences = Enumerable.Repeat(0.95, 100).ToArray();
        var correct = Enumerable.Range(0, 100).Select(i => i % 2 == 0).ToArray();

        foreach (var binning in Enum.GetValues<CalibrationBinning>())
        {
            var result = Calibration.Compute(confidences, correct, new CalibrationOptions { Binning = binning });
            Assert.Equal(0.45, result.Ece, 12);
            Assert.Equal(0.45, result.Mce, 12);
            Assert.Equal(0.45, result.Rmsce, 12);
        }
    }

    [Fact]
    public void EqualMassBinsSplitSortedAnswersEvenly()
    {
        // Bins {0.1, 0.2}: conf 0.15, acc 0; {0.3, 0.4}: conf 0.35, acc 0.5; {0.5, 0.6}: conf 0.55, acc 1.
        double[] confidences = [0.6, 0.1, 0.4, 0.2, 0.5, 0.3];
        bool[] correct = [true, false, false, false, true, true];

        var result = Calibration.Compute(confidences, correct, new CalibrationOptions { Bins = 3, Binning = CalibrationBinning.EqualMass });

        Assert.Equal((0.15 + 0.15 + 0.45) / 3, result.Ece, 12);
        Assert.Equal(0.45, result.Mce, 12);
        Assert.Equal(3, result.Bins.Count);
        Assert.All(result.Bins, b => Assert.Equal(2, b.Count));
        Assert.Equal(0.1, result.Bins[0].Lower);
        Assert.Equal(0.2, result.Bins[0].Upper);
        Assert.Equal(0.5, result.Bins[2].Lower);
        Assert.Equal(0.6, result.Bins[2].Upper);
    }

    [Fact]
    public void EqualMassUsesFewerBinsThanAnswers()
    {
        var bins = Calibration.ReliabilityDiagram([0.2, 0.8], [false, true], new CalibrationOptions { Binning = CalibrationBinning.EqualMass });

        Assert.Equal(2, bins.Count);
        Assert.Equal(0.2, Calibration.Ece([0.2, 0.8], [false, true], new CalibrationOptions { Binning = CalibrationBinning.EqualMass }), 12);
    }

    [Theory]
    [InlineData(1.1)]
    [InlineData(-0.1)]
    [InlineData(double.NaN)]
    public void ConfidencesOutsideTheUnitIntervalAreRejected(double bad)
    {
        foreach (var binning in Enum.GetValues<CalibrationBinning>())
        {
            var e = Assert.Throws<ArgumentException>(() =>
                Calibration.Compute([0.5, bad], [true, false], new CalibrationOptions { Binning = binning }));
            Assert.Equal("confidences", e.ParamName);
            Assert.Contains("confidences[1]", e.Message);
        }
    }

    [Fact]
    public void OtherBadInputNamesTheArgument()
    {
        Assert.Equal("confidences", Assert.Throws<ArgumentException>(() => Calibration.Ece([], [])).ParamName);
        Assert.Equal("correct", Assert.Throws<ArgumentException>(() => Calibration.Ece([0.5], [true, false])).ParamName);
        Assert.Equal("options", Assert.Throws<ArgumentException>(() => Calibration.Ece([0.5], [true], new CalibrationOptions { Bins = 0 })).ParamName);
        Assert.Equal("options", Assert.Throws<ArgumentException>(() => Calibration.Ece([0.5], [true], new CalibrationOptions { Binning = (CalibrationBinning)7 })).ParamName);
    }
}
