using CsCheck;
using WrongOverWrong.Elicitation;
using WrongOverWrong.IO;
using WrongOverWrong.Tests.TestDoubles;
using Xunit.Abstractions;

namespace WrongOverWrong.Core.Tests.Fuzz;

/// <summary>
/// Fuzzing of the parsers outside Core/Tasks that read untrusted text: judge replies (never throw;
/// an unreadable reply is an abstention) and the JSON Lines readers (a value or a
/// <see cref="JsonLinesFormatException"/> with a message). Case counts go to the test output.
/// </summary>
public sealed class CoreParserFuzzTests(ITestOutputHelper output) : IDisposable
{
    private static readonly int Iterations = FuzzScale.Times(1_500);

    private readonly string _folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "wow-fuzz-" + Guid.NewGuid().ToString("N"))).FullName;

    private static readonly string[] ReplyTokens =
    [
        "Preferred output:", "Preferred output: 1", "Preferred output: 2", "Score:", "Score: 3", "Score: 5", "Score: -1", "Score: 99999999999",
        "Response 1:", "Response 2:", "Response 0:", "Response 99999999999:", "**", ".", "\n", " ", "1", "2", "٣", "5", "six", "\r\n", "\u0000",
    ];

    // Keys and values of every record kind the readers accept, mixed at random.
    private static readonly string[] Keys =
    [
        "id", "task", "prompt", "options", "text", "proxy", "isCorrect", "goldAnswer", "metadata", "question", "candidates", "questionId",
        "index", "generator", "response", "finalAnswer", "optionIndex", "optionOrder", "optionCount", "meanLogProbability", "tokenCount",
        "grade", "clippedProxy", "detail", "chosen", "rejected", "completion", "label", "margin", "method", "kind", "role", "content",
    ];

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Judge_replies_end_in_a_verdict_or_an_abstention()
    {
        long cases = 0;
        var replies = Gen.OneOf(
            Gen.String,
            Gen.Int[0, 40].SelectMany(n => Gen.OneOf(ReplyTokens).Array[n]).Select(t => string.Concat(t)));
        Gen.Select(replies, Gen.Int[-2, 12]).Sample((reply, k) =>
        {
            Assert.True(JudgeVerdictParser.ParsePairwise(reply) is null or 1 or 2);
            try
            {
                if (JudgeVerdictParser.ParseScores(reply, k) is { } scores)
                {
                    Assert.Equal(k, scores.Count);
                    Assert.All(scores, s => Assert.InRange(s, 0, 5));
                }
            }
            catch (ArgumentOutOfRangeException) when (k < 1)
            {
                // a non-positive batch size is the caller's error, documented as such
            }

            Interlocked.Increment(ref cases);
        }, iter: Iterations * 2);
        output.WriteLine($"judge-reply parser: {cases} cases");
    }

    [Fact]
    public async Task Json_lines_readers_end_in_records_or_a_format_exception()
    {
        long cases = 0;
        var lines = Gen.Int[0, int.MaxValue].Select(seed => RandomLines(new Random(seed)));
        var samples = new List<string>();
        lines.Sample(samples.Add, iter: Iterations / 4, threads: 1); // file I/O dominates: fewer, longer files
        var index = 0;
        foreach (var text in samples)
        {
            var path = Path.Combine(_folder, $"f{index++}.jsonl");
            await File.WriteAllTextAsync(path, text);
            await Read(QuestionJsonLines.ReadAsync(path));
            await Read(AnswerSetJsonLines.ReadAsync(path));
            await Read(PreferenceJsonLines.ReadAsync(path, requireQuestionId: index % 2 == 0));
            await Read(UnpairedPreferenceJsonLines.ReadAsync(path, requireQuestionId: index % 2 == 0));
            cases += 4;
        }

        output.WriteLine($"JSON Lines readers: {cases} cases (4 readers x {samples.Count} files)");
    }

    private static async Task Read<T>(IAsyncEnumerable<T> records)
    {
        try
        {
            await foreach (var record in records)
            {
                Assert.NotNull(record);
            }
        }
        catch (JsonLinesFormatException ex)
        {
            Assert.False(string.IsNullOrWhiteSpace(ex.Message));
        }
    }

    private static string RandomLines(Random rng)
    {
        var count = rng.Next(1, 8);
        var lines = new string[count];
        for (var i = 0; i < count; i++)
        {
            lines[i] = rng.Next(10) == 0 ? Garbage(rng) : Value(rng, 0, objectOnly: true);
        }

        return string.Join('\n', lines);
    }

    private static string Value(Random rng, int depth, bool objectOnly = false)
    {
        var kind = objectOnly ? 0 : depth > 3 ? 1 : rng.Next(4); // deep values are scalars: the nesting stays finite
        switch (kind)
        {
            case 0:
                var fields = Enumerable.Range(0, rng.Next(0, 9)).Select(_ => $"\"{Keys[rng.Next(Keys.Length)]}\": {Value(rng, depth + 1)}");
                return "{" + string.Join(", ", fields) + "}";
            case 1:
                return Scalar(rng);
            case 2:
                return "[" + string.Join(", ", Enumerable.Range(0, rng.Next(0, 5)).Select(_ => Value(rng, depth + 1))) + "]";
            default:
                return Scalar(rng);
        }
    }

    private static string Scalar(Random rng) => rng.Next(12) switch
    {
        0 => "null",
        1 => "true",
        2 => "false",
        3 => "0",
        4 => "-1",
        5 => "99999999999999999999",
        6 => "1e400",
        7 => "0.5",
        8 => "\"\"",
        9 => "\"nlgraph-shortest-path\"",
        10 => "\"" + new string('x', rng.Next(0, 20)) + "\"",
        _ => rng.Next(4).ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    private const string GarbageChars = "{}[]\":,0a\\ \u00e9";

    private static string Garbage(Random rng) => new([.. Enumerable.Range(0, rng.Next(0, 30)).Select(_ => GarbageChars[rng.Next(GarbageChars.Length)])]);
}
