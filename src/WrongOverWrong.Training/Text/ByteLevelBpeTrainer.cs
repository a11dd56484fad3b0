using System.Text.RegularExpressions;

namespace WrongOverWrong.Training.Text;

/// <summary>
/// Trains a small byte-level BPE tokenizer for the tiny task model: words are split with a regex,
/// mapped to GPT-2's byte alphabet, and the most frequent adjacent pair is merged until the
/// vocabulary is full. Any text round-trips exactly, since all 256 bytes are in the vocabulary.
/// </summary>
public static class ByteLevelBpeTrainer
{
    /// <summary>Learns merges from <paramref name="corpus"/>; special-token strings in the corpus are not learned from.</summary>
    /// <param name="corpus">Training texts (prompts and answers of the task).</param>
    /// <param name="options">Sizes and special tokens; defaults suit the tiny chat model.</param>
    /// <param name="progress">Reports the number of merges learned so far.</param>
    /// <param name="cancellationToken">Stops training between merges.</param>
    public static ByteLevelBpeModel Train(
        IEnumerable<string> corpus,
        ByteLevelBpeTrainerOptions? options = null,
        IProgress<int>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(corpus);
        options ??= new ByteLevelBpeTrainerOptions();
        if (options.SpecialTokens.Count < 3)
        {
            throw new ArgumentException("At least three special tokens (padding, bos, eos) are needed.", nameof(options));
        }
        if (options.SpecialTokens.Distinct(StringComparer.Ordinal).Count() != options.SpecialTokens.Count || options.SpecialTokens.Any(string.IsNullOrEmpty))
        {
            throw new ArgumentException("Special tokens must be distinct and non-empty.", nameof(options));
        }
        var baseSize = options.SpecialTokens.Count + 256;
        if (options.VocabularySize < baseSize)
        {
            throw new ArgumentException($"VocabularySize {options.VocabularySize} is below the {baseSize} ids taken by special tokens and bytes.", nameof(options));
        }
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MinimumPairFrequency, 1, nameof(options.MinimumPairFrequency));

        var splitter = new SpecialTokenSplitter(options.SpecialTokens);
        var pattern = new Regex(options.PreTokenizerPattern, RegexOptions.CultureInvariant);
        var wordCounts = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var text in corpus)
        {
            ArgumentNullException.ThrowIfNull(text, nameof(corpus));
            foreach (var (segment, isSpecial) in splitter.Split(text))
            {
                if (isSpecial)
                {
                    continue;
                }
                foreach (Match match in pattern.Matches(segment))
                {
                    var word = ByteLevelAlphabet.Encode(match.Value);
                    wordCounts[word] = wordCounts.GetValueOrDefault(word) + 1;
                }
            }
        }

        var vocabulary = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var c in ByteLevelAlphabet.Characters)
        {
            vocabulary[c.ToString()] = options.SpecialTokens.Count + vocabulary.Count;
        }

        // Words as symbol lists, sorted so ties and results never depend on hash order.
        var words = wordCounts.OrderBy(kv => kv.Key, StringComparer.Ordinal)
            .Select(kv => (Symbols: kv.Key.Select(ch => ch.ToString()).ToList(), Count: kv.Value))
            .ToList();
        var merges = new List<(string Left, string Right)>();
        while (vocabulary.Count + options.SpecialTokens.Count < options.VocabularySize)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var pairCounts = new Dictionary<(string, string), long>();
            foreach (var (symbols, count) in words)
            {
                for (var i = 0; i + 1 < symbols.Count; i++)
                {
                    var pair = (symbols[i], symbols[i + 1]);
                    pairCounts[pair] = pairCounts.GetValueOrDefault(pair) + count;
                }
            }
            (string Left, string Right) best = default;
            long bestCount = 0;
            foreach (var (pair, count) in pairCounts)
            {
                if (count > bestCount || (count == bestCount && ComparePairs(pair, best) < 0))
                {
                    best = pair;
                    bestCount = count;
                }
            }
            if (bestCount < options.MinimumPairFrequency)
            {
                break;
            }
            var merged = best.Left + best.Right;
            if (vocabulary.ContainsKey(merged))
            {
                // Two different pairs can spell the same token; the second adds no id, only the merge.
                merges.Add(best);
            }
            else
            {
                merges.Add(best);
                vocabulary[merged] = options.SpecialTokens.Count + vocabulary.Count;
            }
            foreach (var (symbols, _) in words)
            {
                for (var i = 0; i + 1 < symbols.Count; i++)
                {
                    if (symbols[i] == best.Left && symbols[i + 1] == best.Right)
                    {
                        symbols[i] = merged;
                        symbols.RemoveAt(i + 1);
                    }
                }
            }
            progress?.Report(merges.Count);
        }

        return new ByteLevelBpeModel(vocabulary, merges, options.SpecialTokens, options.PreTokenizerPattern);
    }

    private static int ComparePairs((string, string) a, (string, string) b)
    {
        var first = string.CompareOrdinal(a.Item1, b.Item1);
        return first != 0 ? first : string.CompareOrdinal(a.Item2, b.Item2);
    }
}
