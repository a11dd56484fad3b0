using Microsoft.Extensions.Logging;
using WrongOverWrong.Training.Chat;
using WrongOverWrong.Training.Modeling;
using WrongOverWrong.Training.Text;

namespace WrongOverWrong.Training.Optimization;

/// <summary>
/// Direct Preference Optimization (Rafailov et al.), the paper's optimizer: sigmoid, hinge or
/// robust loss on summed completion log-probs against a reference (see <see cref="PreferenceLosses.Dpo"/>).
/// </summary>
public sealed class DpoOptimizer : PreferenceTrainer
{
    /// <summary>Creates the trainer.</summary>
    /// <param name="model">The model to train: LoRA adapters when attached (the reference is then the model with adapters off), else all weights.</param>
    /// <param name="tokenizer">The model's tokenizer.</param>
    /// <param name="chatTemplate">The chat template that renders each prompt as a user turn.</param>
    /// <param name="options">Shared trainer settings (learning rate, schedule, batching, evaluation, ...); <see langword="null"/> uses the paper's defaults.</param>
    /// <param name="dpoOptions">DPO settings (β, variant, label smoothing, rpo_alpha); <see langword="null"/> uses the defaults.</param>
    /// <param name="logger">Optional logger.</param>
    public DpoOptimizer(ICausalLanguageModel model, ITextTokenizer tokenizer, IChatTemplate chatTemplate, TrainerOptions? options = null, DpoOptions? dpoOptions = null, ILogger? logger = null)
        : base(model, tokenizer, chatTemplate, options, logger)
    {
        DpoOptions = dpoOptions ?? new DpoOptions();
        DpoOptions.Validate();
    }

    /// <summary>The loss's own settings.</summary>
    public DpoOptions DpoOptions { get; }

    /// <inheritdoc/>
    public override string Name => "dpo";

    private protected override bool UsesReference => true;

    private protected override IEnumerable<(string Name, string Value)> LossSettings() =>
        [
            ("beta", SettingText(DpoOptions.Beta)),
            ("loss_type", DpoOptions.Variant.ToString()),
            ("label_smoothing", SettingText(DpoOptions.LabelSmoothing)),
            ("rpo_alpha", DpoOptions.RpoAlpha is double alpha ? SettingText(alpha) : "None"),
        ];

    private protected override LossResult ComputeLoss(StepLogProbs logProbs)
    {
        var policy = logProbs.PolicySums;
        var reference = logProbs.ReferenceSums!;
        DpoOptions o = DpoOptions;
        if (o.RpoAlpha is double alpha)
        {
            var (rpo, nll) = PreferenceLosses.DpoWithNll(policy[0], policy[1], reference[0], reference[1], logProbs.Counts[0], o.Beta, alpha, o.Variant, o.LabelSmoothing);
            var metrics = PairMetrics.Create(rpo, policy[0], policy[1]);
            metrics["nll_loss"] = nll.detach();
            return new LossResult(rpo.Losses.mean(), metrics);
        }

        PreferenceLossOutput output = PreferenceLosses.Dpo(policy[0], policy[1], reference[0], reference[1], o.Beta, o.Variant, o.LabelSmoothing);
        return new LossResult(output.Losses.mean(), PairMetrics.Create(output, policy[0], policy[1]));
    }
}
