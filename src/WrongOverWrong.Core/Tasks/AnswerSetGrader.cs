using System.Runtime.CompilerServices;
using WrongOverWrong.Tasks.Extraction;

namespace WrongOverWrong.Tasks;

/// <summary>Applies a task's oracle to every candidate of an answer set (phase 1, step 3 of the paper).</summary>
public static class AnswerSetGrader
{
    /// <summary>
    /// Grades every candidate of <paramref name="set"/>; the result's candidates all carry a non-null
    /// grade by type. Unparsable candidates get <see cref="Grade.Unparsable"/>, whose
    /// <see cref="Grade.Detail"/> gives the reason when the task is an <see cref="IFinalAnswerReader"/>
    /// and the response states conflicting answers.
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

            var grade = candidate.IsParsable ? task.Grade(set.Question, candidate) : UnparsableGrade(task, set.Question, candidate);
            graded[i] = new GradedCandidate(candidate, grade);
        }

        return new GradedAnswerSet(set.Question, graded);
    }

    // An unparsable answer whose response states conflicting answers says so in the grade's detail
    // ("unparsable: conflicting statements: 4 (...) vs 6 (...)"); one that states nothing keeps the
    // shared Grade.Unparsable.
    private static Grade UnparsableGrade(ITaskOracle task, Question question, Candidate candidate)
    {
        if (task is not IFinalAnswerReader reader)
        {
            return Grade.Unparsable;
        }

        FinalAnswerReading reading;
        try
        {
            reading = reader.ReadFinalAnswer(question, candidate.Response, candidate.OptionOrder);
        }
        catch (ArgumentException)
        {
            return Grade.Unparsable; // a stored option order that does not fit the question: nothing to explain
        }

        return reading.Reason is { } reason && !string.Equals(reason, FinalAnswerReading.NothingStated, StringComparison.Ordinal)
            ? Grade.Unparsable with { Detail = "unparsable: " + reason }
            : Grade.Unparsable;
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
    /// <exception cref="ArgumentNullException"><paramref name="registry"/> or <paramref name="sets"/> is null (thrown at the call, not when enumeration starts).</exception>
    public static IAsyncEnumerable<GradedAnswerSet> GradeAllAsync(this TaskRegistry registry, IAsyncEnumerable<AnswerSet> sets, CancellationToken cancellationToken = default)
    {
        // Checked here, outside the iterator, so a wrong call fails where it is made.
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(sets);
        return GradeEachAsync(registry, sets, cancellationToken);
    }

    private static async IAsyncEnumerable<GradedAnswerSet> GradeEachAsync(TaskRegistry registry, IAsyncEnumerable<AnswerSet> sets, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var set in sets.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            yield return registry.GradeAll(set);
        }
    }
}
