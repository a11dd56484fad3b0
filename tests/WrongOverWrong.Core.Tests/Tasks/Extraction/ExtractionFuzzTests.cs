using System.Diagnostics;
using CsCheck;
using WrongOverWrong.Core.Tests.Tasks.NLGraph;
using WrongOverWrong.Tasks;
using WrongOverWrong.Tasks.Extraction;
using WrongOverWrong.Tasks.MultipleChoice;
using WrongOverWrong.Tasks.NLGraph;
using WrongOverWrong.Tasks.Numeric;
using WrongOverWrong.Tests.TestDoubles;
using Xunit.Abstractions;

namespace WrongOverWrong.Core.Tests.Tasks.Extraction;

/// <summary>
/// Property-based fuzzing of every parser of Core/Tasks: any text ends in a value or the documented
/// outcome (an unparsable reading with a reason; a FormatException or InvalidDataException with a
/// message), never another exception or a hang. Case counts are written to the test output.
/// </summary>
public class ExtractionFuzzTests(ITestOutputHelper output)
{
    private static readonly int Iterations = FuzzScale.Times(2_000);

    // Words answers are made of, so generated text hits the cues, lists, negations and arithmetic.
    private static readonly string[] Tokens =
    [
        "The", "answer", "is", "answer:", "Final", "final answer:", "total", "weight", "of", "the", "path", "maximum", "max", "flow",
        "applicants", "can", "find", "job", "node", "not", "or", "either", "no,", "actually", "but", "then", "so", "Therefore,",
        "=", "+", "-", "*", "/", "≈", "×", "10^", "{4}", "\\times", "\\boxed{", "}", "**", "$", "(", ")", "[", "]", ",", ";", ".", "\n",
        "0", "1", "2", "3", "4", "42", "-7", "3.5", "1,000", "99999999999999999999", "1e308", "1e309", "0,3,2", "0->3->2", "0-3-2",
        "A", "B", "C", "D", "I", "a", "c", "(B)", "B.", "B/C", "option", "correct", "is correct", "I'd go with", "None", "four",
        "blank 1: Paris; blank 2: Seine; blank 3: France", "which is larger", "than", "if", "alternative", "\u2212", "\u0000", "😀",
    ];

    private static readonly Gen<string> Texts = Gen.OneOf(
        Gen.String,
        Gen.Int[0, 80].SelectMany(n => Gen.OneOf(Tokens).Array[n]).Select(words => string.Join(" ", words)),
        Gen.Int[0, 80].SelectMany(n => Gen.OneOf(Tokens).Array[n]).Select(words => string.Concat(words)));

    private static readonly (IFinalAnswerReader Reader, Question Question)[] Readers =
    [
        (new ShortestPathOracle(), new Question { Id = "sp", Task = TaskNames.NLGraphShortestPath, Prompt = ShortestPathOracleTests.Question0Text }),
        (new MaxFlowOracle(), new Question { Id = "mf", Task = TaskNames.NLGraphMaxFlow, Prompt = MaxFlowAndMatchingOracleTests.FlowText }),
        (new MatchingOracle(), new Question { Id = "ma", Task = TaskNames.NLGraphMatching, Prompt = MaxFlowAndMatchingOracleTests.MatchingText }),
        (new GradedChoiceOracle(), GradedChoiceOracle.CreateQuestion("mc", "Fill the blanks.", ["blank 1: Paris; blank 2: Seine; blank 3: France", "B text", "C text", "D text"], [1, 0.5, 0.2, 0], 0)),
        (new NumericOracle(), new Question { Id = "nu", Task = TaskNames.Numeric, Prompt = "Compute.", GoldAnswer = "1" }),
    ];

    [Fact]
    public void Every_answer_reader_ends_in_an_answer_or_a_reason()
    {
        long cases = 0;
        Texts.Sample(text =>
        {
            foreach (var (reader, question) in Readers)
            {
                var reading = reader.ReadFinalAnswer(question, text);
                Assert.True((reading.Answer is null) != (reading.Reason is null), "exactly one of answer and reason");
                if (reading.Answer is { } answer)
                {
                    Assert.True(answer.Value is null || double.IsFinite(answer.Value.Value));
                    Assert.True(answer.OptionIndex is null or >= 0 and < 4);
                }

                Interlocked.Increment(ref cases);
            }
        }, iter: Iterations);
        output.WriteLine($"answer readers: {cases} cases ({Readers.Length} readers x {cases / Readers.Length} texts)");
    }

