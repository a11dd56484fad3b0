using System.Globalization;
using System.Text.Json;
using WrongOverWrong.Core.Tests.Tasks.NLGraph;
using WrongOverWrong.Tasks;
using WrongOverWrong.Tasks.Extraction;
using WrongOverWrong.Tasks.MultipleChoice;
using WrongOverWrong.Tasks.Numeric;
using Xunit.Abstractions;

namespace WrongOverWrong.Core.Tests.Tasks.Extraction;

/// <summary>
/// Reads every answer of answer_corpus.jsonl (chat-style answers with the reading a person takes)
/// and reports, per task family, the share read as intended. A misread (a value other than the
/// intended one) is worse than an unparsable answer, so both are counted and both must be zero.
/// </summary>
public class AnswerCorpusTests(ITestOutputHelper output)
{
    private static readonly string CorpusPath = Path.Combine(AppContext.BaseDirectory, "Tasks", "Extraction", "answer_corpus.jsonl");

    [Fact]
    public void Every_corpus_answer_is_read_as_a_person_reads_it()
    {
        var rows = File.ReadLines(CorpusPath).Where(l => l.Length > 0).Select(l => JsonSerializer.Deserialize<CorpusRow>(l, JsonOptions)!).ToList();
        var failures = new List<string>();
        foreach (var family in rows.GroupBy(r => r.Family).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            int correct = 0, misread = 0, missed = 0;
            foreach (var row in family)
            {
                var reading = Read(row);
                var got = reading.Answer is null ? null : Describe(row, reading.Answer);
                if (string.Equals(got, row.Expected, StringComparison.Ordinal))
                {
                    correct++;
                    continue;
                }

                if (got is null)
                {
                    missed++;
                }
                else
                {
                    misread++;
                }

                failures.Add($"[{row.Family}] {row.Note}: expected {row.Expected ?? "unparsable"}, read {got ?? "unparsable (" + reading.Reason + ")"}: {row.Text.ReplaceLineEndings(" / ")}");
            }

            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{family.Key,-16} {correct,4}/{family.Count(),-4} read as intended ({100.0 * correct / family.Count():F1}%), {misread} misread, {missed} unparsable instead of read"));
        }

        foreach (var failure in failures)
        {
            output.WriteLine(failure);
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.True(rows.Count >= 300, $"the corpus has {rows.Count} answers; at least 300 are required");
    }

    private static FinalAnswerReading Read(CorpusRow row)
    {
        var (oracle, question) = row.Family switch
        {
            "shortest-path" => ((IFinalAnswerReader)new WrongOverWrong.Tasks.NLGraph.ShortestPathOracle(), new Question { Id = "sp", Task = TaskNames.NLGraphShortestPath, Prompt = ShortestPathOracleTests.Question0Text }),
            "max-flow" => (new WrongOverWrong.Tasks.NLGraph.MaxFlowOracle(), new Question { Id = "mf", Task = TaskNames.NLGraphMaxFlow, Prompt = MaxFlowAndMatchingOracleTests.FlowText }),
            "matching" => (new WrongOverWrong.Tasks.NLGraph.MatchingOracle(), new Question { Id = "ma", Task = TaskNames.NLGraphMatching, Prompt = MaxFlowAndMatchingOracleTests.MatchingText }),
            "multiple-choice" => ((IFinalAnswerReader)new GradedChoiceOracle(), GradedChoiceOracle.CreateQuestion("mc", "Fill the blanks.", row.Options!, [0.0, 1.0 / 3, 2.0 / 3, 1.0], 0)),
            "numeric" => (new NumericOracle(), new Question { Id = "nu", Task = TaskNames.Numeric, Prompt = "Compute.", GoldAnswer = "1" }),
            _ => throw new InvalidDataException($"unknown family '{row.Family}'"),
        };
        return oracle.ReadFinalAnswer(question, row.Text);
    }

    private static string Describe(CorpusRow row, ExtractedAnswer answer) => row.Family == "multiple-choice"
        ? ((char)('A' + answer.OptionIndex!.Value)).ToString()
        : answer.Text;

    private static readonly JsonSerializerOptions JsonOptions = new() { PropertyNameCaseInsensitive = true };

    private sealed record CorpusRow(string Family, string Text, string? Expected, string? Note, string[]? Options);
}
