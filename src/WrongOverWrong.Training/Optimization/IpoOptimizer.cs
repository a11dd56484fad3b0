using Microsoft.Extensions.Logging;
using WrongOverWrong.Training.Chat;
using WrongOverWrong.Training.Modeling;
using WrongOverWrong.Training.Text;

namespace WrongOverWrong.Training.Optimization;

/// <summary>
/// Identity Preference Optimization (Azar et al.): squared distance of the averaged log-ratio
/// margin from 1/(2β) (see <see cref="PreferenceLosses.Ipo"/>).
/// </summary>
public sealed class IpoOptimizer : PreferenceTrainer
{
    /// <summary>Creates the trainer.</summary>
    /// <param name="model">The model to train: LoRA adapters when attached (the reference is then the model with adapters off), else all weights.</param>
    /// <param name="tokenizer">The model's tokenizer.</param>
    /// <param name="chatTemplate">The chat template that renders each prompt as a user turn.</param>
    /// <param name="options">Shared trainer settings (learning rate, schedule, batching, evaluation, ...); <see langword="null"/> uses the paper's defaults.</param>
    /// <param name="ipoOptions">IPO settings (β); <see langword="null"/> uses the defaults.</param>
    /// <param name="logger">Optional logger.</param>
    public IpoOptimizer(ICausalLanguageModel model, ITextTokenizer tokenizer, IChatTemplate chatTemplate, TrainerOptions? options = null, IpoOptions? ipoOptions = null, ILogger? logger = null)
        : base(model, tokenizer, chatTemplate, options, logger)
    {
        IpoOptions = ipoOptions ?? new IpoOptions();
        IpoOptions.Validate();
    }

    /// <summary>The loss's own settings.</summary>
    public IpoOptions IpoOptions { get; }

    /// <inheritdoc/>
    public override string Name => "ipo";

    private protected override bool UsesReference => true;

    private protected override IEnumerable<(string Name, string Value)> LossSettings() =>
        [("beta", SettingText(IpoOptions.Beta))];

    private protected override LossResult ComputeLoss(StepLogProbs logProbs)
    {
        var policy = logProbs.PolicySums / logProbs.Counts;
        var reference = logProbs.ReferenceSums! / logProbs.Counts;
        PreferenceLossOutput output = PreferenceLosses.Ipo(policy[0], policy[1], reference[0], reference[1], IpoOptions.Beta);
        return new LossResult(output.Losses.mean(), PairMetrics.Create(output, policy[0], policy[1]));
    }
}
