using Microsoft.Extensions.Logging;
using WrongOverWrong.IO;
using WrongOverWrong.Training.Chat;
using WrongOverWrong.Training.Modeling;
using WrongOverWrong.Training.Text;

namespace WrongOverWrong.Training.Optimization;

/// <summary>
/// KTO (Ethayarajh et al.): unpaired desirable/undesirable completions against a reference point
/// z estimated from completions under mismatched prompts (see <see cref="PreferenceLosses.Kto"/>).
/// Paired preferences become one desirable (chosen) and one undesirable (rejected) example.
/// </summary>
/// <remarks>
/// Each example's mismatched completion is fixed once per dataset (the next example's completion
/// with a different prompt), rather than drawn from the shuffled batch as TRL does, so that its
/// reference log-probs can be precomputed like the others.
/// </remarks>
public sealed class KtoOptimizer : PreferenceTrainer
{
    /// <summary>Creates the trainer.</summary>
    /// <param name="model">The model to train: LoRA adapters when attached (the reference is then the model with adapters off), else all weights.</param>
    /// <param name="tokenizer">The model's tokenizer.</param>
    /// <param name="chatTemplate">The chat template that renders each prompt as a user turn.</param>
    /// <param name="options">Shared trainer settings (learning rate, schedule, batching, evaluation, ...); <see langword="null"/> uses the paper's defaults.</param>
    /// <param name="ktoOptions">KTO settings (β, desirable and undesirable weights); <see langword="null"/> uses the defaults.</param>
    /// <param name="logger">Optional logger.</param>
    public KtoOptimizer(ICausalLanguageModel model, ITextTokenizer tokenizer, IChatTemplate chatTemplate, TrainerOptions? options = null, KtoOptions? ktoOptions = null, ILogger? logger = null)
        : base(model, tokenizer, chatTemplate, options, logger)
    {
        KtoOptions = ktoOptions ?? new KtoOptions();
        KtoOptions.Validate();
    }

    /// <summary>The loss's own settings.</summary>
    public KtoOptions KtoOptions { get; }

    /// <inheritdoc/>
    public override string Name => "kto";

    private protected override bool UsesReference => true;

    private protected override IEnumerable<(string Name, string Value)> LossSettings() =>
        [("beta", SettingText(KtoOptions.Beta)), ("desirable_weight", SettingText(KtoOptions.DesirableWeight)), ("undesirable_weight", SettingText(KtoOptions.UndesirableWeight))];

