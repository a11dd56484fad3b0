namespace WrongOverWrong.Pipeline;

/// <summary>Progress of one pipeline stage, for progress bars.</summary>
/// <param name="Stage">The stage (see <see cref="PipelineStages"/>).</param>
/// <param name="Done">Units finished (questions, arms, ...), resumed ones included.</param>
/// <param name="Total">Units in the stage.</param>
/// <param name="Detail">What the unit is or what runs now (an elicitor, an arm), for display; may be <see langword="null"/>.</param>
public sealed record PipelineProgress(string Stage, int Done, int Total, string? Detail = null)
{
    /// <summary>Whether the stage has finished.</summary>
    public bool IsComplete => Done >= Total;
}
