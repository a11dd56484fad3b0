using TorchSharp;
using TorchSharp.Modules;
using WrongOverWrong.Training;
using static TorchSharp.torch;

namespace WrongOverWrong.Benchmarks.Optimization;

/// <summary>
/// A Llama-shaped decoder for the DPO step benchmark: per layer RMSNorm, q/k/v/o projections with
/// rotary positions and fused causal attention, RMSNorm, SwiGLU MLP (gate/up/down); final norm and
/// an untied LM head. LoRA (rank r, alpha = r) on all seven projections, base weights frozen.
/// Built here, with the same matmul shapes as the library's Llama model, so the benchmark does not
/// depend on checkpoint loading.
/// </summary>
internal sealed class LlamaShapedLoraModel : nn.Module, ICausalLanguageModel
{
    private readonly int _hidden;
    private readonly int _heads;
    private readonly Parameter _embedding;
    private readonly List<Parameter> _frozen = [];
    private readonly List<Layer> _layers = [];
    private readonly Parameter _finalNorm;
    private readonly Parameter _head;
    private readonly List<(string Name, Parameter Parameter)> _lora = [];
    private readonly double _scaling;

    public LlamaShapedLoraModel(int vocabulary, int hidden, int layers, int heads, int intermediate, int rank, long seed = 0)
        : base(nameof(LlamaShapedLoraModel))
    {
        manual_seed(seed);
        _hidden = hidden;
        _heads = heads;
        _scaling = 1.0; // alpha = rank
        _embedding = Frozen(randn(vocabulary, hidden).mul_(0.02));
        for (int i = 0; i < layers; i++)
        {
            _layers.Add(new Layer(
                Frozen(ones(hidden)),
                Projection($"layers.{i}.self_attn.q_proj", hidden, hidden, rank),
                Projection($"layers.{i}.self_attn.k_proj", hidden, hidden, rank),
                Projection($"layers.{i}.self_attn.v_proj", hidden, hidden, rank),
                Projection($"layers.{i}.self_attn.o_proj", hidden, hidden, rank),
                Frozen(ones(hidden)),
                Projection($"layers.{i}.mlp.gate_proj", hidden, intermediate, rank),
                Projection($"layers.{i}.mlp.up_proj", hidden, intermediate, rank),
                Projection($"layers.{i}.mlp.down_proj", intermediate, hidden, rank)));
        }

        _finalNorm = Frozen(ones(hidden));
        _head = Frozen(randn(vocabulary, hidden).mul_(0.02));
    }

    /// <summary>Parameters in matmuls of the base model (projections and LM head), the N of 2·N·T.</summary>
    public long BaseMatmulParameters => _layers.Sum(l => l.Projections.Sum(p => p.Weight.numel())) + _head.numel();

    /// <summary>Parameters of the projections only (the LM head sees completion tokens only).</summary>
    public long ProjectionParameters => _layers.Sum(l => l.Projections.Sum(p => p.Weight.numel()));

    public long HeadParameters => _head.numel();

    public long VocabularySize => _head.shape[0];

    public Device Device => _head.device;

    public bool AdaptersEnabled { get; set; } = true;

    public Tensor ForwardHidden(Tensor inputIds)
    {
        using var scope = NewDisposeScope();
        long batch = inputIds.shape[0], length = inputIds.shape[1];
        int headDim = _hidden / _heads;
        Tensor inverse = pow(10000.0, -arange(0, headDim, 2, ScalarType.Float32) / headDim);
        Tensor angles = arange(length, ScalarType.Float32).unsqueeze(1) * inverse.unsqueeze(0);
        Tensor cos = cat([angles.cos(), angles.cos()], -1);
        Tensor sin = cat([angles.sin(), angles.sin()], -1);
        Tensor x = _embedding.index_select(0, inputIds.reshape(-1)).view(batch, length, _hidden);
        foreach (Layer layer in _layers)
        {
            Tensor h = Norm(x, layer.AttentionNorm);
            Tensor q = Rotate(Heads(Apply(layer.Q, h), batch, length), cos, sin);
            Tensor k = Rotate(Heads(Apply(layer.K, h), batch, length), cos, sin);
            Tensor v = Heads(Apply(layer.V, h), batch, length);
            Tensor attended = nn.functional.scaled_dot_product_attention(q, k, v, is_casual: true);
            x = x + Apply(layer.O, attended.transpose(1, 2).reshape(batch, length, _hidden));
            h = Norm(x, layer.MlpNorm);
            x = x + Apply(layer.Down, nn.functional.silu(Apply(layer.Gate, h)) * Apply(layer.Up, h));
        }

        return Norm(x, _finalNorm).MoveToOuterDisposeScope();
    }

    public Tensor ProjectToVocabulary(Tensor hidden) => nn.functional.linear(hidden, _head);

    public IReadOnlyList<(string Name, Parameter Parameter)> TrainableParameters() => _lora;

    public void SetTraining(bool training) => train(training);

    public void SaveTrainable(string directory) => throw new NotSupportedException("The benchmark writes no checkpoints.");

    public void LoadTrainable(string directory) => throw new NotSupportedException("The benchmark writes no checkpoints.");

    private Tensor Apply(AdaptedProjection p, Tensor x)
    {
        Tensor y = nn.functional.linear(x, p.Weight);
        return AdaptersEnabled ? y + nn.functional.linear(nn.functional.linear(x, p.A), p.B) * _scaling : y;
    }

    private Tensor Heads(Tensor x, long batch, long length) => x.view(batch, length, _heads, _hidden / _heads).transpose(1, 2);

    private static Tensor Rotate(Tensor x, Tensor cos, Tensor sin)
    {
        long half = x.shape[^1] / 2;
        Tensor rotated = cat([-x.narrow(-1, half, half), x.narrow(-1, 0, half)], -1);
        return x * cos + rotated * sin;
    }

    private static Tensor Norm(Tensor x, Tensor weight) => x * (x.square().mean([-1L], keepdim: true) + 1e-5).rsqrt() * weight;

    private Parameter Frozen(Tensor value)
    {
        var parameter = new Parameter(value, requires_grad: false);
        _frozen.Add(parameter);
        return parameter;
    }

    private AdaptedProjection Projection(string name, int input, int output, int rank)
    {
        var weight = Frozen(randn(output, input).mul_(1.0 / Math.Sqrt(input)));
        var a = new Parameter(randn(rank, input).mul_(1.0 / Math.Sqrt(input)));
        var b = new Parameter(zeros(output, rank));
        _lora.Add(($"{name}.lora_A.weight", a));
        _lora.Add(($"{name}.lora_B.weight", b));
        return new AdaptedProjection(weight, a, b);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            foreach (var p in _frozen.Concat(_lora.Select(l => l.Parameter)))
            {
                p.Dispose();
            }
        }

        base.Dispose(disposing);
    }

    private sealed record AdaptedProjection(Parameter Weight, Parameter A, Parameter B);

    private sealed record Layer(Parameter AttentionNorm, AdaptedProjection Q, AdaptedProjection K, AdaptedProjection V, AdaptedProjection O, Parameter MlpNorm, AdaptedProjection Gate, AdaptedProjection Up, AdaptedProjection Down)
    {
        public AdaptedProjection[] Projections => [Q, K, V, O, Gate, Up, Down];
    }
}
