using TorchSharp;
using TorchSharp.Modules;
using WrongOverWrong.Training.Modeling;
using static TorchSharp.torch;

namespace WrongOverWrong.Training.Tests.Optimization;

/// <summary>
/// A test-only causal LM: embedding, a causal running mean over the prefix, one linear + tanh
/// block with an optional LoRA adapter (B starts at zero, so adapters off = initial model), and an
/// LM head. Small enough to train in milliseconds, causal so right padding never leaks.
/// </summary>
internal sealed class TinyCausalModel : nn.Module, ICausalLanguageModel
{
    private readonly Embedding _embedding;
    private readonly Linear _mix;
    private readonly Linear _head;
    private readonly Parameter? _loraA;
    private readonly Parameter? _loraB;
    private bool _adaptersEnabled;

    public TinyCausalModel(int vocabulary, int hidden = 16, int loraRank = 0, long seed = 1)
        : base(nameof(TinyCausalModel))
    {
        _embedding = nn.Embedding(vocabulary, hidden);
        _mix = nn.Linear(hidden, hidden);
        _head = nn.Linear(hidden, vocabulary, hasBias: false);

        // A private generator: tests run in parallel and the global one is shared by all of them.
        using var generator = new Generator((ulong)seed, CPU);
        if (loraRank > 0)
        {
            _loraA = nn.Parameter(randn([loraRank, hidden], generator: generator).mul_(0.1));
            _loraB = nn.Parameter(zeros(hidden, loraRank));
            _adaptersEnabled = true;
        }

        RegisterComponents();
        using (no_grad())
        {
            foreach (var p in new[] { _embedding.weight!, _mix.weight!, _mix.bias!, _head.weight! })
            {
                using var values = randn(p.shape, generator: generator).mul_(0.3);
                p.copy_(values);
            }
        }

        if (loraRank > 0)
        {
            foreach (var p in new[] { _embedding.weight!, _mix.weight!, _mix.bias!, _head.weight! })
            {
                p.requires_grad = false;
            }
        }
    }

    /// <summary>Set by tests to make every projection return NaN (to trigger the divergence guard).</summary>
    public bool Poisoned { get; set; }

    public long VocabularySize => _head.weight!.shape[0];

    public Device Device => _head.weight!.device;

    public bool AdaptersEnabled
    {
        get => _adaptersEnabled;
        set => _adaptersEnabled = value && _loraA is not null;
    }

    public Tensor ForwardHidden(Tensor inputIds)
    {
        using var scope = NewDisposeScope();
        Tensor embedded = _embedding.forward(inputIds);
        long length = inputIds.shape[1];
        Tensor positions = arange(1, length + 1, ScalarType.Float32).view(1, length, 1);
        Tensor context = embedded.cumsum(1) / positions;
        Tensor mixed = _mix.forward(context);
        if (_adaptersEnabled)
        {
            mixed = mixed + context.matmul(_loraA!.t()).matmul(_loraB!.t());
        }

        return (mixed.tanh() + embedded).MoveToOuterDisposeScope();
    }

    public Tensor ProjectToVocabulary(Tensor hidden)
    {
        Tensor logits = _head.forward(hidden);
        return Poisoned ? logits * double.NaN : logits;
    }

    public IReadOnlyList<(string Name, Parameter Parameter)> TrainableParameters()
    {
        return _loraA is not null
            ? [("lora_A", _loraA), ("lora_B", _loraB!)]
            : [.. named_parameters().Select(p => (p.name, p.parameter))];
    }

    public void SetTraining(bool training) => train(training);

    public void SaveTrainable(string directory)
    {
        Directory.CreateDirectory(directory);
        using var writer = new BinaryWriter(File.Create(Path.Combine(directory, "weights.bin")));
        foreach (var (_, parameter) in TrainableParameters())
        {
            parameter.Save(writer);
        }
    }

    public void LoadTrainable(string directory)
    {
        using var reader = new BinaryReader(File.OpenRead(Path.Combine(directory, "weights.bin")));
        using var noGrad = no_grad();
        foreach (var (_, parameter) in TrainableParameters())
        {
            parameter.Load(reader);
        }
    }

    /// <summary>A copy of every parameter's values, for equality checks.</summary>
    public Dictionary<string, float[]> Snapshot()
    {
        using var scope = NewDisposeScope();
        return named_parameters().ToDictionary(p => p.name, p => p.parameter.detach().cpu().data<float>().ToArray());
    }
}
