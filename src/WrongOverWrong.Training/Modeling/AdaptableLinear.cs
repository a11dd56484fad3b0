using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace WrongOverWrong.Training.Modeling;

/// <summary>
/// A linear projection (<c>weight</c> [out, in], optional <c>bias</c>) that can carry a LoRA
/// adapter. The adapter tensors are owned here but deliberately not registered as TorchSharp
/// parameters, so <c>named_parameters()</c> stays exactly the Hugging Face state dict and the
/// adapter names are produced in PEFT's layout by <see cref="LlamaForCausalLM"/>.
/// </summary>
internal sealed class AdaptableLinear : nn.Module
{
    private readonly Parameter weight;
    private readonly Parameter? bias;
    // Kept in a plain holder, not Parameter fields: TorchSharp registers Parameter fields by name,
    // and the adapter must stay out of the Hugging Face state dict.
    private LoraWeights? lora;

    public AdaptableLinear(string name, long inFeatures, long outFeatures, bool hasBias, ScalarType dtype, Device device)
        : base(name)
    {
        weight = new Parameter(torch.empty([outFeatures, inFeatures], dtype: dtype, device: device));
        weight.DetachFromDisposeScope();
        register_parameter("weight", weight);
        if (hasBias)
        {
            bias = new Parameter(torch.zeros(outFeatures, dtype: dtype, device: device));
            bias.DetachFromDisposeScope();
            register_parameter("bias", bias);
        }
    }

    public Parameter Weight => weight;

    public Parameter? Bias => bias;

    public long InFeatures => weight.shape[1];

    public long OutFeatures => weight.shape[0];

    public bool HasAdapter => lora is not null;

    public Parameter? LoraA => lora?.A;

    public Parameter? LoraB => lora?.B;

    /// <summary>Whether an attached adapter takes part in the forward pass.</summary>
    public bool AdapterEnabled { get; set; } = true;

    public Tensor Forward(Tensor input)
    {
        if (lora is null || !AdapterEnabled)
        {
            return SmallBatchLinear.Linear(input, weight, bias);
        }

        using var scope = torch.NewDisposeScope();
        Tensor result = SmallBatchLinear.Linear(input, weight, bias);
        Tensor x = input.to(lora.A.dtype);
        if (training && lora.Dropout > 0)
        {
            x = nn.functional.dropout(x, lora.Dropout, training: true);
        }

        Tensor update = nn.functional.linear(nn.functional.linear(x, lora.A), lora.B) * lora.Scaling;
        return (result + update.to(result.dtype)).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Attaches a fresh adapter: A Kaiming-uniform (bound 1/sqrt(in), PEFT's default), B zero, so the
    /// output is unchanged until training moves B. The adapter is float32 whatever the base dtype
    /// (PEFT's <c>autocast_adapter_dtype</c>), so bf16 bases still train adapters in full precision.
    /// </summary>
    public void AttachAdapter(int rank, double scaling, double dropout, Generator generator)
    {
        if (lora is not null)
        {
            throw new InvalidOperationException($"Module '{GetName()}' already has a LoRA adapter.");
        }

        double bound = 1.0 / Math.Sqrt(InFeatures);
        using (torch.no_grad())
        {
            Tensor a = torch.empty([rank, InFeatures], dtype: ScalarType.Float32).uniform_(-bound, bound, generator);
            var loraA = new Parameter(a.to(weight.device), requires_grad: true);
            loraA.DetachFromDisposeScope();
            var loraB = new Parameter(torch.zeros([OutFeatures, rank], dtype: ScalarType.Float32, device: weight.device), requires_grad: true);
            loraB.DetachFromDisposeScope();
            a.Dispose();
            lora = new LoraWeights(loraA, loraB, scaling, dropout);
        }

        weight.requires_grad = false;
        if (bias is not null)
        {
            bias.requires_grad = false;
        }
    }

    /// <summary>Adds scaling·B·A into the base weight and drops the adapter (PEFT's merge_and_unload).</summary>
    public void MergeAdapter()
    {
        if (lora is null)
        {
            return;
        }

        using (torch.no_grad())
        using (torch.NewDisposeScope())
        {
            Tensor delta = torch.matmul(lora.B, lora.A) * lora.Scaling;
            Tensor merged = weight.to(ScalarType.Float32) + delta;
            weight.copy_(merged);
        }

        RemoveAdapter();
        weight.requires_grad = true;
        if (bias is not null)
        {
            bias.requires_grad = true;
        }
    }

    public void RemoveAdapter()
    {
        lora?.A.Dispose();
        lora?.B.Dispose();
        lora = null;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            RemoveAdapter();
        }

        base.Dispose(disposing);
    }

    private sealed record LoraWeights(Parameter A, Parameter B, double Scaling, double Dropout);
}
