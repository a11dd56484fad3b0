using WrongOverWrong.Metrics.Pairs;

namespace WrongOverWrong.Benchmarks.Throughput;

/// <summary>
/// Graded answer sets and a score-type stand-in elicitor for the pairing scaling figure: each
/// question has 10 candidates, one in ten correct, wrong ones with a proxy on a 0.05 grid (so some
/// pairs tie and are dropped, as with real oracles); the stand-in's score is the proxy plus
/// Gaussian noise, so Acc_WoW is well above chance but not 1 and margins have gaps to rank.
/// </summary>
internal static class SyntheticVerdicts
{
    public const int CandidatesPerQuestion = 10;

    public static List<GradedAnswerSet> Sets(int questions, int seed)
    {
        var random = new Random(seed);
        var sets = new List<GradedAnswerSet>(questions);
        for (int q = 0; q < questions; q++)
        {
            var question = new Question { Id = $"q{q:D6}", Task = "synthetic", Prompt = $"question {q}" };
            var candidates = new List<GradedCandidate>(CandidatesPerQuestion);
            for (int i = 0; i < CandidatesPerQuestion; i++)
            {
                bool correct = random.Next(10) == 0;
                double proxy = correct ? 1.0 : Math.Round(random.NextDouble() * 19) / 20;
                var candidate = new Candidate { QuestionId = question.Id, Index = i, Generator = "synthetic", Response = $"answer {i}", FinalAnswer = $"{i}" };
                candidates.Add(new GradedCandidate(candidate, new Grade(proxy, proxy, correct)));
            }

            sets.Add(new GradedAnswerSet(question, candidates));
        }

        return sets;
    }

    /// <summary>The stand-in elicitor's verdict on each pair: proxy + N(0, 0.2) per candidate.</summary>
    public static List<PairVerdict> Elicit(IReadOnlyList<CandidatePair> pairs, int seed)
    {
        var random = new Random(seed);
        var verdicts = new List<PairVerdict>(pairs.Count);
        foreach (CandidatePair pair in pairs)
        {
            double first = pair.First.Grade.TrainingProxy + (0.2 * Gaussian(random));
            double second = pair.Second.Grade.TrainingProxy + (0.2 * Gaussian(random));
            PairPrediction predicted = first > second ? PairPrediction.First : first < second ? PairPrediction.Second : PairPrediction.Tie;
            verdicts.Add(new PairVerdict(pair, "synthetic", predicted, first, second));
        }

        return verdicts;
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
