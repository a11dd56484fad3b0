namespace WrongOverWrong.Elicitation;

/// <summary>An elicitor that reports what it has spent so far (running totals since construction).</summary>
public interface IReportsElicitationCost
{
    /// <summary>The running total; take snapshots before and after a run and subtract them.</summary>
    ElicitationCost Cost { get; }
}
