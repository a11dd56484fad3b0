using System.Globalization;
using System.Text.RegularExpressions;

namespace WrongOverWrong.Tests.TestDoubles;

/// <summary>A tiny free-text numeric task: answers read "Answer: 12"; proxy = -|x - gold|.</summary>
public sealed partial class FakeNumericTask : ITaskOracle
{
    public string Name => "fake-numeric";

    public bool IsMultipleChoice => false;

    public string FinalAnswerInstruction => "State only the final number as 'Answer: N'.";

    public string BuildPrompt(Question question, IReadOnlyList<int>? optionOrder = null) => question.Prompt;

    public ExtractedAnswer? ExtractFinalAnswer(Question question, string text, IReadOnlyList<int>? optionOrder = null)
    {
        var match = AnswerLine().Match(text);
        if (!match.Success)
        {
            return null;
        }

        var value = double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        return new ExtractedAnswer(value.ToString(CultureInfo.InvariantCulture), Value: value);
    }

    public Grade Grade(Question question, Candidate candidate)
    {
        if (candidate.FinalAnswer is not { } answer)
        {
            return WrongOverWrong.Grade.Unparsable;
        }

        var gold = double.Parse(question.GoldAnswer!, CultureInfo.InvariantCulture);
        var x = double.Parse(answer, CultureInfo.InvariantCulture);
        var proxy = -Math.Abs(x - gold);
        return new Grade(proxy, Math.Clamp(1 + proxy, 0, 1), x == gold);
    }

    [GeneratedRegex(@"Answer:\s*(-?[0-9]+(?:\.[0-9]+)?)")]
    private static partial Regex AnswerLine();
}
