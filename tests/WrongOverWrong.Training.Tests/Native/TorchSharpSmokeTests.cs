using TorchSharp;
using WrongOverWrong.Training.Native;
using static TorchSharp.torch;

namespace WrongOverWrong.Training.Tests.Native;

public sealed class TorchSharpSmokeTests
{
    [Fact]
    public void ForwardBackwardAndOptimizerStepRunOnCpu()
    {
        TorchSharpNative.EnsureLoaded();
        using var scope = NewDisposeScope();
        manual_seed(7);
        using var layer = nn.Linear(4, 3);
        var optimizer = optim.SGD(layer.parameters(), learningRate: 0.1);
        var input = randn(8, 4);
        var target = randn(8, 3);

        var before = nn.functional.mse_loss(layer.forward(input), target).item<float>();
        for (var step = 0; step < 20; step++)
        {
            optimizer.zero_grad();
            var loss = nn.functional.mse_loss(layer.forward(input), target);
            loss.backward();
            Assert.NotNull(layer.weight!.grad);
            Assert.True(layer.weight.grad!.abs().sum().item<float>() > 0f, "backward produced no gradient");
            optimizer.step();
        }

        var after = nn.functional.mse_loss(layer.forward(input), target).item<float>();
        Assert.True(after < before * 0.9f, $"loss did not fall: {before} -> {after}");
    }

    [Fact]
    public void LoaderReportsAConsistentState()
    {
        TorchSharpNative.EnsureLoaded();
        var hostHasNewRuntime = HostLibStdCxxHas("GLIBCXX_3.4.32");
        if (hostHasNewRuntime)
        {
            Assert.Equal(TorchSharpNativeState.NotNeeded, TorchSharpNative.State);
        }
        else
        {
            Assert.Equal(TorchSharpNativeState.Patched, TorchSharpNative.State);
            Assert.True(File.Exists(TorchSharpNative.PatchedLibraryPath));
            Assert.DoesNotContain(".nuget", TorchSharpNative.PatchedLibraryPath!, StringComparison.Ordinal);
        }
    }

    private static bool HostLibStdCxxHas(string version)
    {
        var mapped = File.ReadLines("/proc/self/maps").Select(l => l[(l.IndexOf('/') is var i && i >= 0 ? i : l.Length)..].Trim())
            .First(p => p.Contains("libstdc++.so", StringComparison.Ordinal));
        return File.ReadAllText(mapped, System.Text.Encoding.Latin1).Contains(version + "\0", StringComparison.Ordinal);
    }
}
