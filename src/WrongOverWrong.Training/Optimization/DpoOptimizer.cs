using Microsoft.Extensions.Logging;

namespace WrongOverWrong.Training.Optimization;

/// <summary>
/// Direct Preference Optimization (Rafailov et al.), the paper's optimizer: sigmoid, hinge or
/// robust loss on summed completion log-probs against a reference (see <see cref="PreferenceLosses.Dpo"/>).
/// </summary>
public sealed class DpoOptimizer : PreferenceTrainer
{
    /// <summary>Creates a DPO trainer.</summary>
    /// <param name="model">The model to train: LoRA adapters when attached (the reference is then the model with adapters off), else all weights.</param>
    /// <param name="tokenizer">The model's tokenizer.</param>
    /// <param name="chatTemplate">The chat template that renders each prompt as a user turn.</param>
    /// <param name="options">Options; <see langword="null"/> uses the paper's defaults.</param>
    /// <param name="logger">Optional logger.</param>
    public DpoOptimizer(ICausalLanguageModel model, ITextTokenizer tokenizer, IChatTemplate chatTemplate, PreferenceOptimizerOptions? options = null, ILogger? logger = null)
        : base(model, tokenizer, chatTemplate, options, logger)
    {
    }

    /// <inheritdoc/>
    public override string Name => "dpo";

    private protected override int Slots => 2;

    private protected override bool UsesReference => true;

    private protected override IEnumerable<(string Name, string Value)> LossSettings() =>
        [("beta", SettingText(Options.Beta)), ("loss_type", Options.DpoVariant.ToString()), ("label_smoothing", SettingText(Options.LabelSmoothing))];

    private protected override LossResult ComputeLoss(StepLogProbs logProbs)
    {
        var policy = logProbs.PolicySums;
        var reference = logProbs.ReferenceSums!;
        PreferenceLossOutput output = PreferenceLosses.Dpo(policy[0], policy[1], reference[0], reference[1], Options.Beta, Options.DpoVariant, Options.LabelSmoothing);
        return new LossResult(output.Losses.mean(), PairMetrics.Create(output, policy[0], policy[1]));
    }
}
