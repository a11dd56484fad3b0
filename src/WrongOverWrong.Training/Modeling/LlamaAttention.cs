using TorchSharp;
using WrongOverWrong.Training.Native;
using static TorchSharp.torch;

namespace WrongOverWrong.Training.Modeling;

/// <summary>
/// Multi-head self-attention with grouped-query key/value heads, rotary positions and PyTorch's
/// fused <c>scaled_dot_product_attention</c>. Module names match Hugging Face's <c>self_attn</c>.
/// </summary>
internal sealed class LlamaAttention : nn.Module
{
    // Field names are the Hugging Face module names: TorchSharp also registers modules under their field names.
    private readonly AdaptableLinear q_proj;
    private readonly AdaptableLinear k_proj;
    private readonly AdaptableLinear v_proj;
    private readonly AdaptableLinear o_proj;
    private readonly int heads;
    private readonly int keyValueHeads;
    private readonly int headDim;
    private readonly double dropout;
    private readonly int? window;

    public LlamaAttention(LlamaConfig config, ScalarType dtype, Device device)
        : base("self_attn")
    {
        heads = config.NumAttentionHeads;
        keyValueHeads = config.NumKeyValueHeads;
        headDim = config.HeadDim;
        dropout = config.AttentionDropout;
        window = config.SlidingWindow;
        q_proj = new AdaptableLinear("q_proj", config.HiddenSize, heads * headDim, config.QkvBias, dtype, device);
        k_proj = new AdaptableLinear("k_proj", config.HiddenSize, keyValueHeads * headDim, config.QkvBias, dtype, device);
        v_proj = new AdaptableLinear("v_proj", config.HiddenSize, keyValueHeads * headDim, config.QkvBias, dtype, device);
        o_proj = new AdaptableLinear("o_proj", heads * headDim, config.HiddenSize, config.OutputProjectionBias, dtype, device);
        register_module("q_proj", q_proj);
        register_module("k_proj", k_proj);
        register_module("v_proj", v_proj);
        register_module("o_proj", o_proj);
    }

