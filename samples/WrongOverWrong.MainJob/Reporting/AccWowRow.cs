namespace WrongOverWrong.MainJob.Reporting;

/// <summary>Acc_WoW of one elicitor at one margin.</summary>
/// <param name="Elicitor">Elicitor name.</param>
/// <param name="Margin">M_100, M_50 or M_10.</param>
/// <param name="AccWow">Share of kept pairs ordered as the oracle orders them (ties count as misses), with CI.</param>
/// <param name="Kept">Pairs kept at this margin.</param>
/// <param name="Ties">Kept pairs the elicitor scored equal.</param>
/// <param name="Abstained">Pairs the elicitor gave no verdict on.</param>
public sealed record AccWowRow(string Elicitor, string Margin, Estimate AccWow, int Kept, int Ties, int Abstained);
