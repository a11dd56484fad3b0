using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace WrongOverWrong.Training.Modeling;

/// <summary>The decoder stack (Hugging Face's <c>model.</c> prefix): embeddings, layers, final norm.</summary>
internal sealed class LlamaModel : nn.Module
{
    // Field names are the Hugging Face module names: TorchSharp also registers modules under their field names.
    private readonly TokenEmbedding embed_tokens;
    private readonly ModuleList<LlamaDecoderLayer> layers;
    private readonly RmsNorm norm;
    private readonly RotaryEmbedding rotary;

    public LlamaModel(LlamaConfig config, ScalarType dtype, Device device)
        : base("model")
    {
        embed_tokens = new TokenEmbedding(config.VocabSize, config.HiddenSize, dtype, device);
        layers = new ModuleList<LlamaDecoderLayer>(
            Enumerable.Range(0, config.NumHiddenLayers).Select(i => new LlamaDecoderLayer(config, i, dtype, device)).ToArray());
        norm = new RmsNorm("norm", config.HiddenSize, config.RmsNormEps, dtype, device);
        rotary = new RotaryEmbedding(config, device);
        register_module("embed_tokens", embed_tokens);
        register_module("layers", layers);
        register_module("norm", norm);
    }

    public TokenEmbedding EmbedTokens => embed_tokens;

    /// <summary>
    /// ids [batch, seq] → final-norm hidden [batch, seq, hidden]. Without padding, positions continue
    /// after the cache's length and attention stays mask-free (the fused paths). With an attention
    /// mask that pads (left padding, or any padding in the cache) each row gets its own position ids
    /// and padded keys are masked; right padding without a cache needs neither (causal attention
    /// already hides later positions). Explicit <paramref name="positionIds"/> [batch, seq] override
    /// the derived ones.
    /// </summary>
    public Tensor Forward(Tensor inputIds, Tensor? attentionMask, Tensor? positionIds, KeyValueCache? cache, int? window)
    {
        using var scope = torch.NewDisposeScope();
        long batch = inputIds.shape[0];
        long length = inputIds.shape[1];
        long past = cache?.Length ?? 0;
        Tensor x = embed_tokens.Forward(inputIds);
        Tensor? positions = null;
        Tensor? keyValid = null;
        if (cache is not null)
        {
            Tensor derived = cache.RecordPositions(attentionMask, length);
            if (cache.Padded)
            {
                positions = derived;
                keyValid = cache.Valid(length);
            }
        }
        else if (attentionMask is not null)
        {
            Tensor real = attentionMask.to(ScalarType.Bool, x.device);
            bool rightPadded = length < 2 || !real.narrow(1, 1, length - 1).logical_and(real.narrow(1, 0, length - 1).logical_not()).any().item<bool>();
            if (!rightPadded)
            {
                Tensor counts = real.to(ScalarType.Int64);
                positions = counts.cumsum(1) - counts;
                keyValid = real;
            }
        }

        if (positionIds is not null)
        {
            positions = positionIds.to(ScalarType.Int64, x.device);
        }

        (Tensor cos, Tensor sin) = positions is null ? rotary.CosSin(past, length, x.dtype) : rotary.CosSin(positions, x.dtype);
        Tensor? visible = keyValid is null ? null : Visibility(keyValid, past, length, window);
        foreach (LlamaDecoderLayer layer in layers)
        {
            Tensor next = layer.Forward(x, cos, sin, cache, visible);

            // Safe even under autograd: the graph holds its own native references.
            x.Dispose();
            x = next;
        }

        cache?.Advance(length);
        return norm.forward(x).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Which keys each query may see, [batch, 1, length, past + length] (bool): causal, inside the
    /// sliding window (key j visible from query i when i - w &lt; j &lt;= i, slot indices, which equal
    /// position differences because padding only precedes a row's tokens), and not padding. A padded
    /// query sees itself, so no softmax row is empty (its output is never used).
    /// </summary>
    private static Tensor Visibility(Tensor keyValid, long past, long length, int? window)
    {
        using var scope = torch.NewDisposeScope();
        Tensor rows = torch.arange(past, past + length, device: keyValid.device).unsqueeze(1);
        Tensor cols = torch.arange(0, past + length, device: keyValid.device).unsqueeze(0);
        Tensor visible = cols.le(rows);
        if (window is { } w)
        {
            visible = visible.logical_and(cols.gt(rows - w));
        }

        Tensor allowed = keyValid.unsqueeze(1).logical_or(cols.eq(rows).unsqueeze(0));
        return visible.unsqueeze(0).logical_and(allowed).unsqueeze(1).MoveToOuterDisposeScope();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            rotary.Dispose();
        }

        base.Dispose(disposing);
    }
}
