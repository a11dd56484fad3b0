using TorchSharp;
using TorchSharp.Modules;
using WrongOverWrong.Training.Checkpoints;
using WrongOverWrong.Training.Lora;
using WrongOverWrong.Training.Native;
using static TorchSharp.torch;

namespace WrongOverWrong.Training.Modeling;

/// <summary>
/// A Llama-family causal language model (Llama 2/3/3.1, Qwen2, Mistral) in TorchSharp whose
/// parameter names are exactly the Hugging Face checkpoint keys (<c>model.layers.0.self_attn.q_proj.weight</c>,
/// <c>lm_head.weight</c>, ...). Loads and saves Hugging Face folders, carries optional LoRA adapters in
/// PEFT's layout, and runs with or without a <see cref="KeyValueCache"/>. Device-agnostic: pass
/// <c>torch.CUDA</c> to put it on a GPU when the application references a CUDA backend.
/// </summary>
public sealed class LlamaForCausalLM : nn.Module, ICachedCausalLanguageModel
{
    private const string PeftPrefix = "base_model.model.";
    // Field names are the Hugging Face module names: TorchSharp also registers modules under their field names.
    private readonly LlamaModel model;
    private readonly AdaptableLinear? lm_head;
    private LoraOptions? lora;
    private bool adaptersEnabled = true;

    private LlamaForCausalLM(LlamaConfig config, ScalarType dtype, Device device)
        : base("LlamaForCausalLM")
    {
        Config = config;
        DType = dtype;
        Device = device;
        model = new LlamaModel(config, dtype, device);
        register_module("model", model);
        if (!config.TieWordEmbeddings)
        {
            lm_head = new AdaptableLinear("lm_head", config.HiddenSize, config.VocabSize, hasBias: false, dtype, device);
            register_module("lm_head", lm_head);
        }
    }

    /// <summary>The architecture.</summary>
    public LlamaConfig Config { get; }

    /// <summary>The dtype of the base weights.</summary>
    public ScalarType DType { get; }

    /// <inheritdoc/>
    public Device Device { get; }

    /// <inheritdoc/>
    public long VocabularySize => Config.VocabSize;

    /// <inheritdoc/>
    public int? MaxPositions => Config.MaxPositionEmbeddings;

    /// <summary>The LoRA settings of the attached adapters, or null when none are attached.</summary>
    public LoraOptions? Lora => lora;

    /// <summary>Whether LoRA adapters are attached.</summary>
    public bool HasAdapters => lora is not null;

    /// <summary>
    /// Builds a randomly initialised model (normal(0, initializer_range) weights, unit norms, zero
    /// biases, as Hugging Face initialises), reproducibly from <paramref name="seed"/> on any device.
    /// </summary>
    /// <param name="config">The architecture.</param>
    /// <param name="seed">Seed of the CPU generator that draws every weight.</param>
    /// <param name="device">Where the weights live (CPU when null).</param>
    /// <param name="dtype">Weight dtype (float32 by default).</param>
    public static LlamaForCausalLM Create(LlamaConfig config, long seed = 0, Device? device = null, ScalarType dtype = ScalarType.Float32)
    {
        ArgumentNullException.ThrowIfNull(config);
        TorchSharpNative.EnsureLoaded();
        config.Validate();
        var result = new LlamaForCausalLM(config, dtype, device ?? torch.CPU);
        using var generator = new Generator((ulong)seed, torch.CPU);
        using (torch.no_grad())
        {
            foreach ((string name, Parameter parameter) in result.named_parameters())
            {
                if (name.EndsWith("norm.weight", StringComparison.Ordinal))
                {
                    parameter.fill_(1.0);
                }
                else if (name.EndsWith(".bias", StringComparison.Ordinal))
                {
                    parameter.zero_();
                }
                else
                {
                    using Tensor values = torch.empty(parameter.shape, dtype: ScalarType.Float32).normal_(0, config.InitializerRange, generator);
                    parameter.copy_(values);
                }
            }
        }

        result.eval();
        return result;
    }

    /// <summary>
    /// Loads a Hugging Face model folder (<c>config.json</c> plus <c>model.safetensors</c> or a sharded
    /// index) onto <paramref name="device"/>, converting to <paramref name="dtype"/> tensor by tensor.
    /// </summary>
    /// <param name="directory">The folder, for example a snapshot downloaded with <c>huggingface-cli</c>.</param>
    /// <param name="device">Where the weights live (CPU when null; <c>torch.CUDA</c> for a GPU).</param>
    /// <param name="dtype">Weight dtype; null keeps float32 (bf16 is the usual choice on a GPU).</param>
    /// <exception cref="InvalidDataException">The config or weights are malformed, or names/shapes do not match the architecture.</exception>
    public static LlamaForCausalLM FromPretrained(string directory, Device? device = null, ScalarType? dtype = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        TorchSharpNative.EnsureLoaded();
        LlamaConfig config = LlamaConfig.Load(Path.Combine(directory, "config.json"));
        var result = new LlamaForCausalLM(config, dtype ?? ScalarType.Float32, device ?? torch.CPU);
        try
        {
            result.LoadWeights(directory);
            result.eval();
            return result;
        }
        catch
        {
            result.Dispose();
            throw;
        }
    }

