using System.Text;
using System.Text.RegularExpressions;

namespace WrongOverWrong.Tests.TestDoubles;

/// <summary>
/// A tiny multiple-choice task for tests: the prompt lists options as "A. text" in the shown
/// order; answers read "Answer: X"; the proxy is the option's proxy.
/// </summary>
public sealed partial class FakeMultipleChoiceTask : ITaskOracle
{
    public string Name => "fake-mc";

    public bool IsMultipleChoice => true;

    public string FinalAnswerInstruction => "State only your final answer as 'Answer: X'.";

    public string BuildPrompt(Question question, IReadOnlyList<int>? optionOrder = null)
    {
        var options = question.Options ?? throw new ArgumentException("needs options", nameof(question));
        var order = optionOrder ?? Enumerable.Range(0, options.Count).ToArray();
        var builder = new StringBuilder(question.Prompt).Append('\n');
        for (var k = 0; k < order.Count; k++)
        {
            builder.Append((char)('A' + k)).Append(". ").Append(options[order[k]].Text).Append('\n');
        }

        return builder.ToString();
    }

    public ExtractedAnswer? ExtractFinalAnswer(Question question, string text, IReadOnlyList<int>? optionOrder = null)
    {
        var match = AnswerLine().Match(text);
        if (!match.Success)
        {
            return null;
        }

        var shown = match.Groups[1].Value[0] - 'A';
        var order = optionOrder ?? Enumerable.Range(0, question.Options!.Count).ToArray();
        if (shown >= order.Count)
        {
            return null;
        }

        var underlying = order[shown];
        return new ExtractedAnswer(((char)('A' + underlying)).ToString(), underlying);
    }

    public Grade Grade(Question question, Candidate candidate)
    {
        if (candidate.OptionIndex is not { } i)
        {
            return WrongOverWrong.Grade.Unparsable;
        }

        var option = question.Options![i];
        return new Grade(option.Proxy, option.Proxy, option.IsCorrect);
    }

    /// <summary>A model that always means "Paris": it finds the letter Paris was shown at in each sample's prompt.</summary>
    public static ScriptedChatClient ParisModel() => ScriptedChatClient.FromText(call =>
        call.Messages.Count == 1
            ? $"I think it is Paris, shown as {ShownLetterOf(call.Messages[0].Text, "Paris")}."
            : $"Answer: {ShownLetterOf(call.Messages[0].Text, "Paris")}");

    /// <summary>The shown letter of the option with <paramref name="text"/> in a prompt built by <see cref="BuildPrompt"/>.</summary>
    public static char ShownLetterOf(string prompt, string text) =>
        prompt.Split('\n').First(l => l.Length > 3 && l[1] == '.' && l[3..] == text)[0];

    [GeneratedRegex(@"Answer:\s*([A-Z])")]
    private static partial Regex AnswerLine();
}
