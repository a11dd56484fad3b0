using static TorchSharp.torch;

namespace WrongOverWrong.Training.Optimization;

/// <summary>A micro-batch's scalar loss and its metrics under TRL's names (each reduced by mean; empty tensors are left out).</summary>
/// <param name="Loss">The scalar loss to back-propagate.</param>
/// <param name="Metrics">Metric tensors by name.</param>
internal sealed record LossResult(Tensor Loss, IReadOnlyDictionary<string, Tensor> Metrics);
