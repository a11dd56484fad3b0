using System.Globalization;
using System.Text;
using WrongOverWrong.Tasks.NLGraph;

namespace WrongOverWrong.MainJob.ShippedModel;

/// <summary>
/// An auxiliary training example for the shipped model: the graph of a shortest-path question, asked
/// instead for the neighbours of its source and target with their edge weights ("Node 0: 4 with weight
/// 1, 1 with weight 3. Node 2: 4 with weight 5.").
/// </summary>
/// <remarks>
/// Why: every recipe that trained on the answers alone plateaued near 21% with most wrong answers over
/// edges the graph lacks; the model never learned to look edges up in the prompt. NLGraph's easy
/// answers are mostly two-edge paths, which need exactly these two lists, and each listed neighbour
/// is a supervised look-up (a dense signal where the answer sentence gives one weak one).
/// </remarks>
public static class NeighbourListExample
{
    /// <summary>The prompt and completion asking for the neighbours of <paramref name="question"/>'s source and target.</summary>
    /// <param name="question">A shortest-path question in NLGraph's format.</param>
    public static (string Prompt, string Completion) Create(Question question)
    {
        ArgumentNullException.ThrowIfNull(question);
        var problem = ShortestPathProblem.Parse(question.Id, question.Prompt);
        int queryStart = question.Prompt.LastIndexOf("Q:", StringComparison.Ordinal);
        string prompt = question.Prompt[..queryStart] + string.Create(
            CultureInfo.InvariantCulture,
            $"Q: List the neighbours of node {problem.Source} and of node {problem.Target}, each with the weight of its edge.");
        return (prompt, Lists(problem));
    }

    /// <summary>The neighbour lists of <paramref name="problem"/>'s source and target, in edge order ("Node 0: 4 with weight 1. Node 2: none.").</summary>
    /// <param name="problem">The parsed question.</param>
    public static string Lists(ShortestPathProblem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var text = new StringBuilder();
        Append(text, problem, problem.Source);
        text.Append(' ');
        Append(text, problem, problem.Target);
        return text.ToString();
    }

    /// <summary>The neighbours of <paramref name="node"/> with the weights of their edges, in the prompt's edge order.</summary>
    /// <param name="problem">The graph.</param>
    /// <param name="node">The node.</param>
    public static IEnumerable<(int Node, long Weight)> Neighbours(ShortestPathProblem problem, int node)
    {
        ArgumentNullException.ThrowIfNull(problem);
        return problem.Edges.Where(e => e.From == node || e.To == node).Select(e => (e.From == node ? e.To : e.From, e.Weight));
    }

    private static void Append(StringBuilder text, ShortestPathProblem problem, int node)
    {
        var neighbours = Neighbours(problem, node)
            .Select(n => string.Create(CultureInfo.InvariantCulture, $"{n.Node} with weight {n.Weight}"))
            .ToList();
        text.Append(CultureInfo.InvariantCulture, $"Node {node}: ")
            .Append(neighbours.Count == 0 ? "none" : string.Join(", ", neighbours))
            .Append('.');
    }
}
