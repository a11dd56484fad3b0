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
}
