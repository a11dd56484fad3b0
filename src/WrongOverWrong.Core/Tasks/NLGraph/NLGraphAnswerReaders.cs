using System.Text.RegularExpressions;
using WrongOverWrong.Tasks.Extraction;

namespace WrongOverWrong.Tasks.NLGraph;

/// <summary>The phrases that state each NLGraph task's answer, and the readers built on them.</summary>
internal static partial class NLGraphAnswerReaders
{
    /// <summary>Reads the total weight of a shortest path.</summary>
    public static NumberAnswerReader ShortestPath { get; } = new([TotalWeight(), ShortestWeight(), WeightOfPath()], null, ShortestPathForm());

    /// <summary>Reads a maximum-flow value.</summary>
    public static NumberAnswerReader MaxFlow { get; } = new([MaxFlowCue()], null, MaxFlowForm());

    /// <summary>Reads a matching size, stated before ("3 applicants can find ...") or after ("maximum matching: 3") its cue.</summary>
    public static NumberAnswerReader Matching { get; } = new([MatchingSize()], ApplicantsCan(), MatchingForm());

    // "total weight", "total weight of the shortest path", "total length", "total cost".
    [GeneratedRegex(@"\btotal\s+(?:path\s+)?(?:weight|length|cost|distance)\b(?:\s+of\s+(?:the|this|that)\s+(?:shortest\s+)?path\b)?", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TotalWeight();

    // "shortest distance", "minimum path weight", "shortest path length", "sum of the weights", "distance from node 0 to node 2".
    [GeneratedRegex(@"\b(?:(?:shortest|minimum|minimal)\s+(?:path\s+)?(?:weight|length|cost|distance)|sum\s+of\s+(?:the\s+)?(?:edge\s+)?weights|path\s+weight|distance\s+(?:from|between))\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ShortestWeight();

    // "the weight of the shortest path is 4".
    [GeneratedRegex(@"\bweight\s+of\s+(?:the|this|that)\s+(?:shortest\s+)?path\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex WeightOfPath();

    [GeneratedRegex(@"^(?:the\s+)?(?:total\s+weight|shortest\s+(?:path|distance))\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ShortestPathForm();

    // "maximum flow", "max flow", "max. flow", "maximum possible flow", "flow value", "total flow".
    [GeneratedRegex(@"\b(?:max(?:imum|imal)?\.?\s+(?:possible\s+)?flow(?:\s+value)?|flow\s+value|total\s+flow)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex MaxFlowCue();

    [GeneratedRegex(@"^(?:the\s+)?max(?:imum|imal)?\.?\s+(?:possible\s+)?flow\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex MaxFlowForm();

    // "maximum number of applicants", "maximum matching (size)", "size of the maximum matching", "number of matched applicants".
    [GeneratedRegex(@"\b(?:maximum\s+(?:number\s+of\s+(?:applicants|matches|assignments|pairs|people)|matching(?:\s+size)?)|size\s+of\s+(?:the\s+)?(?:maximum\s+)?matching|matching\s+size|number\s+of\s+(?:matched\s+applicants|applicants\s+(?:matched|assigned)))\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex MatchingSize();

    // "applicants can find", "applicants can be matched", "applicants get a job".
    [GeneratedRegex(@"\bapplicants?\s+(?:can|could|will|would|are\s+able\s+to|get|find|are\s+(?:matched|assigned|appointed))\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ApplicantsCan();

    [GeneratedRegex(@"^(?:(?:a\s+total\s+of|only|all|exactly)\s+)?\w+\s+(?:(?:out\s+)?of\s+(?:the\s+)?\w+\s+)?(?:job\s+)?applicants?\b|^(?:the\s+)?maximum\s+(?:number|matching)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex MatchingForm();
}
