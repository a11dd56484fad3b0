using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using WrongOverWrong.Pipeline;
using WrongOverWrong.Training.Chat;
using WrongOverWrong.Training.Lora;
using WrongOverWrong.Training.Modeling;
using WrongOverWrong.Training.Optimization;
using WrongOverWrong.Training.Text;

namespace WrongOverWrong.Training.Pipeline;

/// <summary>
/// The pipeline's <see cref="IPolicy"/> over a local TorchSharp model: every arm loads the base
/// model afresh, attaches LoRA adapters, trains them with the named optimizer and saves them in the
/// arm's folder in PEFT's layout (<c>adapter/adapter_config.json</c> + <c>adapter_model.safetensors</c>),
/// so a rerun loads them instead of training again and Python tools can read them. An interrupted
/// training resumes from its checkpoint in <c>checkpoints/</c>.
/// </summary>
/// <remarks>
/// A policy trained elsewhere implements <see cref="IPolicy"/> the same way: send
/// <see cref="PolicyTrainingRequest.PreferencesFile"/> (TRL's format) to the trainer, wait, and
/// return an <see cref="IChatClient"/> (for example OpenAI-compatible) that serves the aligned model.
/// </remarks>
public sealed class LoraPolicy : IPolicy, IDisposable
{
    private const string AdapterFolder = "adapter";
    private const string DoneFile = "training-result.json";
    private readonly Func<LlamaForCausalLM> _loadBase;
    private readonly ITextTokenizer _tokenizer;
    private readonly IChatTemplate _template;
    private readonly LoraPolicyOptions _options;
    private readonly ILogger? _logger;
    private readonly LlamaForCausalLM _base;
    private readonly LocalChatClient _baseClient;

    /// <summary>Initializes a new instance.</summary>
    /// <param name="loadBase">Loads a fresh copy of the base model (called once for the base client and once per arm).</param>
    /// <param name="tokenizer">The model's tokenizer.</param>
    /// <param name="template">The model's chat template.</param>
    /// <param name="options">Adapter, optimizer and sampling settings; paper defaults when <see langword="null"/>.</param>
    /// <param name="logger">Receives training notes; optional.</param>
    public LoraPolicy(Func<LlamaForCausalLM> loadBase, ITextTokenizer tokenizer, IChatTemplate template, LoraPolicyOptions? options = null, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(loadBase);
        ArgumentNullException.ThrowIfNull(tokenizer);
        ArgumentNullException.ThrowIfNull(template);
        _loadBase = loadBase;
        _tokenizer = tokenizer;
        _template = template;
        _options = options ?? new LoraPolicyOptions();
        _options.Lora.Validate();
        _options.Trainer.Validate();
        _logger = logger;
        _base = loadBase();
        _baseClient = new LocalChatClient(_base, tokenizer, template, WithModelId(_options.Sampling, _options.BaseModelName));
    }

