using Microsoft.Extensions.AI;
using WrongOverWrong.Chat;
using WrongOverWrong.Elicitation;
using WrongOverWrong.Tasks.NLGraph;

namespace WrongOverWrong.MainJob.JudgeModel;

/// <summary>
/// Builds the judge's data: answers sampled from the generator and graded by the oracle, then judge
/// prompts rendered by <see cref="JudgePrompt"/> from the elicitors' own templates, with the reply the
/// elicitors' parser reads.
/// </summary>
public static class JudgeTrainingData
{
    /// <summary>New tokens per sampled answer: the main job's and the comparison harness's setting (<see cref="ShippedModel.ShippedModelRecipe.AnswerTokens"/>).</summary>
    public const int AnswerTokens = ShippedModel.ShippedModelRecipe.AnswerTokens;

    /// <summary>Questions whose answers are sampled in one generation batch.</summary>
    private const int QuestionsPerBatch = 8;

    /// <summary>Samples <paramref name="samples"/> answers per question at temperature 1 and grades them; with probability <paramref name="goldShare"/> the gold answer joins.</summary>
    /// <param name="generator">The generator (batched when it is a <see cref="IBatchChatClient"/>).</param>
    /// <param name="questions">The questions.</param>
    /// <param name="samples">Answers per question.</param>
    /// <param name="goldShare">Probability that a question's gold answer is added as a candidate.</param>
    /// <param name="seed">Seed of sampling and of the gold draw.</param>
    /// <param name="progress">Receives the number of questions done.</param>
    /// <param name="cancellationToken">Stops between batches.</param>
    public static async Task<IReadOnlyList<JudgeQuestion>> SampleAsync(IChatClient generator, IReadOnlyList<Question> questions, int samples, double goldShare, int seed, Action<int>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(generator);
        ArgumentNullException.ThrowIfNull(questions);
        var oracle = new ShortestPathOracle();
        var batched = generator.GetService<IBatchChatClient>();
        var random = new Random(seed);
        var result = new List<JudgeQuestion>(questions.Count);
        foreach (var chunk in questions.Chunk(QuestionsPerBatch))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var requests = chunk.Select((q, i) => new ChatBatchRequest(
                [new ChatMessage(ChatRole.User, oracle.BuildPrompt(q))],
                samples,
                new ChatOptions { Temperature = 1f, TopP = 1f, MaxOutputTokens = AnswerTokens, Seed = seed + result.Count + i })).ToList();
            IReadOnlyList<IReadOnlyList<ChatResponse>> responses = batched is not null
                ? await batched.GetBatchResponsesAsync(requests, cancellationToken).ConfigureAwait(false)
                : await SampleOneByOneAsync(generator, requests, cancellationToken).ConfigureAwait(false);
            for (int i = 0; i < chunk.Length; i++)
            {
                var texts = responses[i].Select(r => r.Text).ToList();
                if (chunk[i].GoldAnswer is { } gold && random.NextDouble() < goldShare)
                {
                    texts.Add(gold);
                }

                result.Add(new JudgeQuestion(chunk[i], [.. texts.Select((t, index) => Grade(oracle, chunk[i], index, t))]));
            }

            progress?.Invoke(result.Count);
        }

