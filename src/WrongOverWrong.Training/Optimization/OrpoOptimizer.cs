using Microsoft.Extensions.Logging;

namespace WrongOverWrong.Training.Optimization;

/// <summary>
/// ORPO (Hong et al.): supervised loss on the chosen completion plus an odds-ratio penalty, no
/// reference (see <see cref="PreferenceLosses.Orpo"/>).
/// </summary>
public sealed class OrpoOptimizer : PreferenceTrainer
{
    /// <summary>Creates an ORPO trainer.</summary>
    /// <param name="model">The model to train: LoRA adapters when attached (the reference is then the model with adapters off), else all weights.</param>
    /// <param name="tokenizer">The model's tokenizer.</param>
    /// <param name="chatTemplate">The chat template that renders each prompt as a user turn.</param>
    /// <param name="options">Options; <see langword="null"/> uses the paper's defaults.</param>
    /// <param name="logger">Optional logger.</param>
    public OrpoOptimizer(ICausalLanguageModel model, ITextTokenizer tokenizer, IChatTemplate chatTemplate, PreferenceOptimizerOptions? options = null, ILogger? logger = null)
        : base(model, tokenizer, chatTemplate, options, logger)
    {
    }

    /// <inheritdoc/>
    public override string Name => "orpo";

    private protected override int Slots => 2;

    private protected override bool UsesReference => false;

    private protected override IEnumerable<(string Name, string Value)> LossSettings() =>
        [("orpo_lambda", SettingText(Options.OrpoLambda))];

    private protected override LossResult ComputeLoss(StepLogProbs logProbs)
    {
        var sums = logProbs.PolicySums;
        var average = sums / logProbs.Counts;

        var nll = logProbs.ChosenNll();
        var (output, logOddsRatio, logOdds) = PreferenceLosses.Orpo(average[0], average[1], nll, Options.OrpoLambda);
        var metrics = PairMetrics.Create(output, average[0], average[1]);
        metrics["nll_loss"] = nll.detach();
        metrics["log_odds_ratio"] = logOddsRatio;
        metrics["log_odds_chosen"] = logOdds;
        return new LossResult(output.Losses.mean(), metrics);
    }
}
