using System.Text.Json;
using WrongOverWrong.Tasks;
using WrongOverWrong.Tasks.NLGraph;

namespace WrongOverWrong.Core.Tests.Tasks.NLGraph;

public class NLGraphLoaderTests
{
    [Fact]
    public async Task Missing_field_names_file_entry_and_field()
    {
        var path = Path.Combine(Path.GetTempPath(), $"wow-nlg-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(path, "{\"0\": {\"answer\": \"x\"}}");
        try
        {
            var ex = await Assert.ThrowsAsync<InvalidDataException>(() => NLGraphLoader.LoadAsync(path, TaskNames.NLGraphShortestPath));
            Assert.Contains(path, ex.Message);
            Assert.Contains("entry '0'", ex.Message);
            Assert.Contains("field 'question' missing", ex.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Unparsable_graph_names_the_question_id()
    {
        var path = Path.Combine(Path.GetTempPath(), $"wow-nlg-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(path, "{\"5\": {\"question\": \"no graph here\", \"answer\": \"x\"}}");
        try
        {
            var ex = await Assert.ThrowsAsync<FormatException>(() => NLGraphLoader.LoadAsync(path, TaskNames.NLGraphShortestPath, idPrefix: "sp"));
            Assert.Contains("'sp-5'", ex.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    // Writes an NLGraph file: key "k" -> {question, answer}.
    private static async Task<string> WriteFile(params (string Question, string Answer)[] entries)
    {
        var path = Path.Combine(Path.GetTempPath(), $"wow-nlg-{Guid.NewGuid():N}.json");
        var root = entries.Select((e, i) => (Key: i.ToString(System.Globalization.CultureInfo.InvariantCulture), Value: new Dictionary<string, string> { ["question"] = e.Question, ["answer"] = e.Answer, ["difficulty"] = "easy" }))
            .ToDictionary(x => x.Key, x => x.Value);
        await File.WriteAllTextAsync(path, JsonSerializer.Serialize(root));
        return path;
    }

    private const string RightGold = "The shortest path from node 0 to node 2 is 0,3,2 with a total weight of 4";
    private const string WrongGold = "The shortest path from node 0 to node 2 is 0,4,2 with a total weight of 6";

    [Fact]
    public async Task A_wrong_gold_answer_fails_the_load_by_default_naming_the_question()
    {
        var path = await WriteFile((ShortestPathOracleTests.Question0Text, RightGold), (ShortestPathOracleTests.Question0Text, WrongGold));
        try
        {
            var ex = await Assert.ThrowsAsync<InvalidDataException>(() => NLGraphLoader.LoadAsync(path, TaskNames.NLGraphShortestPath, idPrefix: "sp"));
            Assert.Equal($"{path}: entry '1': Question 'sp-1': gold weight 6 but the solver finds 4. Load with NLGraphGoldCheckMode.Report to count disagreements instead.", ex.Message);

            var viaOptions = await Assert.ThrowsAsync<InvalidDataException>(() => NLGraphLoader.LoadAsync(path, TaskNames.NLGraphShortestPath, new NLGraphLoadOptions()));
            Assert.Contains("gold weight 6 but the solver finds 4", viaOptions.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Report_mode_keeps_every_question_and_counts_disagreements()
    {
        var path = await WriteFile(
            (ShortestPathOracleTests.Question0Text, WrongGold),
            (ShortestPathOracleTests.Question0Text, RightGold),
            (ShortestPathOracleTests.Question0Text, "I do not know."));
        try
        {
            var result = await NLGraphLoader.LoadAsync(path, TaskNames.NLGraphShortestPath, new NLGraphLoadOptions { IdPrefix = "sp", GoldCheck = NLGraphGoldCheckMode.Report });
            Assert.Equal(["sp-0", "sp-1", "sp-2"], result.Questions.Select(q => q.Id));
            Assert.Equal(3, result.GoldChecked);
            Assert.Equal(["sp-0", "sp-2"], result.GoldDisagreements.Select(d => d.QuestionId));
            Assert.Equal((4.0, 6.0), (result.GoldDisagreements[0].SolverValue, result.GoldDisagreements[0].GoldValue!.Value));
            Assert.Null(result.GoldDisagreements[1].GoldValue);

            var off = await NLGraphLoader.LoadAsync(path, TaskNames.NLGraphShortestPath, new NLGraphLoadOptions { GoldCheck = NLGraphGoldCheckMode.Off });
            Assert.Equal((3, 0, 0), (off.Questions.Count, off.GoldChecked, off.GoldDisagreements.Count));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Max_flow_and_matching_gold_answers_are_checked_too()
    {
        var flow = await WriteFile((MaxFlowAndMatchingOracleTests.FlowText, "The maximum flow from node 0 to node 5 is 23."), (MaxFlowAndMatchingOracleTests.FlowText, "The maximum flow from node 0 to node 5 is 20."));
        var matching = await WriteFile((MaxFlowAndMatchingOracleTests.MatchingText, "3 applicants can find the job they are interested in."));
        try
        {
            var ex = await Assert.ThrowsAsync<InvalidDataException>(() => NLGraphLoader.LoadAsync(flow, TaskNames.NLGraphMaxFlow, idPrefix: "mf"));
            Assert.Contains("Question 'mf-1': gold value 20 but the solver finds 23.", ex.Message);

            var result = await NLGraphLoader.LoadAsync(matching, TaskNames.NLGraphMatching, new NLGraphLoadOptions { IdPrefix = "m", GoldCheck = NLGraphGoldCheckMode.Report });
            Assert.Equal((2.0, 3.0), (result.GoldDisagreements.Single().SolverValue, result.GoldDisagreements.Single().GoldValue!.Value));
        }
        finally
        {
            File.Delete(flow);
            File.Delete(matching);
        }
    }
}
