using System.Text;
using System.Text.Json;
using WrongOverWrong.Tasks;
using WrongOverWrong.Tasks.Graphs;
using WrongOverWrong.Tasks.NLGraph;

namespace WrongOverWrong.Core.Tests.Tasks.NLGraph;

/// <summary>
/// The limits and error messages of NLGraph parsing (raw graph files, benchmark JSON, question
/// text) and of the stated solutions the strict rule checks: each bound at and beyond its value,
/// and each message in full, with the file, line, entry, field or question it names.
/// </summary>
public sealed class NLGraphParsingEdgeTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "wow-nlg-edges-" + Guid.NewGuid().ToString("N"));

    public NLGraphParsingEdgeTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static InvalidDataException FileError(string text, string task = TaskNames.NLGraphShortestPath) =>
        Assert.Throws<InvalidDataException>(() => NLGraphGraphFiles.Parse(text, task, "x", "dir/graph5.txt"));

    [Theory]
    [InlineData("1 1\n0 0 1\n0 0\n")]
    [InlineData("10001 1\n0 1 1\n0 1\n")]
    [InlineData("3 0\n0 2\n")]
    [InlineData("3 1000001\n0 1 1\n0 2\n")]
    public void Graph_file_header_bounds_are_named(string text)
    {
        Assert.Equal("dir/graph5.txt:1: 'n m' must have 2 <= n <= 10000 and 1 <= m <= 1000000.", FileError(text).Message);
    }

    [Fact]
    public void Graph_file_header_bounds_are_inclusive()
    {
        var two = NLGraphGraphFiles.Parse("2 1\n0 1 7\n1 0\n", TaskNames.NLGraphShortestPath, "x");
        Assert.Equal("The shortest path from node 1 to node 0 is 1,0 with a total weight of 7", two.GoldAnswer);
        Assert.Equal("dir/graph5.txt: 3 non-empty lines, but n m = 3 1000000 needs 1000002 (header, 1000000 edges, the query).", FileError("3 1000000\n0 1 1\n0 2\n").Message); // m at its bound passes the header check
        var large = NLGraphGraphFiles.Parse("10000 1\n9998 9999 3\n9999 9998\n", TaskNames.NLGraphShortestPath, "x");
        Assert.StartsWith("In an undirected graph, the nodes are numbered from 0 to 9999, and the edges are:\nan edge between node 9998 and node 9999 with weight 3.\n", large.Prompt);
        Assert.Equal("The shortest path from node 9999 to node 9998 is 9999,9998 with a total weight of 3", large.GoldAnswer);
    }

    [Fact]
    public void A_self_loop_in_an_undirected_graph_file_is_kept_once()
    {
        var question = NLGraphGraphFiles.Parse("3 3\n0 1 2\n1 1 4\n1 2 3\n0 2\n", TaskNames.NLGraphShortestPath, "x");
        var problem = ShortestPathProblem.Parse(question.Id, question.Prompt);

        Assert.Equal([new WeightedEdge(0, 1, 2), new WeightedEdge(1, 1, 4), new WeightedEdge(1, 2, 3)], problem.Edges);
        Assert.Equal("The shortest path from node 0 to node 2 is 0,1,2 with a total weight of 5", question.GoldAnswer);
    }

    [Fact]
    public void Graph_file_messages_name_the_source_and_the_line_counting_blank_lines()
    {
        Assert.Equal("dir/graph5.txt: 3 non-empty lines, but n m = 5 7 needs 9 (header, 7 edges, the query).", FileError("5 7\n0 4 4\n0 2\n").Message);
        Assert.Equal("dir/graph5.txt: 3 non-empty lines, but n m = 3 1 needs 4 (header, 1 edges, the query, the answer).", FileError("3 1\n0 1 4\n0 1\n", TaskNames.NLGraphMaxFlow).Message);
        Assert.Equal("dir/graph5.txt: empty; expected a line 'n m'.", FileError("\n  \n").Message);
        Assert.Equal("dir/graph5.txt:4: node 3 is outside 0 to 2.", FileError("3 2\n\n0 1 5\n3 1 2\n0 2\n").Message);
        Assert.Equal("dir/graph5.txt:4: node 3 is outside 0 to 2.", FileError("3 2\n\n0 1 5\n1 3 2\n0 2\n").Message);
        Assert.Equal("dir/graph5.txt:5: node 3 is outside 0 to 2.", FileError("3 2\n0 1 5\n1 2 2\n\n3 2\n").Message);
        Assert.Equal("dir/graph5.txt:5: node 3 is outside 0 to 2.", FileError("3 2\n0 1 5\n1 2 2\n\n2 3\n").Message);
        Assert.Equal("dir/graph5.txt:3: expected 3 numbers, found '1 2'.", FileError("3 2\n0 1 5\n1 2\n0 2\n").Message);
        Assert.Equal("dir/graph5.txt:2: expected 3 numbers, found '0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16...'.", FileError("3 2\n0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18\n1 2 1\n0 2\n").Message);
        var forty = "0 1 5 " + new string('7', 34); // exactly 40 characters: quoted whole
        Assert.Equal($"dir/graph5.txt:2: expected 3 numbers, found '{forty}'.", FileError("2 1\n" + forty + "\n0 1\n").Message);
        Assert.Equal("dir/graph5.txt:2: '2147483648' is not a non-negative integer below 2^31.", FileError("3 2\n0 1 2147483648\n1 2 1\n0 2\n").Message);
        Assert.Equal("dir/graph5.txt:2: '-1' is not a non-negative integer below 2^31.", FileError("3 2\n0 1 -1\n1 2 1\n0 2\n").Message);
        Assert.Equal("dir/graph5.txt:2: '1234567890123456789012345678901234567890...' is not a non-negative integer below 2^31.", FileError("3 2\n0 1 12345678901234567890123456789012345678901234567890\n1 2 1\n0 2\n").Message);
        Assert.Equal("dir/graph5.txt:4: the query asks from node 1 to itself.", FileError("3 2\n0 1 5\n1 2 2\n1 1\n").Message);
        Assert.Equal("dir/graph5.txt: node 2 cannot be reached from node 0.", FileError("3 1\n0 1 5\n0 2\n").Message);
        Assert.Equal("dir/graph5.txt:7: the file states a maximum flow of 5 but the solver finds 3.", FileError("4 4\n0 2 3\n0 1 2\n1 3 2\n2 3 1\n0 3\n5\n", TaskNames.NLGraphMaxFlow).Message);

        // The largest weight that fits, and the metadata keeps the file name only.
        var q = NLGraphGraphFiles.Parse("3 2\n0 1 2147483647\n1 2 1\n0 2\n", TaskNames.NLGraphShortestPath, "x", "dir/graph5.txt");
        Assert.Equal("The shortest path from node 0 to node 2 is 0,1,2 with a total weight of 2147483648", q.GoldAnswer);
        Assert.Equal("graph5.txt", Assert.Single(q.Metadata!).Value);
    }

    [Fact]
    public void Graph_files_of_other_tasks_are_refused_by_name()
    {
        var ex = Assert.Throws<ArgumentException>(() => NLGraphGraphFiles.Parse("3 1\n0 1 1\n0 1\n", TaskNames.NLGraphMatching, "x"));
        Assert.Equal("task", ex.ParamName);
        Assert.StartsWith("Raw graph files are read for 'nlgraph-shortest-path' and 'nlgraph-max-flow', not 'nlgraph-matching'.", ex.Message);
        Assert.Equal("text", Assert.Throws<ArgumentNullException>(() => NLGraphGraphFiles.Parse(null!, TaskNames.NLGraphMaxFlow, "x")).ParamName);
        Assert.Equal("id", Assert.Throws<ArgumentNullException>(() => NLGraphGraphFiles.Parse("", TaskNames.NLGraphMaxFlow, null!)).ParamName);
    }

    [Fact]
    public void A_repeated_edge_keeps_its_first_place_and_its_last_weight()
    {
        // Undirected: 1-0 repeats 0-1 (listed from node 0, the node visited first) with weight 2.
        var sp = NLGraphGraphFiles.Parse("3 3\n0 1 5\n1 2 1\n1 0 2\n0 2\n", TaskNames.NLGraphShortestPath, "x");
        Assert.Equal("In an undirected graph, the nodes are numbered from 0 to 2, and the edges are:\nan edge between node 0 and node 1 with weight 2,\nan edge between node 1 and node 2 with weight 1.\nQ: Give the shortest path from node 0 to node 2.\nA:", sp.Prompt);
        Assert.Equal("The shortest path from node 0 to node 2 is 0,1,2 with a total weight of 3", sp.GoldAnswer);

        // An edge named from its larger end is listed from its smaller end, after that node's earlier neighbours.
        var reversed = NLGraphGraphFiles.Parse("4 3\n0 3 1\n2 0 4\n3 2 1\n0 2\n", TaskNames.NLGraphShortestPath, "x");
        Assert.Contains("are:\nan edge between node 0 and node 3 with weight 1,\nan edge between node 0 and node 2 with weight 4,\nan edge between node 2 and node 3 with weight 1.\n", reversed.Prompt);

        // Directed: 0->1 and 1->0 are two edges; a repeated 0->1 keeps its place and takes the last capacity.
        var flow = NLGraphGraphFiles.Parse("3 4\n0 1 3\n1 0 9\n1 2 8\n0 1 4\n0 2\n4\n", TaskNames.NLGraphMaxFlow, "x");
        Assert.Contains("are:\nan edge from node 0 to node 1 with capacity 4,\nan edge from node 1 to node 0 with capacity 9,\nan edge from node 1 to node 2 with capacity 8.\n", flow.Prompt);
        Assert.Equal("The maximum flow from node 0 to node 2 is 4.", flow.GoldAnswer);
    }

    [Fact]
    public async Task A_folder_loads_only_graph_files_in_number_order_with_the_task_as_default_prefix()
    {
        const string Small = "3 2\n0 1 5\n1 2 2\n0 2\n";
        foreach (var name in new[] { "graph3.txt", "graph12.txt", "graphx.txt", "graph1.txt.bak", "graph.txt", "other4.txt" })
        {
            await File.WriteAllTextAsync(Path.Combine(_folder, name), Small);
        }

        var questions = await NLGraphGraphFiles.LoadFolderAsync(_folder, TaskNames.NLGraphShortestPath);
        Assert.Equal(["nlgraph-shortest-path-3", "nlgraph-shortest-path-12"], questions.Select(q => q.Id));
        Assert.Equal("graph12.txt", questions[1].Metadata!["source"]);
        Assert.Throws<ArgumentException>(() => NLGraphGraphFiles.LoadFolderAsync("", TaskNames.NLGraphShortestPath).GetAwaiter().GetResult());

        await File.WriteAllTextAsync(Path.Combine(_folder, "graph20.txt"), "3 2\n0 1 5\n");
        var ex = await Assert.ThrowsAsync<InvalidDataException>(() => NLGraphGraphFiles.LoadFolderAsync(_folder, TaskNames.NLGraphShortestPath));
        Assert.StartsWith(Path.Combine(_folder, "graph20.txt") + ": 2 non-empty lines", ex.Message);
    }

    private async Task<string> Json(string content)
    {
        var path = Path.Combine(_folder, "bench.json");
        await File.WriteAllTextAsync(path, content);
        return path;
    }

    [Fact]
    public async Task Benchmark_json_errors_name_the_file_the_entry_and_the_field()
    {
        var path = await Json("[1, 2]");
        var ex = await Assert.ThrowsAsync<InvalidDataException>(() => NLGraphLoader.LoadAsync(path, TaskNames.NLGraphShortestPath));
        Assert.Equal($"{path}: expected one JSON object keyed \"0\", \"1\", ...", ex.Message);

        await File.WriteAllTextAsync(path, "{\"0\": ");
        ex = await Assert.ThrowsAsync<InvalidDataException>(() => NLGraphLoader.LoadAsync(path, TaskNames.NLGraphShortestPath));
        Assert.StartsWith($"{path}: malformed JSON: ", ex.Message);
        Assert.IsAssignableFrom<JsonException>(ex.InnerException);

        await File.WriteAllTextAsync(path, "{\"0\": 5}");
        ex = await Assert.ThrowsAsync<InvalidDataException>(() => NLGraphLoader.LoadAsync(path, TaskNames.NLGraphShortestPath));
        Assert.Equal($"{path}: entry '0' must be an object", ex.Message);

        await File.WriteAllTextAsync(path, "{\"3\": {\"question\": \"q\", \"answer\": 4}}");
        ex = await Assert.ThrowsAsync<InvalidDataException>(() => NLGraphLoader.LoadAsync(path, TaskNames.NLGraphShortestPath));
        Assert.Equal($"{path}: entry '3': field 'answer' must be a string", ex.Message);

        await File.WriteAllTextAsync(path, "{\"3\": {\"question\": \"q\", \"answer\": null}}");
        ex = await Assert.ThrowsAsync<InvalidDataException>(() => NLGraphLoader.LoadAsync(path, TaskNames.NLGraphShortestPath));
        Assert.Equal($"{path}: entry '3': field 'answer' missing", ex.Message);

        var task = await Assert.ThrowsAsync<ArgumentException>(() => NLGraphLoader.LoadAsync(path, "numeric"));
        Assert.Equal("task", task.ParamName);
        Assert.StartsWith("'numeric' is not an NLGraph task.", task.Message);
        await Assert.ThrowsAsync<ArgumentException>(() => NLGraphLoader.LoadAsync("", TaskNames.NLGraphShortestPath));
        await Assert.ThrowsAsync<ArgumentNullException>(() => NLGraphLoader.LoadAsync(path, TaskNames.NLGraphShortestPath, (NLGraphLoadOptions)null!));
    }

    [Fact]
    public async Task Benchmark_json_keeps_key_source_and_difficulty_and_defaults_the_prefix_to_the_file_name()
    {
        var entries = new Dictionary<string, Dictionary<string, string?>>
        {
            ["7"] = new() { ["question"] = ShortestPathOracleTests.Question0Text, ["answer"] = "The total weight is 4.", ["difficulty"] = "hard" },
            ["8"] = new() { ["question"] = ShortestPathOracleTests.Question0Text, ["answer"] = "The total weight is 4.", ["difficulty"] = null },
        };
        var path = await Json(JsonSerializer.Serialize(entries));
        var questions = await NLGraphLoader.LoadAsync(path, TaskNames.NLGraphShortestPath);
        Assert.Equal(["bench-7", "bench-8"], questions.Select(q => q.Id));
        Assert.Equal(3, questions[0].Metadata!.Count);
        Assert.Equal(("bench.json", "7", "hard"), (questions[0].Metadata!["source"], questions[0].Metadata!["key"], questions[0].Metadata!["difficulty"]));
        Assert.Equal(2, questions[1].Metadata!.Count);
        Assert.False(questions[1].Metadata!.ContainsKey("difficulty"));
        Assert.Equal(("The total weight is 4.", TaskNames.NLGraphShortestPath), (questions[1].GoldAnswer, questions[1].Task));

        // Off still parses every graph and names the question that cannot be parsed.
        await File.WriteAllTextAsync(path, "{\"2\": {\"question\": \"no graph\", \"answer\": \"4\"}}");
        var ex = await Assert.ThrowsAsync<FormatException>(() => NLGraphLoader.LoadAsync(path, TaskNames.NLGraphMatching, new NLGraphLoadOptions { GoldCheck = NLGraphGoldCheckMode.Off }));
        Assert.StartsWith("Question 'bench-2': no 'There are A job applicants", ex.Message);
    }

    [Fact]
    public async Task Written_files_round_trip_keep_difficulty_and_refuse_a_missing_gold_answer()
    {
        var path = Path.Combine(_folder, "out.json");
        var questions = new ShortestPathGenerator(new ShortestPathGeneratorOptions { Seed = 3 }).Generate(400).ToList(); // > 64 KiB: flushed on the way
        questions[1] = questions[1] with { Metadata = null };
        await NLGraphLoader.WriteAsync(path, questions);
        Assert.True(new FileInfo(path).Length > 1 << 17);
        var loaded = await NLGraphLoader.LoadAsync(path, TaskNames.NLGraphShortestPath, "w");
        Assert.Equal(400, loaded.Count);
        Assert.Equal(questions.Select(q => q.Prompt), loaded.Select(q => q.Prompt));
        Assert.Equal(questions.Select(q => q.GoldAnswer), loaded.Select(q => q.GoldAnswer));
        Assert.Equal("easy", loaded[0].Metadata!["difficulty"]);
        Assert.False(loaded[1].Metadata!.ContainsKey("difficulty"));
        Assert.Equal(["w-0", "w-1", "w-399"], new[] { loaded[0].Id, loaded[1].Id, loaded[399].Id });

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => NLGraphLoader.WriteAsync(path, [questions[0] with { Id = "g-9", GoldAnswer = null }]));
        Assert.Equal("questions", ex.ParamName);
        Assert.StartsWith("Question 'g-9' has no gold answer to write.", ex.Message);
        await Assert.ThrowsAsync<ArgumentException>(() => NLGraphLoader.WriteAsync("", questions));
        await Assert.ThrowsAsync<ArgumentNullException>(() => NLGraphLoader.WriteAsync(path, null!));
    }

    private static FormatException TextError(string text) => Assert.Throws<FormatException>(() => ShortestPathProblem.Parse("q-1", text));

    [Fact]
    public void Max_flow_parse_errors_name_the_expected_forms()
    {
        var noEdges = Assert.Throws<FormatException>(() => MaxFlowProblem.Parse("mf-3", "Q: What is the maximum flow from node 0 to node 1?"));
        var noQuery = Assert.Throws<FormatException>(() => MaxFlowProblem.Parse("mf-4", "an edge from node 0 to node 1 with capacity 3."));

        Assert.Equal("Question 'mf-3': no 'an edge from node I to node J with capacity C' lines found; cannot parse the graph.", noEdges.Message);
        Assert.Equal("Question 'mf-4': no 'maximum flow from node S to node T' query found.", noQuery.Message);
    }

    [Fact]
    public void Question_text_errors_name_the_question_and_the_bound()
    {
        const string Query = "Q: Give the shortest path from node 0 to node 2.";
        Assert.Equal("Question 'q-1': no 'an edge between node I and node J with weight W' lines found; cannot parse the graph.", TextError(Query).Message);
        Assert.Equal("Question 'q-1': no 'shortest path from node S to node T' query found.", TextError("an edge between node 0 and node 2 with weight 1").Message);
        Assert.Equal("Question 'q-1': the number 99999999999 is too large.", TextError("an edge between node 0 and node 2 with weight 99999999999. " + Query).Message);
        Assert.Equal("Question 'q-1': the number 12345678901234567890... is too large.", TextError("an edge between node 0 and node 2 with weight 123456789012345678901234. " + Query).Message);
        Assert.Equal("Question 'q-1': the number 10000000000000000000 is too large.", TextError("an edge between node 0 and node 2 with weight 10000000000000000000. " + Query).Message); // 20 digits: whole
        Assert.Equal("Question 'q-1': node 10000 is beyond the supported 10000 nodes.", TextError("an edge between node 0 and node 10000 with weight 1. " + Query).Message);
        Assert.Equal("Question 'q-1': an edge names node 3 but nodes are numbered from 0 to 2.", TextError("the nodes are numbered from 0 to 2, an edge between node 0 and node 3 with weight 1. " + Query).Message);
        Assert.Equal("Question 'q-1': query node 5 is outside 0 to 2.", TextError("an edge between node 0 and node 2 with weight 1. Q: Give the shortest path from node 5 to node 1.").Message);
        Assert.Equal("Question 'q-1': query node 3 is outside 0 to 2.", TextError("an edge between node 0 and node 2 with weight 1. Q: Give the shortest path from node 0 to node 3.").Message);
        Assert.Equal("Question 'q-1': query node 3 is outside 0 to 2.", TextError("an edge between node 0 and node 2 with weight 1. Q: Give the shortest path from node 3 to node 1.").Message);
        Assert.Equal("Question 'q-1': source and target are both node 2.", TextError("an edge between node 0 and node 2 with weight 1. Q: Give the shortest path from node 2 to node 2.").Message);

        // At the bounds: node 9999, a count equal to the largest node named plus one, no "numbered" sentence.
        var p = ShortestPathProblem.Parse("q", "an edge between node 0 and node 9999 with weight 1. Q: Give the shortest path from node 9999 to node 0.");
        Assert.Equal((10000, 9999, 0), (p.NodeCount, p.Source, p.Target));
        var q = ShortestPathProblem.Parse("q", "the nodes are numbered from 0 to 3, an edge between node 0 and node 3 with weight 1. " + Query);
        Assert.Equal(4, q.NodeCount);
        Assert.Equal(1, Assert.Single(q.Edges).Weight);
        Assert.Equal("text", Assert.Throws<ArgumentNullException>(() => ShortestPathProblem.Parse("q", null!)).ParamName);
    }

    [Fact]
    public void Matching_text_errors_name_the_question()
    {
        Assert.Equal("Question 'm-2': no 'There are A job applicants ... and J jobs' sentence found.", Assert.Throws<FormatException>(() => MatchingProblem.Parse("m-2", "Applicant 0 is interested in job 0.")).Message);
        const string Counts = "There are 2 job applicants numbered from 0 to 1, and 3 jobs numbered from 0 to 2.\n";
        Assert.Equal("Question 'm-2': applicant 2 / job 0 is outside 2 applicants and 3 jobs.", Assert.Throws<FormatException>(() => MatchingProblem.Parse("m-2", Counts + "Applicant 2 is interested in job 0.")).Message);
        Assert.Equal("Question 'm-2': applicant 1 / job 3 is outside 2 applicants and 3 jobs.", Assert.Throws<FormatException>(() => MatchingProblem.Parse("m-2", Counts + "Applicant 1 is interested in job 3.")).Message);
        Assert.Equal("Question 'm-2': no 'Applicant I is interested in job J' lines found.", Assert.Throws<FormatException>(() => MatchingProblem.Parse("m-2", Counts)).Message);
        var p = MatchingProblem.Parse("m-2", Counts + "Applicant 1 is interested in job 2, job 0.");
        Assert.Equal([(1, 2), (1, 0)], p.Interests);
        Assert.Equal("text", Assert.Throws<ArgumentNullException>(() => MatchingProblem.Parse("m", null!)).ParamName);
    }

    [Fact]
    public void Answer_cues_are_stripped_only_at_the_end()
    {
        var q = new Question { Id = "q", Task = TaskNames.NLGraphMaxFlow, Prompt = MaxFlowAndMatchingOracleTests.FlowText };
        var prompt = new MaxFlowOracle().BuildPrompt(q);
        Assert.StartsWith(MaxFlowAndMatchingOracleTests.FlowText[..^3] + "\n\nThink step by step, then end your answer with: \"The maximum flow from node 0 to node 5 is <number>.\"", prompt);
        var noCue = new MaxFlowOracle().BuildPrompt(q with { Prompt = MaxFlowAndMatchingOracleTests.FlowText[..^3] + "  \n" });
        Assert.Equal(prompt, noCue);
        var matching = new MatchingOracle().BuildPrompt(new Question { Id = "m", Task = TaskNames.NLGraphMatching, Prompt = MaxFlowAndMatchingOracleTests.MatchingText });
        Assert.EndsWith("find the job they are interested in.\n\nThink step by step, list the assignment, then end your answer with: \"<number> applicants can find the job they are interested in.\"", matching);
    }

    private static readonly ShortestPathProblem Parallel = new(4, [new(0, 1, 5), new(1, 3, 1), new(1, 0, 2), new(0, 2, 1)], 0, 3);

    [Theory]
    [InlineData("The path is 0,1,3.", "stated path 0,1,3 is valid, weight 3")] // the lighter of two parallel edges
    [InlineData("The path is 0,1,3. No wait, the path is 0,2,3.", "stated path 0,2,3 is invalid: no edge between node 2 and node 3")] // the last path stated
    [InlineData("The path is 0,1,2.", "stated path 0,1,2 is invalid: it must run from node 0 to node 3")]
    [InlineData("The path is 1,0,3.", "stated path 1,0,3 is invalid: it must run from node 0 to node 3")]
    [InlineData("The path is 0,1,0,1,3.", "stated path 0,1,0,1,3 is a valid walk of weight 7 but repeats a node")]
    [InlineData("The path is [0 -> 1 → 3].", "stated path 0,1,3 is valid, weight 3")]
    [InlineData("No path.", null)]
    public void Stated_paths_are_checked_edge_by_edge(string response, string? expected)
    {
        Assert.Equal(expected, ShortestPathOracle.DescribeStatedPath(Parallel, response));
    }

    [Fact]
    public void A_stated_path_of_more_than_a_thousand_nodes_is_not_read()
    {
        var nodes = string.Join(",", Enumerable.Range(0, 1001).Select(i => i % 2));
        Assert.Equal("stated path is invalid: more than 1000 nodes", ShortestPathOracle.DescribeStatedPath(Parallel, "The path is " + nodes + "."));
        var thousand = string.Join(",", Enumerable.Range(0, 999).Select(i => i % 2)) + ",3";
        Assert.StartsWith("stated path 0,1,0,1,", ShortestPathOracle.DescribeStatedPath(Parallel, "The path is " + thousand + ".")!);
        Assert.Equal("problem", Assert.Throws<ArgumentNullException>(() => ShortestPathOracle.DescribeStatedPath(null!, "")).ParamName);
        Assert.Equal("response", Assert.Throws<ArgumentNullException>(() => ShortestPathOracle.DescribeStatedPath(Parallel, null!)).ParamName);
    }

    private static readonly Question Matching = new() { Id = "m", Task = TaskNames.NLGraphMatching, Prompt = MaxFlowAndMatchingOracleTests.MatchingText };

    private static string? StrictDetail(string response)
    {
        var strict = new MatchingOracle(new MatchingOracleOptions { Rule = GradingRule.Strict });
        var candidate = new Candidate { QuestionId = "m", Index = 0, Generator = "t", Response = response, FinalAnswer = strict.ExtractFinalAnswer(Matching, response)?.Text };
        return strict.Grade(Matching, candidate).Detail;
    }

    [Theory]
    [InlineData("applicant 2 is assigned to job 2\napplicant 1 gets job 1\n2 applicants can find the job they are interested in.", "strict rule: applicant 1 is not interested in job 1")] // the lowest applicant first
    [InlineData("applicant 0 -> job 0\napplicant 0: job 1\n2 applicants can find the job they are interested in.", "strict rule: applicant 0 gets jobs 0 and 1")]
    [InlineData("job 0 goes to applicant 2\njob 0 -> applicant 1\n2 applicants can find the job they are interested in.", "strict rule: job 0 is given to applicants 1 and 2")]
    [InlineData("job 1 for applicant 0\njob 0 to applicant 1\n1 applicants can find the job they are interested in.", "strict rule: the stated assignment has 2 pairs but the answer states 1")]
    [InlineData("job 1 for applicant 0\napplicant 1 is matched to job 0\napplicant 0: job 1\n2 applicants can find the job they are interested in.", null)] // a restated pair counts once
    public void Strict_matching_reasons_name_the_first_problem(string response, string? expected)
    {
        Assert.Equal(expected, StrictDetail(response));
    }

    [Fact]
    public void A_stated_assignment_of_more_than_ten_thousand_pairs_is_not_checked()
    {
        // The answer comes first: answer reading stops after 100,000 characters, the assignment check does not.
        var text = new StringBuilder("2 applicants can find the job they are interested in.\n");
        for (var i = 0; i < 10_000; i++)
        {
            text.Append("applicant ").Append(i).Append(": job ").Append(i).Append('\n');
        }

        Assert.Equal("strict rule: applicant 1 is not interested in job 1", StrictDetail(text.ToString())); // 10,000 pairs are checked
        text.Append("applicant 10000: job 10000\n");
        Assert.Equal("strict rule: the stated assignment is too long", StrictDetail(text.ToString()));
    }
}
