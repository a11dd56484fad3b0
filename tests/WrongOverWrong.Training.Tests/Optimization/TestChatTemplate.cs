using Microsoft.Extensions.AI;
using WrongOverWrong.Training.Chat;

namespace WrongOverWrong.Training.Tests.Optimization;

/// <summary>A minimal chat template over the test alphabet.</summary>
internal sealed class TestChatTemplate : IChatTemplate
{
    public string EndOfTurn => CharacterTokenizer.EndOfTurnText;

    public IReadOnlyList<string> StopTokens => [CharacterTokenizer.EndOfTurnText];

    public string FormatPrompt(IEnumerable<ChatMessage> messages)
    {
        return string.Concat(messages.Select(m => $"{m.Role.Value}: {m.Text}\n")) + "assistant: ";
    }
}
