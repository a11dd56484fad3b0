namespace WrongOverWrong.Training.Lora;

/// <summary>
/// LoRA hyper-parameters, named as in PEFT's <c>LoraConfig</c> so adapter folders round-trip.
/// Defaults are the paper's (Yao et al. align Llama-3-8B-Instruct with LoRA r 16, alpha 16, dropout 0
/// on q, k, v, o, gate, up and down projections).
/// </summary>
public sealed record LoraOptions
{
    /// <summary>The default target modules: every attention and MLP projection.</summary>
    public static readonly IReadOnlyList<string> AllLinearProjections = ["q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj"];

    /// <summary>Rank r of the update B·A.</summary>
    public int Rank { get; init; } = 16;

    /// <summary>Scale numerator: the update is multiplied by alpha / r (alpha / sqrt(r) with rsLoRA).</summary>
    public double Alpha { get; init; } = 16;

    /// <summary>Dropout on the adapter input, active only in training mode.</summary>
    public double Dropout { get; init; }

    /// <summary>Module-name suffixes that get adapters (PEFT's list form of <c>target_modules</c>).</summary>
    public IReadOnlyList<string> TargetModules { get; init; } = AllLinearProjections;

    /// <summary>
    /// A regular expression matched against the whole module name instead of <see cref="TargetModules"/>
    /// (PEFT's string form of <c>target_modules</c>); null to use the list.
    /// </summary>
    public string? TargetModulesPattern { get; init; }

    /// <summary>Rank-stabilised scaling alpha / sqrt(r) (PEFT <c>use_rslora</c>).</summary>
    public bool UseRsLora { get; init; }

    /// <summary>Seed for the Kaiming-uniform initialisation of A (B starts at zero).</summary>
    public long Seed { get; init; } = 0;

    /// <summary>Recorded as <c>base_model_name_or_path</c> in <c>adapter_config.json</c>.</summary>
    public string? BaseModelNameOrPath { get; init; }

    /// <summary>The factor applied to B·A x.</summary>
    public double Scaling => UseRsLora ? Alpha / Math.Sqrt(Rank) : Alpha / Rank;

    /// <summary>Checks ranges; throws <see cref="ArgumentException"/> naming the field.</summary>
    public void Validate()
    {
        if (Rank <= 0)
        {
            throw new ArgumentException($"LoRA rank must be positive but is {Rank}.", nameof(Rank));
        }

        if (!(Alpha > 0))
        {
            throw new ArgumentException($"LoRA alpha must be positive but is {Alpha}.", nameof(Alpha));
        }

        if (Dropout is < 0 or >= 1)
        {
            throw new ArgumentException($"LoRA dropout must be in [0, 1) but is {Dropout}.", nameof(Dropout));
        }

        if (TargetModulesPattern is null && TargetModules.Count == 0)
        {
            throw new ArgumentException("LoRA needs at least one target module.", nameof(TargetModules));
        }
    }

    /// <summary>Whether the module with this full name (for example <c>model.layers.0.self_attn.q_proj</c>) gets an adapter.</summary>
    public bool Targets(string moduleName)
    {
        ArgumentNullException.ThrowIfNull(moduleName);
        if (TargetModulesPattern is not null)
        {
            return System.Text.RegularExpressions.Regex.IsMatch(moduleName, "^(?:" + TargetModulesPattern + ")$", System.Text.RegularExpressions.RegexOptions.None, TimeSpan.FromSeconds(1));
        }

        // PEFT: an exact name or a suffix after a dot.
        return TargetModules.Any(t => moduleName == t || moduleName.EndsWith("." + t, StringComparison.Ordinal));
    }
}
