using Microsoft.Extensions.AI;

namespace WrongOverWrong.Training.Chat;

/// <summary>Shared checks for chat templates: materialise messages and reject roles a family cannot render.</summary>
internal static class ChatTurns
{
    public static IReadOnlyList<(ChatRole Role, string Text)> Read(IEnumerable<ChatMessage> messages, string family, params ChatRole[] allowed)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var list = new List<(ChatRole, string)>();
        var index = 0;
        foreach (var message in messages)
        {
            if (message is null)
            {
                throw new ArgumentException($"messages[{index}] is null.", nameof(messages));
            }
            if (!allowed.Contains(message.Role))
            {
                throw new ArgumentException(
                    $"messages[{index}] has role '{message.Role}', which the {family} template cannot render (allowed: {string.Join(", ", allowed)}).",
                    nameof(messages));
            }
            list.Add((message.Role, message.Text));
            index++;
        }
        if (list.Count == 0)
        {
            throw new ArgumentException("At least one message is needed.", nameof(messages));
        }
        return list;
    }

    /// <summary>Splits off a leading system message and checks that the rest alternate user/assistant, starting with user.</summary>
    public static (string? System, IReadOnlyList<(ChatRole Role, string Text)> Turns) SplitAlternating(
        IReadOnlyList<(ChatRole Role, string Text)> messages, string family)
    {
        string? system = null;
        var start = 0;
        if (messages[0].Role == ChatRole.System)
        {
            system = messages[0].Text;
            start = 1;
        }
        var turns = messages.Skip(start).ToList();
        if (turns.Count == 0)
        {
            // These templates put the system text inside the first user turn; alone it would vanish.
            throw new ArgumentException($"The {family} template needs a user message after the system message.", "messages");
        }
        for (var i = 0; i < turns.Count; i++)
        {
            var expected = i % 2 == 0 ? ChatRole.User : ChatRole.Assistant;
            if (turns[i].Role != expected)
            {
                throw new ArgumentException(
                    $"messages[{i + start}] has role '{turns[i].Role}'; the {family} template needs an optional system message, then user and assistant turns alternating, starting with user.",
                    "messages");
            }
        }
        return (system, turns);
    }
}
