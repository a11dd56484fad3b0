using System.Globalization;

namespace WrongOverWrong.Tasks.NLGraph;

/// <summary>Shared gold-answer check of the NLGraph oracles.</summary>
internal static class NLGraphGold
{
    public static GoldCheck Check(Question question, double solverValue, ExtractedAnswer? gold)
    {
        if (gold?.Value is not { } goldValue)
        {
            return new GoldCheck(question.Id, false, solverValue, null, $"Question '{question.Id}': gold answer '{question.GoldAnswer}' states no value.");
        }

        return goldValue == solverValue
            ? new GoldCheck(question.Id, true, solverValue, goldValue, null)
            : new GoldCheck(question.Id, false, solverValue, goldValue, string.Create(CultureInfo.InvariantCulture, $"Question '{question.Id}': gold value {goldValue} but the solver finds {solverValue}."));
    }
}
