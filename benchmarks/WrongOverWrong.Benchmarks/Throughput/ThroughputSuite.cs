using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Serialization;
using WrongOverWrong.Training.Native;

namespace WrongOverWrong.Benchmarks.Throughput;

/// <summary>
/// The throughput and scaling suite in one process (<c>-- throughput [threads] [quick]</c>): the
/// fp32 matmul ceiling, judge elicitation at several concurrencies and from a cache, sampling and
/// DPO steps as shares of the ceiling, native-memory drift over many DPO steps, and the two scaling
/// exponents. Every figure is a ratio of things measured in this run, because the machine is
/// shared. Writes throughput.md and throughput.json (quick runs: under runs/throughput-quick).
/// </summary>
internal static class ThroughputSuite
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter() },
    };

    public static void Run(IReadOnlyList<string> args)
    {
        ThroughputSettings settings = ThroughputSettings.Parse(args);
        TorchThreads.Apply(settings.Threads);
        DateTimeOffset started = DateTimeOffset.UtcNow;
        var wall = Stopwatch.StartNew();
        MachineInfo machine = MachineInfo.Read();
        Console.WriteLine($"// throughput suite: {machine.CpuModel}, {machine.LogicalCores} logical / {machine.PhysicalCores} physical cores, load {machine.LoadAverage}; torch threads {settings.Threads}{(settings.Quick ? ", quick" : string.Empty)}");

        Console.WriteLine($"// fp32 matmul ceiling {MatmulCeiling.Measure():F1} GFLOP/s");

        Console.WriteLine($"// judge: {settings.JudgeCalls} calls of {settings.JudgeLatency.TotalMilliseconds:F0} ms at concurrency {string.Join(", ", settings.Concurrencies)}, then from a cache");
        IReadOnlyList<JudgeConcurrencyRun.Row> judge = JudgeConcurrencyRun.Run(settings.JudgeCalls, settings.JudgeLatency, settings.Concurrencies);
        foreach (JudgeConcurrencyRun.Row row in judge)
        {
            Console.WriteLine($"//   {row.Case} c{row.Concurrency}: {row.Seconds:F2} s for {row.Calls} calls, {row.InnerCalls} reached the endpoint (max {row.MaxInFlight} in flight), {(row.IdealSeconds > 0 ? $"{row.RatioToIdeal:F2}x ideal" : "no endpoint time")}");
        }

        SamplingFigure.Result sampling = SamplingFigure.Run(settings.Threads, settings.Repeats);
        TorchThreads.Apply(settings.Threads);
        Console.WriteLine($"// sampling 10x128 (KV cache): {sampling.Seconds:F2} s, {sampling.TokensPerSecond:F0} tokens/s, {sampling.ShareOfCeiling:P0} of {sampling.CeilingGflops:F1} GFLOP/s, {sampling.AllocatedMiB:F1} MiB managed, peak RSS {sampling.PeakRssMiB:F0} MiB (+{sampling.CallRssMiB:F0})");

        IReadOnlyList<DpoSequenceScaling.Row> dpo = DpoSequenceScaling.Run(settings.SequenceLengths, settings.StepRepeats);
        foreach (DpoSequenceScaling.Row row in dpo)
        {
            Console.WriteLine($"// DPO step L={row.SequenceLength}: {row.Seconds:F2} s, {row.TokensPerSecond:F0} tokens/s, {row.ShareOfCeiling:P0} of {row.CeilingGflops:F1} GFLOP/s, {row.AllocatedMiB:F1} MiB managed, peak RSS {row.PeakRssMiB:F0} MiB (+{row.StepRssMiB:F0})");
        }

        List<double> lengths = dpo.Select(r => (double)r.SequenceLength).ToList();
        double dpoExponent = PowerLawFit.Exponent(lengths, dpo.Select(r => r.Seconds).ToList());
        double dpoNormalised = PowerLawFit.Exponent(lengths, dpo.Select(r => r.Seconds * r.CeilingGflops).ToList());
        double dpoFlops = PowerLawFit.Exponent(lengths, dpo.Select(r => r.GflopPerStep).ToList());
        Console.WriteLine($"// DPO step time ~ L^{dpoExponent:F2}; time x ceiling ~ L^{dpoNormalised:F2}; analytic FLOPs ~ L^{dpoFlops:F2}");

        DpoMemoryDrift.Result drift = DpoMemoryDrift.Run(settings.DriftSteps, settings.DriftWarmUp);
        Console.WriteLine($"// drift over {drift.Steps} DPO steps: {drift.SlopeKiBPerStep:F2} KiB/step after {drift.WarmUpSteps} warm-up steps (RSS {drift.RssFirstMiB:F1} -> {drift.RssLastMiB:F1} MiB), live tensors {drift.LiveTensorsFirst} -> {drift.LiveTensorsLast}; GC heap {drift.ManagedSlopeKiBPerStep:F2} KiB/step");

        IReadOnlyList<PairingScaling.Row> pairing = PairingScaling.Run(settings.QuestionCounts, settings.Repeats);
        List<double> questions = pairing.Select(r => (double)r.Questions).ToList();
        foreach (PairingScaling.Row row in pairing)
        {
            Console.WriteLine($"// {row.Questions} questions, {row.Pairs} pairs: pairing {row.PairingSeconds * 1000:F0} ms, margins {row.MarginSeconds * 1000:F0} ms, Acc_WoW {row.AccWowSeconds * 1000:F1} ms");
        }

        var results = new ThroughputResults
        {
            Command = "dotnet run -c Release --project benchmarks/WrongOverWrong.Benchmarks -- throughput" + (args.Count > 0 ? " " + string.Join(' ', args) : string.Empty),
            StartedUtc = started,
            WallSeconds = wall.Elapsed.TotalSeconds,
            Machine = machine,
            LoadAverageAtEnd = MachineInfo.ReadLoadAverage(),
            TorchThreads = settings.Threads,
            Quick = settings.Quick,
            CeilingReadingsGflops = [.. MatmulCeiling.Readings],
            JudgeLatencyMs = settings.JudgeLatency.TotalMilliseconds,
            Judge = judge,
            Sampling = sampling,
            DpoScaling = dpo,
            DpoLengthExponent = dpoExponent,
            DpoLengthExponentCeilingNormalised = dpoNormalised,
            DpoLengthExponentOfFlops = dpoFlops,
            Drift = drift,
            Pairing = pairing,
            PairingExponent = PowerLawFit.Exponent(questions, pairing.Select(r => r.TotalSeconds).ToList()),
            PairingStageExponent = PowerLawFit.Exponent(questions, pairing.Select(r => r.PairingSeconds).ToList()),
            MarginStageExponent = PowerLawFit.Exponent(questions, pairing.Select(r => r.MarginSeconds).ToList()),
            AccWowStageExponent = PowerLawFit.Exponent(questions, pairing.Select(r => r.AccWowSeconds).ToList()),
        };
        Console.WriteLine($"// pairing + margins + Acc_WoW ~ n^{results.PairingExponent:F2}");

        string folder = settings.Quick
            ? Path.Combine(RepositoryRoot(), "runs", "throughput-quick")
            : Path.Combine(RepositoryRoot(), "benchmarks", "results", "throughput");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "throughput.json"), JsonSerializer.Serialize(results, Json) + "\n");
        File.WriteAllText(Path.Combine(folder, "throughput.md"), ThroughputMarkdown.Write(results));
        Console.WriteLine($"// wrote {folder}/throughput.md and throughput.json ({results.WallSeconds / 60:F1} min)");
    }

    // dotnet run starts in the caller's folder; results belong in the repository wherever it was called from.
    private static string RepositoryRoot()
    {
        foreach (string start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (DirectoryInfo? dir = new(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "WrongOverWrong.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        return Directory.GetCurrentDirectory();
    }
}
