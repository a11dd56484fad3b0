using Microsoft.Extensions.Logging;
using WrongOverWrong.Training.Chat;
using WrongOverWrong.Training.Modeling;
using WrongOverWrong.Training.Text;

namespace WrongOverWrong.Training.Optimization;

/// <summary>
/// ORPO (Hong et al.): supervised loss on the chosen completion plus an odds-ratio penalty, no
/// reference (see <see cref="PreferenceLosses.Orpo"/>).
/// </summary>
public sealed class OrpoOptimizer : PreferenceTrainer
{
    /// <summary>Creates the trainer.</summary>
    /// <param name="model">The model to train: LoRA adapters when attached (the reference is then the model with adapters off), else all weights.</param>
    /// <param name="tokenizer">The model's tokenizer.</param>
    /// <param name="chatTemplate">The chat template that renders each prompt as a user turn.</param>
    /// <param name="options">Shared trainer settings (learning rate, schedule, batching, evaluation, ...); <see langword="null"/> uses the paper's defaults.</param>
    /// <param name="orpoOptions">ORPO settings (λ, NLL normalisation); <see langword="null"/> uses the defaults.</param>
    /// <param name="logger">Optional logger.</param>
    public OrpoOptimizer(ICausalLanguageModel model, ITextTokenizer tokenizer, IChatTemplate chatTemplate, TrainerOptions? options = null, OrpoOptions? orpoOptions = null, ILogger? logger = null)
        : base(model, tokenizer, chatTemplate, options, logger)
    {
        OrpoOptions = orpoOptions ?? new OrpoOptions();
        OrpoOptions.Validate();
    }

    /// <summary>The loss's own settings.</summary>
    public OrpoOptions OrpoOptions { get; }

    /// <inheritdoc/>
    public override string Name => "orpo";

    private protected override bool UsesReference => false;

    private protected override bool UsesSequenceLogProbs => OrpoOptions.NllNormalization == OrpoNllNormalization.PromptAndCompletionTokens;

    // The normalisation is recorded only when it is not the default, so checkpoints written before it existed still resume.
    private protected override IEnumerable<(string Name, string Value)> LossSettings() =>
        OrpoOptions.NllNormalization == OrpoNllNormalization.CompletionTokens
            ? [("orpo_lambda", SettingText(OrpoOptions.Lambda))]
            : [("orpo_lambda", SettingText(OrpoOptions.Lambda)), ("orpo_nll_normalization", OrpoOptions.NllNormalization.ToString())];

    private protected override LossResult ComputeLoss(StepLogProbs logProbs)
    {
        var sums = logProbs.PolicySums;
        var average = sums / logProbs.Counts;

        var nll = OrpoOptions.NllNormalization == OrpoNllNormalization.PromptAndCompletionTokens ? logProbs.ChosenSequenceNll() : logProbs.ChosenNll();
        var (output, logOddsRatio, logOdds) = PreferenceLosses.Orpo(average[0], average[1], nll, OrpoOptions.Lambda);
        var metrics = PairMetrics.Create(output, average[0], average[1]);
        metrics["nll_loss"] = nll.detach();
        metrics["log_odds_ratio"] = logOddsRatio;
        metrics["log_odds_chosen"] = logOdds;
        return new LossResult(output.Losses.mean(), metrics);
    }
}
