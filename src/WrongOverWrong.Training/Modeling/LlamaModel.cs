using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace WrongOverWrong.Training;

/// <summary>The decoder stack (Hugging Face's <c>model.</c> prefix): embeddings, layers, final norm.</summary>
internal sealed class LlamaModel : nn.Module
{
    private readonly TokenEmbedding embedTokens;
    private readonly ModuleList<LlamaDecoderLayer> layers;
    private readonly RmsNorm norm;
    private readonly RotaryEmbedding rotary;

    public LlamaModel(LlamaConfig config, ScalarType dtype, Device device)
        : base("model")
    {
        embedTokens = new TokenEmbedding(config.VocabSize, config.HiddenSize, dtype, device);
        layers = new ModuleList<LlamaDecoderLayer>(
            Enumerable.Range(0, config.NumHiddenLayers).Select(i => new LlamaDecoderLayer(config, i, dtype, device)).ToArray());
        norm = new RmsNorm("norm", config.HiddenSize, config.RmsNormEps, dtype, device);
        rotary = new RotaryEmbedding(config, device);
        register_module("embed_tokens", embedTokens);
        register_module("layers", layers);
        register_module("norm", norm);
    }

    public TokenEmbedding EmbedTokens => embedTokens;

    /// <summary>ids [batch, seq] → final-norm hidden [batch, seq, hidden]; positions continue after the cache's length.</summary>
    public Tensor Forward(Tensor inputIds, KeyValueCache? cache)
    {
        using var scope = torch.NewDisposeScope();
        long length = inputIds.shape[1];
        long start = cache?.Length ?? 0;
        Tensor x = embedTokens.Forward(inputIds);
        (Tensor cos, Tensor sin) = rotary.CosSin(start, length, x.dtype);
        foreach (LlamaDecoderLayer layer in layers)
        {
            Tensor next = layer.Forward(x, cos, sin, cache);

            // Safe even under autograd: the graph holds its own native references.
            x.Dispose();
            x = next;
        }

        cache?.Advance(length);
        return norm.forward(x).MoveToOuterDisposeScope();
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