        return result;
    }

    private static async Task<IReadOnlyList<IReadOnlyList<ChatResponse>>> SampleOneByOneAsync(IChatClient generator, IReadOnlyList<ChatBatchRequest> requests, CancellationToken cancellationToken)
    {
        var all = new List<IReadOnlyList<ChatResponse>>();
        foreach (var request in requests)
        {
            var responses = new List<ChatResponse>();
            for (int s = 0; s < request.Count; s++)
            {
                var options = request.Options!.Clone();
                options.Seed = request.Options.Seed * 131 + s;
                responses.Add(await generator.GetResponseAsync(request.Messages, options, cancellationToken).ConfigureAwait(false));
            }

            all.Add(responses);
        }

        return all;
    }

    /// <summary>Grades one answer text as candidate <paramref name="index"/> of <paramref name="question"/>.</summary>
    /// <param name="oracle">The oracle.</param>
    /// <param name="question">The question.</param>
    /// <param name="index">The candidate's index.</param>
    /// <param name="text">The answer.</param>
    public static GradedAnswer Grade(ShortestPathOracle oracle, Question question, int index, string text)
    {
        ArgumentNullException.ThrowIfNull(oracle);
        ArgumentNullException.ThrowIfNull(question);
        ExtractedAnswer? extracted = oracle.ExtractFinalAnswer(question, text);
        var candidate = new Candidate { QuestionId = question.Id, Index = index, Generator = "wow-tiny-sp", Response = text, FinalAnswer = extracted?.Text };
        Grade grade = oracle.Grade(question, candidate);
        return new GradedAnswer(candidate, grade, extracted?.Value, JudgeScale.Score(grade, extracted is not null));
    }

    /// <summary>
    /// Score-judge examples of one question: <paramref name="prompts"/> shuffles of its candidates,
    /// each cut into batches of at most <paramref name="batchSize"/> the way the elicitor cuts them
    /// (so remainder batches of 1 to k-1 responses occur too).
    /// </summary>
    /// <param name="question">The graded question.</param>
    /// <param name="prompts">Shuffles drawn.</param>
    /// <param name="batchSize">k.</param>
    /// <param name="random">The draw.</param>
    public static IEnumerable<(string Prompt, string Completion)> ScoreExamples(JudgeQuestion question, int prompts, int batchSize, Random random)
    {
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(random);
        for (int p = 0; p < prompts; p++)
        {
            // The elicitor judges only candidates that are in a pair, so a question's judged set is a
            // subset of its answers; a random subset size gives the batch sizes it meets.
            var shuffled = question.Answers.ToArray();
            random.Shuffle(shuffled);
            int take = random.Next(Math.Min(2, shuffled.Length), shuffled.Length + 1);
            foreach (var batch in shuffled.Take(take).Chunk(batchSize))
            {
                yield return ScoreExample(question.Question, batch);
            }
        }
    }

    /// <summary>The score-judge prompt for <paramref name="batch"/> (the elicitor's template and builder) and its reply.</summary>
    /// <param name="question">The question.</param>
    /// <param name="batch">The responses in the order shown.</param>
    public static (string Prompt, string Completion) ScoreExample(Question question, IReadOnlyList<GradedAnswer> batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        string prompt = JudgePrompt.Build(JudgePromptTemplates.Score, question, [.. batch.Select(a => a.Candidate)], showOptions: true);
        return (prompt, JudgeScale.ScoreReply([.. batch.Select(a => a.StatedTotal)], [.. batch.Select(a => a.Score)]));
    }

    /// <summary>
    /// Pairwise examples of one question: up to <paramref name="pairs"/> pairs whose oracle proxies
    /// differ, each in both orders (the elicitor asks both and keeps agreeing verdicts), the reply
    /// naming the less wrong one. Pairs of two wrong answers come first, since those are what Acc_WoW
    /// measures; a pair with a correct answer is drawn when no such pair is left.
    /// </summary>
    /// <param name="question">The graded question.</param>
    /// <param name="pairs">Pairs drawn.</param>
    /// <param name="random">The draw.</param>
    public static IEnumerable<(string Prompt, string Completion)> PairwiseExamples(JudgeQuestion question, int pairs, Random random)
    {
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(random);
        var all = new List<(GradedAnswer A, GradedAnswer B)>();
        for (int i = 0; i < question.Answers.Count; i++)
        {
            for (int j = i + 1; j < question.Answers.Count; j++)
            {
                if (question.Answers[i].Grade.TrainingProxy != question.Answers[j].Grade.TrainingProxy)
                {
                    all.Add((question.Answers[i], question.Answers[j]));
                }
            }
        }

        var drawn = all.OrderBy(p => p.A.Grade.IsCorrect || p.B.Grade.IsCorrect ? 1 : 0).ThenBy(_ => random.Next()).Take(pairs);
        foreach (var (a, b) in drawn)
        {
            yield return PairwiseExample(question.Question, a, b);
            yield return PairwiseExample(question.Question, b, a);
        }
    }

    /// <summary>The pairwise prompt showing <paramref name="first"/> then <paramref name="second"/>, and the reply naming the less wrong.</summary>
    /// <param name="question">The question.</param>
    /// <param name="first">Response 1.</param>
    /// <param name="second">Response 2.</param>
    public static (string Prompt, string Completion) PairwiseExample(Question question, GradedAnswer first, GradedAnswer second)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        string prompt = JudgePrompt.Build(JudgePromptTemplates.Pairwise, question, [first.Candidate, second.Candidate], showOptions: true);
        return (prompt, JudgeScale.PairwiseReply(first.Grade.TrainingProxy > second.Grade.TrainingProxy ? 1 : 2));
    }
}
