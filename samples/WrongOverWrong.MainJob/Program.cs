// Placeholder until the main-job issue: the end-to-end pipeline (sample, grade, pair, elicit,
// align, evaluate) lands here. Until then it checks that the three libraries load on this machine
// (TorchSharp included) and points to the elicitation sample, which runs phase 1 today.
using TorchSharp;
using WrongOverWrong.Tasks;
using WrongOverWrong.Training;

Console.WriteLine("WrongOverWrong main job: a placeholder until the pipeline issue lands.");

TorchSharpNative.EnsureLoaded();
using (var product = torch.ones(2, 2).matmul(torch.ones(2, 2)))
{
    Console.WriteLine($"TorchSharp loads ({TorchSharpNative.State}); a 2x2 matmul sums to {product.sum().item<float>()}.");
}

var tasks = TaskRegistry.CreateDefault();
Console.WriteLine($"Tasks with exact oracles: {string.Join(", ", tasks.Names)}.");
Console.WriteLine($"Metrics: ECE of a perfectly calibrated pair = {WrongOverWrong.Metrics.Calibration.Ece([1.0, 0.0], [true, false])}.");
Console.WriteLine("Phase 1 on real data: dotnet run -c Release --project samples/WrongOverWrong.ElicitationHarness");
