using TorchSharp;
using WrongOverWrong.Training.Optimization;
using static TorchSharp.torch;

namespace WrongOverWrong.Training.Tests.Optimization;

/// <summary>
/// Each loss against numbers worked out from its formula. Shared inputs: two pairs with
/// π_c = [-1, -3], π_r = [-2, -1], ref_c = ref_r = [-1.5, -2], so Δ = [(0.5) - (-0.5), (-1) - (1)] = [1, -2]
/// and with β = 0.1, βΔ = [0.1, -0.2].
/// </summary>
public sealed class PreferenceLossesTests
{
    private const double Tolerance = 1e-5;

    private static Tensor T(params float[] values) => tensor(values);

    private static void AssertValues(double[] expected, Tensor actual)
    {
        float[] values = actual.data<float>().ToArray();
        Assert.Equal(expected.Length, values.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - values[i]) < Tolerance, $"element {i}: expected {expected[i]}, got {values[i]}");
        }
    }

    [Fact]
    public void DpoSigmoidIsMinusLogSigmoidOfBetaDelta()
    {
        using var scope = NewDisposeScope();
        var output = PreferenceLosses.Dpo(T(-1, -3), T(-2, -1), T(-1.5f, -2), T(-1.5f, -2), 0.1);

        // -log σ(0.1) = log(1 + e^-0.1) = 0.644397; -log σ(-0.2) = log(1 + e^0.2) = 0.798139.
        AssertValues([0.6443967, 0.7981389], output.Losses);

        // Rewards β(π - ref): chosen [0.1·0.5, 0.1·(-1)], rejected [0.1·(-0.5), 0.1·1].
        AssertValues([0.05, -0.1], output.ChosenRewards);
        AssertValues([-0.05, 0.1], output.RejectedRewards);
        Assert.False(output.ChosenRewards.requires_grad);
    }

    [Fact]
    public void DpoSigmoidWithLabelSmoothingMixesBothDirections()
    {
        using var scope = NewDisposeScope();
        var output = PreferenceLosses.Dpo(T(-1, -3), T(-2, -1), T(-1.5f, -2), T(-1.5f, -2), 0.1, DpoVariant.Sigmoid, 0.1);

        // 0.9·0.644397 + 0.1·log(1 + e^0.1) = 0.9·0.644397 + 0.1·0.744397 = 0.654397;
        // 0.9·0.798139 + 0.1·log(1 + e^-0.2) = 0.9·0.798139 + 0.1·0.598139 = 0.778139.
        AssertValues([0.6543967, 0.7781389], output.Losses);
    }

    [Fact]
    public void DpoWithNllAddsAlphaTimesTheChosenTokenAveragedNllWithItsGradient()
    {
        using var scope = NewDisposeScope();
        Tensor chosen = T(-1, -3).requires_grad_();
        Tensor rejected = T(-2, -1).requires_grad_();

        // Chosen completions of 2 and 3 tokens: NLL = -(-1 - 3) / (2 + 3) = 0.8, one scalar for the batch (TRL).
        var (output, nll) = PreferenceLosses.DpoWithNll(chosen, rejected, T(-1.5f, -2), T(-1.5f, -2), T(2, 3), beta: 0.1, alpha: 0.5);
        Assert.Equal(0.8, nll.item<float>(), 5);

        // DPO [0.644397, 0.798139] + 0.5·0.8 each; rewards are DPO's.
        AssertValues([1.0443967, 1.1981389], output.Losses);
        AssertValues([0.05, -0.1], output.ChosenRewards);

        // d(mean loss)/dπ_c,i = ½·(-β σ(-βΔ_i)) + α·(-1/5): σ(-0.1) = 0.4750208, σ(0.2) = 0.5498340,
        // so [-0.05·0.4750208 - 0.1, -0.05·0.5498340 - 0.1]; for π_r the NLL adds nothing: [0.05·σ(-βΔ_i)].
        output.Losses.mean().backward();
        AssertValues([-0.1237510, -0.1274917], chosen.grad!);
        AssertValues([0.0237510, 0.0274917], rejected.grad!);
    }

    [Fact]
    public void DpoWithNllAtAlphaZeroIsDpo()
    {
        using var scope = NewDisposeScope();
        var (output, _) = PreferenceLosses.DpoWithNll(T(-1, -3), T(-2, -1), T(-1.5f, -2), T(-1.5f, -2), T(2, 3), beta: 0.1, alpha: 0.0);
        AssertValues([0.6443967, 0.7981389], output.Losses);
        Assert.Throws<ArgumentOutOfRangeException>(() => PreferenceLosses.DpoWithNll(T(-1), T(-2), T(-1), T(-1), T(1), 0.1, -1.0));
    }

    [Fact]
    public void DpoHingeIsReluOfOneMinusBetaDelta()
    {
        using var scope = NewDisposeScope();
        var output = PreferenceLosses.Dpo(T(-1, -3), T(-2, -1), T(-1.5f, -2), T(-1.5f, -2), 0.1, DpoVariant.Hinge);
        AssertValues([1 - 0.1, 1 + 0.2], output.Losses);
    }

    [Fact]
    public void DpoRobustUnbiasesTheNoisyLabelLoss()
    {
        using var scope = NewDisposeScope();
        var output = PreferenceLosses.Dpo(T(-1, -3), T(-2, -1), T(-1.5f, -2), T(-1.5f, -2), 0.1, DpoVariant.Robust, 0.1);

        // [0.9·0.644397 - 0.1·0.744397] / 0.8 = 0.631897; [0.9·0.798139 - 0.1·0.598139] / 0.8 = 0.823139.
        AssertValues([0.6318967, 0.8231389], output.Losses);
    }

    [Fact]
    public void IpoIsSquaredDistanceFromHalfInverseBeta()
    {
        using var scope = NewDisposeScope();
        var output = PreferenceLosses.Ipo(T(-1, -3), T(-2, -1), T(-1.5f, -2), T(-1.5f, -2), 0.1);

        // 1/(2β) = 5: (1 - 5)² = 16, (-2 - 5)² = 49.
        AssertValues([16, 49], output.Losses);
        AssertValues([0.05, -0.1], output.ChosenRewards);
    }

    [Fact]
    public void SimPoSubtractsTheTargetMarginWithoutReference()
    {
        using var scope = NewDisposeScope();
        var output = PreferenceLosses.SimPo(T(-0.5f, -1.2f), T(-0.7f, -0.9f), beta: 2.0, gamma: 0.5);

        // β(c - r) - γ = 2·0.2 - 0.5 = -0.1 → log(1 + e^0.1) = 0.744397;
        // 2·(-0.3) - 0.5 = -1.1 → log(1 + e^1.1) = 1.387335.
        AssertValues([0.7443967, 1.3873353], output.Losses);
        AssertValues([-1.0, -2.4], output.ChosenRewards);
        AssertValues([-1.4, -1.8], output.RejectedRewards);
    }

    [Fact]
    public void OrpoAddsTheOddsRatioPenaltyToTheNll()
    {
        using var scope = NewDisposeScope();
        var (output, ratio, logOdds) = PreferenceLosses.Orpo(T(-0.5f, -1.2f), T(-0.7f, -0.9f), tensor(0.8f), 0.1);

        // log_odds = (c - r) - (log(1 - e^c) - log(1 - e^r)):
        // pair 1: 0.2 - (log(0.393469) - log(0.503415)) = 0.2 + 0.246411 = 0.446411;
        // pair 2: -0.3 - (log(0.698806) - log(0.593430)) = -0.3 - 0.163453 = -0.463453.
        AssertValues([0.4464111, -0.4634530], logOdds);
        AssertValues([-0.4946478, -0.9514854], ratio);

        // 0.8 - 0.1·log σ(log_odds).
        AssertValues([0.8494648, 0.8951485], output.Losses);
        AssertValues([-0.05, -0.12], output.ChosenRewards);
    }

    [Fact]
    public void Log1mExpIsAccurateNearZeroAndFarFromIt()
    {
        using var scope = NewDisposeScope();
        var values = PreferenceLosses.Log1mExp(tensor(new[] { -1e-3, -2.0, -30.0 }));

        // log(1 - e^-0.001) = log(0.0009995) = -6.908255; log(1 - e^-2) = -0.145413; log(1 - e^-30) = -9.36e-14.
        double[] actual = values.data<double>().ToArray();
        Assert.Equal(-6.908255237315471, actual[0], 9);
        Assert.Equal(-0.14541345786885906, actual[1], 9);
        Assert.True(Math.Abs(actual[2] - -9.357622968840613e-14) < 1e-20, $"log1mexp(-30) = {actual[2]}");
    }

    [Fact]
    public void Log1mExpAtZeroIsFiniteWithAFiniteGradient()
    {
        // An overfit model can give every completion token probability 1 (averaged log-prob 0 in fp32).
        using var scope = NewDisposeScope();
        var x = zeros(2, ScalarType.Float32).requires_grad_();
        var value = PreferenceLosses.Log1mExp(x);
        value.sum().backward();

        Assert.All(value.data<float>().ToArray(), v => Assert.True(float.IsFinite(v), $"log1mexp(0) = {v}"));
        Assert.All(x.grad!.data<float>().ToArray(), g => Assert.True(float.IsFinite(g), $"gradient {g}"));
        Assert.Equal(Math.Log(1e-7), value.data<float>()[0], 2);
    }

    [Fact]
    public void KtoKlIsTheClampedDetachedMeanOfMismatchedLogRatios()
    {
        using var scope = NewDisposeScope();
        var policy = T(-2.0f, -3.0f).requires_grad_();

        // mean((-2 + 2.5), (-3 + 2.9)) = (0.5 - 0.1)/2 = 0.2.
        var kl = PreferenceLosses.KtoKl(policy, T(-2.5f, -2.9f));
        Assert.Equal(0.2, kl.item<float>(), 5);
        Assert.False(kl.requires_grad);

        // A negative mean clamps to zero: mean(-1, -1) → 0.
        Assert.Equal(0.0, PreferenceLosses.KtoKl(T(-3, -3), T(-2, -2)).item<float>());
    }

    [Fact]
    public void KtoPenalisesDesirableAndUndesirableAroundTheReferencePoint()
    {
        using var scope = NewDisposeScope();
        var labels = tensor(new[] { true, false, true });
        var output = PreferenceLosses.Kto(T(-1, -2, -3), T(-1.5f, -1.5f, -2.5f), labels, tensor(0.2f), 0.1);

        // r = [0.5, -0.5, -0.5], z = 0.2:
        // desirable 1 - σ(0.1(0.5 - 0.2)) = 1 - σ(0.03) = 0.492501;
        // undesirable 1 - σ(0.1(0.2 + 0.5)) = 1 - σ(0.07) = 0.482507;
        // desirable 1 - σ(0.1(-0.5 - 0.2)) = 1 - σ(-0.07) = 0.517493.
        AssertValues([0.4925006, 0.4825071, 0.5174929], output.Losses);
        AssertValues([0.05, -0.05], output.ChosenRewards);
        AssertValues([-0.05], output.RejectedRewards);
    }

    [Fact]
    public void LossesRejectInvalidHyperparameters()
    {
        using var scope = NewDisposeScope();
        Assert.Throws<ArgumentOutOfRangeException>(() => PreferenceLosses.Dpo(T(-1), T(-1), T(-1), T(-1), 0.0));
        Assert.Throws<ArgumentOutOfRangeException>(() => PreferenceLosses.Dpo(T(-1), T(-1), T(-1), T(-1), 0.1, DpoVariant.Robust, 0.5));
    }
}
