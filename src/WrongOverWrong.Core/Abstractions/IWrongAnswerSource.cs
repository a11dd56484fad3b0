namespace WrongOverWrong;

/// <summary>
/// Produces N sampled candidates per question (phase 1, step 1 of the paper): from a chat model,
/// a pool of generators ("mix"), a file, or a local model.
/// </summary>
public interface IWrongAnswerSource
{
    /// <summary>
    /// Samples answer sets for the questions, streaming each set as it completes (not necessarily
    /// in input order). Candidates carry extracted final answers but no grades.
    /// </summary>
    /// <param name="task">The task that builds prompts and extracts final answers.</param>
    /// <param name="questions">The questions to answer.</param>
    /// <param name="cancellationToken">Cancels sampling; sets already yielded stay valid.</param>
    IAsyncEnumerable<AnswerSet> GetAnswerSetsAsync(ITaskOracle task, IEnumerable<Question> questions, CancellationToken cancellationToken = default);
}
