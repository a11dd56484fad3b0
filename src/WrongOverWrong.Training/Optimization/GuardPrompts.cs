using Microsoft.Extensions.AI;
using WrongOverWrong.Training.Chat;
using WrongOverWrong.Training.Text;

namespace WrongOverWrong.Training.Optimization;

/// <summary>A collapse guard with its prompts tokenised once and the ids that end an answer.</summary>
internal sealed class GuardPrompts
{
    private GuardPrompts(CollapseGuard options, IReadOnlyList<int[]> promptIds, IReadOnlyList<int> stopIds)
    {
        Options = options;
        PromptIds = promptIds;
        StopIds = stopIds;
    }

    public CollapseGuard Options { get; }

    public IReadOnlyList<int[]> PromptIds { get; }

    public IReadOnlyList<int> StopIds { get; }

    public static GuardPrompts Create(CollapseGuard options, ITextTokenizer tokenizer, IChatTemplate template)
    {
        options.Validate();
        int[][] prompts = [.. options.Prompts.Select(p => ChatPromptEncoder.Encode(tokenizer, template, [new ChatMessage(ChatRole.User, p)]))];

        // The template's stop tokens that are one id (the end of turn), and the tokenizer's EOS.
        var stops = new List<int>();
        foreach (string token in template.StopTokens)
        {
            if (tokenizer.Encode(token) is [int id] && !stops.Contains(id))
            {
                stops.Add(id);
            }
        }

        if (!stops.Contains(tokenizer.EndOfSequenceId))
        {
            stops.Add(tokenizer.EndOfSequenceId);
        }

        return new GuardPrompts(options, prompts, stops);
    }
}
