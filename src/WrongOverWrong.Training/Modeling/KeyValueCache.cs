using TorchSharp;
using static TorchSharp.torch;

namespace WrongOverWrong.Training;

/// <summary>
/// Keys and values of every layer for the tokens seen so far, preallocated to a fixed capacity so a
/// decoding step writes one slice instead of re-concatenating the whole history. The cache owns its
/// tensors: dispose it when generation ends.
/// </summary>
public sealed class KeyValueCache : IDisposable
{
    private readonly Tensor[] keys;
    private readonly Tensor[] values;
    private bool disposed;

    internal KeyValueCache(int layers, long batch, long keyValueHeads, long capacity, long headDim, ScalarType dtype, Device device)
    {
        keys = new Tensor[layers];
        values = new Tensor[layers];
        for (int i = 0; i < layers; i++)
        {
            keys[i] = torch.zeros([batch, keyValueHeads, capacity, headDim], dtype: dtype, device: device).DetachFromDisposeScope();
            values[i] = torch.zeros([batch, keyValueHeads, capacity, headDim], dtype: dtype, device: device).DetachFromDisposeScope();
        }

        Batch = batch;
        Capacity = capacity;
    }

    /// <summary>Rows in the batch.</summary>
    public long Batch { get; }

    /// <summary>Most positions the cache can hold.</summary>
    public long Capacity { get; }

    /// <summary>Positions already written (the next token's position id).</summary>
    public long Length { get; private set; }

    /// <summary>
    /// Writes this step's keys/values [batch, kv_heads, new, head_dim] for one layer at
    /// <see cref="Length"/> and returns views of the whole history including them.
    /// </summary>
    internal (Tensor Keys, Tensor Values) Write(int layer, Tensor newKeys, Tensor newValues)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        long count = newKeys.shape[2];
        if (Length + count > Capacity)
        {
            throw new InvalidOperationException($"The KV cache holds {Capacity} positions; writing {count} more after {Length} would overflow it.");
        }

        using (torch.no_grad())
        {
            keys[layer].narrow(2, Length, count).copy_(newKeys);
            values[layer].narrow(2, Length, count).copy_(newValues);
        }

        return (keys[layer].narrow(2, 0, Length + count), values[layer].narrow(2, 0, Length + count));
    }

    /// <summary>Marks <paramref name="count"/> more positions as written (after every layer has written them).</summary>
    internal void Advance(long count) => Length += count;

    /// <summary>
    /// A new cache with every row of this one repeated <paramref name="copies"/> times (row-major:
    /// all copies of row 0 first), so a prompt is prefilled once and then sampled many times.
    /// </summary>
    public KeyValueCache Repeat(int copies)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        ArgumentOutOfRangeException.ThrowIfLessThan(copies, 1);
        Tensor first = keys[0];
        var result = new KeyValueCache(keys.Length, Batch * copies, first.shape[1], Capacity, first.shape[3], first.dtype, first.device);
        using (torch.no_grad())
        using (torch.NewDisposeScope())
        {
            for (int i = 0; i < keys.Length; i++)
            {
                result.keys[i].copy_(keys[i].repeat_interleave(copies, dim: 0));
                result.values[i].copy_(values[i].repeat_interleave(copies, dim: 0));
            }
        }

        result.Length = Length;
        return result;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        foreach (Tensor t in keys.Concat(values))
        {
            t.Dispose();
        }
    }
}
