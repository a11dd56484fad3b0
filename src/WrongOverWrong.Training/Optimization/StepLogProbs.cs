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
    public Tensor ChosenNll() => -PolicySums[0].sum() / Counts[0].sum();
}
