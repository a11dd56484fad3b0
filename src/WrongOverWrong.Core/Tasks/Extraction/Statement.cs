namespace WrongOverWrong.Tasks.Extraction;

/// <summary>One place in a response that states (or hesitates between) final answers.</summary>
/// <typeparam name="T">The answer's type: a number or a shown option position.</typeparam>
/// <param name="Value">The value stated; ignored when <paramref name="Undecided"/>.</param>
/// <param name="Undecided">The statement names two values ("4 or 5", "A or B").</param>
/// <param name="Strength">How final the statement is (see <see cref="StatementStrength"/>).</param>
/// <param name="Sentence">Index of the sentence it is in.</param>
/// <param name="Quote">The sentence, for reasons.</param>
/// <param name="Position">Where in the sentence it starts.</param>
/// <param name="Corrects">It follows a correction ("no,", "actually", ", but", ", then"): every earlier statement is withdrawn.</param>
internal readonly record struct Statement<T>(T Value, bool Undecided, StatementStrength Strength, int Sentence, string Quote, int Position = 0, bool Corrects = false)
    where T : IEquatable<T>;

/// <summary>How final a statement is; lower is more final.</summary>
internal enum StatementStrength
{
    /// <summary>"Final answer: 4", "\boxed{4}", a reply that is only the answer.</summary>
    FinalAnswer = 0,

    /// <summary>"The answer is 4", "Answer: B".</summary>
    Answer = 1,

    /// <summary>A conclusion ("Therefore ...", "So ...") or the requested final form ("The total weight is 4").</summary>
    Conclusion = 2,

    /// <summary>A plain mention inside the reasoning.</summary>
    Mention = 3,
}
