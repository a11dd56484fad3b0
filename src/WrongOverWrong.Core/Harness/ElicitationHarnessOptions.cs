using WrongOverWrong.Metrics.Pairs;
using WrongOverWrong.Metrics.Statistics;

namespace WrongOverWrong.Harness;

/// <summary>Settings of <see cref="ElicitationHarness"/>.</summary>
public sealed class ElicitationHarnessOptions
{
    /// <summary>The margins reported (default M_100, M_50, M_10). Pairwise methods get M_100 only.</summary>
    public IList<Margin> Margins { get; set; } = [.. Margin.Paper];

    /// <summary>Bootstrap resamples for the Acc_WoW interval, drawn over questions (default 1000; 0 disables the interval).</summary>
    public int BootstrapResamples { get; set; } = 1000;

    /// <summary>Confidence level of the interval (default 0.95).</summary>
    public double Confidence { get; set; } = 0.95;

    /// <summary>Seed of the bootstrap (default 42).</summary>
    public int Seed { get; set; } = 42;

    /// <summary>Questions elicited concurrently (default 4); judges bound their own calls too.</summary>
    public int MaxParallelQuestions { get; set; } = 4;

    /// <summary>Returns a copy.</summary>
    public ElicitationHarnessOptions Clone()
    {
        var copy = (ElicitationHarnessOptions)MemberwiseClone();
        copy.Margins = [.. Margins];
        return copy;
    }
}
