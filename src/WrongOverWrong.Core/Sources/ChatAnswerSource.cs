using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using WrongOverWrong.Chat;
using WrongOverWrong.IO;
using WrongOverWrong.Tasks.Extraction;

namespace WrongOverWrong.Sources;

/// <summary>
/// Samples N answers per question from any <see cref="IChatClient"/> (phase 1, steps 1-2 of the
/// paper): a fresh option order per sample for multiple choice, the task's final-answer extraction,
/// and the mean token log-probability when the client reports log-probabilities.
/// </summary>
/// <remarks>
/// Calls run concurrently up to <see cref="ChatAnswerSourceOptions.MaxConcurrency"/> and each
/// finished answer set is appended to
/// <see cref="ChatAnswerSourceOptions.ResultsPath"/> so that a rerun skips finished questions. A
/// stored set is reused only when it matches this run: generator name, candidate count
/// (<see cref="ChatAnswerSourceOptions.SamplesPerQuestion"/>), question prompt and options; a
/// mismatch, or a question id stored twice, stops the run with a <see cref="JsonLinesFormatException"/>
/// naming the file, line and difference (nothing is resampled silently). The source does not retry:
/// put a <see cref="ResilientChatClient"/> in the client's pipeline (<c>UseResilience()</c>). A
/// question whose calls fail stops the run with that exception; sets already yielded (and
/// written) stay valid, so rerunning resumes after them.
/// </remarks>
public sealed partial class ChatAnswerSource : IWrongAnswerSource
{
    private readonly IChatClient _client;
    private readonly ChatAnswerSourceOptions _options;
    private readonly ILogger _logger;

    /// <summary>Initializes a new instance.</summary>
    /// <param name="client">The generator's chat client.</param>
    /// <param name="options">Sampling settings (copied); paper defaults when <see langword="null"/>.</param>
    /// <param name="logger">Receives resume notes; optional.</param>
    public ChatAnswerSource(IChatClient client, ChatAnswerSourceOptions? options = null, ILogger<ChatAnswerSource>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        _client = client;
        _options = options?.Clone() ?? new ChatAnswerSourceOptions();
        _options.Validate();
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <summary>The generator name stored on candidates.</summary>
    public string GeneratorName => _options.GeneratorName;

    /// <inheritdoc />
    public IAsyncEnumerable<AnswerSet> GetAnswerSetsAsync(ITaskOracle task, IEnumerable<Question> questions, CancellationToken cancellationToken = default) =>
        GetAnswerSetsAsync(task, questions, progress: null, cancellationToken);

    /// <summary>
    /// Samples answer sets, streaming each as it completes, and reports progress after each question.
    /// Questions already in the results file are yielded from it first, without model calls.
    /// </summary>
    /// <param name="task">Builds prompts and extracts final answers.</param>
    /// <param name="questions">The questions; ids must be unique.</param>
    /// <param name="progress">Receives a report after each finished question; optional.</param>
    /// <param name="cancellationToken">Cancels sampling; sets already yielded (and written) stay valid.</param>
    public async IAsyncEnumerable<AnswerSet> GetAnswerSetsAsync(ITaskOracle task, IEnumerable<Question> questions, IProgress<SamplingProgress>? progress, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(questions);
        var all = questions.ToList();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var q in all)
        {
            if (!seen.Add(q.Id))
            {
                throw new ArgumentException($"Question id '{q.Id}' occurs more than once.", nameof(questions));
            }
        }

        var run = new RunState(all.Count, new ChatCaller(_client, _options.MaxConcurrency));

        // Opening the writer first cuts a line left unfinished by a crash, so the read below sees
        // only whole lines; that question is then sampled again.
        await using var writer = _options.ResultsPath is { } path ? AnswerSetJsonLines.OpenWriter(path, append: true) : null;
        var finished = new Dictionary<string, AnswerSet>(StringComparer.Ordinal);
        if (writer is not null)
        {
            if (writer.RepairedPartialLineBytes > 0)
            {
                _logger.LogWarning("Cut {Bytes} bytes of an unfinished last line from {Path} (an interrupted write); that question is sampled again.", writer.RepairedPartialLineBytes, writer.Path);
            }

            var lines = new Dictionary<string, long>(StringComparer.Ordinal);
            var byId = all.ToDictionary(q => q.Id, StringComparer.Ordinal);
            await foreach (var (set, line) in JsonLinesReader.ReadAsync(writer.Path, (e, c) => (DomainJson.ReadAnswerSet(e, c), c.LineNumber), cancellationToken).ConfigureAwait(false))
            {
                var id = set.Question.Id;
                if (lines.TryGetValue(id, out var firstLine))
                {
                    throw new JsonLinesFormatException(writer.Path, line, "question.id", $"repeats question '{id}' of line {firstLine}; which set to resume is ambiguous. Remove one of the two lines, or use another ResultsPath.");
                }

                lines[id] = line;
                if (byId.TryGetValue(id, out var question))
                {
                    CheckResumable(writer.Path, line, set, question);
                    finished[id] = set;
                }
            }
        }

        foreach (var q in all)
        {
            if (finished.TryGetValue(q.Id, out var set))
            {
                Interlocked.Increment(ref run.Done);
                Interlocked.Increment(ref run.Resumed);
                progress?.Report(run.Snapshot());
                yield return set;
            }
        }

        var pending = all.Where(q => !finished.ContainsKey(q.Id)).ToList();
        if (pending.Count == 0)
        {
            yield break;
        }

        var channel = Channel.CreateUnbounded<AnswerSet>(new UnboundedChannelOptions { SingleReader = true });
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        async Task CompleteAsync(AnswerSet set, CancellationToken ct)
        {
            if (writer is not null)
            {
                // Not cancellable once the set is complete: it is worth keeping.
                await writer.WriteAsync(set, CancellationToken.None).ConfigureAwait(false);
            }

            Interlocked.Increment(ref run.Done);
            progress?.Report(run.Snapshot());
            await channel.Writer.WriteAsync(set, ct).ConfigureAwait(false);
        }

        var batchClient = _options.BatchWhenAvailable ? _client.GetService<IBatchChatClient>() : null;
        var producer = Task.Run(
            async () =>
            {
                try
                {
                    if (batchClient is not null)
                    {
                        await SampleBatchedAsync(batchClient, task, pending, run, CompleteAsync, linked.Token).ConfigureAwait(false);
                    }
                    else
                    {
                        await Parallel.ForEachAsync(
                            pending,
                            new ParallelOptions { MaxDegreeOfParallelism = _options.MaxConcurrency, CancellationToken = linked.Token },
                            async (question, ct) => await CompleteAsync(await SampleQuestionAsync(task, question, run, ct).ConfigureAwait(false), ct).ConfigureAwait(false)).ConfigureAwait(false);
                    }

                    channel.Writer.Complete();
                }
                catch (Exception ex)
                {
                    channel.Writer.Complete(ex);
                }
            },
            CancellationToken.None);

        try
        {
            await foreach (var set in channel.Reader.ReadAllAsync(CancellationToken.None).ConfigureAwait(false))
            {
                yield return set;
            }
        }
        finally
        {
            // The consumer may stop early (break or an exception): stop the producer and wait for it,
            // so no write to the results file outlives this enumeration.
            await linked.CancelAsync().ConfigureAwait(false);
            await producer.ConfigureAwait(false);
        }

        cancellationToken.ThrowIfCancellationRequested();
    }

