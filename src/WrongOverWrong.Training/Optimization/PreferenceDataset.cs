using Microsoft.Extensions.AI;

namespace WrongOverWrong.Training.Optimization;

/// <summary>
/// Turns examples into token ids the way the paper and TRL do: prompt = chat template of the
/// question (with generation header), completion = response + end of turn, tokenised separately;
/// prompts keep their end when too long, completions are cut to fit; degenerate examples are
/// skipped and counted by reason.
/// </summary>
internal sealed class PreferenceDataset
{
    private PreferenceDataset(List<TokenizedExample> examples, Dictionary<string, int> skips, int truncatedPrompts, int truncatedCompletions)
    {
        Examples = examples;
        SkipReasons = skips;
        TruncatedPrompts = truncatedPrompts;
        TruncatedCompletions = truncatedCompletions;
    }

    public List<TokenizedExample> Examples { get; }

    public IReadOnlyDictionary<string, int> SkipReasons { get; }

    public int Skipped => SkipReasons.Values.Sum();

    public int TruncatedPrompts { get; }

    public int TruncatedCompletions { get; }

    public static PreferenceDataset Build(IReadOnlyList<TrainingExample> examples, ITextTokenizer tokenizer, IChatTemplate template, PreferenceOptimizerOptions options)
    {
        var kept = new List<TokenizedExample>(examples.Count);
        var skips = new Dictionary<string, int>(StringComparer.Ordinal);
        int truncatedPrompts = 0, truncatedCompletions = 0;
        void Skip(string reason) => skips[reason] = skips.GetValueOrDefault(reason) + 1;

        foreach (TrainingExample example in examples)
        {
            if (example.Completions.Count == 2 && string.Equals(example.Completions[0], example.Completions[1], StringComparison.Ordinal))
            {
                Skip("chosen equals rejected");
                continue;
            }

            int[] prompt = EncodePrompt(example.Prompt, tokenizer, template);
            if (prompt.Length > options.MaxPromptLength)
            {
                prompt = KeepEnd(prompt, options.MaxPromptLength, tokenizer.BeginOfSequenceId);
                truncatedPrompts++;
            }

            int room = options.MaxLength - prompt.Length;
            var completions = new int[example.Completions.Count][];
            bool empty = false;
            for (int slot = 0; slot < completions.Length; slot++)
            {
                int[] ids = [.. tokenizer.Encode(example.Completions[slot] + template.EndOfTurn)];
                if (ids.Length > room)
                {
                    ids = ids[..room];
                    truncatedCompletions++;
                }

                empty |= ids.Length == 0;
                completions[slot] = ids;
            }

            if (empty)
            {
                Skip("empty completion");
                continue;
            }

            if (completions.Length == 2 && completions[0].AsSpan().SequenceEqual(completions[1]))
            {
                Skip("chosen equals rejected after truncation");
                continue;
            }

            kept.Add(new TokenizedExample(prompt, completions, example.Label));
        }

        return new PreferenceDataset(kept, skips, truncatedPrompts, truncatedCompletions);
    }

    private static int[] EncodePrompt(string question, ITextTokenizer tokenizer, IChatTemplate template)
    {
        return ChatPromptEncoder.Encode(tokenizer, template, [new ChatMessage(ChatRole.User, question)]);
    }

    private static int[] KeepEnd(int[] prompt, int maxLength, int? bos)
    {
        if (bos is int b && prompt[0] == b)
        {
            return [b, .. prompt[(prompt.Length - maxLength + 1)..]];
        }

        return prompt[(prompt.Length - maxLength)..];
    }
}
