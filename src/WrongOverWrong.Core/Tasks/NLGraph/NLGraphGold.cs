using System.Globalization;

namespace WrongOverWrong.Tasks.NLGraph;

/// <summary>Shared gold-answer check of the NLGraph oracles.</summary>
internal static class NLGraphGold
{
    /// <summary>Compares the gold answer's value with the solver's; <paramref name="quantity"/> names the value in messages.</summary>
    public static GoldCheck Check(Question question, double solverValue, ExtractedAnswer? gold, string quantity = "value")
    {
        if (gold?.Value is not { } goldValue)
        {
            return new GoldCheck(question.Id, false, solverValue, null, $"Question '{question.Id}': gold answer '{question.GoldAnswer}' states no {quantity}.");
        }

        return goldValue == solverValue
            ? new GoldCheck(question.Id, true, solverValue, goldValue, null)
            : new GoldCheck(question.Id, false, solverValue, goldValue, string.Create(CultureInfo.InvariantCulture, $"Question '{question.Id}': gold {quantity} {goldValue} but the solver finds {solverValue}."));
    }
}
