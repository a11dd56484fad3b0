using BenchmarkDotNet.Running;

// Runs the suites named on the command line, for example:
//   dotnet run -c Release --project benchmarks/WrongOverWrong.Benchmarks -- --filter '*Metrics*'
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