    // A stored set is reused only if this source would have produced it: same generator, same
    // sample count, same question text. Anything else (another model's file, a changed N, an edited
    // prompt) would mix incompatible samples into the run without a trace, and resampling would
    // append a second line for the id, so the user must choose.
    private void CheckResumable(string path, long line, AnswerSet stored, Question question)
    {
        const string advice = " Use another ResultsPath, or delete the file (or this line) to sample the question again.";
        var id = question.Id;
        if (stored.Candidates.Count != _options.SamplesPerQuestion)
        {
            throw new JsonLinesFormatException(path, line, "candidates", $"holds {stored.Candidates.Count} candidates for question '{id}', but SamplesPerQuestion is {_options.SamplesPerQuestion}.{advice}");
        }

        var other = stored.Candidates.FirstOrDefault(c => !string.Equals(c.Generator, _options.GeneratorName, StringComparison.Ordinal));
        if (other is not null)
        {
            throw new JsonLinesFormatException(path, line, $"candidates[{stored.Candidates.ToList().IndexOf(other)}].generator", $"is '{other.Generator}' for question '{id}', but this source's GeneratorName is '{_options.GeneratorName}'.{advice}");
        }

        if (!string.Equals(stored.Question.Prompt, question.Prompt, StringComparison.Ordinal))
        {
            throw new JsonLinesFormatException(path, line, "question.prompt", $"of question '{id}' differs from the prompt of the question given now (the question was edited since it was sampled).{advice}");
        }

        var storedOptions = stored.Question.Options?.Select(o => o.Text) ?? [];
        var givenOptions = question.Options?.Select(o => o.Text) ?? [];
        if (!storedOptions.SequenceEqual(givenOptions, StringComparer.Ordinal))
        {
            throw new JsonLinesFormatException(path, line, "question.options", $"of question '{id}' differ from the options of the question given now (the question was edited since it was sampled).{advice}");
        }
    }

