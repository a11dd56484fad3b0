using WrongOverWrong.IO;
using WrongOverWrong.Tasks;
using WrongOverWrong.Tasks.KnowledgeCrosswords;

namespace WrongOverWrong.Core.Tests.Tasks.KnowledgeCrosswords;

public class KnowledgeCrosswordsTests
{
    private const string ThreeBlankLine =
        """{"id": "77", "source": ["Ralph_H._Fowler", "Ralph_H._Fowler", "blank 1", "blank 1"], "target": ["blank 3", "blank 2", "blank 3", "Buchanan_Medal"], "relation": ["hasWonPrize", "graduatedFrom", "hasWonPrize", "hasWonPrize"], "blanks": ["blank 1", "blank 2", "blank 3"], "options": {"blank 1": ["A", "B1", "C1"], "blank 2": ["male", "female"], "blank 3": ["X3", "Y", "Z3"]}, "golds": {}, "answer_all": ["A", "female", "Y"], "K": {}}""";

    private const string TwoBlankLine =
        """{"id": "1", "source": ["Paz_Vega", "blank 2"], "target": ["blank 1", "blank 1"], "relation": ["actedIn", "actedIn"], "blanks": ["blank 1", "blank 2"], "options": {"blank 1": ["a", "b", "c"], "blank 2": ["d", "e", "f"]}, "answer_all": ["a", "e"]}""";

    private static KnowledgeCrosswordsProblem Problem() => new(
        "77",
        ["Ralph_H._Fowler", "Ralph_H._Fowler", "blank 1", "blank 1"],
        ["hasWonPrize", "graduatedFrom", "hasWonPrize", "hasWonPrize"],
        ["blank 3", "blank 2", "blank 3", "Buchanan_Medal"],
        ["blank 1", "blank 2", "blank 3"],
        [["A", "B1", "C1"], ["male", "female"], ["X3", "Y", "Z3"]],
        ["A", "female", "Y"]);

    [Fact]
    public void Builds_one_option_per_number_of_correct_blanks()
    {
        var problem = Problem();
        var question = KnowledgeCrosswordsQuestionBuilder.Build(problem, "kc-77", new Random(1));
        Assert.Equal(TaskNames.KnowledgeCrosswords, question.Task);
        Assert.Equal(4, question.Options!.Count);
        Assert.Equal([0, 1 / 3.0, 2 / 3.0, 1], question.Options.Select(o => o.Proxy).Order());
        foreach (var option in question.Options)
        {
            var fills = option.Text.Split("; ").Select(f => f.Split(": ")[1]).ToArray();
            var correct = fills.Where((f, b) => f == problem.Answers[b]).Count();
            Assert.Equal(option.Proxy, correct / 3.0, 12);
            Assert.Equal(correct == 3, option.IsCorrect);
            for (var b = 0; b < 3; b++)
            {
                Assert.Contains(fills[b], problem.Candidates[b]);
            }
        }

        Assert.Equal("blank 1: A; blank 2: female; blank 3: Y", question.GoldAnswer);
        Assert.Contains("- (Ralph_H._Fowler, graduatedFrom, blank 2)", question.Prompt);
    }

    [Fact]
    public void Same_seed_builds_the_same_options_and_shuffles_them()
    {
        var a = KnowledgeCrosswordsQuestionBuilder.Build(Problem(), "q", new Random(5));
        var b = KnowledgeCrosswordsQuestionBuilder.Build(Problem(), "q", new Random(5));
        Assert.Equal(a.Options!.Select(o => o.Text), b.Options!.Select(o => o.Text));

        // Over many seeds the gold option must land in every position (the options are shuffled).
        var goldPositions = Enumerable.Range(0, 40)
            .Select(s => KnowledgeCrosswordsQuestionBuilder.Build(Problem(), "q", new Random(s)).Options!.ToList().FindIndex(o => o.IsCorrect))
            .ToHashSet();
        Assert.Equal(4, goldPositions.Count);
    }

