using static TorchSharp.torch;

namespace WrongOverWrong.Training.Optimization;

/// <summary>TRL's per-pair metrics: rewards/chosen, rewards/rejected, rewards/accuracies, rewards/margins, logps/chosen, logps/rejected.</summary>
internal static class PairMetrics
{
    public static Dictionary<string, Tensor> Create(PreferenceLossOutput output, Tensor chosenLogps, Tensor rejectedLogps)
    {
        return new Dictionary<string, Tensor>(StringComparer.Ordinal)
        {
            ["rewards/chosen"] = output.ChosenRewards,
            ["rewards/rejected"] = output.RejectedRewards,
            ["rewards/accuracies"] = output.ChosenRewards.gt(output.RejectedRewards).to(ScalarType.Float32),
            ["rewards/margins"] = output.ChosenRewards - output.RejectedRewards,
            ["logps/chosen"] = chosenLogps.detach(),
            ["logps/rejected"] = rejectedLogps.detach(),
        };
    }
}
