using Microsoft.Extensions.AI;

namespace WrongOverWrong.Pipeline;

/// <summary>An aligned model returned by <see cref="IPolicy.TrainAsync"/>: a chat client and what training did.</summary>
/// <param name="Client">The aligned model's chat client (disposed with this object).</param>
/// <param name="Result">The training summary; <see langword="null"/> when the policy does not report one.</param>
/// <param name="Reloaded">Whether finished adapters were loaded from the arm's folder instead of trained.</param>
/// <param name="Note">A note for the report (for example: stopped by the collapse guard, weights restored).</param>
public sealed record AlignedPolicy(IChatClient Client, TrainingResult? Result = null, bool Reloaded = false, string? Note = null) : IDisposable
{
    /// <summary>Disposes the client (and whatever model it owns, by the policy's arrangement).</summary>
    public void Dispose() => Client.Dispose();
}
