using static TorchSharp.torch;

namespace WrongOverWrong.Training.Optimization;

/// <summary>
/// What a preference loss returns: unreduced per-example losses (the trainer takes the mean) and
/// the implicit rewards TRL logs as <c>rewards/chosen</c> and <c>rewards/rejected</c>.
/// </summary>
/// <param name="Losses">Per-example losses, shape [batch]; differentiable.</param>
/// <param name="ChosenRewards">Rewards of the chosen (desirable) completions, detached.</param>
/// <param name="RejectedRewards">Rewards of the rejected (undesirable) completions, detached.</param>
public sealed record PreferenceLossOutput(Tensor Losses, Tensor ChosenRewards, Tensor RejectedRewards);
