using WrongOverWrong.Metrics.Pairs;

namespace WrongOverWrong.Tests.TestDoubles;

/// <summary>Small hand-made questions, answer sets and pairs.</summary>
public static class TestData
{
    public static Question CapitalQuestion(string id = "q1") => new()
    {
        Id = id,
        Task = "fake-mc",
        Prompt = "What is the capital of France?",
        Options =
        [
            new AnswerOption("Lyon", 0.3, false),
            new AnswerOption("Paris", 1.0, true),
            new AnswerOption("Berlin", 0.0, false),
            new AnswerOption("Marseille", 0.2, false),
        ],
    };

    public static Question NumericQuestion(string id) => new()
    {
        Id = id,
        Task = "fake-numeric",
        Prompt = $"Question {id}: what is 6 times 7?",
        GoldAnswer = "42",
    };

    public static Candidate Candidate(string questionId, int index, string response, string? finalAnswer = null, int? tokens = null, double? logProb = null, int? option = null, IReadOnlyList<int>? order = null) => new()
    {
        QuestionId = questionId,
        Index = index,
        Generator = "g",
        Response = response,
        FinalAnswer = finalAnswer,
        TokenCount = tokens,
        MeanLogProbability = logProb,
        OptionIndex = option,
        OptionOrder = order,
    };

    /// <summary>A wrong-over-wrong pair of two candidates with the given gold order.</summary>
    public static CandidatePair Pair(AnswerSet set, int first, int second, bool firstIsBetter)
    {
        var graded = TestGrading.WithPlaceholderGrades(set);
        return new(graded, graded.Candidates[first], graded.Candidates[second], PairKind.WrongOverWrong, firstIsBetter ? PairWinner.First : PairWinner.Second);
    }
}
