using System.Globalization;

namespace WrongOverWrong.MainJob.JudgeModel;

/// <summary>What a probe of the judge measured on held-out judge prompts, greedy as the elicitors decode.</summary>
/// <param name="ScorePrompts">Score-judge prompts asked.</param>
/// <param name="ScoreParsed">Share of them whose reply <see cref="Elicitation.JudgeVerdictParser.ParseScores"/> reads (right count, all 0-5).</param>
/// <param name="ExactScore">Share of responses (in parsed replies) whose score is the oracle's.</param>
/// <param name="ScoreWoW">Over pairs of wrong responses in one parsed prompt whose oracle proxies differ: share the scores order the way the oracle does (ties count as misses).</param>
/// <param name="PairwisePrompts">Pairwise prompts asked (each pair in both orders).</param>
/// <param name="PairwiseParsed">Share of them with a <c>Preferred output: N</c> line.</param>
/// <param name="PairwiseAccuracy">Share of all pairwise prompts naming the less wrong response.</param>
public sealed record JudgeProbeResult(int ScorePrompts, double ScoreParsed, double ExactScore, double ScoreWoW, int PairwisePrompts, double PairwiseParsed, double PairwiseAccuracy)
{
    /// <inheritdoc/>
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"score judge: parsed {ScoreParsed:P1}, exact score {ExactScore:P1}, wrong-over-wrong order {ScoreWoW:P1} ({ScorePrompts} prompts); pairwise: parsed {PairwiseParsed:P1}, right {PairwiseAccuracy:P1} ({PairwisePrompts} prompts)");
}
