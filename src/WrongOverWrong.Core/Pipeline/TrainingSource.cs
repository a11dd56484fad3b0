using WrongOverWrong.Harness;
using WrongOverWrong.Metrics.Pairs;

namespace WrongOverWrong.Pipeline;

/// <summary>
/// Where a training set's preferences come from (PAPER.md, "Phase 2"): the oracle's WoW order, an
/// elicitor at a margin (the pairwise judge at M_100 with its swap check), right-over-wrong pairs,
/// or the 50:50 mix of RoW and oracle WoW.
/// </summary>
/// <param name="Kind">The kind of source.</param>
/// <param name="Elicitor">For <see cref="TrainingSourceKind.Elicited"/>: the elicitor's name.</param>
/// <param name="Margin">For <see cref="TrainingSourceKind.Elicited"/>: the margin label (<c>M_100</c>, <c>M_50</c>, <c>M_10</c>).</param>
public sealed record TrainingSource(TrainingSourceKind Kind, string? Elicitor = null, string? Margin = null)
{
    /// <summary>Oracle-ordered wrong-over-wrong pairs.</summary>
    public static TrainingSource OracleWoW { get; } = new(TrainingSourceKind.OracleWrongOverWrong);

    /// <summary>Right-over-wrong pairs (the correct answer chosen).</summary>
    public static TrainingSource RightOverWrong { get; } = new(TrainingSourceKind.RightOverWrong);

    /// <summary>The 50:50 mix of right-over-wrong and oracle wrong-over-wrong pairs (the paper's best calibrated).</summary>
    public static TrainingSource Mix { get; } = new(TrainingSourceKind.Mix);

    /// <summary>An elicitor's verdicts kept at a margin (a pairwise judge supports M_100 only).</summary>
    /// <param name="elicitor">The elicitor's name.</param>
    /// <param name="margin">The margin.</param>
    public static TrainingSource Elicited(string elicitor, Margin margin)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(elicitor);
        ArgumentNullException.ThrowIfNull(margin);
        return new(TrainingSourceKind.Elicited, elicitor, margin.Name);
    }

    /// <summary>The source's name in files, arm names and reports: <c>oracle-wow</c>, <c>row</c>, <c>mix</c> or <c>elicitor@M_50</c>.</summary>
    public string Name => Kind switch
    {
        TrainingSourceKind.OracleWrongOverWrong => "oracle-wow",
        TrainingSourceKind.RightOverWrong => "row",
        TrainingSourceKind.Mix => "mix",
        _ => $"{Elicitor}@{Margin}",
    };

    /// <inheritdoc />
    public override string ToString() => Name;
}
