namespace WrongOverWrong.Training.Text;

/// <summary>Settings for <see cref="ByteLevelBpeTrainer"/>.</summary>
public sealed class ByteLevelBpeTrainerOptions
{
    /// <summary>
    /// Qwen2's split pattern: words with their leading space, single digits (so numbers stay
    /// compositional: node 17 is "1" "7", which a small model can generalise over), punctuation runs, newlines.
    /// </summary>
    public const string DefaultPattern = @"(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+";

    /// <summary>Total vocabulary: special tokens + 256 bytes + learned merges. Default 512.</summary>
    public int VocabularySize { get; init; } = 512;

    /// <summary>A pair seen fewer times than this is never merged (training stops early). Default 2.</summary>
    public int MinimumPairFrequency { get; init; } = 2;

    /// <summary>Special tokens, given the first ids in order; the first three are padding, bos and eos. Default <see cref="TinyChatTokens.All"/>.</summary>
    public IReadOnlyList<string> SpecialTokens { get; init; } = TinyChatTokens.All;

    /// <summary>The pre-tokenizer regex (written to tokenizer.json as a Split pre-tokenizer). Default <see cref="DefaultPattern"/>.</summary>
    public string PreTokenizerPattern { get; init; } = DefaultPattern;
}
