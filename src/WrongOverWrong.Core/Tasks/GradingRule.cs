namespace WrongOverWrong.Tasks;

/// <summary>
/// How an NLGraph oracle grades a free-text answer: by the stated number alone (the paper's rule)
/// or also by the solution stated with it.
/// </summary>
public enum GradingRule
{
    /// <summary>
    /// The paper's rule and the default: only the stated number is graded (total weight, flow,
    /// matching size). A path over a missing edge with the right total is correct.
    /// </summary>
    Paper,

    /// <summary>
    /// The stated solution must be valid too: a shortest-path answer needs a stated simple path from
    /// source to target over existing edges whose weight is the stated total; a matching answer
    /// needs a stated assignment (one job per applicant, one applicant per job, only jobs the
    /// applicant wants) of the stated size. An invalid answer is wrong, and its proxy lies below
    /// every valid answer's proxy, so it never outranks a valid one. Max flow states no checkable
    /// solution and is graded as in <see cref="Paper"/>.
    /// </summary>
    Strict,
}
