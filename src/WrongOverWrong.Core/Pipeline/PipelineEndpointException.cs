namespace WrongOverWrong.Pipeline;

/// <summary>
/// A model endpoint failed for good (after retries) during a stage. The message is one line: what
/// failed, the endpoint's address, and what to check. Everything written before stays in the run
/// folder, so rerunning resumes. Applications map it to a non-zero exit code.
/// </summary>
public sealed class PipelineEndpointException : Exception
{
    /// <summary>Initializes a new instance.</summary>
    /// <param name="stage">The stage that failed.</param>
    /// <param name="endpoint">The endpoint's address or name.</param>
    /// <param name="message">The one-line message.</param>
    /// <param name="innerException">The endpoint's failure.</param>
    public PipelineEndpointException(string stage, string endpoint, string message, Exception? innerException)
        : base(message, innerException)
    {
        Stage = stage;
        Endpoint = endpoint;
    }

    /// <summary>The stage that failed (see <see cref="PipelineStages"/>).</summary>
    public string Stage { get; }

    /// <summary>The endpoint's address (or the client's name when it has none).</summary>
    public string Endpoint { get; }
}
