using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace WrongOverWrong.Training.Modeling;

/// <summary>The token-embedding table (<c>embed_tokens.weight</c> [vocab, hidden]).</summary>
internal sealed class TokenEmbedding : nn.Module
{
    private readonly Parameter weight;

    public TokenEmbedding(long vocabulary, long hidden, ScalarType dtype, Device device)
        : base("embed_tokens")
    {
        weight = new Parameter(torch.empty([vocabulary, hidden], dtype: dtype, device: device));
        weight.DetachFromDisposeScope();
        register_parameter("weight", weight);
    }

    public Parameter Weight => weight;

    public Tensor Forward(Tensor ids)
    {
        using var scope = torch.NewDisposeScope();
        Tensor flat = ids.reshape(-1);
        Tensor rows = weight.index_select(0, flat);
        long[] shape = [.. ids.shape, weight.shape[1]];
        return rows.view(shape).MoveToOuterDisposeScope();
    }
}
