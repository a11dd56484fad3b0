using TorchSharp;
using static TorchSharp.torch;

namespace WrongOverWrong.Training;

/// <summary>Turns last-position logits [rows, vocab] into chosen tokens and their raw log-probabilities.</summary>
internal static class NextTokenChooser
{
    public static (Tensor Tokens, Tensor LogProbabilities) Choose(Tensor logits, SamplingOptions options, Generator generator)
    {
        using var scope = torch.NewDisposeScope();
        Tensor raw = logits.to(ScalarType.Float32);
        Tensor logProbabilities = raw.log_softmax(-1);
        Tensor tokens;
        if (options.Temperature == 0)
        {
            tokens = raw.argmax(-1);
        }
        else
        {
            Tensor scaled = raw / options.Temperature;
            long vocabulary = scaled.shape[^1];
            if (options.TopK > 0 && options.TopK < vocabulary)
            {
                Tensor kth = scaled.topk(options.TopK, dim: -1).values.narrow(-1, options.TopK - 1, 1);
                scaled = scaled.masked_fill(scaled.lt(kth), double.NegativeInfinity);
            }

            if (options.TopP < 1)
            {
                (Tensor sorted, Tensor order) = scaled.sort(-1, descending: true);
                Tensor probabilities = sorted.softmax(-1);

                // Drop a token when the mass before it already reaches top_p; the first token always stays.
                Tensor before = probabilities.cumsum(-1) - probabilities;
                Tensor filtered = sorted.masked_fill(before.ge(options.TopP), double.NegativeInfinity);
                scaled = torch.full_like(scaled, double.NegativeInfinity).scatter(-1, order, filtered);
            }

            tokens = torch.multinomial(scaled.softmax(-1), 1, replacement: false, generator: generator).squeeze(-1);
        }

        Tensor chosen = logProbabilities.gather(-1, tokens.unsqueeze(-1)).squeeze(-1);
        return (tokens.MoveToOuterDisposeScope(), chosen.MoveToOuterDisposeScope());
    }
}
