using TorchSharp;
using WrongOverWrong.Training.Modeling;

namespace WrongOverWrong.Training.Tests;

/// <summary>
/// An independent, deliberately slow Llama forward pass in plain C# loops over doubles, used to
/// check the TorchSharp model. It shares only the weights (read back as arrays) with the model.
/// </summary>
internal sealed class NaiveLlama
{
    private readonly LlamaConfig c;
    private readonly Dictionary<string, double[]> w = new(StringComparer.Ordinal);

    public NaiveLlama(LlamaForCausalLM model)
    {
        c = model.Config;
        foreach ((string name, var p) in model.BaseParameters())
        {
            using var f = p.detach().to(torch.ScalarType.Float32).cpu();
            w[name] = f.data<float>().ToArray().Select(v => (double)v).ToArray();
        }
    }

    /// <summary>Logits [T][V] for one sequence.</summary>
    public double[][] Logits(int[] ids)
    {
        int T = ids.Length, H = c.HiddenSize, D = c.HeadDim;
        var x = new double[T][];
        for (int t = 0; t < T; t++)
        {
            x[t] = w["model.embed_tokens.weight"].AsSpan(ids[t] * H, H).ToArray();
        }

        double[] inv = InverseFrequencies();
        for (int l = 0; l < c.NumHiddenLayers; l++)
        {
            string p = $"model.layers.{l}.";
            var q = new double[T][];
            var k = new double[T][];
            var v = new double[T][];
            for (int t = 0; t < T; t++)
            {
                double[] h = Norm(x[t], w[p + "input_layernorm.weight"]);
                q[t] = Linear(h, p + "self_attn.q_proj", c.NumAttentionHeads * D);
                k[t] = Linear(h, p + "self_attn.k_proj", c.NumKeyValueHeads * D);
                v[t] = Linear(h, p + "self_attn.v_proj", c.NumKeyValueHeads * D);
                Rope(q[t], c.NumAttentionHeads, t, inv);
                Rope(k[t], c.NumKeyValueHeads, t, inv);
            }

            int group = c.NumAttentionHeads / c.NumKeyValueHeads;
            for (int t = 0; t < T; t++)
            {
                var attended = new double[c.NumAttentionHeads * D];
                for (int head = 0; head < c.NumAttentionHeads; head++)
                {
                    int kvHead = head / group;
                    var scores = new double[t + 1];
                    double max = double.NegativeInfinity;

                    // Mistral's sliding window: position t sees t - window + 1 .. t.
                    int first = c.SlidingWindow is { } window ? Math.Max(0, t - window + 1) : 0;
                    for (int s = first; s <= t; s++)
                    {
                        double dot = 0;
                        for (int d = 0; d < D; d++)
                        {
                            dot += q[t][(head * D) + d] * k[s][(kvHead * D) + d];
                        }

                        scores[s] = dot / Math.Sqrt(D);
                        max = Math.Max(max, scores[s]);
                    }

                    double sum = 0;
                    for (int s = first; s <= t; s++)
                    {
                        scores[s] = Math.Exp(scores[s] - max);
                        sum += scores[s];
                    }

                    for (int s = first; s <= t; s++)
                    {
                        for (int d = 0; d < D; d++)
                        {
                            attended[(head * D) + d] += scores[s] / sum * v[s][(kvHead * D) + d];
                        }
                    }
                }

                double[] o = Linear(attended, p + "self_attn.o_proj", H);
                for (int i = 0; i < H; i++)
                {
                    x[t][i] += o[i];
                }

                double[] h2 = Norm(x[t], w[p + "post_attention_layernorm.weight"]);
                double[] gate = Linear(h2, p + "mlp.gate_proj", c.IntermediateSize);
                double[] up = Linear(h2, p + "mlp.up_proj", c.IntermediateSize);
                for (int i = 0; i < gate.Length; i++)
                {
                    gate[i] = gate[i] / (1 + Math.Exp(-gate[i])) * up[i];
                }

                double[] down = Linear(gate, p + "mlp.down_proj", H);
                for (int i = 0; i < H; i++)
                {
                    x[t][i] += down[i];
                }
            }
        }

        string lmHead = c.TieWordEmbeddings ? "model.embed_tokens" : "lm_head";
        return x.Select(row => Linear(Norm(row, w["model.norm.weight"]), lmHead, c.VocabSize)).ToArray();
    }

    private double[] InverseFrequencies()
    {
        int half = c.HeadDim / 2;
        var inv = new double[half];
        for (int i = 0; i < half; i++)
        {
            inv[i] = Math.Pow(c.RopeTheta, -2.0 * i / c.HeadDim);
            if (c.RopeScaling is { RopeType: "llama3" } s)
            {
                double wavelength = 2 * Math.PI / inv[i];
                double smooth = Math.Clamp((s.OriginalMaxPositionEmbeddings / wavelength - s.LowFrequencyFactor) / (s.HighFrequencyFactor - s.LowFrequencyFactor), 0, 1);
                inv[i] = (1 - smooth) * inv[i] / s.Factor + smooth * inv[i];
            }
            else if (c.RopeScaling is { RopeType: "linear" } lin)
            {
                inv[i] /= lin.Factor;
            }
        }

        return inv;
    }

    private void Rope(double[] vec, int heads, int position, double[] inv)
    {
        int D = c.HeadDim, half = D / 2;
        for (int h = 0; h < heads; h++)
        {
            for (int i = 0; i < half; i++)
            {
                double a = vec[(h * D) + i], b = vec[(h * D) + i + half];
                double angle = position * inv[i];
                vec[(h * D) + i] = a * Math.Cos(angle) - b * Math.Sin(angle);
                vec[(h * D) + i + half] = b * Math.Cos(angle) + a * Math.Sin(angle);
            }
        }
    }

    private double[] Norm(double[] x, double[] weight)
    {
        double ms = x.Sum(v => v * v) / x.Length;
        double r = 1 / Math.Sqrt(ms + c.RmsNormEps);
        return x.Select((v, i) => v * r * weight[i]).ToArray();
    }

    private double[] Linear(double[] x, string module, int outFeatures)
    {
        double[] weight = w[module + ".weight"];
        w.TryGetValue(module + ".bias", out double[]? bias);
        var y = new double[outFeatures];
        for (int o = 0; o < outFeatures; o++)
        {
            double s = bias?[o] ?? 0;
            for (int i = 0; i < x.Length; i++)
            {
                s += weight[(o * x.Length) + i] * x[i];
            }

            y[o] = s;
        }

        return y;
    }
}
