using System.Diagnostics;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using WrongOverWrong.Elicitation;

namespace WrongOverWrong.Benchmarks.Throughput;

/// <summary>
/// Score-judge elicitation against <see cref="FixedLatencyJudgeClient"/>: one judge call per
/// question (k = 10 candidates, all 45 pairs), every question started at once so that only the
/// elicitor's <see cref="JudgeOptions.MaxConcurrency"/> bounds the calls in flight. The ideal time
/// is calls × latency / concurrency; the ratio to it is what the suite reports. Then the same
/// questions through <c>UseDistributedCache</c> over a <see cref="MemoryDistributedCache"/>: a
/// filling run and a rerun, whose calls reaching the endpoint should be zero.
/// </summary>
internal static class JudgeConcurrencyRun
{
    private const int Candidates = 10;

    /// <summary>One timed run.</summary>
    public sealed record Row(string Case, int Concurrency, int Calls, int InnerCalls, int MaxInFlight, double Seconds, double IdealSeconds)
    {
        /// <summary>Measured over ideal (1 is perfect; the target is at most 1.3).</summary>
        public double RatioToIdeal => IdealSeconds > 0 ? Seconds / IdealSeconds : double.NaN;
    }

    public static IReadOnlyList<Row> Run(int questions, TimeSpan latency, IReadOnlyList<int> concurrencies)
    {
        var sets = Sets(questions);
        var rows = new List<Row>();
        var endpoint = new FixedLatencyJudgeClient(latency, Candidates);

        // A short untimed run so the first timed one does not pay for JIT and thread-pool start.
        Elicit(endpoint, sets.Take(16).ToList(), 16);
        foreach (int concurrency in concurrencies)
        {
            endpoint.ResetCounters();
            (double seconds, int judged) = Elicit(endpoint, sets, concurrency);
            rows.Add(new Row("live", concurrency, judged, endpoint.Calls, endpoint.MaxInFlight, seconds, endpoint.Calls * latency.TotalSeconds / concurrency));
        }

        // Untimed: the caching client's serializer and key hashing get jitted on a throw-away cache.
        using (IChatClient warmUp = new ChatClientBuilder(endpoint).UseDistributedCache(new MemoryDistributedCache(Options.Create(new MemoryDistributedCacheOptions()))).Build())
        {
            Elicit(warmUp, sets.Take(16).ToList(), 16);
            Elicit(warmUp, sets.Take(16).ToList(), 16);
        }

        var cache = new MemoryDistributedCache(Options.Create(new MemoryDistributedCacheOptions()));
        using IChatClient cached = new ChatClientBuilder(endpoint).UseDistributedCache(cache).Build();
        int top = concurrencies.Max();
        foreach (string run in new[] { "cache, filling", "cache, rerun" })
        {
            endpoint.ResetCounters();
            (double seconds, int judged) = Elicit(cached, sets, top);
            rows.Add(new Row(run, top, judged, endpoint.Calls, endpoint.MaxInFlight, seconds, endpoint.Calls * latency.TotalSeconds / top));
        }

        return rows;
    }

    internal static (double Seconds, int Calls) Elicit(IChatClient client, IReadOnlyList<(AnswerSet Set, IReadOnlyList<UngradedPair> Pairs)> sets, int concurrency)
    {
        var elicitor = new ScoreJudgeElicitor(client, new ScoreJudgeOptions { BatchSize = Candidates, MaxConcurrency = concurrency });
        var watch = Stopwatch.StartNew();
        ElicitationResult[] results = Task.Run(() => Task.WhenAll(sets.Select(s => elicitor.ElicitAsync(s.Set, s.Pairs)))).GetAwaiter().GetResult();
        double seconds = watch.Elapsed.TotalSeconds;
        int abstained = results.Sum(r => r.Orders.Count(o => o.Predicted == WrongOverWrong.Metrics.Pairs.PairPrediction.Abstained));
        if (abstained > 0)
        {
            throw new InvalidOperationException($"{abstained} pairs abstained: the fake judge's replies no longer parse.");
        }

        return (seconds, (int)results.Sum(r => r.Cost.Calls));
    }

    internal static List<(AnswerSet Set, IReadOnlyList<UngradedPair> Pairs)> Sets(int questions)
    {
        var sets = new List<(AnswerSet, IReadOnlyList<UngradedPair>)>(questions);
        for (int q = 0; q < questions; q++)
        {
            var question = new Question { Id = $"q{q:D5}", Task = "bench", Prompt = $"What is the shortest path from node {q % 17} to node {(q * 7) % 19} in graph {q}?" };
            var candidates = Enumerable.Range(0, Candidates).Select(i => new Candidate
            {
                QuestionId = question.Id,
                Index = i,
                Generator = "synthetic",
                Response = $"The path is {q % 17},{i},{(q * 7) % 19} with total weight {i + (q % 5)}.",
                FinalAnswer = $"{i + (q % 5)}",
            }).ToList();
            var pairs = new List<UngradedPair>();
            for (int i = 0; i < Candidates; i++)
            {
                for (int j = i + 1; j < Candidates; j++)
                {
                    pairs.Add(new UngradedPair(candidates[i], candidates[j]));
                }
            }

            sets.Add((new AnswerSet(question, candidates), pairs));
        }

        return sets;
    }
}
