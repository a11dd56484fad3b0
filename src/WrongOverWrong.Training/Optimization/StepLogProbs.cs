using static TorchSharp.torch;

namespace WrongOverWrong.Training.Optimization;

/// <summary>The log-probs one micro-batch hands to a loss: [slots, batch] tensors, slot 0 = chosen.</summary>
/// <param name="PolicySums">Summed policy log-probs per completion.</param>
/// <param name="Counts">Completion token counts.</param>
/// <param name="ReferenceSums">Summed reference log-probs, when the optimizer uses a reference.</param>
/// <param name="Labels">KTO's desirable flags [batch] (bool).</param>
internal sealed record StepLogProbs(Tensor PolicySums, Tensor Counts, Tensor? ReferenceSums, Tensor Labels)
{
    /// <summary>
    /// Token-level cross-entropy over all chosen tokens of the batch (a language-model loss): SFT's
    /// loss and ORPO's NLL term, one definition so the two stay comparable.
    /// </summary>
    public Tensor ChosenNll() => PreferenceLosses.ChosenNll(PolicySums[0], Counts[0]);

    /// <summary>Summed policy log-probs over prompt and completion tokens [slots, batch], when the loss asked for them.</summary>
    public Tensor? SequenceSums { get; init; }

    /// <summary>Prompt and completion token counts [slots, batch] (position 0 excluded), with <see cref="SequenceSums"/>.</summary>
    public Tensor? SequenceCounts { get; init; }

    /// <summary>The NLL over every token of the chosen rows, prompt included (TRL's ORPO term).</summary>
    public Tensor ChosenSequenceNll() => PreferenceLosses.ChosenNll(
        SequenceSums?[0] ?? throw new InvalidOperationException("Sequence log-probs were not computed."),
        SequenceCounts![0]);
}
