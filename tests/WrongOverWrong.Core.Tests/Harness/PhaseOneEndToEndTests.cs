using System.Text.RegularExpressions;
using WrongOverWrong.Elicitation;
using WrongOverWrong.Harness;
using WrongOverWrong.Metrics.Pairs;
using WrongOverWrong.Pairing;
using WrongOverWrong.Sources;
using WrongOverWrong.Tasks;
using WrongOverWrong.Tasks.MultipleChoice;
using WrongOverWrong.Tests.TestDoubles;

namespace WrongOverWrong.Tests.Harness;

/// <summary>Sample -> grade -> pair -> elicit -> report, with a real task and scripted models.</summary>
public partial class PhaseOneEndToEndTests
{
    private static readonly string[] OptionTexts = ["Paris", "Lyon", "Marseille", "Berlin"];

    // Gold Paris (1.0); the wrong options are graded 0.6 > 0.3 > 0.
    private static Question MakeQuestion(string id) => new()
    {
        Id = id,
        Task = TaskNames.GradedChoice,
        Prompt = "Which city is the capital of France?",
        Options =
        [
            new AnswerOption("Paris", 1.0, true),
            new AnswerOption("Lyon", 0.6, false),
            new AnswerOption("Marseille", 0.3, false),
            new AnswerOption("Berlin", 0.0, false),
        ],
    };

    [Fact]
    public async Task Sampled_graded_paired_and_elicited_answers_give_hand_computed_accuracies()
    {
        // Sample i of every question picks, whatever the shown order: Lyon x3, Marseille x2, Berlin x1.
        // Responses get shorter as they get less wrong, so the length heuristic is always wrong.
        string[] picks = ["Lyon", "Lyon", "Lyon", "Marseille", "Marseille", "Berlin"];
        var generator = ScriptedChatClient.FromText(call =>
        {
            var sample = (int)call.Options!.AdditionalProperties![ChatAnswerSourceOptions.SampleIndexKey]!;
            var pick = picks[sample];
            var letter = Regex.Match(call.Messages[0].Text, $@"^([A-D])\. {pick}$", RegexOptions.Multiline).Groups[1].Value;
            var padding = new string('.', 10 * Array.IndexOf(OptionTexts, pick));
            return $"I pick {pick}{padding} The answer is {letter}.";
        });
        var task = new GradedChoiceOracle();
        var source = new ChatAnswerSource(generator, new ChatAnswerSourceOptions { SamplesPerQuestion = 6, Extraction = FinalAnswerExtraction.Direct, GeneratorName = "scripted" });
        var graded = new List<GradedAnswerSet>();
        await foreach (var set in source.GetAnswerSetsAsync(task, [MakeQuestion("q1"), MakeQuestion("q2"), MakeQuestion("q3")]))
        {
            graded.Add(task.GradeAll(set));
        }

        // WoW pairs per question: Lyon-Marseille 3x2 + Lyon-Berlin 3x1 + Marseille-Berlin 2x1 = 11.
        var pairs = new PairBuilder().Build(graded).Pairs;
        Assert.Equal(33, pairs.Count);
        Assert.All(pairs, p => Assert.Equal(PairKind.WrongOverWrong, p.Kind));

        // A score judge that knows the proxies: score = 5 x proxy of the named city, rounded.
        var proxies = new Dictionary<string, double> { ["Lyon"] = 0.6, ["Marseille"] = 0.3, ["Berlin"] = 0.0 };
        var judge = ScriptedChatClient.FromText(call => string.Join("\n", FencedPrompt.Responses(call.LastUserText)
            .Select(r => "Score: " + (int)Math.Round(5 * proxies[PickedCity().Match(r).Groups[1].Value]))));

        var run = await new ElicitationHarness(new ElicitationHarnessOptions { BootstrapResamples = 200 })
            .RunAsync("scripted", pairs, [new ConsistencyElicitor(), new LengthElicitor(), new ScoreJudgeElicitor(judge)]);

        string Row(ElicitationReport r) => $"{r.Elicitor} {r.Margin} kept={r.KeptPairs} ties={r.Ties} acc={r.AccWow:0.###}";
        Assert.Equal(
        [
            // Consistency: shares 3/6 > 2/6 > 1/6 follow the proxies, so every pair is right.
            "consistency M_100 kept=33 ties=0 acc=1",
            "consistency M_50 kept=17 ties=0 acc=1",
            "consistency M_10 kept=4 ties=0 acc=1",
            // Length: the less wrong answer is always shorter.
            "length M_100 kept=33 ties=0 acc=0",
            "length M_50 kept=17 ties=0 acc=0",
            "length M_10 kept=4 ties=0 acc=0",
            // Score judge: scores 3 (Lyon), 2 (Marseille), 0 (Berlin), so every pair is right.
            "score-judge-k5 M_100 kept=33 ties=0 acc=1",
            "score-judge-k5 M_50 kept=17 ties=0 acc=1",
            "score-judge-k5 M_10 kept=4 ties=0 acc=1",
        ],
        run.Reports.Select(Row));

        // 6 candidates per question in batches of 5 -> 2 judge calls per question.
        Assert.Equal(6, judge.CallCount);
        Assert.Equal(6, run.Reports.Single(r => r.Elicitor == "score-judge-k5" && r.Margin == "M_100").Calls);
    }

    [GeneratedRegex(@"I pick (\w+)")]
    private static partial Regex PickedCity();
}
