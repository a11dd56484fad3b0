using BenchmarkDotNet.Running;

// Runs the suites named on the command line, for example:
//   dotnet run -c Release --project benchmarks/WrongOverWrong.Benchmarks -- --filter '*Metrics*'
// or profiles one cached decode step piece by piece: ... -- decode-profile [threads]
// or times the phases of whole cached sampling calls: ... -- decode-loop [threads]
// or runs the batched-sampling comparison once in-process: ... -- batched-sampling [threads]
// or runs the throughput and scaling suite in-process: ... -- throughput [threads] [quick]
// or times one task of the side-by-side PyTorch comparison: ... -- peer-side <task> <threads> [options]
if (args.Length > 0 && args[0] == "peer-side")
{
    WrongOverWrong.Benchmarks.Peer.PeerSide.Run(args[1..]);
    return;
}

if (args.Length > 0 && args[0] == "batched-sampling")
{
    // ... -- batched-sampling [threads] [max batch tokens] [batched-only]
    WrongOverWrong.Benchmarks.Sampling.BatchedSamplingBenchmarks.RunOnce(
        args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 1,
        args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 16_384,
        args.Length > 3 && args[3] == "batched-only");
    return;
}

if (args.Length > 0 && args[0] == "throughput")
{
    WrongOverWrong.Benchmarks.Throughput.ThroughputSuite.Run(args[1..]);
    return;
}

if (args.Length > 0 && args[0] is "decode-profile" or "decode-loop")
{
    int threads = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 1;
    if (args[0] == "decode-profile")
    {
        WrongOverWrong.Benchmarks.Sampling.DecodeStepProfile.Run(threads);
    }
    else
    {
        WrongOverWrong.Benchmarks.Sampling.DecodeLoopProfile.Run(threads);
    }

    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
