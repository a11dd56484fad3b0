namespace WrongOverWrong.Tasks;

/// <summary>The task names questions carry in <see cref="Question.Task"/> and oracles report as <see cref="ITaskOracle.Name"/>.</summary>
public static class TaskNames
{
    /// <summary>NLGraph shortest path: free text, graded by total weight.</summary>
    public const string NLGraphShortestPath = "nlgraph-shortest-path";

    /// <summary>NLGraph maximum flow: free text, graded by the flow value.</summary>
    public const string NLGraphMaxFlow = "nlgraph-max-flow";

    /// <summary>NLGraph bipartite matching: free text, graded by the number of matched applicants.</summary>
    public const string NLGraphMatching = "nlgraph-matching";

    /// <summary>Knowledge Crosswords: four composite options with 0 to 3 correct blanks.</summary>
    public const string KnowledgeCrosswords = "knowledge-crosswords";

    /// <summary>Multiple choice with a plausibility proxy per option (COM2, HellaSwag, chess puzzles).</summary>
    public const string GradedChoice = "graded-choice";

    /// <summary>Multiple choice with a right or wrong verdict only (MedMCQA).</summary>
    public const string BinaryChoice = "binary-choice";

    /// <summary>A free numeric answer within 5% relative tolerance (SciBench).</summary>
    public const string Numeric = "numeric";
}