    /// <summary>Trains on unpaired labelled completions (TRL's unpaired format).</summary>
    /// <param name="examples">Desirable and undesirable completions.</param>
    /// <param name="progress">Receives one report per optimizer step.</param>
    /// <param name="cancellationToken">Stops after the current step, writing a checkpoint.</param>
    public Task<TrainingResult> TrainAsync(IReadOnlyList<UnpairedPreference> examples, IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
        => TrainAsync(examples, null, progress, cancellationToken);

    /// <summary>Trains on unpaired labelled completions, evaluating on held-out ones (see <see cref="IPreferenceOptimizer.TrainAsync(IReadOnlyList{Preference}, IReadOnlyList{Preference}, IProgress{TrainingProgress}, CancellationToken)"/>).</summary>
    /// <param name="examples">Desirable and undesirable completions.</param>
    /// <param name="evaluationExamples">Held-out completions to evaluate on; <see langword="null"/> for none.</param>
    /// <param name="progress">Receives one report per optimizer step.</param>
    /// <param name="cancellationToken">Stops after the current step, writing a checkpoint.</param>
    public Task<TrainingResult> TrainAsync(IReadOnlyList<UnpairedPreference> examples, IReadOnlyList<UnpairedPreference>? evaluationExamples, IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ExampleSet train = Convert(examples, nameof(examples));
        ExampleSet? evaluation = evaluationExamples is null ? null : Convert(evaluationExamples, nameof(evaluationExamples));
        return TrainExamplesAsync(train, evaluation, progress, cancellationToken);
    }

    private static ExampleSet Convert(IReadOnlyList<UnpairedPreference> examples, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(examples, parameterName);
        var converted = new List<TrainingExample>(examples.Count);
        for (int i = 0; i < examples.Count; i++)
        {
            UnpairedPreference example = examples[i] ?? throw new ArgumentException($"Example {i} is null.", parameterName);
            if (example.Prompt is null || example.Completion is null)
            {
                throw new ArgumentException($"Example {i} (question '{example.QuestionId}') has a null prompt or completion.", parameterName);
            }

            converted.Add(Example(example));
        }

        return new ExampleSet(converted, 0, parameterName);
    }

    // One rule with Core's PreferenceConversions.ToUnpaired: a pair whose chosen equals its
    // rejected text gives nothing (the trainer counts it as skipped, "chosen equals rejected").
    private protected override IEnumerable<TrainingExample> ToExamples(Preference preference) =>
        preference.ToUnpaired().Select(Example);

    private static TrainingExample Example(UnpairedPreference example) =>
        new(example.QuestionId, example.Prompt, [example.Completion], example.Label);

    private protected override void Prepare(List<TokenizedExample> examples, string parameterName)
    {
        if (examples.Count < 2)
        {
            throw new ArgumentException("KTO needs at least two usable examples to estimate its KL reference point from mismatched pairs.", parameterName);
        }

        var prepared = WithMismatchedCompletions(examples, Options.MaxLength);
        examples.Clear();
        examples.AddRange(prepared);
    }

    /// <summary>
    /// Adds to each example a second slot: the completion of the next example (cyclically) whose
    /// prompt differs, cut to fit after this example's prompt. KTO's KL estimate scores these.
    /// </summary>
    internal static TokenizedExample[] WithMismatchedCompletions(IReadOnlyList<TokenizedExample> examples, int maxLength)
    {
        int count = examples.Count;
        var prepared = new TokenizedExample[count];
        for (int i = 0; i < count; i++)
        {
            TokenizedExample example = examples[i];
            int partner = (i + 1) % count;
            for (int offset = 1; offset < count; offset++)
            {
                int candidate = (i + offset) % count;
                if (!examples[candidate].Prompt.AsSpan().SequenceEqual(example.Prompt))
                {
                    partner = candidate;
                    break;
                }
            }

            int[] mismatched = examples[partner].Completions[0];
            int room = maxLength - example.Prompt.Length;
            if (mismatched.Length > room)
            {
                mismatched = mismatched[..room];
            }

            prepared[i] = example with { Completions = [example.Completions[0], mismatched] };
        }

        return prepared;
    }

    private protected override LossResult ComputeLoss(StepLogProbs logProbs)
    {
        var policy = logProbs.PolicySums;
        var reference = logProbs.ReferenceSums!;
        var kl = PreferenceLosses.KtoKl(policy[1], reference[1]);
        PreferenceLossOutput output = PreferenceLosses.Kto(policy[0], reference[0], logProbs.Labels, kl, KtoOptions.Beta, KtoOptions.DesirableWeight, KtoOptions.UndesirableWeight);
        var desirable = logProbs.Labels;
        var metrics = new Dictionary<string, TorchSharp.torch.Tensor>(StringComparer.Ordinal)
        {
            ["kl"] = kl,
            ["rewards/chosen"] = output.ChosenRewards,
            ["rewards/rejected"] = output.RejectedRewards,
            ["logps/chosen"] = policy[0].detach().masked_select(desirable),
            ["logps/rejected"] = policy[0].detach().masked_select(desirable.logical_not()),
        };
        if (output.ChosenRewards.numel() > 0 && output.RejectedRewards.numel() > 0)
        {
            metrics["rewards/margins"] = output.ChosenRewards.mean() - output.RejectedRewards.mean();
        }

        return new LossResult(output.Losses.mean(), metrics);
    }
}
