using WrongOverWrong.Tasks.KnowledgeCrosswords;
using Xunit.Abstractions;

namespace WrongOverWrong.Core.Tests.Tasks.KnowledgeCrosswords;

public class KnowledgeCrosswordsRealDataTests(ITestOutputHelper output)
{
    [RequiresSharedDataTheory("knowledge-crosswords/MC_easy.jsonl", "knowledge-crosswords/MC_medi.jsonl")]
    [InlineData("MC_easy.jsonl", 869, 439)]
    [InlineData("MC_medi.jsonl", 873, 441)]
    public async Task Every_three_blank_problem_builds_four_graded_options(string file, int problems, int threeBlank)
    {
        var path = SharedData.Require($"knowledge-crosswords/{file}");

        var result = await KnowledgeCrosswordsLoader.LoadAsync(path);
        Assert.Equal(problems, result.ProblemsRead);
        Assert.Equal(threeBlank, result.Questions.Count);
        Assert.Equal(problems - threeBlank, result.SkippedNotThreeBlanks);
        Assert.Equal(threeBlank, result.Questions.Select(q => q.Id).Distinct().Count());
        foreach (var q in result.Questions)
        {
            Assert.Equal(4, q.Options!.Count);
            Assert.Equal([0, 1 / 3.0, 2 / 3.0, 1], q.Options.Select(o => o.Proxy).Order());
            Assert.Equal(4, q.Options.Select(o => o.Text).Distinct().Count());
            Assert.Single(q.Options, o => o.IsCorrect);
        }

        output.WriteLine($"{file}: {result.ProblemsRead} problems, {result.Questions.Count} kept (3 blanks), {result.SkippedNotThreeBlanks} skipped.");
    }
}
