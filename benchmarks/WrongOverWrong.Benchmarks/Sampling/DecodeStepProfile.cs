using System.Diagnostics;
using TorchSharp;
using WrongOverWrong.Training.Modeling;
using WrongOverWrong.Training.Native;
using WrongOverWrong.Training.Sampling;
using static TorchSharp.torch;

namespace WrongOverWrong.Benchmarks.Sampling;

/// <summary>
/// Stopwatch breakdown of one cached decode step (10 rows after 256 to 466 cached positions) of the
/// <see cref="SamplingThroughputBenchmarks"/> model, piece by piece, to find where a step's time goes.
/// Run: dotnet run -c Release --project benchmarks/WrongOverWrong.Benchmarks -- decode-profile [threads]
/// </summary>
internal static class DecodeStepProfile
{
    private const int Rows = SamplingThroughputBenchmarks.Samples;
    private const int Past = 256;
    private const int Repeats = 100;

    public static void Run(int threads)
    {
        TorchSharpNative.EnsureLoaded();
        torch.set_num_threads(threads);
        LlamaConfig config = SamplingThroughputBenchmarks.Config;
        using var model = LlamaForCausalLM.Create(config, seed: 1);
        using var noGrad = torch.no_grad();
        using var generator = new Generator(7, torch.CPU);
        var options = new SamplingOptions { NumSamples = Rows, MaxNewTokens = 128, Temperature = 1.0, Seed = 7 };

        using KeyValueCache cache = model.CreateCache(Rows, Past + 384);
        using (torch.NewDisposeScope())
        {
            model.ForwardHidden(torch.randint(0, config.VocabSize, [Rows, Past], dtype: ScalarType.Int64), cache);
        }

        Tensor ids = torch.randint(0, config.VocabSize, [Rows, 1], dtype: ScalarType.Int64);
        Tensor x = torch.randn(Rows, 1, config.HiddenSize);
        Tensor hidden = torch.randn(Rows, config.HiddenSize);
        Tensor logits = model.ProjectToVocabulary(hidden);
        var attention = new LlamaAttention(config, ScalarType.Float32, torch.CPU);
        var mlp = new LlamaMlp(config, ScalarType.Float32, torch.CPU);
        var norm = new RmsNorm("n", config.HiddenSize, config.RmsNormEps, ScalarType.Float32, torch.CPU);
        var rotary = new RotaryEmbedding(config, torch.CPU);
        foreach (var p in attention.parameters().Concat(mlp.parameters()))
        {
            p.normal_(0, 0.02);
        }

        (Tensor cos, Tensor sin) = rotary.CosSin(Past, 1, ScalarType.Float32);
        Tensor q = torch.randn(Rows, config.NumAttentionHeads, 1, config.HeadDim);
        Tensor k = torch.randn(Rows, config.NumKeyValueHeads, 1, config.HeadDim);
        Tensor grouped = q.reshape(Rows, config.NumKeyValueHeads, config.NumAttentionHeads / config.NumKeyValueHeads, config.HeadDim);
        Tensor keys = torch.randn(Rows, config.NumKeyValueHeads, Past + 64, config.HeadDim);
        Tensor values = torch.randn(Rows, config.NumKeyValueHeads, Past + 64, config.HeadDim);
        Tensor qWeight = torch.randn(config.NumAttentionHeads * config.HeadDim, config.HiddenSize);
        Tensor headWeight = torch.randn(config.VocabSize, config.HiddenSize);
        Tensor embedding = model.named_parameters().First(p => p.name == "model.embed_tokens.weight").parameter;
        Tensor hidden3 = hidden.unsqueeze(1).contiguous();
        Tensor headWeightT = headWeight.t().contiguous();
        Tensor probabilities = logits.softmax(-1);
        Tensor chosen = torch.zeros(Rows, dtype: ScalarType.Int64);

        var pieces = new (string Name, Action Body)[]
        {
            ("full step: ForwardHidden + head", () => model.ProjectToVocabulary(model.ForwardHidden(ids, cache).squeeze(1))),
            ("  ForwardHidden (4 layers)", () => model.ForwardHidden(ids, cache)),
            ("  embedding", () => embedding.index_select(0, ids.reshape(-1))),
            ("  rope CosSin", () => rotary.CosSin(Past, 1, ScalarType.Float32)),
            ("  rms norm", () => norm.forward(x)),
            ("  attention (one layer)", () => attention.Forward(x, cos, sin, cache, 0)),
            ("    q_proj linear", () => nn.functional.linear(x, qWeight)),
            ("    rope apply (q)", () => RotaryEmbedding.Apply(q, cos, sin)),
            ("    cache write", () => cache.Write(0, k, k)),
            ("    sdpa over cache (not used)", () => nn.functional.scaled_dot_product_attention(grouped, keys, values)),
            ("    plain attention over cache", () => torch.matmul(torch.matmul(grouped * 0.125, keys.transpose(-1, -2)).softmax(-1), values)),
            ("  mlp (one layer)", () => mlp.Forward(x)),
            ("  lm head", () => model.ProjectToVocabulary(hidden)),
            ("  lm head (libtorch linear)", () => nn.functional.linear(hidden, headWeight)),
            ("  lm head (small-batch kernel)", () => SmallBatchLinear.Linear(hidden, headWeight)),
            ("  lm head (kernel, AVX2 tiles)", () => SmallBatchLinear.Linear(hidden, headWeight, null, wide: false)),
            ("  lm head mm(W, h^T)", () => torch.mm(headWeight, hidden.t())),
            ("  lm head mm(h, W^T contiguous)", () => torch.mm(hidden, headWeightT)),
            ("chooser: Choose", () => NextTokenChooser.Choose(logits, options, generator)),
            ("chooser: fused draw", () => SoftmaxDrawKernel.Draw(logits, 1.0, new double[Rows])),
            ("  log_softmax", () => logits.log_softmax(-1)),
            ("  softmax", () => logits.softmax(-1)),
            ("  multinomial", () => torch.multinomial(probabilities, 1, replacement: false, generator: generator)),
            ("  exponential_", () => torch.empty_like(probabilities).exponential_(1, generator)),
            ("  rand + cumsum + searchsorted", () => torch.searchsorted(probabilities.to(ScalarType.Float64).cumsum(-1), torch.rand(new long[] { Rows, 1 }, dtype: ScalarType.Float64, generator: generator), right: true)),
            ("cpu copies", () => { chosen.cpu().data<long>().ToArray(); chosen.to(ScalarType.Float32).cpu().data<float>().ToArray(); }),
            ("full step again (cache is longer)", () => model.ProjectToVocabulary(model.ForwardHidden(ids, cache).squeeze(1))),
            ("head on squeezed ForwardHidden", () => model.ProjectToVocabulary(hidden3.squeeze(1))),
        };

        // Vector256.Exp (in the token draw) runs as slow precompiled code until tiered compilation
        // re-jits it, which takes a few hundred calls: warm it before timing anything.
        for (int i = 0; i < 400; i++)
        {
            using var warm = torch.NewDisposeScope();
            NextTokenChooser.Choose(logits, options, generator);
        }

        foreach ((string name, Action body) in pieces)
        {
            for (int i = 0; i < 5; i++)
            {
                using var warm = torch.NewDisposeScope();
                body();
            }

            var watch = Stopwatch.StartNew();
            for (int i = 0; i < Repeats; i++)
            {
                using var scope = torch.NewDisposeScope();
                body();
            }

            Console.WriteLine($"{name,-36} {watch.Elapsed.TotalMilliseconds * 1000 / Repeats,9:F1} us");
        }
    }
}
