// The elicitor comparison: every elicitor over the same saved answer sets, side by side.
// `dotnet run -c Release --project benchmarks/WrongOverWrong.ElicitorComparison -- --help` explains the options.
using WrongOverWrong.ElicitorComparison;
using WrongOverWrong.Training.Native;

TorchSharpNative.EnsureLoaded();
return await ComparisonApp.MainAsync(args, Console.Out, Console.Error, CancellationToken.None);
