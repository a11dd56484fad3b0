using System.Globalization;
using System.Text;

namespace WrongOverWrong.Benchmarks.Throughput;

/// <summary>The Markdown page of one run of the suite (the JSON beside it holds the same numbers unrounded).</summary>
internal static class ThroughputMarkdown
{
    public static string Write(ThroughputResults r)
    {
        var md = new StringBuilder();
        void Line(string text = "") => md.Append(text).Append('\n');
        string F(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);

        Line("# Throughput and scaling suite (issue 14, section 2)");
        Line();
        Line($"- command: `{r.Command}` (from the repository root{(r.Quick ? "; **quick smoke run, not figures**" : string.Empty)})");
        Line($"- date: {r.StartedUtc:yyyy-MM-dd HH:mm} UTC, {F(r.WallSeconds / 60, "F1")} min");
        Line($"- machine: {r.Machine.CpuModel}, {r.Machine.LogicalCores} logical / {r.Machine.PhysicalCores} physical cores, {r.Machine.Os}, {r.Machine.Runtime}");
        Line($"- libtorch threads: {r.TorchThreads}");
        Line($"- load average (1/5/15 min) at start {r.Machine.LoadAverage}, at end {r.LoadAverageAtEnd}: the machine was **shared** with other jobs, so absolute times are noisy; each figure below is a ratio of things measured in this run.");
        Line($"- fp32 matmul ceiling readings (1024³, best of 3 rounds of 5, GFLOP/s): {string.Join(", ", r.CeilingReadingsGflops.Select(c => F(c, "F1")))}");
        Line();

        Line("## Judge elicitation against an in-process endpoint");
        Line();
        Line($"`ScoreJudgeElicitor` (k = 10, one call per question, all 45 pairs) over an `IChatClient` that answers after a fixed {F(r.JudgeLatencyMs, "F0")} ms; every question is started at once, so only `MaxConcurrency` bounds the calls in flight. Ideal = calls x latency / concurrency; target ratio ≤ 1.3. The cache rows go through `UseDistributedCache` over a `MemoryDistributedCache`; target: zero calls reach the endpoint on the rerun.");
        Line();
        Line("| case | concurrency | elicitor calls | reached endpoint | max in flight | time (s) | ideal (s) | ratio |");
        Line("|---|---|---|---|---|---|---|---|");
        foreach (JudgeConcurrencyRun.Row row in r.Judge)
        {
            Line($"| {row.Case} | {row.Concurrency} | {row.Calls} | {row.InnerCalls} | {row.MaxInFlight} | {F(row.Seconds, "F2")} | {F(row.IdealSeconds, "F2")} | {(row.IdealSeconds > 0 ? F(row.RatioToIdeal, "F2") : "-")} |");
        }

        Line();
        Line("## Sampling and training as shares of the matmul ceiling");
        Line();
        Line("Share = analytic FLOPs / time / the mean of the ceiling readings just before and after. Managed = bytes the GC counted as allocated during one call/step (the memory diagnoser's figure); peak RSS includes libtorch's native memory (VmHWM reset before each timed call; + = above the RSS before it, small because the allocators keep what the untimed first step or call freed). Time is the fastest of the repeats.");
        Line();
        Line("| work | time (s) | tokens/s | GFLOP | GFLOP/s | ceiling | share | managed (MiB) | peak RSS (MiB) |");
        Line("|---|---|---|---|---|---|---|---|---|");
        SamplingFigure.Result s = r.Sampling;
        Line($"| sampling 10 x 128 tokens, KV cache, 256-token prompt, d 256, 4 layers, vocab 32k | {F(s.Seconds, "F2")} | {F(s.TokensPerSecond, "F0")} | {F(s.GflopPerCall, "F2")} | {F(s.Gflops, "F1")} | {F(s.CeilingGflops, "F1")} | {F(s.ShareOfCeiling * 100, "F0")}% | {F(s.AllocatedMiB, "F1")} | {F(s.PeakRssMiB, "F0")} (+{F(s.CallRssMiB, "F0")}) |");
        foreach (DpoSequenceScaling.Row row in r.DpoScaling)
        {
            Line($"| DPO step, LoRA r16, 2 pairs x {row.SequenceLength} tokens, d 256, 4 layers, vocab 8k | {F(row.Seconds, "F2")} | {F(row.TokensPerSecond, "F0")} | {F(row.GflopPerStep, "F1")} | {F(row.Gflops, "F1")} | {F(row.CeilingGflops, "F1")} | {F(row.ShareOfCeiling * 100, "F0")}% | {F(row.AllocatedMiB, "F1")} | {F(row.PeakRssMiB, "F0")} (+{F(row.StepRssMiB, "F0")}) |");
        }

        Line();
        Line("DPO FLOPs: 4·N·T for the base matmuls (forward and input gradients; LoRA leaves the base weights without weight gradients) plus causal attention, 3 x 2·L²·d·layers per sequence. Sampling FLOPs: the forward pass of every prefill and cached decode step.");
        Line();

        Line("## Scaling");
        Line();
        Line($"Time per DPO step as the sequence doubles ({string.Join(", ", r.DpoScaling.Select(d => d.SequenceLength))} tokens; least-squares slope of the logs; 1 = linear in tokens, 2 = attention-bound): **exponent {F(r.DpoLengthExponentCeilingNormalised, "F2")} of step time x the matmul ceiling measured around it** (the machine's speed, which changes between sizes on a shared host, divides out); {F(r.DpoLengthExponent, "F2")} of the raw fastest times; {F(r.DpoLengthExponentOfFlops, "F2")} of the analytic FLOPs, i.e. what a constant share of the ceiling would give.");
        Line();
        Line($"Pairing (`PairBuilder`, no cap) + margin filtering (`MarginFilter` at M_100, M_50, M_10) + Acc_WoW (`AccWoW.Compute` at the three margins, no bootstrap), 10 synthetic graded candidates per question: **exponent {F(r.PairingExponent, "F2")}** for the three together (pairing {F(r.PairingStageExponent, "F2")}, margins {F(r.MarginStageExponent, "F2")}, Acc_WoW {F(r.AccWowStageExponent, "F2")}); fastest of several runs per size.");
        Line();
        Line("| questions | pairs | pairing (ms) | margins (ms) | Acc_WoW (ms) | total (ms) | µs per pair | Acc_WoW at M_10 |");
        Line("|---|---|---|---|---|---|---|---|");
        foreach (PairingScaling.Row row in r.Pairing)
        {
            Line($"| {row.Questions:N0} | {row.Pairs:N0} | {F(row.PairingSeconds * 1000, "F1")} | {F(row.MarginSeconds * 1000, "F1")} | {F(row.AccWowSeconds * 1000, "F2")} | {F(row.TotalSeconds * 1000, "F1")} | {F(row.TotalSeconds * 1e6 / row.Pairs, "F2")} | {F(row.AccWowAtM10, "F3")} |");
        }

        Line();
        Line("## Native memory over many DPO steps");
        Line();
        DpoMemoryDrift.Result d = r.Drift;
        Line($"{d.Steps} DPO steps of a tiny model (d 64, 2 layers, vocab 1k, 2 pairs x 64 tokens, {F(d.SecondsPerStep * 1000, "F0")} ms per step); RSS read after every step, no forced GC. Least-squares slope after {d.WarmUpSteps} warm-up steps: **{F(d.SlopeKiBPerStep, "F2")} KiB per step** (RSS {F(d.RssFirstMiB, "F1")} -> {F(d.RssLastMiB, "F1")} MiB); libtorch tensors alive on the stepping thread {d.LiveTensorsFirst} -> {d.LiveTensorsLast}; the GC heap's slope over the same steps {F(d.ManagedSlopeKiBPerStep, "F2")} KiB per step (managed garbage not yet collected, part of the RSS slope).");
        Line();
        Line("Managed allocations per operation under BenchmarkDotNet's memory diagnoser: `dotnet run -c Release --project benchmarks/WrongOverWrong.Benchmarks -- --filter '*.Throughput.*'` (its report goes to BenchmarkDotNet.Artifacts/results; the committed copy is [memory-diagnoser.md](memory-diagnoser.md) beside this file).");
        return md.ToString();
    }
}
