using WrongOverWrong.IO;

namespace WrongOverWrong.Core.Tests.IO;

public sealed class NonFiniteAndOptionOrderTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("wow-io-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string PathOf(string name) => Path.Combine(_dir, name);

    private static async Task<List<T>> ToList<T>(IAsyncEnumerable<T> items)
    {
        var list = new List<T>();
        await foreach (var item in items)
        {
            list.Add(item);
        }

        return list;
    }

    private static readonly Question Mc = new()
    {
        Id = "mc-7",
        Task = "com2",
        Prompt = "Which?",
        Options = [new AnswerOption("a", 0, false), new AnswerOption("b", 0.5, false), new AnswerOption("c", 1, true)],
    };

    private static Candidate Cand(int index, double? logProb = null, Grade? grade = null) => new()
    {
        QuestionId = "mc-7", Index = index, Generator = "g", Response = "The answer is A.", FinalAnswer = "a", OptionIndex = 0,
        OptionOrder = [0, 1, 2], MeanLogProbability = logProb, Grade = grade,
    };

    [Theory]
    [InlineData(double.NaN, "meanLogProbability", "NaN")]
    [InlineData(double.PositiveInfinity, "meanLogProbability", "Infinity")]
    public async Task A_log_probability_json_cannot_hold_is_refused_before_any_byte_of_the_line(double value, string field, string shown)
    {
        var path = PathOf("a.jsonl");
        await using (var writer = AnswerSetJsonLines.OpenWriter(path))
        {
            await writer.WriteAsync(new AnswerSet(Mc, [Cand(0, -1.5)]));
            var ex = await Assert.ThrowsAsync<ArgumentException>(() => writer.WriteAsync(new AnswerSet(Mc, [Cand(0, -0.5), Cand(1, value)])));
            Assert.StartsWith($"Question 'mc-7', candidate 1: field '{field}' is {shown}", ex.Message);

            // The writer is still usable and the file holds only whole lines.
            await writer.WriteAsync(new AnswerSet(Mc, [Cand(0, -2.5)]));
            Assert.Equal(2, writer.LinesWritten);
        }

        var back = await ToList(AnswerSetJsonLines.ReadAsync(path));
        Assert.Equal([-1.5, -2.5], back.Select(s => s.Candidates[0].MeanLogProbability!.Value));
    }

    [Fact]
    public async Task Grades_and_option_proxies_json_cannot_hold_are_refused_with_their_field()
    {
        var path = PathOf("g.jsonl");
        await using var writer = AnswerSetJsonLines.OpenWriter(path);
        var nanProxy = await Assert.ThrowsAsync<ArgumentException>(() => writer.WriteAsync(new AnswerSet(Mc, [Cand(0, grade: new Grade(double.NaN, 0, false))])));
        Assert.StartsWith("Question 'mc-7', candidate 0: field 'grade.trainingProxy' is NaN", nanProxy.Message);
        var nanClipped = await Assert.ThrowsAsync<ArgumentException>(() => writer.WriteAsync(new AnswerSet(Mc, [Cand(0), Cand(1, grade: new Grade(-1, double.NaN, false))])));
        Assert.StartsWith("Question 'mc-7', candidate 1: field 'grade.cor' is NaN", nanClipped.Message);
        var badOption = Mc with { Options = [new AnswerOption("a", double.NaN, false), new AnswerOption("b", 1, true)] };
        var option = await Assert.ThrowsAsync<ArgumentException>(() => writer.WriteAsync(new AnswerSet(badOption, [])));
        Assert.StartsWith("Question 'mc-7': field 'options[0].proxy' is NaN", option.Message);
        Assert.Equal(0, writer.LinesWritten);
        Assert.Equal(0, new FileInfo(path).Length);
    }

    [Fact]
    public async Task A_question_with_a_nan_option_proxy_is_refused_by_the_question_writer()
    {
        var path = PathOf("q.jsonl");
        var bad = Mc with { Options = [new AnswerOption("a", 0, false), new AnswerOption("b", double.PositiveInfinity, true)] };
        var ex = await Assert.ThrowsAsync<ArgumentException>(() => QuestionJsonLines.WriteAsync(path, [bad]));
        Assert.StartsWith("Question 'mc-7': field 'options[1].proxy' is Infinity", ex.Message);
        Assert.Equal(0, new FileInfo(path).Length);
    }

    [Fact]
    public async Task A_minus_infinite_log_probability_round_trips_as_the_string_minus_infinity()
    {
        // A token of probability 0 gives a mean log-probability of -inf: legitimate, and ranked
        // below every finite value by the log-probability elicitor, so it is kept, not nulled.
        var path = PathOf("inf.jsonl");
        await AnswerSetJsonLines.WriteAsync(path, [new AnswerSet(Mc, [Cand(0, double.NegativeInfinity, Grade.Unparsable), Cand(1, -0.25)])]);
        Assert.Contains("\"meanLogProbability\":\"-Infinity\"", await File.ReadAllTextAsync(path));
        var back = (await ToList(AnswerSetJsonLines.ReadAsync(path))).Single();
        Assert.Equal(double.NegativeInfinity, back.Candidates[0].MeanLogProbability);
        Assert.Same(Grade.Unparsable, back.Candidates[0].Grade);
        Assert.Equal(-0.25, back.Candidates[1].MeanLogProbability);
    }

    [Fact]
    public async Task A_log_probability_string_other_than_minus_infinity_is_a_format_error()
    {
        var path = PathOf("s.jsonl");
        await File.WriteAllTextAsync(path, """{"question":{"id":"q","task":"t","prompt":"p"},"candidates":[{"questionId":"q","index":0,"generator":"g","response":"r","meanLogProbability":"NaN"}]}""" + "\n");
        var ex = await Assert.ThrowsAsync<JsonLinesFormatException>(() => ToList(AnswerSetJsonLines.ReadAsync(path)));
        Assert.Equal($"{path}:1: field 'candidates[0].meanLogProbability' must be a number", ex.Message);
    }

    [Theory]
    [InlineData("[0,1,1]", "holds 1 twice; it must be a permutation of 0..2")]
    [InlineData("[0,1,3]", "holds 3, outside 0..2; it must be a permutation of 0..2")]
    [InlineData("[0,-1,2]", "holds -1, outside 0..2; it must be a permutation of 0..2")]
    [InlineData("[1,0]", "has 2 entries but the question has 3 options")]
    [InlineData("[3,1,0,2]", "has 4 entries but the question has 3 options")]
    public async Task Option_order_must_be_a_permutation_of_the_question_options(string order, string problem)
    {
        var path = PathOf("o.jsonl");
        const string question = """{"id":"q","task":"t","prompt":"p","options":[{"text":"a","proxy":0,"isCorrect":false},{"text":"b","proxy":0.5,"isCorrect":false},{"text":"c","proxy":1,"isCorrect":true}]}""";
        await File.WriteAllTextAsync(path,
            $$"""{"question":{{question}},"candidates":[{"questionId":"q","index":0,"generator":"g","response":"r","optionOrder":[2,0,1]}]}""" + "\n" +
            $$"""{"question":{{question}},"candidates":[{"questionId":"q","index":0,"generator":"g","response":"r"},{"questionId":"q","index":1,"generator":"g","response":"r","optionOrder":{{order}}}]}""" + "\n");
        var ex = await Assert.ThrowsAsync<JsonLinesFormatException>(() => ToList(AnswerSetJsonLines.ReadAsync(path)));
        Assert.Equal($"{path}:2: field 'candidates[1].optionOrder' {problem}", ex.Message);
        Assert.Equal((2L, "candidates[1].optionOrder"), (ex.LineNumber, ex.Field));
    }

    [Fact]
    public async Task Option_order_without_known_options_must_still_be_a_permutation_and_option_index_in_range()
    {
        var path = PathOf("n.jsonl");
        await File.WriteAllTextAsync(path, """{"question":{"id":"q","task":"t","prompt":"p"},"candidates":[{"questionId":"q","index":0,"generator":"g","response":"r","optionOrder":[0,2]}]}""" + "\n");
        var ex = await Assert.ThrowsAsync<JsonLinesFormatException>(() => ToList(AnswerSetJsonLines.ReadAsync(path)));
        Assert.Equal($"{path}:1: field 'candidates[0].optionOrder' holds 2, outside 0..1; it must be a permutation of 0..1", ex.Message);

        var index = PathOf("i.jsonl");
        const string question = """{"id":"q","task":"t","prompt":"p","options":[{"text":"a","proxy":0,"isCorrect":false},{"text":"b","proxy":1,"isCorrect":true}]}""";
        await File.WriteAllTextAsync(index, $$"""{"question":{{question}},"candidates":[{"questionId":"q","index":0,"generator":"g","response":"r","optionIndex":2}]}""" + "\n");
        var ex2 = await Assert.ThrowsAsync<JsonLinesFormatException>(() => ToList(AnswerSetJsonLines.ReadAsync(index)));
        Assert.Equal($"{index}:1: field 'candidates[0].optionIndex' is 2 but the question has 2 options (0..1)", ex2.Message);
    }

    [Fact]
    public async Task A_preference_with_an_infinite_margin_is_refused_before_any_byte()
    {
        var path = PathOf("p.jsonl");
        var pref = new Preference { QuestionId = "q9", Prompt = "p", Chosen = "c", Rejected = "r", Margin = double.PositiveInfinity };
        var ex = await Assert.ThrowsAsync<ArgumentException>(() => PreferenceJsonLines.WriteAsync(path, [pref]));
        Assert.StartsWith("Preference of question 'q9': field 'margin' is Infinity", ex.Message);
        Assert.Equal(0, new FileInfo(path).Length);
    }
}
