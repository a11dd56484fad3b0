using Microsoft.Extensions.AI;
using WrongOverWrong.Chat;
using WrongOverWrong.Elicitation;

namespace WrongOverWrong.MainJob.JudgeModel;

/// <summary>Asks the judge held-out judge prompts greedily and compares its replies with the oracle's.</summary>
public static class JudgeModelProbe
{
    /// <summary>New tokens a judge reply may take: the one-line reasoning and five score lines.</summary>
    public const int MaxReplyTokens = 96;

    /// <summary>The fixed probe prompts of <paramref name="questions"/>: every answer once in score batches of <paramref name="batchSize"/>, and two pairs in both orders.</summary>
    /// <param name="questions">Held-out graded questions.</param>
    /// <param name="batchSize">k.</param>
    /// <param name="seed">Seed of the draws.</param>
    public static JudgeProbeSet Build(IReadOnlyList<JudgeQuestion> questions, int batchSize, int seed)
    {
        ArgumentNullException.ThrowIfNull(questions);
        var random = new Random(seed);
        var score = new List<(string Prompt, IReadOnlyList<GradedAnswer> Batch)>();
        var pairwise = new List<(string Prompt, string Completion)>();
        foreach (var question in questions)
        {
            foreach (var batch in question.Answers.Chunk(batchSize))
            {
                score.Add((JudgeTrainingData.ScoreExample(question.Question, batch).Prompt, batch));
            }

            pairwise.AddRange(JudgeTrainingData.PairwiseExamples(question, 2, random));
        }

        return new JudgeProbeSet(score, pairwise);
    }

    /// <summary>Asks every probe prompt and scores the replies.</summary>
    /// <param name="judge">The judge.</param>
    /// <param name="probes">The prompts.</param>
    /// <param name="cancellationToken">Stops between batches.</param>
    public static async Task<JudgeProbeResult> RunAsync(IChatClient judge, JudgeProbeSet probes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(judge);
        ArgumentNullException.ThrowIfNull(probes);
        var replies = await AskAsync(judge, [.. probes.Score.Select(s => s.Prompt), .. probes.Pairwise.Select(p => p.Prompt)], cancellationToken).ConfigureAwait(false);
        int parsed = 0, responses = 0, exact = 0, wowPairs = 0, wowRight = 0;
        for (int i = 0; i < probes.Score.Count; i++)
        {
            var batch = probes.Score[i].Batch;
            var scores = JudgeVerdictParser.ParseScores(replies[i], batch.Count);
            if (scores is null)
            {
                continue;
            }

            parsed++;
            for (int a = 0; a < batch.Count; a++)
            {
                responses++;
                exact += scores[a] == batch[a].Score ? 1 : 0;
                for (int b = a + 1; b < batch.Count; b++)
                {
                    var (x, y) = (batch[a].Grade, batch[b].Grade);
                    if (!x.IsCorrect && !y.IsCorrect && x.Cor != y.Cor)
                    {
                        wowPairs++;
                        wowRight += Math.Sign(scores[a] - scores[b]) == Math.Sign(x.Cor - y.Cor) ? 1 : 0;
                    }
                }
            }
        }

        int pairParsed = 0, pairRight = 0;
        for (int i = 0; i < probes.Pairwise.Count; i++)
        {
            int? verdict = JudgeVerdictParser.ParsePairwise(replies[probes.Score.Count + i]);
            pairParsed += verdict is null ? 0 : 1;
            pairRight += verdict is { } v && v == JudgeVerdictParser.ParsePairwise(probes.Pairwise[i].Completion) ? 1 : 0;
        }

        static double Share(int part, int whole) => whole == 0 ? 0 : (double)part / whole;
        return new JudgeProbeResult(
            probes.Score.Count,
            Share(parsed, probes.Score.Count),
            Share(exact, responses),
            Share(wowRight, wowPairs),
            probes.Pairwise.Count,
            Share(pairParsed, probes.Pairwise.Count),
            Share(pairRight, probes.Pairwise.Count));
    }

    private static async Task<IReadOnlyList<string>> AskAsync(IChatClient judge, IReadOnlyList<string> prompts, CancellationToken cancellationToken)
    {
        // Greedy, as JudgeCaller asks; batched when the client can, since probes run between training steps.
        var options = new ChatOptions { Temperature = 0f, MaxOutputTokens = MaxReplyTokens };
        var batched = judge.GetService<IBatchChatClient>();
        var replies = new List<string>(prompts.Count);
        foreach (var chunk in prompts.Chunk(16))
        {
            if (batched is not null)
            {
                var responses = await batched.GetBatchResponsesAsync([.. chunk.Select(p => new ChatBatchRequest([new ChatMessage(ChatRole.User, p)], 1, options))], cancellationToken).ConfigureAwait(false);
                replies.AddRange(responses.Select(r => r[0].Text));
            }
            else
            {
                foreach (string prompt in chunk)
                {
                    replies.Add((await judge.GetResponseAsync([new ChatMessage(ChatRole.User, prompt)], options, cancellationToken).ConfigureAwait(false)).Text);
                }
            }
        }

        return replies;
    }
}
