using Microsoft.Extensions.Logging;
using WrongOverWrong.Training.Chat;
using WrongOverWrong.Training.Modeling;
using WrongOverWrong.Training.Text;

namespace WrongOverWrong.Training.Optimization;

/// <summary>
/// Supervised fine-tuning: token-level cross-entropy on the chosen completions only. It trains the
/// offline default model and is the "extra training, no preference" control for the optimizers
/// (through <see cref="IPreferenceOptimizer"/> it trains on each preference's chosen text). It
/// shares the loop of <see cref="LanguageModelTrainer"/> with the preference optimizers but is not one.
/// </summary>
public sealed class SftTrainer : LanguageModelTrainer
{
    /// <summary>Creates a supervised trainer.</summary>
    /// <param name="model">The model to train: LoRA adapters when attached, else all weights.</param>
    /// <param name="tokenizer">The model's tokenizer.</param>
    /// <param name="chatTemplate">The chat template that renders each prompt as a user turn.</param>
    /// <param name="options">Shared trainer settings; <see langword="null"/> uses the paper's defaults.</param>
    /// <param name="logger">Optional logger.</param>
    public SftTrainer(ICausalLanguageModel model, ITextTokenizer tokenizer, IChatTemplate chatTemplate, TrainerOptions? options = null, ILogger? logger = null)
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
        => TrainAsync(examples, null, progress, cancellationToken);

    /// <summary>Trains on prompt/completion pairs, evaluating on held-out ones (<c>eval_loss</c> is then the held-out NLL).</summary>
    /// <param name="examples">Prompt and completion texts.</param>
    /// <param name="evaluationExamples">Held-out prompt and completion texts; <see langword="null"/> for none.</param>
    /// <param name="progress">Receives one report per optimizer step.</param>
    /// <param name="cancellationToken">Stops after the current step, writing a checkpoint.</param>
    public Task<TrainingResult> TrainAsync(IReadOnlyList<(string Prompt, string Completion)> examples, IReadOnlyList<(string Prompt, string Completion)>? evaluationExamples, IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ExampleSet train = Convert(examples, nameof(examples));
        ExampleSet? evaluation = evaluationExamples is null ? null : Convert(evaluationExamples, nameof(evaluationExamples));
        return TrainExamplesAsync(train, evaluation, progress, cancellationToken);
    }

    private static ExampleSet Convert(IReadOnlyList<(string Prompt, string Completion)> examples, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(examples, parameterName);
        var converted = new List<TrainingExample>(examples.Count);
        for (int i = 0; i < examples.Count; i++)
        {
            var (prompt, completion) = examples[i];
            if (prompt is null || completion is null)
            {
                throw new ArgumentException($"Example {i} has a null prompt or completion.", parameterName);
            }

            converted.Add(new TrainingExample(i.ToString(System.Globalization.CultureInfo.InvariantCulture), prompt, [completion], true));
        }

        return new ExampleSet(converted, 0, parameterName);
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
