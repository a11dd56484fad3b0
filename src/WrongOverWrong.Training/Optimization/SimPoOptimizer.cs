using Microsoft.Extensions.Logging;
using WrongOverWrong.Training.Chat;
using WrongOverWrong.Training.Modeling;
using WrongOverWrong.Training.Text;

namespace WrongOverWrong.Training.Optimization;

/// <summary>
/// SimPO (Meng et al.): reference-free, length-normalised margin loss with target margin γ
/// (see <see cref="PreferenceLosses.SimPo"/>).
/// </summary>
public sealed class SimPoOptimizer : PreferenceTrainer
{
    /// <summary>Creates the trainer.</summary>
    /// <param name="model">The model to train: LoRA adapters when attached (the reference is then the model with adapters off), else all weights.</param>
    /// <param name="tokenizer">The model's tokenizer.</param>
    /// <param name="chatTemplate">The chat template that renders each prompt as a user turn.</param>
    /// <param name="options">Shared trainer settings (learning rate, schedule, batching, evaluation, ...); <see langword="null"/> uses the paper's defaults.</param>
    /// <param name="simPoOptions">SimPO settings (β, γ); <see langword="null"/> uses the defaults.</param>
    /// <param name="logger">Optional logger.</param>
    public SimPoOptimizer(ICausalLanguageModel model, ITextTokenizer tokenizer, IChatTemplate chatTemplate, TrainerOptions? options = null, SimPoOptions? simPoOptions = null, ILogger? logger = null)
        : base(model, tokenizer, chatTemplate, options, logger)
    {
        SimPoOptions = simPoOptions ?? new SimPoOptions();
        SimPoOptions.Validate();
    }

    /// <summary>The loss's own settings.</summary>
    public SimPoOptions SimPoOptions { get; }

    /// <inheritdoc/>
    public override string Name => "simpo";

    private protected override bool UsesReference => false;

    private protected override IEnumerable<(string Name, string Value)> LossSettings() =>
        [("beta", SettingText(SimPoOptions.Beta)), ("simpo_gamma", SettingText(SimPoOptions.Gamma))];

    private protected override LossResult ComputeLoss(StepLogProbs logProbs)
    {
        var average = logProbs.PolicySums / logProbs.Counts;
        PreferenceLossOutput output = PreferenceLosses.SimPo(average[0], average[1], SimPoOptions.Beta, SimPoOptions.Gamma);
        return new LossResult(output.Losses.mean(), PairMetrics.Create(output, average[0], average[1]));
    }
}
