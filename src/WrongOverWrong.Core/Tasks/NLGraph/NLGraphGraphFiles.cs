using System.Globalization;
using System.Text.RegularExpressions;
using WrongOverWrong.Tasks.Graphs;

namespace WrongOverWrong.Tasks.NLGraph;

/// <summary>
/// Reads NLGraph's raw graph files (<c>NLGraph/&lt;task&gt;/graph/&lt;level&gt;/standard|full/graphN.txt</c>),
/// which hold the full benchmark (for example the 1,200-question hard sets), into questions whose
/// prompt text is exactly what NLGraph's own scripts (and main.json) show the model.
/// </summary>
/// <remarks>
/// <para>Format, one record per line, numbers separated by spaces: <c>n m</c> (node and edge
/// counts), then m edges <c>u v w</c> (weight or capacity), then the query <c>s t</c>; max-flow files
/// add a last line with the maximum flow. Shortest-path files state no answer: the gold answer is
/// written from the exact solver in NLGraph's sentence.</para>
/// <para>NLGraph builds its prompt from a networkx graph, so edges are listed in networkx's order,
/// not the file's: node by node from 0, each node's neighbours in the order their edges first
/// appear in the file, every undirected edge once (from the node visited first); a repeated edge
/// keeps its first place and its last weight. Directed graphs list each node's successors the same way.</para>
/// </remarks>
public static partial class NLGraphGraphFiles
{
    private const int MaxEdges = 1_000_000;

    /// <summary>Loads every <c>graphN.txt</c> of a folder, in N order, as questions of one task.</summary>
    /// <param name="folder">A folder such as <c>NLGraph/shortest_path/graph/hard/standard</c>.</param>
    /// <param name="task"><see cref="TaskNames.NLGraphShortestPath"/> or <see cref="TaskNames.NLGraphMaxFlow"/>.</param>
    /// <param name="idPrefix">Prefix of question ids (<c>&lt;prefix&gt;-&lt;N&gt;</c>); default: the task name.</param>
    /// <param name="cancellationToken">Cancels reading.</param>
    /// <exception cref="InvalidDataException">A file is malformed (file and line named), or a max-flow file's answer disagrees with the solver.</exception>
    public static async Task<IReadOnlyList<Question>> LoadFolderAsync(string folder, string task, string? idPrefix = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        // Stryker disable once String : the file-name regex below decides which files are graphs; the search pattern only narrows the listing.
        var files = Directory.EnumerateFiles(folder, "graph*.txt")
            .Select(f => (File: f, Number: FileNumber().Match(Path.GetFileName(f))))
            .Where(f => f.Number.Success)
            .OrderBy(f => long.Parse(f.Number.Groups[1].Value, CultureInfo.InvariantCulture))
            .ToList();
        var questions = new List<Question>(files.Count);
        foreach (var (file, number) in files)
        {
            // Stryker disable once Boolean : ConfigureAwait(true) only changes the resuming context.
            var text = await File.ReadAllTextAsync(file, cancellationToken).ConfigureAwait(false);
            questions.Add(Parse(text, task, $"{idPrefix ?? task}-{number.Groups[1].Value}", file));
        }

        return questions;
    }

    /// <summary>Parses the text of one graph file into a question.</summary>
    /// <param name="text">The file's content.</param>
    /// <param name="task"><see cref="TaskNames.NLGraphShortestPath"/> or <see cref="TaskNames.NLGraphMaxFlow"/>.</param>
    /// <param name="id">The question id.</param>
    /// <param name="source">The file name, named in errors and kept in the question's metadata.</param>
    /// <exception cref="InvalidDataException">The text is malformed (source and line named), or a max-flow answer disagrees with the solver.</exception>
    public static Question Parse(string text, string task, string id, string source = "graph file")
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(id);
        var directed = task switch
        {
            TaskNames.NLGraphShortestPath => false,
            TaskNames.NLGraphMaxFlow => true,
            _ => throw new ArgumentException($"Raw graph files are read for '{TaskNames.NLGraphShortestPath}' and '{TaskNames.NLGraphMaxFlow}', not '{task}'.", nameof(task)),
        };
        var lines = text.Split('\n').Select((l, i) => (Text: l.Trim(), Number: i + 1)).Where(l => l.Text.Length > 0).ToList();
        if (lines.Count == 0)
        {
            throw new InvalidDataException($"{source}: empty; expected a line 'n m'.");
        }

        var header = Numbers(lines[0], 2, source);
        var (n, m) = ((int)header[0], header[1]);
        if (n < 2 || n > NLGraphText.MaxNodes || m < 1 || m > MaxEdges)
        {
            throw new InvalidDataException($"{source}:{lines[0].Number}: 'n m' must have 2 <= n <= {NLGraphText.MaxNodes} and 1 <= m <= {MaxEdges}.");
        }

