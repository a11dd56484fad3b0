using System.Globalization;
using WrongOverWrong.Tasks.NLGraph;

namespace WrongOverWrong.MainJob.ShippedModel;

/// <summary>
/// The paths of at most two edges from a question's source to its target, with their sums, written
/// after the neighbour lists (<see cref="NeighbourListExample.Lists"/>) when a recipe asks for them:
/// "Paths: 0,3,2 is 2+1=3; 0,2 is 4." Why: once the two lists are written, these paths follow from
/// them alone (a neighbour of the source that is also in the target's list, or the target itself), so
/// the model matches within its own short answer, adds two small weights and copies the least sum,
/// instead of doing all of that in one step. Most of NLGraph's easy answers (87%) are such paths.
/// </summary>
public static class TwoHopPaths
{
    /// <summary>The candidates line of <paramref name="problem"/>, in the order of the source's neighbour list; "Paths: none." when there is none.</summary>
    /// <param name="problem">The shortest-path question.</param>
    public static string Write(ShortestPathProblem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        int source = problem.Source, target = problem.Target;
        var toTarget = new Dictionary<int, long>();
        foreach (var (node, weight) in NeighbourListExample.Neighbours(problem, target))
        {
            toTarget[node] = weight;
        }

        var paths = new List<string>();
        foreach (var (via, weight) in NeighbourListExample.Neighbours(problem, source))
        {
            if (via == target)
            {
                paths.Add(string.Create(CultureInfo.InvariantCulture, $"{source},{target} is {weight}"));
            }
            else if (toTarget.TryGetValue(via, out long second))
            {
                paths.Add(string.Create(CultureInfo.InvariantCulture, $"{source},{via},{target} is {weight}+{second}={weight + second}"));
            }
        }

        return paths.Count == 0 ? "Paths: none." : "Paths: " + string.Join("; ", paths) + ".";
    }
}
