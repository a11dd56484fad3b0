using System.Runtime.CompilerServices;

namespace WrongOverWrong.Tasks;

/// <summary>Applies a task's oracle to every candidate of an answer set (phase 1, step 3 of the paper).</summary>
public static class AnswerSetGrader
{
    /// <summary>
    /// Grades every candidate of <paramref name="set"/>; unparsable candidates get
    /// <see cref="Grade.Unparsable"/>. The result's candidates all carry a non-null grade by type.
    /// </summary>
    /// <param name="task">The oracle of the set's task.</param>
    /// <param name="set">The answer set to grade.</param>
    /// <exception cref="ArgumentException">The set's question belongs to another task.</exception>
    public static GradedAnswerSet GradeAll(this ITaskOracle task, AnswerSet set)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(set);
        if (!string.Equals(set.Question.Task, task.Name, StringComparison.Ordinal))
        {
            throw new ArgumentException($"Question '{set.Question.Id}' belongs to task '{set.Question.Task}', not '{task.Name}'.", nameof(set));
        }

        var graded = new GradedCandidate[set.Candidates.Count];
        for (var i = 0; i < graded.Length; i++)
        {
            var candidate = set.Candidates[i];
            if (!string.Equals(candidate.QuestionId, set.Question.Id, StringComparison.Ordinal))
            {
                throw new ArgumentException($"Question '{set.Question.Id}': candidate {candidate.Index} answers question '{candidate.QuestionId}'.", nameof(set));
            }

            var grade = candidate.IsParsable ? task.Grade(set.Question, candidate) : Grade.Unparsable;
            graded[i] = new GradedCandidate(candidate, grade);
        }

        return new GradedAnswerSet(set.Question, graded);
    }

    /// <summary>Grades <paramref name="set"/> with the oracle registered for its question's task.</summary>
    /// <param name="registry">The registry holding the task.</param>
    /// <param name="set">The answer set to grade.</param>
    public static GradedAnswerSet GradeAll(this TaskRegistry registry, AnswerSet set)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(set);
        return registry.For(set.Question).GradeAll(set);
    }

    /// <summary>
    /// Grades a stream of answer sets (for example read with <c>AnswerSetJsonLines.ReadAsync</c>)
    /// with the oracle of each set's task, one set at a time.
    /// </summary>
    /// <param name="registry">The registry holding the tasks.</param>
    /// <param name="sets">The answer sets.</param>
    /// <param name="cancellationToken">Cancels grading.</param>
    public static async IAsyncEnumerable<GradedAnswerSet> GradeAllAsync(this TaskRegistry registry, IAsyncEnumerable<AnswerSet> sets, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(sets);
        await foreach (var set in sets.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            yield return registry.GradeAll(set);
        }
    }
}
