using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace WrongOverWrong.Sources;

/// <summary>
/// The paper's "mix" source: pools the candidates of several named generators per question into
/// one answer set, re-indexed in source order (the generator name stays on each candidate).
/// </summary>
/// <remarks>
/// Each inner source is configured on its own (its own sample count, results file and generator
/// name); for example five samples from each of two models gives mixed sets of ten. The inner
/// sources run concurrently; a question's pooled set is yielded once every source has answered it.
/// When the sources finish and some question was not returned by all of them (or a source returned
/// one twice), the enumeration ends with an <see cref="InvalidOperationException"/> naming the
/// questions and the sources (by index and generator name), after yielding every complete set.
/// </remarks>
public sealed class MixAnswerSource : IWrongAnswerSource
{
    private readonly IReadOnlyList<IWrongAnswerSource> _sources;

    /// <summary>Initializes a new instance over <paramref name="sources"/>, pooled in the given order.</summary>
    /// <param name="sources">At least one source.</param>
    public MixAnswerSource(IEnumerable<IWrongAnswerSource> sources)
    {
        ArgumentNullException.ThrowIfNull(sources);
        _sources = sources.ToList();
        if (_sources.Count == 0)
        {
            throw new ArgumentException("A mix needs at least one source.", nameof(sources));
        }
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<AnswerSet> GetAnswerSetsAsync(ITaskOracle task, IEnumerable<Question> questions, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(questions);
        var all = questions.ToList();
        var wanted = all.Select(q => q.Id).ToHashSet(StringComparer.Ordinal);
        var channel = Channel.CreateUnbounded<(int Source, AnswerSet Set)>(new UnboundedChannelOptions { SingleReader = true });
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var producers = _sources.Select((source, i) => Task.Run(
            async () =>
            {
                await foreach (var set in source.GetAnswerSetsAsync(task, all, linked.Token).ConfigureAwait(false))
                {
                    await channel.Writer.WriteAsync((i, set), linked.Token).ConfigureAwait(false);
                }
            },
            CancellationToken.None)).ToList();
        var completion = Task.WhenAll(producers).ContinueWith(
            t => channel.Writer.Complete(t.Exception?.GetBaseException() ?? (t.IsCanceled ? new OperationCanceledException(cancellationToken) : null)),
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);

        var partial = new Dictionary<string, AnswerSet?[]>(StringComparer.Ordinal);
        var returned = _sources.Select(_ => new HashSet<string>(StringComparer.Ordinal)).ToArray();
        try
        {
            await foreach (var (source, set) in channel.Reader.ReadAllAsync(CancellationToken.None).ConfigureAwait(false))
            {
                if (!wanted.Contains(set.Question.Id))
                {
                    continue;
                }

                if (!returned[source].Add(set.Question.Id))
                {
                    throw new InvalidOperationException($"Mix {Describe(source)} returned question '{set.Question.Id}' twice; which set to pool is ambiguous.");
                }

                if (!partial.TryGetValue(set.Question.Id, out var parts))
                {
                    parts = new AnswerSet?[_sources.Count];
                    partial[set.Question.Id] = parts;
                }

                parts[source] = set;
                if (parts.All(p => p is not null))
                {
                    partial.Remove(set.Question.Id);
                    yield return Pool(parts!);
                }
            }

            // Every source has finished without error: a question some source never returned
            // would otherwise vanish from the run without a trace (its partial set is useless,
            // since a mix set must hold every generator's samples).
            cancellationToken.ThrowIfCancellationRequested();
            var incomplete = all.Where(q => returned.Any(r => !r.Contains(q.Id))).ToList();
            if (incomplete.Count > 0)
            {
                var details = incomplete.Take(10).Select(q =>
                    $"'{q.Id}' (not returned by {string.Join(", ", Enumerable.Range(0, _sources.Count).Where(i => !returned[i].Contains(q.Id)).Select(Describe))})");
                var more = incomplete.Count > 10 ? $" and {incomplete.Count - 10} more" : string.Empty;
                throw new InvalidOperationException($"The mix cannot pool {incomplete.Count} of {all.Count} questions because some sources finished without returning them: {string.Join("; ", details)}{more}.");
            }
        }
        finally
        {
            await linked.CancelAsync().ConfigureAwait(false);
            await completion.ConfigureAwait(false);
        }
    }

    // "source 1 ('large')" for a chat source, "source 1 (SomeSource)" for another kind.
    private string Describe(int index) => _sources[index] is ChatAnswerSource chat
        ? $"source {index} ('{chat.GeneratorName}')"
        : $"source {index} ({_sources[index].GetType().Name})";

    private static AnswerSet Pool(AnswerSet[] parts)
    {
        var candidates = parts
            .SelectMany(p => p.Candidates)
            .Select((c, i) => c with { Index = i })
            .ToList();
        return new AnswerSet(parts[0].Question, candidates);
    }
}
