using System.Text.Json;
using WrongOverWrong.ElicitorComparison.Cli;
using WrongOverWrong.ElicitorComparison.Comparison;
using WrongOverWrong.IO;
using WrongOverWrong.MainJob;
using WrongOverWrong.Training.Lora;
using WrongOverWrong.Training.Modeling;
using WrongOverWrong.Training.Native;
using WrongOverWrong.Training.Text;

namespace WrongOverWrong.ElicitorComparison.Tests;

/// <summary>The harness runs the pairwise and score judges offline on a local judge model folder.</summary>
public sealed class LocalJudgeTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("wow-judge-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task The_judge_elicitors_run_offline_on_a_local_judge_model()
    {
        var answers = Path.Combine(_folder, "train-graded.jsonl");
        await AnswerSetJsonLines.WriteAsync(answers, TinyAnswerSets.Graded());
        var judge = TinyJudge(Path.Combine(_folder, "judge"));
        var output = Path.Combine(_folder, "results");

        using var text = new StringWriter();
        var code = await ComparisonApp.RunAsync(Options(answers, output, judge), MainJobProgram.CreateConsole(text));

        Assert.True(code == 0, text.ToString());
        var report = JsonSerializer.Deserialize<ComparisonReport>(await File.ReadAllTextAsync(Path.Combine(output, "elicitor-comparison.json")), ComparisonReport.JsonOptions)!;
        var dataset = Assert.Single(report.Datasets);
        Assert.Equal(["consistency", "logprob", "length", "pairwise-judge", "score-judge"], dataset.Elicitors.Select(e => e.Elicitor));
        Assert.Contains("local judge model", report.Judge, StringComparison.Ordinal);

        // A random judge rarely writes a verdict line: its unparsable replies are abstentions, and every
        // pair is accounted for as kept (a verdict) or abstained, after real calls to the model.
        foreach (var outcome in dataset.Elicitors.Where(e => e.Elicitor.EndsWith("judge", StringComparison.Ordinal)))
        {
            var all = outcome.Margins.Single(m => m.Margin == "M_100");
            Assert.Equal(all.Pairs, all.Kept + all.Abstentions);
            Assert.True(outcome.Calls > 0, $"{outcome.Elicitor} made no calls.");
        }
    }

    [Fact]
    public async Task A_missing_judge_folder_stops_with_a_message_that_names_it()
    {
        var answers = Path.Combine(_folder, "train-graded.jsonl");
        await AnswerSetJsonLines.WriteAsync(answers, TinyAnswerSets.Graded());
        var missing = Path.Combine(_folder, "no-judge-here");

        using var text = new StringWriter();
        var code = await ComparisonApp.RunAsync(Options(answers, Path.Combine(_folder, "results"), missing), MainJobProgram.CreateConsole(text));

        Assert.Equal(ComparisonApp.SetupExitCode, code);
        Assert.Contains(missing, text.ToString().Replace("\n", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains("train-judge", text.ToString(), StringComparison.Ordinal);
    }

    /// <summary>A randomly initialised judge in the Hugging Face layout, with a tokenizer and chat template: what the harness loads.</summary>
    private static string TinyJudge(string folder)
    {
        TorchSharpNative.EnsureLoaded();
        var bpe = ByteLevelBpeTrainer.Train(
            ["Please act as an impartial judge. Score: 3", "Preferred output: 1", "The answer is 90."],
            new ByteLevelBpeTrainerOptions { VocabularySize = 300 });
        using var model = LlamaForCausalLM.Create(LlamaConfig.Tiny(vocabSize: bpe.VocabularySize, hiddenSize: 16, layers: 1, heads: 2, keyValueHeads: 2), seed: 7);
        model.SavePretrained(folder);
        bpe.Save(folder);
        return folder;
    }

    private static ComparisonOptions Options(string answers, string output, string judge) => new()
    {
        Answers = [answers],
        OutputFolder = output,
        DefaultRunFolder = "/nonexistent",
        FallbackFolder = "/nonexistent",
        ModelFolder = "/nonexistent",
        JudgeModelFolder = judge,
        Bootstrap = 50,
        CommandLine = "compare-judge-test",
    };
}
