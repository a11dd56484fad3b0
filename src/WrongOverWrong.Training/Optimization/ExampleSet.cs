namespace WrongOverWrong.Training.Optimization;

/// <summary>
/// Examples before tokenisation, with the preferences that gave none (KTO's pairs whose chosen
/// equals rejected, counted as skipped) and the argument they came from, for error messages.
/// </summary>
/// <param name="Examples">The examples.</param>
/// <param name="ChosenEqualsRejected">Preferences dropped before tokenisation because chosen equals rejected.</param>
/// <param name="ParameterName">The argument that held them.</param>
internal sealed record ExampleSet(IReadOnlyList<TrainingExample> Examples, int ChosenEqualsRejected, string ParameterName);
