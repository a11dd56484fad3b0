using TorchSharp;
using static TorchSharp.torch;

namespace WrongOverWrong.Training.Modeling;

/// <summary>
/// Keys and values of every layer for the tokens seen so far, preallocated to a fixed capacity so a
/// decoding step writes one slice instead of re-concatenating the whole history. The cache owns its
/// tensors: dispose it when generation ends.
/// </summary>
/// <remarks>
/// Rows may be left-padded (prompts of different lengths in one batch): the cache then remembers
/// which slots hold real tokens and each row's next position id, so later steps mask the padding
/// and continue each row's positions where its own tokens end. All rows share one slot index
/// (<see cref="Length"/>); a row's padding only ever lies before its first real token.
/// </remarks>
public sealed class KeyValueCache : IDisposable
{
    private readonly Tensor[] keys;
    private readonly Tensor[] values;
    private Tensor valid;
    private Tensor nextPositions;
    private bool disposed;
    private bool tracksGradients;

    internal KeyValueCache(int layers, long batch, long keyValueHeads, long capacity, long headDim, ScalarType dtype, Device device)
    {
        keys = new Tensor[layers];
        values = new Tensor[layers];
        for (int i = 0; i < layers; i++)
        {
            keys[i] = torch.zeros([batch, keyValueHeads, capacity, headDim], dtype: dtype, device: device).DetachFromDisposeScope();
            values[i] = torch.zeros([batch, keyValueHeads, capacity, headDim], dtype: dtype, device: device).DetachFromDisposeScope();
        }

        valid = torch.zeros([batch, capacity], dtype: ScalarType.Bool, device: device).DetachFromDisposeScope();
        nextPositions = torch.zeros([batch], dtype: ScalarType.Int64, device: device).DetachFromDisposeScope();
        Batch = batch;
        Capacity = capacity;
    }

    // A cache over tensors already made (Repeat's copies), so none is allocated only to be replaced.
    private KeyValueCache(Tensor[] keys, Tensor[] values, Tensor valid, Tensor nextPositions, long capacity)
    {
        this.keys = keys;
        this.values = values;
        this.valid = valid;
        this.nextPositions = nextPositions;
        Batch = valid.shape[0];
        Capacity = capacity;
    }

    /// <summary>Rows in the batch.</summary>
    public long Batch { get; private set; }

    /// <summary>Whether any written slot holds padding (then attention needs a mask and per-row positions).</summary>
    public bool Padded { get; private set; }

    /// <summary>Most positions the cache can hold.</summary>
    public long Capacity { get; }

    /// <summary>Positions already written (the next token's position id).</summary>
    public long Length { get; private set; }

