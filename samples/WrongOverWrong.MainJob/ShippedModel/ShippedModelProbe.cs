using Microsoft.Extensions.AI;
using WrongOverWrong.Metrics.Statistics;
using WrongOverWrong.Tasks;
using WrongOverWrong.Tasks.NLGraph;

namespace WrongOverWrong.MainJob.ShippedModel;

/// <summary>What a probe of the generator measured on fresh questions at temperature 1.</summary>
/// <param name="Questions">Questions probed.</param>
/// <param name="Answers">Answers sampled (questions x samples).</param>
/// <param name="Accuracy">Share of answers whose stated total weight is the shortest path's.</param>
/// <param name="Parsable">Share of answers the oracle could read.</param>
/// <param name="DistinctWrongTotals">Mean number of distinct wrong totals per question.</param>
/// <param name="MeanWrongCor">Mean clipped proxy (cor) of the wrong answers, p_wrong.</param>
public sealed record ProbeResult(int Questions, int Answers, double Accuracy, double Parsable, double DistinctWrongTotals, double MeanWrongCor)
{
    /// <summary>95% bootstrap interval of <see cref="Accuracy"/> over questions (null when none was probed).</summary>
    public ConfidenceInterval? AccuracyInterval { get; init; }

    /// <summary>
    /// Share of answers right by the strict rule (<see cref="GradingRule.Strict"/>: the stated path must
    /// exist and weigh the stated total) where <see cref="Accuracy"/> uses the paper's rule (the total alone).
    /// </summary>
    public double StrictAccuracy { get; init; }

    /// <inheritdoc/>
    public override string ToString() =>
        $"acc {Accuracy:P1}, parsable {Parsable:P1}, distinct wrong totals/question {DistinctWrongTotals:F2}, p_wrong {MeanWrongCor:F3} ({Answers} answers to {Questions} questions)";
}

/// <summary>Samples answers to fresh questions and grades them with the exact oracle.</summary>
public static class ShippedModelProbe
{
    /// <summary>Tokens an answer may take: room for a Dijkstra trace over NLGraph's hard graphs (20 nodes) and the answer sentence.</summary>
    public const int MaxOutputTokens = 320;

    /// <summary>Samples <paramref name="samples"/> answers per question at temperature 1 and grades them.</summary>
    /// <param name="client">The generator.</param>
    /// <param name="questions">Fresh shortest-path questions.</param>
    /// <param name="samples">Answers per question.</param>
    /// <param name="seed">Base seed; question i uses seed + i.</param>
    /// <param name="cancellationToken">Stops between questions.</param>
    public static async Task<ProbeResult> RunAsync(IChatClient client, IReadOnlyList<Question> questions, int samples, int seed, CancellationToken cancellationToken = default)
    {
        var oracle = new ShortestPathOracle();
        var strictOracle = new ShortestPathOracle(new ShortestPathOracleOptions { Rule = GradingRule.Strict });
        int answers = 0, correct = 0, strictCorrect = 0, parsable = 0, wrong = 0;
        double wrongCor = 0, distinct = 0;
        var questionAccuracies = new List<double>(questions.Count);
        var batched = client.GetService<Training.Chat.LocalChatClient>();
        for (int i = 0; i < questions.Count; i++)
        {
            Question question = questions[i];
            var messages = new[] { new ChatMessage(ChatRole.User, oracle.BuildPrompt(question)) };
            var options = new ChatOptions { Temperature = 1.0f, TopP = 1.0f, MaxOutputTokens = MaxOutputTokens, Seed = seed + i };
            IReadOnlyList<ChatResponse> responses = batched is not null
                ? await batched.GetResponsesAsync(messages, samples, options, cancellationToken).ConfigureAwait(false)
                : await Task.WhenAll(Enumerable.Range(0, samples).Select(s => client.GetResponseAsync(messages, options, cancellationToken))).ConfigureAwait(false);
            var wrongTotals = new HashSet<double>();
            int questionCorrect = 0;
            for (int s = 0; s < responses.Count; s++)
            {
                string text = responses[s].Text;
                ExtractedAnswer? extracted = oracle.ExtractFinalAnswer(question, text);
                var candidate = new Candidate { QuestionId = question.Id, Index = s, Generator = "probe", Response = text, FinalAnswer = extracted?.Text };
                Grade grade = oracle.Grade(question, candidate);
                strictCorrect += strictOracle.Grade(question, candidate).IsCorrect ? 1 : 0;
                answers++;
                if (extracted is not null)
                {
                    parsable++;
                }

                if (grade.IsCorrect)
                {
                    correct++;
                    questionCorrect++;
                }
                else
                {
                    wrong++;
                    wrongCor += grade.Cor;
                    if (extracted?.Value is double value)
                    {
                        wrongTotals.Add(value);
                    }
                }
            }

            distinct += wrongTotals.Count;
            questionAccuracies.Add(responses.Count == 0 ? 0 : (double)questionCorrect / responses.Count);
        }

        return new ProbeResult(
            questions.Count,
            answers,
            answers == 0 ? 0 : (double)correct / answers,
            answers == 0 ? 0 : (double)parsable / answers,
            questions.Count == 0 ? 0 : distinct / questions.Count,
            wrong == 0 ? 0 : wrongCor / wrong)
        {
            AccuracyInterval = questionAccuracies.Count == 0 ? null : Bootstrap.Mean(questionAccuracies),
            StrictAccuracy = answers == 0 ? 0 : (double)strictCorrect / answers,
        };
    }
}
