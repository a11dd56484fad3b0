using Microsoft.Extensions.Logging;

namespace WrongOverWrong.Training.Optimization;

/// <summary>
/// SimPO (Meng et al.): reference-free, length-normalised margin loss with target margin γ
/// (see <see cref="PreferenceLosses.SimPo"/>).
/// </summary>
public sealed class SimPoOptimizer : PreferenceTrainer
{
    /// <summary>Creates a SimPO trainer.</summary>
    /// <param name="model">The model to train: LoRA adapters when attached (the reference is then the model with adapters off), else all weights.</param>
    /// <param name="tokenizer">The model's tokenizer.</param>
    /// <param name="chatTemplate">The chat template that renders each prompt as a user turn.</param>
    /// <param name="options">Options; <see langword="null"/> uses the paper's defaults.</param>
    /// <param name="logger">Optional logger.</param>
    public SimPoOptimizer(ICausalLanguageModel model, ITextTokenizer tokenizer, IChatTemplate chatTemplate, PreferenceOptimizerOptions? options = null, ILogger? logger = null)
        : base(model, tokenizer, chatTemplate, options, logger)
    {
    }

    /// <inheritdoc/>
    public override string Name => "simpo";

    private protected override int Slots => 2;

    private protected override bool UsesReference => false;

    private protected override IEnumerable<(string Name, string Value)> LossSettings() =>
        [("beta", SettingText(Options.Beta)), ("simpo_gamma", SettingText(Options.SimPoGamma))];

    private protected override LossResult ComputeLoss(StepLogProbs logProbs)
    {
        var average = logProbs.PolicySums / logProbs.Counts;
        PreferenceLossOutput output = PreferenceLosses.SimPo(average[0], average[1], Options.Beta, Options.SimPoGamma);
        return new LossResult(output.Losses.mean(), PairMetrics.Create(output, average[0], average[1]));
    }
}