        var expectedLines = 1 + m + 1 + (directed ? 1 : 0);
        if (lines.Count != expectedLines)
        {
            throw new InvalidDataException($"{source}: {lines.Count} non-empty lines, but n m = {n} {m} needs {expectedLines} (header, {m} edges, the query{(directed ? ", the answer" : string.Empty)}).");
        }

        var edges = new List<WeightedEdge>();
        for (var i = 1; i <= m; i++)
        {
            var e = Numbers(lines[i], 3, source);
            CheckNode(e[0], n, lines[i].Number, source);
            CheckNode(e[1], n, lines[i].Number, source);
            edges.Add(new WeightedEdge((int)e[0], (int)e[1], e[2]));
        }

        var query = Numbers(lines[(int)m + 1], 2, source);
        CheckNode(query[0], n, lines[(int)m + 1].Number, source);
        CheckNode(query[1], n, lines[(int)m + 1].Number, source);
        var (s, t) = ((int)query[0], (int)query[1]);
        if (s == t)
        {
            throw new InvalidDataException($"{source}:{lines[(int)m + 1].Number}: the query asks from node {s} to itself.");
        }

        var metadata = new Dictionary<string, string> { ["source"] = Path.GetFileName(source) };
        if (!directed)
        {
            var problem = new ShortestPathProblem(n, NetworkxOrder(n, edges, directed: false), s, t);
            var solved = ShortestPath.Solve(n, problem.Edges, s, t)
                ?? throw new InvalidDataException($"{source}: node {t} cannot be reached from node {s}.");
            return new Question { Id = id, Task = task, Prompt = problem.ToQuestionText(), GoldAnswer = problem.FormatAnswer(solved.Path, solved.Weight), Metadata = metadata };
        }

        var flow = new MaxFlowProblem(n, NetworkxOrder(n, edges, directed: true), s, t);
        var answer = Numbers(lines[^1], 1, source)[0];
        var solverFlow = MaximumFlow.Solve(n, flow.Edges, s, t);
        if (answer != solverFlow)
        {
            throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture, $"{source}:{lines[^1].Number}: the file states a maximum flow of {answer} but the solver finds {solverFlow}."));
        }

        return new Question
        {
            Id = id,
            Task = task,
            Prompt = flow.ToQuestionText(),
            GoldAnswer = string.Create(CultureInfo.InvariantCulture, $"The maximum flow from node {s} to node {t} is {answer}."),
            Metadata = metadata,
        };
    }

    // networkx: nodes 0..n-1 in order, each node's neighbours in first-insertion order; an
    // undirected edge is listed once, from the node visited first; a repeated edge updates its weight.
    private static List<WeightedEdge> NetworkxOrder(int n, List<WeightedEdge> edges, bool directed)
    {
        var adjacency = new List<int>?[n];
        var weights = new Dictionary<(int, int), long>();
        foreach (var e in edges)
        {
            // Stryker disable once Equality : < and <= differ only for a self-loop, whose key is the same either way.
            var key = directed || e.From <= e.To ? (e.From, e.To) : (e.To, e.From);
            if (!weights.ContainsKey(key))
            {
                (adjacency[e.From] ??= []).Add(e.To);
                if (!directed && e.From != e.To)
                {
                    (adjacency[e.To] ??= []).Add(e.From);
                }
            }

            weights[key] = e.Weight;
        }

        var ordered = new List<WeightedEdge>(weights.Count);
        for (var u = 0; u < n; u++)
        {
            foreach (var v in adjacency[u] ?? [])
            {
                if (directed || v >= u)
                {
                    // Stryker disable once Conditional,Equality : only v >= u gets here for an undirected graph, so u <= v holds and (u, v) is the key; u < v differs only for a self-loop, whose key is the same.
                    ordered.Add(new WeightedEdge(u, v, weights[directed || u <= v ? (u, v) : (v, u)]));
                }
            }
        }

        return ordered;
    }

    private static long[] Numbers((string Text, int Number) line, int count, string source)
    {
        var parts = line.Text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != count)
        {
            throw new InvalidDataException($"{source}:{line.Number}: expected {count} numbers, found '{Shorten(line.Text)}'.");
        }

        var values = new long[count];
        for (var i = 0; i < count; i++)
        {
            if (!long.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out values[i]) || values[i] > int.MaxValue)
            {
                throw new InvalidDataException($"{source}:{line.Number}: '{Shorten(parts[i])}' is not a non-negative integer below 2^31.");
            }
        }

        return values;
    }

    private static void CheckNode(long node, int n, int line, string source)
    {
        if (node >= n)
        {
            throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture, $"{source}:{line}: node {node} is outside 0 to {n - 1}."));
        }
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "...";

    [GeneratedRegex(@"^graph(\d{1,9})\.txt$", RegexOptions.CultureInvariant)]
    private static partial Regex FileNumber();
}