    private async Task<AnswerSet> SampleQuestionAsync(ITaskOracle task, Question question, RunState run, CancellationToken cancellationToken)
    {
        var samples = Enumerable.Range(0, _options.SamplesPerQuestion)
            .Select(i => SampleAsync(task, question, i, run, cancellationToken));
        var candidates = await Task.WhenAll(samples).ConfigureAwait(false);
        return new AnswerSet(question, candidates);
    }

    private async Task<Candidate> SampleAsync(ITaskOracle task, Question question, int index, RunState run, CancellationToken cancellationToken)
    {
        IReadOnlyList<int>? order = task.IsMultipleChoice && question.Options is { Count: > 0 } options
            ? SampleSeeds.OptionOrder(_options.Seed, question.Id, index, options.Count)
            : null;
        var prompt = task.BuildPrompt(question, order);
        var seed = SampleSeeds.AnswerSeed(_options.Seed, question.Id, index);
        var sampling = new ChatOptions
        {
            Temperature = _options.Temperature,
            TopP = _options.TopP,
            MaxOutputTokens = _options.MaxOutputTokens,
            ModelId = _options.ModelId,
            Seed = seed,
        };
        if (_options.DistinctCacheKeyPerSample)
        {
            sampling.AdditionalProperties = new() { [ChatAnswerSourceOptions.SampleIndexKey] = index };
        }

        if (_options.RequestLogProbabilities)
        {
            sampling = OpenAILogProbabilityReader.RequestLogProbabilities(sampling);
        }

        List<ChatMessage> messages = [new(ChatRole.User, prompt)];
        var first = await CallAsync(messages, sampling, run, cancellationToken).ConfigureAwait(false);
        var response = first.Text;

        ExtractedAnswer? answer = null;
        if (_options.Extraction is FinalAnswerExtraction.Direct or FinalAnswerExtraction.DirectThenSecondTurn)
        {
            answer = task.ExtractFinalAnswer(question, response, order);
        }

        if (answer is null && _options.Extraction is FinalAnswerExtraction.SecondTurn or FinalAnswerExtraction.DirectThenSecondTurn)
        {
            List<ChatMessage> followUp = [.. messages, new(ChatRole.Assistant, response), new(ChatRole.User, task.FinalAnswerInstruction)];
            var greedy = new ChatOptions { Temperature = 0f, MaxOutputTokens = _options.FinalAnswerMaxOutputTokens, ModelId = _options.ModelId, Seed = seed };
            var second = await CallAsync(followUp, greedy, run, cancellationToken).ConfigureAwait(false);
            answer = ReadFinalAnswerTurn(task, question, response, second.Text, order);
        }

        var logProbabilities = LogProbabilities.Get(first);
        return new Candidate
        {
            QuestionId = question.Id,
            Index = index,
            Generator = _options.GeneratorName,
            Response = response,
            FinalAnswer = answer?.Text,
            OptionIndex = answer?.OptionIndex,
            OptionOrder = order,
            MeanLogProbability = logProbabilities is { Count: > 0 } lp ? lp.Average() : null,
            TokenCount = first.Usage?.OutputTokenCount is { } n ? (int)n : logProbabilities?.Count,
        };
    }

    private static Task<ChatResponse> CallAsync(List<ChatMessage> messages, ChatOptions options, RunState run, CancellationToken cancellationToken) =>
        run.Caller.GetResponseAsync(messages, options, run.Usage, cancellationToken);

    // The final-answer reply is read together with the response it concludes (issue 15): when a
    // task's reader finds the two turns stating different answers, the candidate is unparsable
    // rather than graded on either guess. Tasks without a reader keep reading the reply alone.
    private static ExtractedAnswer? ReadFinalAnswerTurn(ITaskOracle task, Question question, string firstTurn, string secondTurn, IReadOnlyList<int>? order) =>
        task is IFinalAnswerReader reader
            ? reader.ReadTurns(question, firstTurn, secondTurn, order).Answer
            : task.ExtractFinalAnswer(question, secondTurn, order);

    private sealed class RunState(int total, ChatCaller caller)
    {
        public readonly ChatCaller Caller = caller;
        public readonly ChatUsageMeter Usage = new();
        public int Done;
        public int Resumed;

        public SamplingProgress Snapshot() =>
            new(Volatile.Read(ref Done), total, Volatile.Read(ref Resumed), Usage.Calls, Usage.InputTokens, Usage.OutputTokens);
    }
}
