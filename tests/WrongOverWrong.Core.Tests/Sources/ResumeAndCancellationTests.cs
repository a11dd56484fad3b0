using System.Text.Json;
using WrongOverWrong.Sources;
using WrongOverWrong.Tests.TestDoubles;
using static WrongOverWrong.Tests.TestDoubles.AsyncItems;

namespace WrongOverWrong.Tests.Sources;

public sealed class ResumeAndCancellationTests : IDisposable
{
    private static readonly FakeNumericTask Task_ = new();
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "wow-resume-" + Guid.NewGuid().ToString("N"));

    private string ResultsPath => Path.Combine(_directory, "answers.jsonl");

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private ChatAnswerSourceOptions Options(int maxConcurrency = 2) => new()
    {
        SamplesPerQuestion = 2,
        Extraction = FinalAnswerExtraction.Direct,
        MaxConcurrency = maxConcurrency,
        ResultsPath = ResultsPath,
    };

    private static ScriptedChatClient EchoModel() =>
        ScriptedChatClient.FromText(call => $"For {call.Messages[0].Text.Split(':')[0]} the answer is. Answer: {call.Number}");

    [Fact]
    public async Task A_rerun_reads_finished_questions_back_and_samples_only_new_ones()
    {
        var first = EchoModel();
        var questions = new[] { "a", "b", "c" }.Select(TestData.NumericQuestion).ToList();
        var original = await Collect(new ChatAnswerSource(first, Options()).GetAnswerSetsAsync(Task_, questions));
        Assert.Equal(6, first.CallCount);
        Assert.Equal(3, File.ReadAllLines(ResultsPath).Length);

        var second = EchoModel();
        var reports = new List<SamplingProgress>();
        var resumed = await Collect(new ChatAnswerSource(second, Options()).GetAnswerSetsAsync(
            Task_, [.. questions, TestData.NumericQuestion("d")], new SynchronousProgress<SamplingProgress>(reports.Add)));

        Assert.Equal(2, second.CallCount); // only question d
        Assert.Equal(["a", "b", "c", "d"], resumed.Select(s => s.Question.Id).Order());
        Assert.Equal(4, File.ReadAllLines(ResultsPath).Length);
        foreach (var set in original)
        {
            var back = resumed.Single(s => s.Question.Id == set.Question.Id);
            Assert.Equal(set.Question, back.Question with { Options = set.Question.Options, Metadata = set.Question.Metadata });
            Assert.Equal(set.Candidates.Select(c => (c.Index, c.Response, c.FinalAnswer)), back.Candidates.Select(c => (c.Index, c.Response, c.FinalAnswer)));
        }

        Assert.Equal(3, reports[^1].QuestionsResumed);
        Assert.Equal(4, reports[^1].QuestionsDone);
    }

    public static TheoryData<string, string, string> Mismatches => new()
    {
        // (what changes on the rerun, the field named, a phrase of the message)
        { "generator", "candidates[0].generator", "is 'self' for question '{0}', but this source's GeneratorName is 'other-model'" },
        { "samples", "candidates", "holds 2 candidates for question '{0}', but SamplesPerQuestion is 3" },
        { "prompt", "question.prompt", "of question '{0}' differs" },
    };

    [Theory]
    [MemberData(nameof(Mismatches))]
    public async Task A_stored_set_that_does_not_match_this_run_stops_it_with_file_line_and_difference(string change, string field, string phrase)
    {
        var questions = new[] { "a", "b" }.Select(TestData.NumericQuestion).ToList();
        await Collect(new ChatAnswerSource(EchoModel(), Options(maxConcurrency: 1)).GetAnswerSetsAsync(Task_, questions));
        var before = await File.ReadAllTextAsync(ResultsPath);
        var lineOfB = Array.FindIndex(before.Split('\n'), l => l.Contains("\"id\":\"b\"", StringComparison.Ordinal)) + 1;
        Assert.True(lineOfB > 0);

        // Generator and sample count differ on every line, so the first line stops the run; only b's prompt changes.
        var (line, id) = change == "prompt" ? (lineOfB, "b") : (1, lineOfB == 1 ? "b" : "a");

        var options = Options();
        switch (change)
        {
            case "generator": options.GeneratorName = "other-model"; break;
            case "samples": options.SamplesPerQuestion = 3; break;
            default: questions[1] = questions[1] with { Prompt = "Question b: what is 6 times 8?" }; break;
        }

        var model = EchoModel();
        var ex = await Assert.ThrowsAsync<WrongOverWrong.IO.JsonLinesFormatException>(() => Collect(new ChatAnswerSource(model, options).GetAnswerSetsAsync(Task_, questions)));

        Assert.Equal((ResultsPath, (long)line, field), (ex.FilePath, ex.LineNumber, ex.Field));
        Assert.Contains(string.Format(System.Globalization.CultureInfo.InvariantCulture, phrase, id), ex.Message, StringComparison.Ordinal);
        Assert.Contains("ResultsPath", ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, model.CallCount); // nothing resampled
        Assert.Equal(before, await File.ReadAllTextAsync(ResultsPath));
    }

    [Fact]
    public async Task A_question_id_stored_twice_stops_the_run_naming_both_lines()
    {
        var questions = new[] { "a", "b" }.Select(TestData.NumericQuestion).ToList();
        await Collect(new ChatAnswerSource(EchoModel(), Options(maxConcurrency: 1)).GetAnswerSetsAsync(Task_, questions));
        var lines = await File.ReadAllLinesAsync(ResultsPath);
        await File.AppendAllTextAsync(ResultsPath, lines[0] + "\n");
        var id = lines[0].Contains("\"id\":\"a\"", StringComparison.Ordinal) ? "a" : "b";

        var model = EchoModel();
        var ex = await Assert.ThrowsAsync<WrongOverWrong.IO.JsonLinesFormatException>(() => Collect(new ChatAnswerSource(model, Options()).GetAnswerSetsAsync(Task_, questions)));

        Assert.Equal((ResultsPath, 3L, "question.id"), (ex.FilePath, ex.LineNumber, ex.Field));
        Assert.Contains($"repeats question '{id}' of line 1", ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, model.CallCount);
    }

    [Fact]
    public async Task A_partial_last_line_is_cut_off_and_that_question_sampled_again()
    {
        var questions = new[] { "a", "b" }.Select(TestData.NumericQuestion).ToList();
        await Collect(new ChatAnswerSource(EchoModel(), Options()).GetAnswerSetsAsync(Task_, questions.Take(1)));
        File.AppendAllText(ResultsPath, "{\"question\":{\"id\":\"b\",\"ta");

        var model = EchoModel();
        var sets = await Collect(new ChatAnswerSource(model, Options()).GetAnswerSetsAsync(Task_, questions));

        Assert.Equal(2, model.CallCount);
        Assert.Equal(2, sets.Count);
        var lines = File.ReadAllLines(ResultsPath);
        Assert.Equal(2, lines.Length);
        Assert.All(lines, l => JsonDocument.Parse(l).Dispose());
    }

    [Fact]
    public async Task A_corrupt_line_in_the_middle_is_an_error_naming_file_and_line()
    {
        Directory.CreateDirectory(_directory);
        File.WriteAllText(ResultsPath, "not json\n{}\n");

        var ex = await Assert.ThrowsAsync<WrongOverWrong.IO.JsonLinesFormatException>(() => Collect(new ChatAnswerSource(EchoModel(), Options()).GetAnswerSetsAsync(Task_, [TestData.NumericQuestion("a")])));
        Assert.Equal(1, ex.LineNumber);
        Assert.EndsWith("answers.jsonl", ex.FilePath);
    }

    [Fact]
    public async Task Cancellation_stops_sampling_keeps_written_sets_valid_and_a_rerun_finishes()
    {
        using var cts = new CancellationTokenSource();
        var model = ScriptedChatClient.FromText(_ => "Answer: 5", delay: TimeSpan.FromMilliseconds(20));
        var questions = Enumerable.Range(0, 12).Select(i => TestData.NumericQuestion("q" + i)).ToList();
        var received = new List<AnswerSet>();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var set in new ChatAnswerSource(model, Options(maxConcurrency: 2)).GetAnswerSetsAsync(Task_, questions, cts.Token))
            {
                received.Add(set);
                if (received.Count == 2)
                {
                    cts.Cancel();
                }
            }
        });

        var callsAtCancel = model.CallCount;
        Assert.True(callsAtCancel < 24, $"sampling should stop early, made {callsAtCancel} calls");
        var written = File.ReadAllLines(ResultsPath);
        Assert.InRange(written.Length, 2, 11);
        Assert.All(written, l => JsonDocument.Parse(l).Dispose());
        await System.Threading.Tasks.Task.Delay(50);
        Assert.Equal(callsAtCancel, model.CallCount); // nothing keeps running after the enumeration ends

        var rerun = ScriptedChatClient.FromText(_ => "Answer: 5");
        var all = await Collect(new ChatAnswerSource(rerun, Options()).GetAnswerSetsAsync(Task_, questions));
        Assert.Equal(12, all.Count);
        Assert.Equal(2 * (12 - written.Length), rerun.CallCount);
    }
}
