namespace WrongOverWrong.Sources;

/// <summary>How an answer source reads the final answer of a sampled response.</summary>
public enum FinalAnswerExtraction
{
    /// <summary>
    /// The paper's default: a second, greedy turn asks the model to state only its final answer
    /// (<see cref="ITaskOracle.FinalAnswerInstruction"/>), and the task parses that reply.
    /// </summary>
    SecondTurn,

    /// <summary>Parse the first response directly (for tasks whose response format is known); no extra call.</summary>
    Direct,

    /// <summary>Parse the first response directly and ask a second turn only when that fails.</summary>
    DirectThenSecondTurn,
}