    [Fact]
    public void Refuses_problems_without_three_blanks()
    {
        var two = Problem() with { Blanks = ["blank 1", "blank 2"] };
        var ex = Assert.Throws<ArgumentException>(() => KnowledgeCrosswordsQuestionBuilder.Build(two, "kc-2", new Random(0)));
        Assert.Contains("kc-2", ex.Message);
    }

    [Fact]
    public async Task Loader_keeps_three_blank_problems_and_counts_the_rest()
    {
        var path = Path.Combine(Path.GetTempPath(), $"MC_test-{Guid.NewGuid():N}.jsonl");
        await File.WriteAllTextAsync(path, TwoBlankLine + "\n" + ThreeBlankLine + "\n");
        try
        {
            var result = await KnowledgeCrosswordsLoader.LoadAsync(path, new KnowledgeCrosswordsLoadOptions { IdPrefix = "easy" });
            Assert.Equal(2, result.ProblemsRead);
            Assert.Equal(1, result.SkippedNotThreeBlanks);
            var question = Assert.Single(result.Questions);
            Assert.Equal("easy-77", question.Id);

            var again = await KnowledgeCrosswordsLoader.LoadAsync(path, new KnowledgeCrosswordsLoadOptions { IdPrefix = "easy" });
            Assert.Equal(question.Options!.Select(o => o.Text), again.Questions[0].Options!.Select(o => o.Text));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Loader_errors_name_file_line_and_field()
    {
        var path = Path.Combine(Path.GetTempPath(), $"MC_bad-{Guid.NewGuid():N}.jsonl");
        await File.WriteAllTextAsync(path, ThreeBlankLine + "\n" + ThreeBlankLine.Replace("\"answer_all\"", "\"answers\"", StringComparison.Ordinal) + "\n");
        try
        {
            var ex = await Assert.ThrowsAsync<JsonLinesFormatException>(() => KnowledgeCrosswordsLoader.LoadAsync(path));
            Assert.Equal(2, ex.LineNumber);
            Assert.Equal("answer_all", ex.Field);
            Assert.Equal($"{path}:2: field 'answer_all' missing", ex.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Gold_entity_outside_the_candidates_is_an_error()
    {
        var path = Path.Combine(Path.GetTempPath(), $"MC_bad-{Guid.NewGuid():N}.jsonl");
        await File.WriteAllTextAsync(path, ThreeBlankLine.Replace("\"Y\"]", "\"W\"]", StringComparison.Ordinal) + "\n");
        try
        {
            var ex = await Assert.ThrowsAsync<JsonLinesFormatException>(() => KnowledgeCrosswordsLoader.LoadAsync(path));
            Assert.Contains("options.blank 3", ex.Message);
            Assert.Contains("'W'", ex.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Oracle_grades_the_share_of_correct_blanks_through_a_shuffled_order()
    {
        var question = KnowledgeCrosswordsQuestionBuilder.Build(Problem(), "kc-77", new Random(3));
        var oracle = new KnowledgeCrosswordsOracle();
        var order = new[] { 3, 2, 1, 0 };
        var twoThirds = question.Options!.ToList().FindIndex(o => Math.Abs(o.Proxy - (2 / 3.0)) < 1e-12);
        var shownLetter = (char)('A' + Array.IndexOf(order, twoThirds));
        var answer = oracle.ExtractFinalAnswer(question, $"The answer is {shownLetter}.", order)!;
        Assert.Equal(twoThirds, answer.OptionIndex);
        var grade = oracle.Grade(question, new Candidate { QuestionId = "kc-77", Index = 0, Generator = "t", Response = "", FinalAnswer = answer.Text, OptionIndex = answer.OptionIndex, OptionOrder = order });
        Assert.Equal(2 / 3.0, grade.TrainingProxy, 12);
        Assert.False(grade.IsCorrect);
    }
}
