namespace WrongOverWrong.Pipeline;

/// <summary>One source's training set.</summary>
/// <param name="Source">The source.</param>
/// <param name="Preferences">The pairs drawn (at most the cap), each with the exact prompt its candidates saw.</param>
/// <param name="Available">Pairs the source could give before the cap.</param>
/// <param name="AgreementWithOracle">Share of the drawn pairs in the oracle's direction (1 for oracle sources; NaN when empty).</param>
public sealed record TrainingSet(TrainingSource Source, IReadOnlyList<Preference> Preferences, int Available, double AgreementWithOracle);
