using BenchmarkDotNet.Running;

// Runs the suites named on the command line, for example:
//   dotnet run -c Release --project benchmarks/WrongOverWrong.Benchmarks -- --filter '*Metrics*'
// or profiles one cached decode step: ... -- decode-profile [threads]
if (args.Length > 0 && args[0] == "decode-profile")
{
    WrongOverWrong.Benchmarks.Sampling.DecodeStepProfile.Run(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 1);
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