    /// <summary>Overwrites the base weights with those of a Hugging Face folder of the same architecture.</summary>
    /// <param name="directory">The folder holding <c>model.safetensors</c> or a shard index.</param>
    public void LoadWeights(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        using HuggingFaceCheckpoint checkpoint = HuggingFaceCheckpoint.Open(directory);
        var expected = named_parameters().ToList();
        var expectedNames = expected.Select(p => p.name).ToHashSet(StringComparer.Ordinal);
        string[] unexpected = checkpoint.Names
            .Where(n => !expectedNames.Contains(n))
            .Where(n => !(Config.TieWordEmbeddings && n == "lm_head.weight") && !n.EndsWith(".rotary_emb.inv_freq", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToArray();
        if (unexpected.Length > 0)
        {
            throw new InvalidDataException($"{directory}: {unexpected.Length} tensor(s) do not belong to this architecture, for example '{unexpected[0]}'.");
        }

        using (torch.no_grad())
        {
            foreach ((string name, Parameter parameter) in expected)
            {
                if (!checkpoint.Names.Contains(name))
                {
                    throw new InvalidDataException($"{directory}: tensor '{name}' is missing from the checkpoint.");
                }

                SafetensorsTensorInfo info = checkpoint.Info(name);
                if (!info.Shape.SequenceEqual(parameter.shape))
                {
                    throw new InvalidDataException($"{directory}: tensor '{name}' has shape [{string.Join(", ", info.Shape)}] but the config needs [{string.Join(", ", parameter.shape)}].");
                }

                if (info.ScalarType is not (ScalarType.Float32 or ScalarType.Float16 or ScalarType.BFloat16))
                {
                    throw new InvalidDataException($"{directory}: tensor '{name}' has dtype {info.DType}; weights must be F32, F16 or BF16.");
                }

                using Tensor values = checkpoint.Read(name);
                parameter.copy_(values);
            }
        }
    }

    /// <summary>Saves <c>config.json</c> and the weights in Hugging Face's layout (sharded above <paramref name="maxShardBytes"/>).</summary>
    /// <param name="directory">The folder (created if missing).</param>
    /// <param name="maxShardBytes">Largest weights file before sharding (Hugging Face's default 5 GB).</param>
    public void SavePretrained(string directory, long maxShardBytes = 5_000_000_000)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        Directory.CreateDirectory(directory);
        string dtypeName = DType switch
        {
            ScalarType.BFloat16 => "bfloat16",
            ScalarType.Float16 => "float16",
            _ => "float32",
        };
        File.WriteAllText(Path.Combine(directory, "config.json"), (Config with { TorchDtype = dtypeName }).ToJson());
        var tensors = named_parameters().Select(p => new KeyValuePair<string, Tensor>(p.name, p.parameter)).ToList();
        HuggingFaceCheckpoint.Save(directory, tensors, maxShardBytes);
    }

    /// <summary>The base weights by Hugging Face name.</summary>
    public IReadOnlyList<(string Name, Parameter Parameter)> BaseParameters() =>
        named_parameters().Select(p => (p.name, p.parameter)).ToList();

    /// <inheritdoc/>
    public Tensor ForwardHidden(Tensor inputIds) => ForwardHidden(inputIds, null, null, null);

    /// <inheritdoc/>
    public Tensor ForwardHidden(Tensor inputIds, Tensor? attentionMask) => ForwardHidden(inputIds, attentionMask, null, null);

    /// <summary>
    /// Runs the decoder on new tokens [batch, new] continuing after what <paramref name="cache"/>
    /// holds (positions start at its length), appends their keys/values to it, and returns the
    /// final-norm hidden states [batch, new, hidden].
    /// </summary>
    public Tensor ForwardHidden(Tensor inputIds, KeyValueCache? cache) => ForwardHidden(inputIds, null, null, cache);

    /// <summary>
    /// Runs the decoder on a padded batch, optionally continuing a cache: <paramref name="attentionMask"/>
    /// [batch, new] is nonzero at real tokens (null: all real). Left-padded rows get their own position
    /// ids (counting only real tokens) and padded keys are masked, in this call and in every later
    /// step through the same cache, so each row gets the numbers it would get alone (up to fp32
    /// noise). Unpadded and right-padded batches without a cache keep the mask-free fused paths.
    /// </summary>
    /// <param name="inputIds">Token ids [batch, new] (int64); padding ids are arbitrary.</param>
    /// <param name="attentionMask">[batch, new], nonzero = real token; null = no padding.</param>
    /// <param name="positionIds">Explicit position ids [batch, new]; null derives them from the mask and cache.</param>
    /// <param name="cache">Keys/values of earlier tokens, appended to; null runs the tokens alone.</param>
    public Tensor ForwardHidden(Tensor inputIds, Tensor? attentionMask, Tensor? positionIds, KeyValueCache? cache)
    {
        ArgumentNullException.ThrowIfNull(inputIds);
        if (inputIds.dim() != 2 || inputIds.dtype != ScalarType.Int64)
        {
            throw new ArgumentException($"Input ids must be an int64 tensor [batch, sequence] but are {inputIds.dtype} [{string.Join(", ", inputIds.shape)}].", nameof(inputIds));
        }

        if (cache is not null && cache.Batch != inputIds.shape[0])
        {
            throw new ArgumentException($"The cache holds {cache.Batch} rows but the input has {inputIds.shape[0]}.", nameof(cache));
        }

        if (attentionMask is not null && !attentionMask.shape.SequenceEqual(inputIds.shape))
        {
            throw new ArgumentException($"The attention mask [{string.Join(", ", attentionMask.shape)}] must have the shape of the input ids [{string.Join(", ", inputIds.shape)}].", nameof(attentionMask));
        }

        if (positionIds is not null && !positionIds.shape.SequenceEqual(inputIds.shape))
        {
            throw new ArgumentException($"The position ids [{string.Join(", ", positionIds.shape)}] must have the shape of the input ids [{string.Join(", ", inputIds.shape)}].", nameof(positionIds));
        }

        if (inputIds.device_type != Device.type || (Device.index >= 0 && inputIds.device_index != Device.index))
        {
            using Tensor moved = inputIds.to(Device);
            return model.Forward(moved, attentionMask, positionIds, cache, Config.SlidingWindow);
        }

        return model.Forward(inputIds, attentionMask, positionIds, cache, Config.SlidingWindow);
    }

    /// <inheritdoc/>
    public Tensor ProjectToVocabulary(Tensor hidden)
    {
        ArgumentNullException.ThrowIfNull(hidden);
        return lm_head is not null ? lm_head.Forward(hidden) : SmallBatchLinear.Linear(hidden, model.EmbedTokens.Weight);
    }

    /// <summary>Full logits [batch, sequence, vocabulary]; for tests and short inputs (trainers should project in chunks).</summary>
    public Tensor Logits(Tensor inputIds)
    {
        using var scope = torch.NewDisposeScope();
        return ProjectToVocabulary(ForwardHidden(inputIds)).MoveToOuterDisposeScope();
    }

    /// <summary>An empty KV cache for <paramref name="batch"/> rows and up to <paramref name="capacity"/> positions.</summary>
    public KeyValueCache CreateCache(long batch, long capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batch, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        return new KeyValueCache(Config.NumHiddenLayers, batch, Config.NumKeyValueHeads, capacity, Config.HeadDim, DType, Device);
    }

    /// <summary>
    /// Attaches fresh LoRA adapters (B = 0, so outputs are unchanged) to every targeted projection and
    /// freezes the base weights.
    /// </summary>
    /// <param name="options">Rank, alpha, dropout and targets; PEFT-like defaults when null.</param>
    /// <exception cref="InvalidOperationException">Adapters are already attached.</exception>
    public void AttachLora(LoraOptions? options = null)
    {
        options ??= new LoraOptions();
        options.Validate();
        if (lora is not null)
        {
            throw new InvalidOperationException("LoRA adapters are already attached; merge or dispose the model first.");
        }

        var targets = AdaptableModules().Where(m => options.Targets(m.Name)).ToList();
        if (targets.Count == 0)
        {
            throw new ArgumentException($"No module matches the LoRA targets ({options.TargetModulesPattern ?? string.Join(", ", options.TargetModules)}).", nameof(options));
        }

        using var generator = new Generator((ulong)options.Seed, torch.CPU);
        foreach ((_, AdaptableLinear module) in targets)
        {
            module.AttachAdapter(options.Rank, options.Scaling, options.Dropout, generator);
            module.AdapterEnabled = adaptersEnabled;
        }

        foreach ((_, Parameter parameter) in named_parameters())
        {
            parameter.requires_grad = false;
        }

        lora = options;
    }

    /// <summary>Folds every adapter into its base weight (W += scale·B·A) and removes the adapters, unfreezing the base.</summary>
    public void MergeLora()
    {
        foreach ((_, AdaptableLinear module) in AdaptableModules())
        {
            module.MergeAdapter();
        }

        foreach ((_, Parameter parameter) in named_parameters())
        {
            parameter.requires_grad = true;
        }

        lora = null;
    }

    /// <summary>The adapter weights under PEFT's key names (<c>base_model.model.model.layers.0.self_attn.q_proj.lora_A.weight</c>).</summary>
    public IReadOnlyList<(string Name, Parameter Parameter)> LoraParameters()
    {
        var result = new List<(string, Parameter)>();
        foreach ((string name, AdaptableLinear module) in AdaptableModules())
        {
            if (module.LoraA is { } a && module.LoraB is { } b)
            {
                result.Add(($"{PeftPrefix}{name}.lora_A.weight", a));
                result.Add(($"{PeftPrefix}{name}.lora_B.weight", b));
            }
        }

        return result;
    }

    /// <summary>Writes <c>adapter_config.json</c> and <c>adapter_model.safetensors</c> so Python PEFT can load them.</summary>
    /// <param name="directory">The folder (created if missing).</param>
    public void SaveAdapter(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        LoraOptions options = lora ?? throw new InvalidOperationException("No LoRA adapters are attached.");
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, PeftAdapterConfig.FileName), PeftAdapterConfig.ToJson(options));
        SafetensorsWriter.Write(
            Path.Combine(directory, PeftAdapterConfig.WeightsFileName),
            LoraParameters().Select(p => new KeyValuePair<string, Tensor>(p.Name, p.Parameter)),
            new Dictionary<string, string> { ["format"] = "pt" });
    }

    /// <summary>
    /// Loads a PEFT LoRA adapter folder (ours or Python PEFT's): attaches adapters as its config
    /// describes when none are attached, then copies the weights, checking every name and shape.
    /// </summary>
    /// <param name="directory">The folder with <c>adapter_config.json</c> and <c>adapter_model.safetensors</c>.</param>
    public void LoadAdapter(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        string configPath = Path.Combine(directory, PeftAdapterConfig.FileName);
        LoraOptions options = PeftAdapterConfig.Parse(File.ReadAllText(configPath), configPath);
        if (lora is null)
        {
            AttachLora(options);
        }
        else if (lora.Rank != options.Rank || Math.Abs(lora.Scaling - options.Scaling) > 1e-12)
        {
            throw new InvalidDataException($"{configPath}: rank {options.Rank} and scaling {options.Scaling} differ from the attached adapters' rank {lora.Rank} and scaling {lora.Scaling}.");
        }

        string weightsPath = Path.Combine(directory, PeftAdapterConfig.WeightsFileName);
        using SafetensorsFile file = SafetensorsFile.Open(weightsPath);
        var expected = LoraParameters();
        var expectedNames = expected.Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        string? unexpected = file.Tensors.Keys.Where(n => !expectedNames.Contains(n)).Order(StringComparer.Ordinal).FirstOrDefault();
        if (unexpected is not null)
        {
            throw new InvalidDataException($"{weightsPath}: tensor '{unexpected}' matches no adapter of this model.");
        }

        using (torch.no_grad())
        {
            foreach ((string name, Parameter parameter) in expected)
            {
                if (!file.Tensors.TryGetValue(name, out SafetensorsTensorInfo? info))
                {
                    throw new InvalidDataException($"{weightsPath}: adapter tensor '{name}' is missing.");
                }

                if (!info.Shape.SequenceEqual(parameter.shape))
                {
                    throw new InvalidDataException($"{weightsPath}: tensor '{name}' has shape [{string.Join(", ", info.Shape)}] but the model needs [{string.Join(", ", parameter.shape)}].");
                }

                using Tensor values = file.Read(name);
                parameter.copy_(values);
            }
        }
    }

    /// <inheritdoc/>
    public IReadOnlyList<(string Name, Parameter Parameter)> TrainableParameters() =>
        lora is not null
            ? LoraParameters()
            : named_parameters().Where(p => p.parameter.requires_grad).Select(p => (p.name, p.parameter)).ToList();

    /// <inheritdoc/>
    public bool AdaptersEnabled
    {
        get => lora is not null && adaptersEnabled;
        set
        {
            adaptersEnabled = value;
            foreach ((_, AdaptableLinear module) in AdaptableModules())
            {
                module.AdapterEnabled = value;
            }
        }
    }

    /// <inheritdoc/>
    public void SetTraining(bool training) => train(training);

    /// <inheritdoc/>
    public void SaveTrainable(string directory)
    {
        if (lora is not null)
        {
            SaveAdapter(directory);
        }
        else
        {
            SavePretrained(directory);
        }
    }

    /// <inheritdoc/>
    public void LoadTrainable(string directory)
    {
        if (lora is not null)
        {
            LoadAdapter(directory);
        }
        else
        {
            LoadWeights(directory);
        }
    }

    private IEnumerable<(string Name, AdaptableLinear Module)> AdaptableModules() =>
        named_modules().Where(m => m.module is AdaptableLinear).Select(m => (m.name, (AdaptableLinear)m.module));
}
