using TorchSharp;
using static TorchSharp.torch;

namespace WrongOverWrong.Training;

/// <summary>
/// Multi-head self-attention with grouped-query key/value heads, rotary positions and PyTorch's
/// fused <c>scaled_dot_product_attention</c>. Module names match Hugging Face's <c>self_attn</c>.
/// </summary>
internal sealed class LlamaAttention : nn.Module
{
    private readonly AdaptableLinear qProj;
    private readonly AdaptableLinear kProj;
    private readonly AdaptableLinear vProj;
    private readonly AdaptableLinear oProj;
    private readonly int heads;
    private readonly int keyValueHeads;
    private readonly int headDim;
    private readonly double dropout;

    public LlamaAttention(LlamaConfig config, ScalarType dtype, Device device)
        : base("self_attn")
    {
        heads = config.NumAttentionHeads;
        keyValueHeads = config.NumKeyValueHeads;
        headDim = config.HeadDim;
        dropout = config.AttentionDropout;
        qProj = new AdaptableLinear("q_proj", config.HiddenSize, heads * headDim, config.QkvBias, dtype, device);
        kProj = new AdaptableLinear("k_proj", config.HiddenSize, keyValueHeads * headDim, config.QkvBias, dtype, device);
        vProj = new AdaptableLinear("v_proj", config.HiddenSize, keyValueHeads * headDim, config.QkvBias, dtype, device);
        oProj = new AdaptableLinear("o_proj", heads * headDim, config.HiddenSize, config.OutputProjectionBias, dtype, device);
        register_module("q_proj", qProj);
        register_module("k_proj", kProj);
        register_module("v_proj", vProj);
        register_module("o_proj", oProj);
    }

    /// <summary>x [batch, seq, hidden] → [batch, seq, hidden]; writes to and reads from <paramref name="cache"/> when given.</summary>
    public Tensor Forward(Tensor x, Tensor cos, Tensor sin, KeyValueCache? cache, int layerIndex)
    {
        using var scope = torch.NewDisposeScope();
        long batch = x.shape[0];
        long length = x.shape[1];
        Tensor q = qProj.Forward(x).view(batch, length, heads, headDim).transpose(1, 2);
        Tensor k = kProj.Forward(x).view(batch, length, keyValueHeads, headDim).transpose(1, 2);
        Tensor v = vProj.Forward(x).view(batch, length, keyValueHeads, headDim).transpose(1, 2);
        q = RotaryEmbedding.Apply(q, cos, sin);
        k = RotaryEmbedding.Apply(k, cos, sin);

        long past = cache?.Length ?? 0;
        if (cache is not null)
        {
            (k, v) = cache.Write(layerIndex, k, v);
        }

        if (keyValueHeads != heads)
        {
            // TorchSharp's SDPA has no enable_gqa: share each key/value head across its query group.
            int group = heads / keyValueHeads;
            long total = k.shape[2];
            k = k.unsqueeze(2).expand(batch, keyValueHeads, group, total, headDim).reshape(batch, heads, total, headDim);
            v = v.unsqueeze(2).expand(batch, keyValueHeads, group, total, headDim).reshape(batch, heads, total, headDim);
        }

        double p = training ? dropout : 0.0;
        Tensor attended;
        if (past == 0)
        {
            attended = nn.functional.scaled_dot_product_attention(q, k, v, p: p, is_casual: length > 1);
        }
        else if (length == 1)
        {
            // One new token attends to everything before it: no mask at all.
            attended = nn.functional.scaled_dot_product_attention(q, k, v, p: p);
        }
        else
        {
            // Several new tokens after a cached prefix: causal within the new block, full to the past.
            Tensor rows = torch.arange(past, past + length, device: x.device).unsqueeze(1);
            Tensor cols = torch.arange(0, past + length, device: x.device).unsqueeze(0);
            attended = nn.functional.scaled_dot_product_attention(q, k, v, attn_mask: cols.le(rows), p: p);
        }

        Tensor merged = attended.transpose(1, 2).reshape(batch, length, heads * headDim);
        return oProj.Forward(merged).MoveToOuterDisposeScope();
    }
}
