using System.Text.RegularExpressions;
using WrongOverWrong.Core.Tests;
using WrongOverWrong.Pairing;
using WrongOverWrong.Pipeline;
using WrongOverWrong.Sources;
using WrongOverWrong.Tasks;
using WrongOverWrong.Tasks.KnowledgeCrosswords;
using WrongOverWrong.Tests.TestDoubles;

namespace WrongOverWrong.Tests.Pipeline;

/// <summary>
/// Preferences on multiple-choice pairs say what the candidates saw: the prompt is the chosen
/// candidate's (its option order), and the rejected answer, written against another order, is
/// re-lettered so it still names the option it meant.
/// </summary>
public sealed partial class MultipleChoiceReletteringTests
{
    [Fact]
    public void Relettering_maps_each_letter_through_the_underlying_option()
    {
        // Shown as [2, 0, 3, 1]: letter A meant option 2. In order [0, 1, 2, 3], option 2 is C.
        var text = "Option A fits the first blank and (B) does not.\nA. something\nThe answer is A.";
        var result = OptionRelettering.Reletter(text, [2, 0, 3, 1], [0, 1, 2, 3]);
        Assert.Equal("Option C fits the first blank and (A) does not.\nC. something\nThe answer is C.", result);
        Assert.Equal(text, OptionRelettering.Reletter(text, [1, 0, 2, 3], [1, 0, 2, 3]));
    }

    [Fact]
    public async Task Synthetic_crossword_pairs_keep_each_answer_true_to_the_chosen_prompt()
    {
        Question[] questions =
        [
            .. Enumerable.Range(0, 4).Select(i => new Question
            {
                Id = $"kc{i}",
                Task = TaskNames.KnowledgeCrosswords,
                Prompt = $"Fill the blanks of puzzle {i}.",
                Options =
                [
                    new AnswerOption($"right {i}", 1.0, true),
                    new AnswerOption($"two blanks {i}", 2 / 3.0, false),
                    new AnswerOption($"one blank {i}", 1 / 3.0, false),
                    new AnswerOption($"none {i}", 0.0, false),
                ],
            }),
        ];
        await AssertPreferencesAreTrueAsync(new KnowledgeCrosswordsOracle(), questions);
    }

    [RequiresSharedDataFact("knowledge-crosswords/MC_easy.jsonl")]
    public async Task Real_knowledge_crosswords_pairs_keep_each_answer_true_to_the_chosen_prompt()
    {
        var path = WrongOverWrong.Core.Tests.Tasks.SharedData.Require("knowledge-crosswords/MC_easy.jsonl");
        var loaded = await KnowledgeCrosswordsLoader.LoadAsync(path);
        await AssertPreferencesAreTrueAsync(new KnowledgeCrosswordsOracle(), [.. loaded.Questions.Take(20)]);
    }

    // Sample i of each question picks the option with proxy rank i % 4 (whatever its shown letter),
    // each sample seeing its own option order; then every WoW and RoW pair becomes a preference.
    private static async Task AssertPreferencesAreTrueAsync(ITaskOracle task, IReadOnlyList<Question> questions)
    {
        var generator = ScriptedChatClient.FromText(call =>
        {
            var sample = (int)call.Options!.AdditionalProperties![ChatAnswerSourceOptions.SampleIndexKey]!;
            var question = questions.Single(q => call.LastUserText.StartsWith(q.Prompt.TrimEnd(), StringComparison.Ordinal));
            var target = question.Options!.OrderByDescending(o => o.Proxy).ElementAt(sample % 4).Text;
            var letter = Regex.Match(call.LastUserText, $@"^([A-D])\. {Regex.Escape(target)}$", RegexOptions.Multiline).Groups[1].Value;
            return $"Option {letter} fills the blanks best, so ({letter}) it is.\nThe answer is {letter}.";
        });
        var source = new ChatAnswerSource(generator, new ChatAnswerSourceOptions { SamplesPerQuestion = 6, Extraction = FinalAnswerExtraction.Direct, MaxConcurrency = 1 });
        var graded = new List<AnswerSet>();
        await foreach (var set in source.GetAnswerSetsAsync(task, questions))
        {
            graded.Add(task.GradeAll(set));
        }

        var pairs = new PairBuilder(new PairingOptions { IncludeRightOverWrong = true, MaxPairs = null }).Build(graded).Pairs;
        var differentOrders = 0;
        foreach (var pair in pairs)
        {
            var preference = PairPreferences.FromOracle(task, pair, "oracle");
            Assert.NotNull(preference);
            var (chosen, rejected) = (pair.Better, pair.Worse);
            Assert.Equal(task.BuildPrompt(pair.Set.Question, chosen.OptionOrder), preference.Prompt);
            Assert.Equal(chosen.OptionIndex, task.ExtractFinalAnswer(pair.Set.Question, preference.Chosen, chosen.OptionOrder)!.OptionIndex);
            Assert.Equal(rejected.OptionIndex, task.ExtractFinalAnswer(pair.Set.Question, preference.Rejected, chosen.OptionOrder)!.OptionIndex);
            if (!chosen.OptionOrder!.SequenceEqual(rejected.OptionOrder!))
            {
                differentOrders++;
            }
        }

        Assert.True(differentOrders > pairs.Count / 2, $"only {differentOrders} of {pairs.Count} pairs saw different orders");
    }
}
