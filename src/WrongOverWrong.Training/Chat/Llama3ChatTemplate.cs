using System.Text;
using Microsoft.Extensions.AI;
using WrongOverWrong.Training.Text;

namespace WrongOverWrong.Training.Chat;

/// <summary>
/// Llama 3 instruct: <c>&lt;|begin_of_text|&gt;</c>, then per message
/// <c>&lt;|start_header_id|&gt;role&lt;|end_header_id|&gt;\n\n</c> + trimmed content + <c>&lt;|eot_id|&gt;</c>.
/// Llama 3.1 and later always open with a system header carrying the knowledge cutoff and a date; turn that on with
/// <see cref="Llama3ChatTemplate(string)"/>.
/// </summary>
public sealed class Llama3ChatTemplate : IChatTemplate
{
    private readonly string? _todayDate;

    /// <summary>The Llama 3.0 template.</summary>
    public Llama3ChatTemplate()
    {
    }

    /// <summary>The Llama 3.1 / 3.2 / 3.3 template (without tools), whose system turn starts with
    /// <c>Cutting Knowledge Date: December 2023\nToday Date: {todayDate}\n\n</c>; Hugging Face's default date is "26 Jul 2024".</summary>
    public Llama3ChatTemplate(string todayDate)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(todayDate);
        _todayDate = todayDate;
    }

    /// <inheritdoc />
    public string EndOfTurn => Llama3SpecialTokens.EndOfTurn;

    /// <inheritdoc />
    public IReadOnlyList<string> StopTokens { get; } = [Llama3SpecialTokens.EndOfTurn, Llama3SpecialTokens.EndOfText, Llama3SpecialTokens.EndOfMessage];

    /// <inheritdoc />
    public string FormatPrompt(IEnumerable<ChatMessage> messages)
    {
        var turns = ChatTurns.Read(messages, "Llama 3", ChatRole.System, ChatRole.User, ChatRole.Assistant);
        var builder = new StringBuilder(Llama3SpecialTokens.BeginOfText);
        var start = 0;
        if (_todayDate is not null)
        {
            var system = turns[0].Role == ChatRole.System ? turns[0].Text.Trim() : string.Empty;
            start = turns[0].Role == ChatRole.System ? 1 : 0;
            builder.Append(Header("system"))
                .Append("Cutting Knowledge Date: December 2023\n")
                .Append("Today Date: ").Append(_todayDate).Append("\n\n")
                .Append(system).Append(Llama3SpecialTokens.EndOfTurn);
        }
        for (var i = start; i < turns.Count; i++)
        {
            // The Jinja template applies `| trim` to every message body.
            builder.Append(Header(turns[i].Role.Value)).Append(turns[i].Text.Trim()).Append(Llama3SpecialTokens.EndOfTurn);
        }
        return builder.Append(Header("assistant")).ToString();
    }

    private static string Header(string role) => Llama3SpecialTokens.StartHeader + role + Llama3SpecialTokens.EndHeader + "\n\n";
}
