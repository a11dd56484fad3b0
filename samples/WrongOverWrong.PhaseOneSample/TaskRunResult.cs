using WrongOverWrong.Harness;
using WrongOverWrong.Pairing;

namespace WrongOverWrong.Samples.PhaseOne;

/// <summary>What one task's run produced, for the summary and the table.</summary>
internal sealed record TaskRunResult
{
    public required SampleTask Task { get; init; }

    public required LoadedQuestions Questions { get; init; }

    public required SamplingSummary Sampling { get; init; }

    public required int Candidates { get; init; }

    public required int Parsable { get; init; }

    public required int Correct { get; init; }

    /// <summary>Candidates whose response came with token log-probabilities (the log-prob elicitor needs them).</summary>
    public required int WithLogProbabilities { get; init; }

    public required PairingReport Pairing { get; init; }

    public required IReadOnlyList<ElicitationReport> Reports { get; init; }

    /// <summary>Pairs the pairwise judge abstained on (the swapped order disagreed or a reply was unreadable).</summary>
    public required int PairwiseAbstentions { get; init; }

    public required long ScoreJudgeNullBatches { get; init; }

    public required string Folder { get; init; }
}

/// <summary>This run's sampling calls and tokens, and the questions read back from an earlier run instead.</summary>
internal sealed record SamplingSummary(long Calls, long InputTokens, long OutputTokens, int QuestionsResumed, int QuestionsTotal);
