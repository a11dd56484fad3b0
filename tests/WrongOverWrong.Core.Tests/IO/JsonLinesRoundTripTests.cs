using System.Text.Json;
using WrongOverWrong.IO;

namespace WrongOverWrong.Core.Tests.IO;

public sealed class JsonLinesRoundTripTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("wow-io-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string File(string name) => Path.Combine(_dir, name);

    private static async Task<List<T>> ToList<T>(IAsyncEnumerable<T> items)
    {
        var list = new List<T>();
        await foreach (var item in items)
        {
            list.Add(item);
        }

        return list;
    }

    private static readonly Question McQuestion = new()
    {
        Id = "kc-1",
        Task = "knowledge-crosswords",
        Prompt = "Fill \"the\" blanks — naïve café\nline 2",
        Options = [new AnswerOption("blank 1: a", 0, false), new AnswerOption("blank 1: b", 1 / 3.0, false), new AnswerOption("blank 1: c", 1, true)],
        GoldAnswer = "blank 1: c",
        Metadata = new Dictionary<string, string> { ["problemId"] = "1", ["difficulty"] = "easy" },
    };

    private static readonly Question FreeQuestion = new() { Id = "sp-0", Task = "nlgraph-shortest-path", Prompt = "graph" };

    [Fact]
    public async Task Questions_round_trip()
    {
        var path = File("q.jsonl");
        await QuestionJsonLines.WriteAsync(path, [McQuestion, FreeQuestion]);
        var back = await ToList(QuestionJsonLines.ReadAsync(path));
        Assert.Equal(2, back.Count);
        Assert.Equal(McQuestion.Prompt, back[0].Prompt);
        Assert.Equal(McQuestion.Options, back[0].Options);
        Assert.Equal(McQuestion.Metadata, back[0].Metadata);
        Assert.Equal("blank 1: c", back[0].GoldAnswer);
        Assert.Null(back[1].Options);
        Assert.Null(back[1].GoldAnswer);
        Assert.Equal(2, System.IO.File.ReadAllLines(path).Length);
    }

    [Fact]
    public async Task Answer_sets_round_trip_with_grades_including_unparsable()
    {
        var set = new GradedAnswerSet(McQuestion,
        [
            new(
                new Candidate
                {
                    QuestionId = "kc-1", Index = 0, Generator = "gpt", Response = "The answer is B.", FinalAnswer = "blank 1: a",
                    OptionIndex = 0, OptionOrder = [1, 0, 2], MeanLogProbability = -0.731, TokenCount = 12,
                },
                new Grade(0, 0, false, "x")),
            new(new Candidate { QuestionId = "kc-1", Index = 1, Generator = "gpt", Response = "???" }, Grade.Unparsable),
        ]);
        var path = File("a.jsonl");
        await AnswerSetJsonLines.WriteAsync(path, [set]);
        var back = Assert.Single(await ToList(AnswerSetJsonLines.ReadGradedAsync(path)));
        Assert.Equal(set.Question.Options, back.Question.Options);
        var c0 = back.Candidates[0];
        Assert.Equal(set.Candidates[0].Candidate with { OptionOrder = null }, c0.Candidate with { OptionOrder = null });
        Assert.Equal([1, 0, 2], c0.Candidate.OptionOrder);
        Assert.Equal(new Grade(0, 0, false, "x"), c0.Grade);
        Assert.Same(Grade.Unparsable, back.Candidates[1].Grade);

        // Read as plain answer sets, the grades are passed over: an AnswerSet has none.
        var plain = Assert.Single(await ToList(AnswerSetJsonLines.ReadAsync(path)));
        Assert.Equal(set.ToAnswerSet().Candidates[1], plain.Candidates[1]);
    }

    [Fact]
    public async Task A_graded_read_of_an_ungraded_line_names_the_missing_grade()
    {
        var path = File("u.jsonl");
        await AnswerSetJsonLines.WriteAsync(path, [new AnswerSet(McQuestion, [new Candidate { QuestionId = "kc-1", Index = 0, Generator = "g", Response = "C" }])]);
        var ex = await Assert.ThrowsAsync<JsonLinesFormatException>(() => ToList(AnswerSetJsonLines.ReadGradedAsync(path)));
        Assert.Contains("candidates[0].grade", ex.Message);
    }

    private static readonly Preference[] Preferences =
    [
        new() { QuestionId = "q1", Prompt = "What?", Chosen = "less wrong", Rejected = "more wrong", Method = "oracle", Kind = PairKind.WrongOverWrong, Gap = 0.25 },
        new() { QuestionId = "q2", Prompt = "Why?", Chosen = "right", Rejected = "wrong" },
    ];

    [Theory]
    [InlineData(PreferenceTextForm.Standard)]
    [InlineData(PreferenceTextForm.Conversational)]
    public async Task Preferences_round_trip_in_both_trl_forms(PreferenceTextForm form)
    {
        var path = File($"p-{form}.jsonl");
        await PreferenceJsonLines.WriteAsync(path, Preferences, form);
        Assert.Equal(Preferences, await ToList(PreferenceJsonLines.ReadAsync(path)));

        using var first = JsonDocument.Parse(System.IO.File.ReadLines(path).First());
        var root = first.RootElement;
        if (form == PreferenceTextForm.Standard)
        {
            Assert.Equal("What?", root.GetProperty("prompt").GetString());
            Assert.Equal("less wrong", root.GetProperty("chosen").GetString());
        }
        else
        {
            Assert.Equal("user", root.GetProperty("prompt")[0].GetProperty("role").GetString());
            Assert.Equal("What?", root.GetProperty("prompt")[0].GetProperty("content").GetString());
            Assert.Equal("assistant", root.GetProperty("rejected")[0].GetProperty("role").GetString());
            Assert.Equal("more wrong", root.GetProperty("rejected")[0].GetProperty("content").GetString());
        }

        Assert.Equal("q1", root.GetProperty("questionId").GetString());
        Assert.Equal(0.25, root.GetProperty("gap").GetDouble());
    }

    [Fact]
    public void A_pair_whose_chosen_equals_rejected_gives_no_unpaired_examples()
    {
        var same = new Preference { QuestionId = "q3", Prompt = "How?", Chosen = "same", Rejected = "same" };
        Assert.Empty(same.ToUnpaired());
        Assert.Equal(4, Preferences.Append(same).ToUnpaired().Count());
    }

    [Theory]
    [InlineData(PreferenceTextForm.Standard)]
    [InlineData(PreferenceTextForm.Conversational)]
    public async Task Unpaired_preferences_round_trip_in_both_kto_forms(PreferenceTextForm form)
    {
        var unpaired = Preferences.ToUnpaired().ToList();
        Assert.Equal(
            [new UnpairedPreference("q1", "What?", "less wrong", true), new UnpairedPreference("q1", "What?", "more wrong", false),
             new UnpairedPreference("q2", "Why?", "right", true), new UnpairedPreference("q2", "Why?", "wrong", false)],
            unpaired);
        var path = File($"u-{form}.jsonl");
        await UnpairedPreferenceJsonLines.WriteAsync(path, unpaired, form);
        Assert.Equal(unpaired, await ToList(UnpairedPreferenceJsonLines.ReadAsync(path)));
        using var first = JsonDocument.Parse(System.IO.File.ReadLines(path).First());
        Assert.True(first.RootElement.GetProperty("label").GetBoolean());
        Assert.Equal(form == PreferenceTextForm.Standard ? JsonValueKind.String : JsonValueKind.Array, first.RootElement.GetProperty("completion").ValueKind);
    }

    [Fact]
    public async Task Reads_trl_files_from_other_tools()
    {
        var path = File("trl.jsonl");
        await System.IO.File.WriteAllLinesAsync(path,
        [
            """{"prompt": [{"role": "system", "content": "be brief"}, {"role": "user", "content": "Hi?"}], "chosen": [{"role": "user", "content": "Hi?"}, {"role": "assistant", "content": "Hello."}], "rejected": [{"role": "assistant", "content": "Go away."}]}""",
            "",
            """{"prompt": "2+2?", "chosen": "4", "rejected": "5"}""",
        ]);
        var back = await ToList(PreferenceJsonLines.ReadAsync(path, requireQuestionId: false));
        Assert.Equal(2, back.Count);
        Assert.Equal(("Hi?", "Hello.", "Go away."), (back[0].Prompt, back[0].Chosen, back[0].Rejected));
        Assert.Equal("trl.jsonl:1", back[0].QuestionId);
        Assert.Equal("trl.jsonl:3", back[1].QuestionId);

        var ex = await Assert.ThrowsAsync<JsonLinesFormatException>(() => ToList(PreferenceJsonLines.ReadAsync(path)));
        Assert.Equal($"{path}:1: field 'questionId' missing", ex.Message);
    }
}
