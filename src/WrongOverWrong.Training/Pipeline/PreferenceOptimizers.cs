using Microsoft.Extensions.Logging;
using WrongOverWrong.Training.Optimization;

namespace WrongOverWrong.Training;

/// <summary>Creates the preference optimizers (and the SFT control) by name.</summary>
public static class PreferenceOptimizers
{
    /// <summary>The names <see cref="Create"/> knows: dpo, ipo, simpo, orpo, kto and sft.</summary>
    public static IReadOnlyList<string> Names { get; } = ["dpo", "ipo", "simpo", "orpo", "kto", "sft"];

    /// <summary>Creates the optimizer called <paramref name="name"/> (case-insensitive) over the model.</summary>
    /// <param name="name">dpo, ipo, simpo, orpo, kto or sft.</param>
    /// <param name="model">The model to train.</param>
    /// <param name="tokenizer">Its tokenizer.</param>
    /// <param name="template">Its chat template.</param>
    /// <param name="options">Options; the paper's DPO defaults when <see langword="null"/>.</param>
    /// <param name="logger">Optional logger.</param>
    /// <exception cref="ArgumentException">An unknown name (the known ones are listed).</exception>
    public static IPreferenceOptimizer Create(string name, ICausalLanguageModel model, ITextTokenizer tokenizer, IChatTemplate template, PreferenceOptimizerOptions? options = null, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.ToLowerInvariant() switch
        {
            "dpo" => new DpoOptimizer(model, tokenizer, template, options, logger),
            "ipo" => new IpoOptimizer(model, tokenizer, template, options, logger),
            "simpo" => new SimPoOptimizer(model, tokenizer, template, options, logger),
            "orpo" => new OrpoOptimizer(model, tokenizer, template, options, logger),
            "kto" => new KtoOptimizer(model, tokenizer, template, options, logger),
            "sft" => new SftTrainer(model, tokenizer, template, options, logger),
            _ => throw new ArgumentException($"Unknown optimizer '{name}'; use one of {string.Join(", ", Names)}.", nameof(name)),
        };
    }
}
