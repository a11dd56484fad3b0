using Microsoft.Extensions.AI;
using WrongOverWrong.Training.Chat;
using WrongOverWrong.Training.Text;

namespace WrongOverWrong.Training.Optimization;

/// <summary>
/// Turns examples into token ids the way the paper and TRL do: prompt = chat template of the
/// question (with generation header), completion = response + end of turn, tokenised separately;
/// prompts keep their end when too long, completions are cut to fit; degenerate examples are
/// skipped and counted by reason.
/// </summary>
internal sealed class PreferenceDataset
{
    /// <summary>The skip reason of a pair whose two completions are the same text.</summary>
    public const string ChosenEqualsRejected = "chosen equals rejected";

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

    /// <param name="examples">The examples.</param>
    /// <param name="tokenizer">The model's tokenizer.</param>
    /// <param name="template">The chat template for prompts.</param>
    /// <param name="options">Lengths.</param>
    /// <param name="chosenEqualsRejected">Preferences already dropped for equal chosen and rejected texts (KTO's split), counted under the same reason.</param>
    public static PreferenceDataset Build(IReadOnlyList<TrainingExample> examples, ITextTokenizer tokenizer, IChatTemplate template, TrainerOptions options, int chosenEqualsRejected = 0)
    {
        var kept = new List<TokenizedExample>(examples.Count);
        var skips = new Dictionary<string, int>(StringComparer.Ordinal);
        if (chosenEqualsRejected > 0)
        {
            skips[ChosenEqualsRejected] = chosenEqualsRejected;
        }

        int truncatedPrompts = 0, truncatedCompletions = 0;
        void Skip(string reason) => skips[reason] = skips.GetValueOrDefault(reason) + 1;

        foreach (TrainingExample example in examples)
        {
            if (example.Completions.Count == 2 && string.Equals(example.Completions[0], example.Completions[1], StringComparison.Ordinal))
            {
                Skip(ChosenEqualsRejected);
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
