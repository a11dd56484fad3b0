using System.Text.Json;
using WrongOverWrong.Tasks;
using WrongOverWrong.Tasks.NLGraph;

namespace WrongOverWrong.Core.Tests.Tasks.NLGraph;

public sealed class NLGraphGraphFilesTests : IDisposable
{
    // NLGraph/shortest_path/graph/easy/standard/graph0.txt: "n m", m edges "u v w", then "s t".
    // The edges are in the file's order; NLGraph's prompt lists them in networkx's order.
    private const string Graph0 = "5 7\n0 4 4\n0 3 3\n0 1 3\n1 4 4\n4 2 2\n3 2 1\n4 3 1\n0 2\n";

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "wow-graph-files-" + Guid.NewGuid().ToString("N"));

    public NLGraphGraphFilesTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task A_raw_shortest_path_file_loads_with_main_json_prompt_text()
    {
        await File.WriteAllTextAsync(Path.Combine(_folder, "graph0.txt"), Graph0);
        await File.WriteAllTextAsync(Path.Combine(_folder, "graph10.txt"), "3 2\n0 1 5\n1 2 2\n0 2\n");
        await File.WriteAllTextAsync(Path.Combine(_folder, "graph2.txt"), "3 2\n2 1 5\n1 0 2\n2 0\n");

        var questions = await NLGraphGraphFiles.LoadFolderAsync(_folder, TaskNames.NLGraphShortestPath, "hard");

        Assert.Equal(["hard-0", "hard-2", "hard-10"], questions.Select(q => q.Id));
        Assert.Equal(ShortestPathOracleTests.Question0Text, questions[0].Prompt); // = main.json's question "0"
        Assert.Equal("The shortest path from node 0 to node 2 is 0,3,2 with a total weight of 4", questions[0].GoldAnswer);
        Assert.True(new ShortestPathOracle().CheckGold(questions[0]).Agrees);
        Assert.Contains("an edge between node 0 and node 1 with weight 2,\nan edge between node 1 and node 2 with weight 5.", questions[1].Prompt);
    }

    [RequiresSharedDataFact("nlgraph/shortest_path.json")]
    public void The_prompt_equals_the_benchmark_file_entry()
    {
        using var json = JsonDocument.Parse(File.ReadAllText(SharedData.Require("nlgraph/shortest_path.json")));
        var question = NLGraphGraphFiles.Parse(Graph0, TaskNames.NLGraphShortestPath, "easy-0");
        Assert.Equal(json.RootElement.GetProperty("0").GetProperty("question").GetString(), question.Prompt);
        Assert.Equal(json.RootElement.GetProperty("0").GetProperty("answer").GetString(), question.GoldAnswer);
    }

    [Fact]
    public void A_max_flow_file_lists_successors_in_networkx_order_and_checks_its_answer()
    {
        var q = NLGraphGraphFiles.Parse("4 4\n0 2 3\n0 1 2\n1 3 2\n2 3 1\n0 3\n3\n", TaskNames.NLGraphMaxFlow, "flow-0");
        Assert.StartsWith("In a directed graph, the nodes are numbered from 0 to 3, and the edges are:\nan edge from node 0 to node 2 with capacity 3,\nan edge from node 0 to node 1 with capacity 2,\nan edge from node 1 to node 3", q.Prompt);
        Assert.EndsWith("Q: What is the maximum flow from node 0 to node 3?\nA:", q.Prompt);
        Assert.Equal(3, new MaxFlowOracle().ExtractFinalAnswer(q, q.GoldAnswer!)!.Value);
        var ex = Assert.Throws<InvalidDataException>(() => NLGraphGraphFiles.Parse("4 4\n0 2 3\n0 1 2\n1 3 2\n2 3 1\n0 3\n5\n", TaskNames.NLGraphMaxFlow, "flow-1", "graph1.txt"));
        Assert.Contains("graph1.txt:7", ex.Message);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("5 7\n0 4 4\n", "needs 9")]
    [InlineData("3 2\n0 1 5\n1 9 2\n0 2\n", "node 9 is outside 0 to 2")]
    [InlineData("3 2\n0 1 5\n1 x 2\n0 2\n", "'x' is not a non-negative integer")]
    [InlineData("99999999999 1\n0 1 1\n0 1\n", "is not a non-negative integer below 2^31")]
    [InlineData("3 1\n0 1 5\n0 2\n", "cannot be reached")]
    public void A_malformed_file_is_an_invalid_data_exception_naming_the_problem(string text, string message)
    {
        var ex = Assert.Throws<InvalidDataException>(() => NLGraphGraphFiles.Parse(text, TaskNames.NLGraphShortestPath, "x", "graph5.txt"));
        Assert.Contains(message, ex.Message);
    }
}