    /// <summary>A policy over a Hugging Face folder (config.json, safetensors, tokenizer.json, tokenizer_config.json with the chat template).</summary>
    /// <param name="directory">The model folder.</param>
    /// <param name="options">Settings; paper defaults when <see langword="null"/>.</param>
    /// <param name="logger">Optional logger.</param>
    public static LoraPolicy FromFolder(string directory, LoraPolicyOptions? options = null, ILogger? logger = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        options ??= new LoraPolicyOptions();
        if (options.BaseModelName == "base")
        {
            options = options with { BaseModelName = Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(directory))) };
        }

        return new LoraPolicy(() => LlamaForCausalLM.FromPretrained(directory), HuggingFaceTokenizer.FromFolder(directory), ChatTemplates.FromFolder(directory), options, logger);
    }

    /// <inheritdoc />
    public IReadOnlyDictionary<string, string> Settings
    {
        get
        {
            var t = _options.Trainer;
            var o = _options;
            var l = _options.Lora;
            static string D(double v) => v.ToString("R", CultureInfo.InvariantCulture);
            return new Dictionary<string, string>
            {
                ["BaseModel"] = _options.BaseModelName,
                ["Lora"] = $"r={l.Rank},alpha={D(l.Alpha)},dropout={D(l.Dropout)},targets={l.TargetModulesPattern ?? string.Join("|", l.TargetModules)},rslora={l.UseRsLora}",
                ["Trainer"] = $"lr={D(t.LearningRate)},schedule={t.Schedule},warmup={D(t.WarmupRatio)},wd={D(t.WeightDecay)},epochs={t.Epochs},batch={t.BatchSize}x{t.GradientAccumulationSteps},maxlen={t.MaxLength}/{t.MaxPromptLength},seed={t.Seed},eval={t.EvalSteps},patience={t.EarlyStoppingPatience}",
                ["Losses"] = $"dpo={o.Dpo},ipo={o.Ipo},simpo={o.SimPo},orpo={o.Orpo},kto={o.Kto}",
                ["Guard"] = o.GuardAgainstCollapse ? $"every={o.GuardEverySteps},threshold={D(o.GuardThreshold)}" : "off",
                ["Sampling"] = $"maxTokens={_options.Sampling.MaxOutputTokens},topK={_options.Sampling.TopK}",
            };
        }
    }

    /// <inheritdoc />
    public IChatClient BaseClient => _baseClient;

    /// <inheritdoc />
    public async Task<AlignedPolicy> TrainAsync(PolicyTrainingRequest request, IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var adapter = Path.Combine(request.OutputDirectory, AdapterFolder);
        var done = Path.Combine(request.OutputDirectory, DoneFile);
        var model = _loadBase();
        try
        {
            if (File.Exists(done) && File.Exists(Path.Combine(adapter, PeftAdapterConfig.WeightsFileName)))
            {
                model.LoadAdapter(adapter);
                var stored = JsonSerializer.Deserialize<TrainingResult>(await File.ReadAllTextAsync(done, cancellationToken).ConfigureAwait(false));
                return new AlignedPolicy(Client(model, request.Arm), stored, Reloaded: true, Note: stored is null ? null : Note(stored));
            }

            if (request.Preferences.Count == 0)
            {
                throw new ArgumentException($"Arm '{request.Arm}' has no training pairs.", nameof(request));
            }

            model.AttachLora(_options.Lora);
            var options = _options.Trainer with
            {
                OutputDirectory = Path.Combine(request.OutputDirectory, "checkpoints"),
                LearningRate = request.LearningRate ?? _options.Trainer.LearningRate,
                Epochs = request.Epochs ?? _options.Trainer.Epochs,
                Seed = request.Seed,
                CollapseGuard = _options.Trainer.CollapseGuard ?? Guard(request),
            };

            var optimizer = PreferenceOptimizers.Create(request.Optimizer, model, _tokenizer, _template, options, _options, _logger);
            var result = await optimizer.TrainAsync(request.Preferences, progress, cancellationToken).ConfigureAwait(false);
            model.SaveAdapter(adapter);
            await File.WriteAllTextAsync(done, JsonSerializer.Serialize(result), CancellationToken.None).ConfigureAwait(false);
            return new AlignedPolicy(Client(model, request.Arm), result, Note: Note(result));
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }

    // The pipeline's probes: training prompts, answered greedily now and then while the arm trains.
    private CollapseGuard? Guard(PolicyTrainingRequest request) =>
        _options.GuardAgainstCollapse && request.GuardPrompts.Count > 0 && request.UsableShare is { } share
            ? new CollapseGuard
            {
                Prompts = request.GuardPrompts,
                Validator = share,
                Threshold = _options.GuardThreshold,
                EverySteps = _options.GuardEverySteps,
                MaxNewTokens = _options.Sampling.MaxOutputTokens,
                Seed = request.Seed,
            }
            : null;

    private static string? Note(TrainingResult result) =>
        result.StopReason == StopReason.Completed ? null : $"{result.StopReason}: {result.StopDetail ?? "training stopped early"}";

    /// <summary>Disposes the base model and its client.</summary>
    public void Dispose()
    {
        _baseClient.Dispose();
        _base.Dispose();
    }

    private IChatClient Client(LlamaForCausalLM model, string arm) =>
        new ModelOwningChatClient(new LocalChatClient(model, _tokenizer, _template, WithModelId(_options.Sampling, arm)), model);

    private static LocalChatClientOptions WithModelId(LocalChatClientOptions o, string modelId) => new()
    {
        ModelId = modelId,
        MaxOutputTokens = o.MaxOutputTokens,
        Temperature = o.Temperature,
        TopP = o.TopP,
        TopK = o.TopK,
        UseKeyValueCache = o.UseKeyValueCache,
    };

    /// <summary>A chat client that disposes the model it samples from.</summary>
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
