using Microsoft.Extensions.AI;
using WrongOverWrong.Chat;

namespace WrongOverWrong.Sources;

// The batched path: with a client that offers IBatchChatClient (a local model), every answer of a
// group of questions is sampled in one call and their final-answer turns in a second, instead of
// one call per answer. Seeds, prompts, option orders and candidates are those of the per-answer
// path, so both give the same answer sets with a client that honours seeds.
public sealed partial class ChatAnswerSource
{
    private async Task SampleBatchedAsync(
        IBatchChatClient batch,
        ITaskOracle task,
        List<Question> pending,
        RunState run,
        Func<AnswerSet, CancellationToken, Task> complete,
        CancellationToken cancellationToken)
    {
        foreach (var group in pending.Chunk(_options.QuestionsPerBatch))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var samples = new List<BatchedSample>();
            foreach (var question in group)
            {
                for (var index = 0; index < _options.SamplesPerQuestion; index++)
                {
                    IReadOnlyList<int>? order = task.IsMultipleChoice && question.Options is { Count: > 0 } options
                        ? SampleSeeds.OptionOrder(_options.Seed, question.Id, index, options.Count)
                        : null;
                    samples.Add(new BatchedSample(question, index, order, task.BuildPrompt(question, order), SampleSeeds.AnswerSeed(_options.Seed, question.Id, index)));
                }
            }

            // First turn: samples of one question with the same prompt share a request (one prefill).
            var sampling = new ChatOptions
            {
                Temperature = _options.Temperature,
                TopP = _options.TopP,
                MaxOutputTokens = _options.MaxOutputTokens,
                ModelId = _options.ModelId,
            };
            if (_options.RequestLogProbabilities)
            {
                sampling = OpenAILogProbabilityReader.RequestLogProbabilities(sampling);
            }

            var firstTurns = samples.GroupBy(s => (s.Question.Id, s.Prompt)).Select(g => g.ToList()).ToList();
            var firstResponses = await CallBatchAsync(
                batch,
                firstTurns.Select(g => new ChatBatchRequest([new ChatMessage(ChatRole.User, g[0].Prompt)], g.Count, sampling, g.Select(s => s.Seed).ToArray())).ToList(),
                run,
                cancellationToken).ConfigureAwait(false);
            for (var r = 0; r < firstTurns.Count; r++)
            {
                for (var k = 0; k < firstTurns[r].Count; k++)
                {
                    firstTurns[r][k].First = firstResponses[r][k];
                }
            }

            foreach (var sample in samples)
            {
                if (_options.Extraction is FinalAnswerExtraction.Direct or FinalAnswerExtraction.DirectThenSecondTurn)
                {
                    sample.Answer = task.ExtractFinalAnswer(sample.Question, sample.First!.Text, sample.Order);
                }
            }

            // Second turn (greedy final answer), batched the same way, for the samples that need it.
            var followUps = samples
                .Where(s => s.Answer is null && _options.Extraction is FinalAnswerExtraction.SecondTurn or FinalAnswerExtraction.DirectThenSecondTurn)
                .ToList();
            if (followUps.Count > 0)
            {
                var greedy = new ChatOptions { Temperature = 0f, MaxOutputTokens = _options.FinalAnswerMaxOutputTokens, ModelId = _options.ModelId };
                var secondResponses = await CallBatchAsync(
                    batch,
                    followUps.Select(s => new ChatBatchRequest(
                        [new ChatMessage(ChatRole.User, s.Prompt), new ChatMessage(ChatRole.Assistant, s.First!.Text), new ChatMessage(ChatRole.User, task.FinalAnswerInstruction)],
                        1,
                        greedy,
                        [s.Seed])).ToList(),
                    run,
                    cancellationToken).ConfigureAwait(false);
                for (var i = 0; i < followUps.Count; i++)
                {
                    followUps[i].Answer = ReadFinalAnswerTurn(task, followUps[i].Question, followUps[i].First!.Text, secondResponses[i][0].Text, followUps[i].Order);
                }
            }

            foreach (var question in group)
            {
                var candidates = samples.Where(s => ReferenceEquals(s.Question, question)).Select(ToCandidate).ToList();
                await complete(new AnswerSet(question, candidates), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static async Task<IReadOnlyList<IReadOnlyList<ChatResponse>>> CallBatchAsync(IBatchChatClient batch, List<ChatBatchRequest> requests, RunState run, CancellationToken cancellationToken)
    {
        // No retries here: a batch client is local, and its failures are not transient.
        var responses = await batch.GetBatchResponsesAsync(requests, cancellationToken).ConfigureAwait(false);
        if (responses.Count != requests.Count || responses.Zip(requests).Any(p => p.First.Count != p.Second.Count))
        {
            throw new InvalidOperationException("The batch chat client returned a different number of responses than requested.");
        }

        foreach (var response in responses.SelectMany(r => r))
        {
            run.Usage.Record(response);
        }

        return responses;
    }

    private Candidate ToCandidate(BatchedSample sample)
    {
        var first = sample.First!;
        var logProbabilities = LogProbabilities.Get(first);
        return new Candidate
        {
            QuestionId = sample.Question.Id,
            Index = sample.Index,
            Generator = _options.GeneratorName,
            Response = first.Text,
            FinalAnswer = sample.Answer?.Text,
            OptionIndex = sample.Answer?.OptionIndex,
            OptionOrder = sample.Order,
            MeanLogProbability = logProbabilities is { Count: > 0 } lp ? lp.Average() : null,
            TokenCount = first.Usage?.OutputTokenCount is { } n ? (int)n : logProbabilities?.Count,
        };
    }

    private sealed class BatchedSample(Question question, int index, IReadOnlyList<int>? order, string prompt, long seed)
    {
        public Question Question { get; } = question;

        public int Index { get; } = index;

        public IReadOnlyList<int>? Order { get; } = order;

        public string Prompt { get; } = prompt;

        public long Seed { get; } = seed;

        public ChatResponse? First { get; set; }

        public ExtractedAnswer? Answer { get; set; }
    }
}