    /// <summary>
    /// Whether written keys and values keep their autograd history (default false). A tracking
    /// cache grows by concatenation instead of writing into its preallocated buffers (an in-place
    /// write would invalidate what the backward pass saved), so a loss over tokens decoded after a
    /// cached prefix back-propagates into that prefix. Preference training uses it to run each
    /// prompt once for all of its completions. Set it before the first write.
    /// </summary>
    /// <exception cref="InvalidOperationException">Set after positions were written.</exception>
    public bool TracksGradients
    {
        get => tracksGradients;
        set
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            if (Length > 0 && value != tracksGradients)
            {
                throw new InvalidOperationException($"{nameof(TracksGradients)} must be set before the first write; the cache already holds {Length} positions.");
            }

            tracksGradients = value;
        }
    }

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

        if (tracksGradients)
        {
            // Functional append: the history tensors are part of the graph. Only the first
            // Length positions of the current tensors are history (a fresh cache holds none).
            keys[layer] = Append(keys[layer], newKeys);
            values[layer] = Append(values[layer], newValues);
            return (keys[layer], values[layer]);
        }

        using (torch.no_grad())
        {
            keys[layer].narrow(2, Length, count).copy_(newKeys);
            values[layer].narrow(2, Length, count).copy_(newValues);
        }

        return (keys[layer].narrow(2, 0, Length + count), values[layer].narrow(2, 0, Length + count));
    }

    private Tensor Append(Tensor history, Tensor added)
    {
        Tensor grown = Length == 0 ? added.alias() : torch.cat([history.narrow(2, 0, Length), added], 2);
        grown = grown.DetachFromDisposeScope();
        history.Dispose();
        return grown;
    }

    /// <summary>Marks <paramref name="count"/> more positions as written (after every layer has written them).</summary>
    internal void Advance(long count) => Length += count;

    /// <summary>
    /// Records which of the next <paramref name="count"/> slots hold real tokens (<paramref name="mask"/>
    /// [batch, count], nonzero = real; null = all real) and returns their per-row position ids
    /// [batch, count], continuing each row after its own real tokens (padding gets the row's next
    /// position; it is never attended to). Called once per forward pass, before the layers write.
    /// </summary>
    internal Tensor RecordPositions(Tensor? mask, long count)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        if (Length + count > Capacity)
        {
            throw new InvalidOperationException($"The KV cache holds {Capacity} positions; writing {count} more after {Length} would overflow it.");
        }

        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        Tensor real = mask is null
            ? torch.ones([Batch, count], dtype: ScalarType.Int64, device: valid.device)
            : mask.to(ScalarType.Int64, valid.device);
        if (mask is not null && !Padded && !real.ne(0).all().item<bool>())
        {
            Padded = true;
        }

        valid.narrow(1, Length, count).copy_(real.ne(0));
        Tensor before = real.cumsum(1) - real;
        Tensor positions = nextPositions.unsqueeze(1) + before;
        nextPositions.add_(real.sum(1));
        return positions.MoveToOuterDisposeScope();
    }

    /// <summary>Which slots [batch, <see cref="Length"/> + <paramref name="pending"/>] hold real tokens (a view).</summary>
    internal Tensor Valid(long pending) => valid.narrow(1, 0, Length + pending);

    /// <summary>
    /// Keeps only the given rows, in the given order (a row may repeat): drops finished rows of a
    /// generation batch, or repeats a prefilled prompt for its samples.
    /// </summary>
    /// <param name="rows">Indices of the rows to keep.</param>
    public void SelectRows(IReadOnlyList<long> rows)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0)
        {
            throw new ArgumentException("At least one row must remain.", nameof(rows));
        }

        // A tracking cache keeps the graph, so kept rows still back-propagate into their prefix.
        using var noGrad = tracksGradients ? null : torch.no_grad();
        using Tensor index = torch.tensor(rows.ToArray(), device: valid.device);
        for (int i = 0; i < keys.Length; i++)
        {
            keys[i] = Replace(keys[i], index);
            values[i] = Replace(values[i], index);
        }

        valid = Replace(valid, index);
        nextPositions = Replace(nextPositions, index);
        Batch = rows.Count;

        static Tensor Replace(Tensor old, Tensor index)
        {
            Tensor kept = old.index_select(0, index).DetachFromDisposeScope();
            old.Dispose();
            return kept;
        }
    }

    /// <summary>
    /// A new cache with every row of this one repeated <paramref name="copies"/> times (row-major:
    /// all copies of row 0 first), so a prompt is prefilled once and then sampled many times.
    /// </summary>
    public KeyValueCache Repeat(int copies)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        ArgumentOutOfRangeException.ThrowIfLessThan(copies, 1);
        var repeatedKeys = new Tensor[keys.Length];
        var repeatedValues = new Tensor[values.Length];

        // A tracking cache's copies stay differentiable, so each repeated row's gradient flows back
        // to its one prefix; its tensors hold only the written positions (see Append).
        using (tracksGradients ? null : torch.no_grad())
        using (torch.NewDisposeScope())
        {
            for (int i = 0; i < keys.Length; i++)
            {
                repeatedKeys[i] = Written(keys[i]).repeat_interleave(copies, dim: 0).DetachFromDisposeScope();
                repeatedValues[i] = Written(values[i]).repeat_interleave(copies, dim: 0).DetachFromDisposeScope();
            }

            return new KeyValueCache(
                repeatedKeys,
                repeatedValues,
                valid.repeat_interleave(copies, dim: 0).DetachFromDisposeScope(),
                nextPositions.repeat_interleave(copies, dim: 0).DetachFromDisposeScope(),
                Capacity)
            {
                Length = Length,
                Padded = Padded,
                tracksGradients = tracksGradients,
            };
        }

        Tensor Written(Tensor history) => tracksGradients ? history.narrow(2, 0, Length) : history;
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

        valid.Dispose();
        nextPositions.Dispose();
    }
}
