using WrongOverWrong.Metrics.Pairs;

namespace WrongOverWrong;

/// <summary>An elicitor's prediction for one pair.</summary>
/// <param name="Pair">The pair judged.</param>
/// <param name="Method">Name of the elicitor that produced the verdict.</param>
/// <param name="Predicted">Which candidate was predicted less wrong, a tie, or an abstention.</param>
/// <param name="FirstScore">The method's score for the first candidate (score-type methods only).</param>
/// <param name="SecondScore">The method's score for the second candidate (score-type methods only).</param>
public sealed record PairVerdict(CandidatePair Pair, string Method, PairPrediction Predicted, double? FirstScore = null, double? SecondScore = null)
{
    /// <summary>
    /// The score gap |s1 - s2| used by margin filters (<see cref="ScoredPair.GapBetween"/>: +inf when
    /// exactly one score is infinite); <see langword="null"/> for pairwise verdicts.
    /// </summary>
    public double? Gap => FirstScore is { } a && SecondScore is { } b ? ScoredPair.GapBetween(a, b) : null;

    /// <summary>Whether the verdict agrees with the oracle's order (ties and abstentions never do).</summary>
    public bool IsCorrect => ToScoredPair().IsCorrect;

    /// <summary>
    /// The Metrics view of this verdict: its gap (none for pairwise verdicts and abstentions), its
    /// prediction and the oracle's order.
    /// </summary>
    public ScoredPair ToScoredPair() =>
        new(Predicted == PairPrediction.Abstained ? null : Gap, Predicted, Pair.Gold);

    /// <summary>
    /// The training preference this verdict implies under <paramref name="prompt"/>, or
    /// <see langword="null"/> for ties and abstentions. The texts are used as they are: for
    /// multiple-choice tasks, whose candidates saw their own option orders, use
    /// <c>WrongOverWrong.Pipeline.PairPreferences.FromVerdict</c> instead, which takes the chosen
    /// candidate's prompt and re-letters the rejected answer into it.
    /// </summary>
    /// <param name="prompt">The prompt the two responses answer.</param>
    public Preference? ToPreference(string prompt)
    {
        var (chosen, rejected) = Predicted switch
        {
            PairPrediction.First => (Pair.First, Pair.Second),
            PairPrediction.Second => (Pair.Second, Pair.First),
            _ => (null, null),
        };
        if (chosen is null || rejected is null)
        {
            return null;
        }

        return new Preference
        {
            QuestionId = Pair.Set.Question.Id,
            Prompt = prompt,
            Chosen = chosen.Response,
            Rejected = rejected.Response,
            Method = Method,
            Kind = Pair.Kind,
            Gap = Gap,
        };
    }
}
