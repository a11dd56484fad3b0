using System.Globalization;
using Microsoft.Extensions.AI;
using WrongOverWrong.Pipeline;
using WrongOverWrong.Training;
using WrongOverWrong.Training.Optimization;

namespace WrongOverWrong.MainJob.Run;

/// <summary>
/// The policy the job aligns: a local Hugging Face-layout model; each arm loads the base weights
/// afresh, attaches LoRA adapters, trains them with the named optimizer (or SFT for the SFT
/// control), and saves them in PEFT's layout in the arm's folder, where a rerun finds and loads them.
/// </summary>
public sealed class LocalLoraPolicy : IPolicy, IDisposable
{
    private readonly string _folder;
    private readonly LocalLoraPolicyOptions _options;
    private readonly LlamaForCausalLM _base;
    private readonly HuggingFaceTokenizer _tokenizer;
    private readonly IChatTemplate _template;
    private readonly LocalChatClient _baseClient;

    /// <summary>Loads the base model from <paramref name="folder"/>.</summary>
    /// <param name="folder">A Hugging Face-layout model folder (config.json, safetensors, tokenizer).</param>
    /// <param name="options">Training settings.</param>
    public LocalLoraPolicy(string folder, LocalLoraPolicyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _folder = folder;
        _options = options;
        _base = LlamaForCausalLM.FromPretrained(folder);
        _base.SetTraining(false);
        _tokenizer = HuggingFaceTokenizer.FromFolder(folder);
        _template = ChatTemplates.FromFolder(folder);
        _baseClient = new LocalChatClient(_base, _tokenizer, _template, ClientOptions("base"));
        long bytes = Directory.EnumerateFiles(folder, "*.safetensors").Sum(f => new FileInfo(f).Length);
        Settings = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Model"] = Path.GetFileName(Path.TrimEndingDirectorySeparator(folder)),
            ["ModelBytes"] = bytes.ToString(CultureInfo.InvariantCulture),
            ["LearningRate"] = options.LearningRate.ToString("R", CultureInfo.InvariantCulture),
            ["Epochs"] = options.Epochs.ToString(CultureInfo.InvariantCulture),
            ["BatchSize"] = options.BatchSize.ToString(CultureInfo.InvariantCulture),
            ["LoraRank"] = options.LoraRank.ToString(CultureInfo.InvariantCulture),
            ["LoraAlpha"] = options.LoraAlpha.ToString("R", CultureInfo.InvariantCulture),
        };
    }

    /// <inheritdoc/>
    public IReadOnlyDictionary<string, string> Settings { get; }

    /// <inheritdoc/>
    public IChatClient BaseClient => _baseClient;

    /// <summary>Parameters of the base model.</summary>
    public long Parameters => _base.BaseParameters().Sum(p => p.Parameter.numel());

    /// <inheritdoc/>
    public async Task<AlignedPolicy> TrainAsync(PolicyTrainingRequest request, IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        Directory.CreateDirectory(request.OutputDirectory);
        var model = LlamaForCausalLM.FromPretrained(_folder);
        try
        {
            model.AttachLora(new LoraOptions { Rank = _options.LoraRank, Alpha = _options.LoraAlpha, Seed = request.Seed, BaseModelNameOrPath = _folder });
            bool reloaded = File.Exists(Path.Combine(request.OutputDirectory, "adapter_config.json"));
            TrainingResult? result = null;
            if (reloaded)
            {
                model.LoadAdapter(request.OutputDirectory);
            }
            else
            {
                var options = new PreferenceOptimizerOptions
                {
                    LearningRate = request.LearningRate ?? _options.LearningRate,
                    Epochs = request.Epochs ?? _options.Epochs,
                    BatchSize = _options.BatchSize,
                    MaxLength = 1024,
                    MaxPromptLength = 896,
                    Seed = request.Seed,
                    OutputDirectory = Path.Combine(request.OutputDirectory, "checkpoints"),
                    SaveSteps = 25,
                };
                result = request.Optimizer switch
                {
                    "sft" => await new SftTrainer(model, _tokenizer, _template, options).TrainAsync(request.Preferences.Select(p => (p.Prompt, p.Chosen)).ToList(), progress, cancellationToken).ConfigureAwait(false),
                    "dpo" => await new DpoOptimizer(model, _tokenizer, _template, options).TrainAsync(request.Preferences, progress, cancellationToken).ConfigureAwait(false),
                    "ipo" => await new IpoOptimizer(model, _tokenizer, _template, options).TrainAsync(request.Preferences, progress, cancellationToken).ConfigureAwait(false),
                    "simpo" => await new SimPoOptimizer(model, _tokenizer, _template, options).TrainAsync(request.Preferences, progress, cancellationToken).ConfigureAwait(false),
                    "orpo" => await new OrpoOptimizer(model, _tokenizer, _template, options).TrainAsync(request.Preferences, progress, cancellationToken).ConfigureAwait(false),
                    "kto" => await new KtoOptimizer(model, _tokenizer, _template, options).TrainAsync(request.Preferences, progress, cancellationToken).ConfigureAwait(false),
                    _ => throw new ArgumentException($"Unknown optimizer '{request.Optimizer}' (dpo, ipo, simpo, orpo, kto or sft).", nameof(request)),
                };
                model.SaveAdapter(request.OutputDirectory);
            }

            model.SetTraining(false);
            var client = new ModelOwningChatClient(new LocalChatClient(model, _tokenizer, _template, ClientOptions(request.Arm)), model);
            return new AlignedPolicy(client, result, reloaded);
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _baseClient.Dispose();
        _base.Dispose();
    }

    private LocalChatClientOptions ClientOptions(string name) => new() { ModelId = name, MaxOutputTokens = _options.MaxOutputTokens };

    /// <summary>A chat client that disposes the aligned model with itself.</summary>
    private sealed class ModelOwningChatClient(IChatClient inner, IDisposable model) : DelegatingChatClient(inner)
    {
        protected override void Dispose(bool disposing)
        {
            base.Dispose(disposing);
            if (disposing)
            {
                model.Dispose();
            }
        }
    }
}