    /// <summary>
    /// x [batch, seq, hidden] → [batch, seq, hidden]; writes to and reads from <paramref name="cache"/> when given.
    /// <paramref name="visible"/> [batch, 1, seq, keys] (bool) masks padded batches; null keeps the
    /// mask-free paths (causal SDPA, the one-token decode kernels).
    /// </summary>
    public Tensor Forward(Tensor x, Tensor cos, Tensor sin, KeyValueCache? cache, int layerIndex, Tensor? visible = null)
    {
        using var scope = torch.NewDisposeScope();
        long batch = x.shape[0];
        long length = x.shape[1];
        Tensor projectedQ = q_proj.Forward(x);
        Tensor projectedK = k_proj.Forward(x);
        bool rotated = length == 1 && RotaryEmbedding.TryRotateStepInPlace(projectedQ, heads, projectedK, keyValueHeads, cos, sin, headDim);
        Tensor q = projectedQ.view(batch, length, heads, headDim).transpose(1, 2);
        Tensor k = projectedK.view(batch, length, keyValueHeads, headDim).transpose(1, 2);
        Tensor v = v_proj.Forward(x).view(batch, length, keyValueHeads, headDim).transpose(1, 2);
        if (!rotated)
        {
            q = RotaryEmbedding.Apply(q, cos, sin);
            k = RotaryEmbedding.Apply(k, cos, sin);
        }

        long past = cache?.Length ?? 0;
        if (cache is not null)
        {
            (k, v) = cache.Write(layerIndex, k, v);
        }

        if (length == 1 && window is { } w && k.shape[2] > w)
        {
            // Sliding window (Mistral): one new token sees itself and the w - 1 positions before it.
            visible = visible?.narrow(3, k.shape[2] - w, w);
            k = k.narrow(2, k.shape[2] - w, w);
            v = v.narrow(2, v.shape[2] - w, w);
        }

        // Several tokens longer than the window need a band mask instead of the plain causal one.
        bool banded = length > 1 && window is { } size && past + length > size;

        double p = training ? dropout : 0.0;
        Tensor attended;
        if (length == 1 && p == 0 && TensorMemory.IsCpuFloat32(x))
        {
            attended = DecodeStepAttention(q, k, v, visible);
        }
        else if (length == 1 && keyValueHeads != heads)
        {
            // One new token: fold each query group into the "sequence" axis of its key/value head,
            // so the cached keys/values are read in place instead of being repeated per query head.
            Tensor grouped = q.reshape(batch, keyValueHeads, heads / keyValueHeads, headDim);
            attended = nn.functional.scaled_dot_product_attention(grouped, k, v, attn_mask: visible, p: p).reshape(batch, heads, 1, headDim);
        }
        else
        {
            if (keyValueHeads != heads)
            {
                // TorchSharp's SDPA has no enable_gqa: share each key/value head across its query group.
                int group = heads / keyValueHeads;
                long total = k.shape[2];
                k = k.unsqueeze(2).expand(batch, keyValueHeads, group, total, headDim).reshape(batch, heads, total, headDim);
                v = v.unsqueeze(2).expand(batch, keyValueHeads, group, total, headDim).reshape(batch, heads, total, headDim);
            }

            if (visible is not null)
            {
                // A padded batch: the mask already holds causality, the window and the padding.
                attended = nn.functional.scaled_dot_product_attention(q, k, v, attn_mask: visible, p: p);
            }
            else if (!banded && (past == 0 || length == 1))
            {
                // A fresh sequence is causal; one new token after a cached prefix attends to everything.
                attended = nn.functional.scaled_dot_product_attention(q, k, v, p: p, is_casual: past == 0 && length > 1);
            }
            else
            {
                // Several new tokens after a cached prefix (causal within the new block, full to the
                // past), or a sequence longer than the sliding window: key j is visible from query
                // position i when j <= i and, with a window w, j > i - w (Hugging Face's Mistral mask).
                Tensor rows = torch.arange(past, past + length, device: x.device).unsqueeze(1);
                Tensor cols = torch.arange(0, past + length, device: x.device).unsqueeze(0);
                Tensor band = cols.le(rows);
                if (banded)
                {
                    band = band.logical_and(cols.gt(rows - window!.Value));
                }

                attended = nn.functional.scaled_dot_product_attention(q, k, v, attn_mask: band, p: p);
            }
        }

        Tensor merged = attended.transpose(1, 2).reshape(batch, length, heads * headDim);
        return o_proj.Forward(merged).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Attention of one new token per row over the cache, as three plain operations on CPU float32.
    /// </summary>
    /// <remarks>
    /// libtorch's CPU SDPA kernel tiles for long query blocks; for a single query per head it was no
    /// faster than matmul-softmax-matmul on one thread and 2x slower on two (243 vs 104 us for 10 rows
    /// over 256 cached positions), so the decoding step uses the plain form. Query groups are folded
    /// onto their key/value head, so the cache is read in place; the scale is applied to the query.
    /// </remarks>
    private Tensor DecodeStepAttention(Tensor q, Tensor k, Tensor v, Tensor? visible)
    {
        long batch = q.shape[0];
        Tensor grouped = q.reshape(batch, keyValueHeads, heads / keyValueHeads, headDim) * (1.0 / Math.Sqrt(headDim));
        Tensor scores = torch.matmul(grouped, k.transpose(-1, -2));
        if (visible is not null)
        {
            // Padded slots of left-padded rows: exp(-inf) = 0, so they take no weight.
            scores = scores.masked_fill(visible.logical_not(), double.NegativeInfinity);
        }

        Tensor weights = scores.softmax(-1);
        return torch.matmul(weights, v).reshape(batch, heads, 1, headDim);
    }
}
