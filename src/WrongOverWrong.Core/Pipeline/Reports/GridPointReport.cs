namespace WrongOverWrong.Pipeline.Reports;

/// <summary>One point of the model-selection grid of an arm.</summary>
/// <param name="LearningRate">The learning rate.</param>
/// <param name="Epochs">The epochs.</param>
/// <param name="ValidationMeanCor">Mean cor on the validation questions (NaN when none).</param>
/// <param name="ValidationParsableShare">Parsable share on the validation questions.</param>
/// <param name="Picked">Whether this point was picked.</param>
public sealed record GridPointReport(double LearningRate, int Epochs, double ValidationMeanCor, double ValidationParsableShare, bool Picked);
