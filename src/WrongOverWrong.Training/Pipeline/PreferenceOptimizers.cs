using Microsoft.Extensions.Logging;
using WrongOverWrong.Training.Chat;
using WrongOverWrong.Training.Modeling;
using WrongOverWrong.Training.Optimization;
using WrongOverWrong.Training.Text;

namespace WrongOverWrong.Training.Pipeline;

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
    /// <param name="trainer">The loop's options; the paper's defaults when <see langword="null"/>.</param>
    /// <param name="losses">The per-loss options (only the named loss's are used); defaults when <see langword="null"/>.</param>
    /// <param name="logger">Optional logger.</param>
    /// <exception cref="ArgumentException">An unknown name (the known ones are listed).</exception>
    public static IPreferenceOptimizer Create(string name, ICausalLanguageModel model, ITextTokenizer tokenizer, IChatTemplate template, TrainerOptions? trainer = null, LoraPolicyOptions? losses = null, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        losses ??= new LoraPolicyOptions();
        return name.ToLowerInvariant() switch
        {
            "dpo" => new DpoOptimizer(model, tokenizer, template, trainer, losses.Dpo, logger),
            "ipo" => new IpoOptimizer(model, tokenizer, template, trainer, losses.Ipo, logger),
            "simpo" => new SimPoOptimizer(model, tokenizer, template, trainer, losses.SimPo, logger),
            "orpo" => new OrpoOptimizer(model, tokenizer, template, trainer, losses.Orpo, logger),
            "kto" => new KtoOptimizer(model, tokenizer, template, trainer, losses.Kto, logger),
            "sft" => new SftTrainer(model, tokenizer, template, trainer, logger),
            _ => throw new ArgumentException($"Unknown optimizer '{name}'; use one of {string.Join(", ", Names)}.", nameof(name)),
        };
    }
}
