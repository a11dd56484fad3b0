using TorchSharp;
using static TorchSharp.torch;

namespace WrongOverWrong.Training.Optimization;

/// <summary>
/// A copy of the trainable parameters at one step (on the CPU, outside every dispose scope), to
/// restore the best evaluation or the last state that passed the collapse guard.
/// </summary>
internal sealed class WeightSnapshot : IDisposable
{
    private readonly Tensor[] _copies;

    private WeightSnapshot(int step, Tensor[] copies)
    {
        Step = step;
        _copies = copies;
    }

    /// <summary>The optimizer step the weights belong to (0: as handed in).</summary>
    public int Step { get; }

    public static WeightSnapshot Take(TorchSharp.Modules.Parameter[] parameters, int step)
    {
        var copies = new Tensor[parameters.Length];
        // The scope disposes the intermediate detached views; the copies leave it.
        using (torch.NewDisposeScope())
        using (torch.no_grad())
        {
            for (int i = 0; i < parameters.Length; i++)
            {
                Tensor p = parameters[i];
                copies[i] = (p.device_type == DeviceType.CPU ? p.detach().clone() : p.detach().cpu()).DetachFromDisposeScope();
            }
        }

        return new WeightSnapshot(step, copies);
    }

    public void Restore(TorchSharp.Modules.Parameter[] parameters)
    {
        using var noGrad = torch.no_grad();
        for (int i = 0; i < parameters.Length; i++)
        {
            parameters[i].copy_(_copies[i]);
        }
    }

    public void Dispose()
    {
        foreach (Tensor copy in _copies)
        {
            copy.Dispose();
        }
    }
}
