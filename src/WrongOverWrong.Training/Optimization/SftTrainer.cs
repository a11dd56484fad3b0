using Microsoft.Extensions.Logging;

namespace WrongOverWrong.Training.Optimization;

/// <summary>
/// Supervised fine-tuning: token-level cross-entropy on the chosen completions only. It trains the
/// offline default model and is the "extra training, no preference" control for the optimizers.
/// </summary>
public sealed class SftTrainer : PreferenceTrainer
{
    /// <summary>Creates a supervised trainer.</summary>
    /// <param name="model">The model to train: LoRA adapters when attached (the reference is then the model with adapters off), else all weights.</param>
    /// <param name="tokenizer">The model's tokenizer.</param>
    /// <param name="chatTemplate">The chat template that renders each prompt as a user turn.</param>
    /// <param name="options">Options; <see langword="null"/> uses the paper's defaults.</param>
    /// <param name="logger">Optional logger.</param>
    public SftTrainer(ICausalLanguageModel model, ITextTokenizer tokenizer, IChatTemplate chatTemplate, PreferenceOptimizerOptions? options = null, ILogger? logger = null)
        : base(model, tokenizer, chatTemplate, options, logger)
    {
    }

    /// <inheritdoc/>
    public override string Name => "sft";

    private protected override int Slots => 1;

    private protected override bool UsesReference => false;

    /// <summary>Trains on prompt/completion pairs directly (for example the offline default model's data).</summary>
    /// <param name="examples">Prompt and completion texts.</param>
    /// <param name="progress">Receives one report per optimizer step.</param>
    /// <param name="cancellationToken">Stops after the current step, writing a checkpoint.</param>
    public Task<TrainingResult> TrainAsync(IReadOnlyList<(string Prompt, string Completion)> examples, IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(examples);
        var converted = new List<TrainingExample>(examples.Count);
        for (int i = 0; i < examples.Count; i++)
        {
            var (prompt, completion) = examples[i];
            if (prompt is null || completion is null)
            {
                throw new ArgumentException($"Example {i} has a null prompt or completion.", nameof(examples));
            }

            converted.Add(new TrainingExample(i.ToString(System.Globalization.CultureInfo.InvariantCulture), prompt, [completion], true));
        }

        return TrainExamplesAsync(converted, nameof(examples), progress, cancellationToken);
    }

    private protected override IEnumerable<TrainingExample> ToExamples(Preference preference)
    {
        yield return new TrainingExample(preference.QuestionId, preference.Prompt, [preference.Chosen], true);
    }

    private protected override LossResult ComputeLoss(StepLogProbs logProbs)
    {
        var sums = logProbs.PolicySums[0];
        var nll = logProbs.ChosenNll();
        var metrics = new Dictionary<string, TorchSharp.torch.Tensor>(StringComparer.Ordinal)
        {
            ["nll_loss"] = nll.detach(),
            ["logps/chosen"] = sums.detach(),
        };
        return new LossResult(nll, metrics);
    }
}