    [Fact]
    public void A_long_hostile_response_is_read_quickly()
    {
        string[] hostile =
        [
            string.Concat(Enumerable.Repeat("total weight is not 1 than 2 or ", 4_000)),
            string.Concat(Enumerable.Repeat("The answer is not B, ", 5_000)),
            string.Concat(Enumerable.Repeat("1 + ", 30_000)) + "1",
            new string('(', 100_000),
            string.Concat(Enumerable.Repeat("maximum flow 0,1,2,3,", 5_000)),
            string.Concat(Enumerable.Repeat("The answer is B.\n", 10_000)),
        ];
        var clock = Stopwatch.StartNew();
        foreach (var text in hostile)
        {
            foreach (var (reader, question) in Readers)
            {
                _ = reader.ReadFinalAnswer(question, text);
            }
        }

        output.WriteLine($"{hostile.Length * Readers.Length} long hostile readings in {clock.ElapsedMilliseconds} ms");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
    }

    [Fact]
    public void NLGraph_question_parsers_end_in_a_problem_or_a_format_exception()
    {
        long cases = 0;
        Mutations(ShortestPathOracleTests.Question0Text).Sample(text =>
        {
            Parse(() => ShortestPathProblem.Parse("q", text));
            Interlocked.Increment(ref cases);
        }, iter: Iterations);
        Mutations(MaxFlowAndMatchingOracleTests.FlowText).Sample(text =>
        {
            Parse(() => MaxFlowProblem.Parse("q", text));
            Interlocked.Increment(ref cases);
        }, iter: Iterations);
        Mutations(MaxFlowAndMatchingOracleTests.MatchingText).Sample(text =>
        {
            Parse(() => MatchingProblem.Parse("q", text));
            Interlocked.Increment(ref cases);
        }, iter: Iterations);
        output.WriteLine($"NLGraph question parsers: {cases} cases");
    }

    [Fact]
    public void Raw_graph_files_end_in_a_question_or_an_invalid_data_exception()
    {
        long cases = 0;
        Mutations("5 7\n0 4 4\n0 3 3\n0 1 3\n1 4 4\n4 2 2\n3 2 1\n4 3 1\n0 2\n").Sample(text =>
        {
            foreach (var task in new[] { TaskNames.NLGraphShortestPath, TaskNames.NLGraphMaxFlow })
            {
                try
                {
                    _ = NLGraphGraphFiles.Parse(text, task, "g");
                }
                catch (InvalidDataException ex)
                {
                    Assert.False(string.IsNullOrWhiteSpace(ex.Message));
                }

                Interlocked.Increment(ref cases);
            }
        }, iter: Iterations);
        output.WriteLine($"raw graph files: {cases} cases");
    }

    private static void Parse(Func<object> parse)
    {
        try
        {
            _ = parse();
        }
        catch (FormatException ex)
        {
            Assert.Contains("'q'", ex.Message);
        }
    }

    /// <summary>A valid text with a few random edits: digits, huge numbers, deletions, duplications.</summary>
    private static Gen<string> Mutations(string valid) =>
        Gen.Int[0, 8].SelectMany(n => Gen.Select(Gen.Int[0, valid.Length], Gen.Int[0, 5], Gen.OneOf("9", "0", "99999999999", "-1", " ", "\n", "node", "x", "", "2147483647", "10000")).Array[n])
            .Select(edits =>
            {
                var text = valid;
                foreach (var (position, kind, token) in edits)
                {
                    var at = Math.Min(position, text.Length);
                    text = kind switch
                    {
                        0 => text.Remove(at, Math.Min(5, text.Length - at)),
                        1 => text.Insert(at, token),
                        2 => text[..at] + token + text[Math.Min(text.Length, at + 1)..],
                        3 => text + text[at..],
                        _ => text.Insert(at, token + " "),
                    };
                }

                return text;
            });
}
