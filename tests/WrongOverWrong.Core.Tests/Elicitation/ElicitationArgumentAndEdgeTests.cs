using Microsoft.Extensions.AI;
using WrongOverWrong.Elicitation;
using WrongOverWrong.Metrics.Pairs;
using WrongOverWrong.Tests.TestDoubles;

namespace WrongOverWrong.Tests.Elicitation;

/// <summary>
/// Argument checks (exception type, parameter name, message), copied options, the chat options a
/// judge sends, prompt details and parser edge cases of the elicitors (issue 16, mutation testing).
/// </summary>
public class ElicitationArgumentAndEdgeTests
{
    private static AnswerSet Set(int n = 3) => new(
        TestData.NumericQuestion("q"),
        Enumerable.Range(0, n).Select(i => TestData.Candidate("q", i, i == 0 ? "GOOD r0" : "r" + i, i.ToString(System.Globalization.CultureInfo.InvariantCulture))).ToList());

    private static ScriptedChatClient Replying(string reply) => ScriptedChatClient.FromText(_ => reply);

    [Theory]
    [InlineData(0)]
    [InlineData(-2)]
    public void Fewer_than_one_concurrent_call_is_refused_by_both_judges(int value)
    {
        var pairwise = Assert.Throws<ArgumentException>(() => new PairwiseJudgeElicitor(Replying(""), new PairwiseJudgeOptions { MaxConcurrency = value }));
        var score = Assert.Throws<ArgumentException>(() => new ScoreJudgeElicitor(Replying(""), new ScoreJudgeOptions { MaxConcurrency = value }));

        foreach (var ex in new[] { pairwise, score })
        {
            Assert.Equal("MaxConcurrency", ex.ParamName);
            Assert.StartsWith($"MaxConcurrency must be at least 1 (was {value}).", ex.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_template_without_responses_is_refused_by_name_and_one_with_it_is_accepted()
    {
        var ex = Assert.Throws<ArgumentException>(() => new ScoreJudgeElicitor(Replying(""), new ScoreJudgeOptions { PromptTemplate = "Grade {question} ({count})" }));

        Assert.Equal("PromptTemplate", ex.ParamName);
        Assert.StartsWith("PromptTemplate must contain the {responses} placeholder.", ex.Message, StringComparison.Ordinal);
        _ = new ScoreJudgeElicitor(Replying(""), new ScoreJudgeOptions { PromptTemplate = "{responses}", MaxConcurrency = 1, BatchSize = 1 });
        _ = new PairwiseJudgeElicitor(Replying(""), new PairwiseJudgeOptions { PromptTemplate = "{responses}", MaxConcurrency = 1 });
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void A_batch_size_below_one_is_refused_with_the_value(int value)
    {
        var ex = Assert.Throws<ArgumentException>(() => new ScoreJudgeElicitor(Replying(""), new ScoreJudgeOptions { BatchSize = value }));

        Assert.Equal("options", ex.ParamName);
        Assert.StartsWith($"BatchSize must be at least 1 (was {value}).", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Judges_need_a_client()
    {
        Assert.Equal("judge", Assert.Throws<ArgumentNullException>(() => new PairwiseJudgeElicitor(null!)).ParamName);
        Assert.Equal("judge", Assert.Throws<ArgumentNullException>(() => new ScoreJudgeElicitor(null!)).ParamName);
    }

    [Fact]
    public void Options_are_copied_and_names_follow_them()
    {
        var pairwiseOptions = new PairwiseJudgeOptions();
        var pairwise = new PairwiseJudgeElicitor(Replying(""), pairwiseOptions);
        pairwiseOptions.ConsistencyCheck = false;
        pairwiseOptions.Name = "changed";
        Assert.Equal("pairwise-judge", pairwise.Name);
        Assert.Equal("changed", new PairwiseJudgeElicitor(Replying(""), pairwiseOptions).Name);
        Assert.NotSame(pairwiseOptions, pairwiseOptions.Clone());
        Assert.False(pairwiseOptions.Clone().ConsistencyCheck);

        var scoreOptions = new ScoreJudgeOptions();
        var score = new ScoreJudgeElicitor(Replying(""), scoreOptions);
        scoreOptions.BatchSize = 3;
        Assert.Equal("score-judge-k5", score.Name);
        Assert.Equal("score-judge-k3", new ScoreJudgeElicitor(Replying(""), scoreOptions).Name);
        Assert.Equal("mine", new ScoreJudgeElicitor(Replying(""), new ScoreJudgeOptions { Name = "mine" }).Name);
        Assert.Equal((3, (int?)7), (scoreOptions.Clone().BatchSize, new ScoreJudgeOptions { ShuffleSeed = 7 }.Clone().ShuffleSeed));
    }

    [Fact]
    public async Task Judges_send_greedy_decoding_settings_by_default_and_the_configured_ones_otherwise()
    {
        var set = Set(2);
        var judge = Replying("Preferred output: 1");
        await new PairwiseJudgeElicitor(judge, new PairwiseJudgeOptions { ConsistencyCheck = false }).ElicitVerdictsAsync(set, [TestData.Pair(set, 0, 1, true)]);

        var defaults = Assert.Single(judge.Calls).Options!;
        Assert.Equal(((float?)0f, (int?)1024, (string?)null), (defaults.Temperature, defaults.MaxOutputTokens, defaults.ModelId));

        var scoring = Replying("Score: 4\nScore: 1");
        await new ScoreJudgeElicitor(scoring, new ScoreJudgeOptions { Temperature = 0.25f, MaxOutputTokens = 77, ModelId = "judge-model" }).ElicitVerdictsAsync(set, [TestData.Pair(set, 0, 1, true)]);

        var configured = Assert.Single(scoring.Calls).Options!;
        Assert.Equal(((float?)0.25f, (int?)77, (string?)"judge-model"), (configured.Temperature, configured.MaxOutputTokens, configured.ModelId));
    }

    [Fact]
    public async Task Options_are_left_out_of_the_prompt_when_ShowOptions_is_off()
    {
        var q = TestData.CapitalQuestion("mc");
        var set = new AnswerSet(q,
        [
            TestData.Candidate("mc", 0, "The answer is C.", "B", option: 1, order: [2, 3, 1, 0]),
            TestData.Candidate("mc", 1, "The answer is A.", "A", option: 0, order: [0, 1, 2, 3]),
        ]);
        var judge = Replying("Score: 4\nScore: 1");

        await new ScoreJudgeElicitor(judge, new ScoreJudgeOptions { ShowOptions = false }).ElicitVerdictsAsync(set, [TestData.Pair(set, 0, 1, true)]);

        var prompt = Assert.Single(judge.Calls).LastUserText;
        Assert.DoesNotContain("Options:", prompt, StringComparison.Ordinal);
        Assert.DoesNotContain("(B) Paris", prompt, StringComparison.Ordinal);
        Assert.DoesNotContain("different order", prompt, StringComparison.Ordinal);
        Assert.Contains("Response 1:\n", prompt, StringComparison.Ordinal);
    }

    [Fact]
    public void Prompts_number_the_responses_and_fill_count_and_options()
    {
        var q = TestData.CapitalQuestion("mc");
        Candidate[] responses =
        [
            TestData.Candidate("mc", 0, "first", "A", option: 0, order: [0, 1, 2, 3]), // identity: no note
            TestData.Candidate("mc", 1, "second", "B", option: 1),                      // no order: no note
            TestData.Candidate("mc", 2, "third", "C", option: 2, order: [1, 0, 2, 3]),
        ];

        var prompt = JudgePrompt.Build("{count}|{options}|{responses}|{question}", q, responses, showOptions: true);

        Assert.StartsWith("3|Options:\n(A) Lyon\n(B) Paris\n(C) Berlin\n(D) Marseille\n|Response 1:\n<<<RESPONSE 1 ", prompt, StringComparison.Ordinal);
        Assert.Contains("\nfirst\n<<<END RESPONSE 1 ", prompt, StringComparison.Ordinal);
        Assert.Contains(">>>\n\nResponse 2:\n<<<RESPONSE 2 ", prompt, StringComparison.Ordinal);
        Assert.Contains("Response 3: (this response saw the options in a different order; its letters mean: A = (B), B = (A), C = (C), D = (D))\n<<<RESPONSE 3 ", prompt, StringComparison.Ordinal);
        Assert.Contains(">>>|<<<QUESTION ", prompt, StringComparison.Ordinal); // trailing blank lines trimmed
        Assert.EndsWith($"\n{q.Prompt}\n<<<END QUESTION {FencedPrompt.Nonce(prompt)}>>>", prompt, StringComparison.Ordinal);
        Assert.Equal(12, FencedPrompt.Nonce(prompt).Length);

        var numeric = JudgePrompt.Build("{options}{responses}", TestData.NumericQuestion("n"), [TestData.Candidate("n", 0, "x")], showOptions: true);
        Assert.StartsWith("Response 1:\n<<<RESPONSE 1 ", numeric, StringComparison.Ordinal);

        var noOptions = JudgePrompt.Build("[{options}]", q, responses, showOptions: false);
        Assert.Equal("[]", noOptions);
    }

    [Fact]
    public void JudgePrompt_refuses_missing_arguments_by_name()
    {
        var q = TestData.NumericQuestion("n");
        Candidate[] responses = [TestData.Candidate("n", 0, "x")];

        Assert.Equal("template", Assert.Throws<ArgumentNullException>(() => JudgePrompt.Build(null!, q, responses, showOptions: false)).ParamName);
        Assert.Equal("question", Assert.Throws<ArgumentNullException>(() => JudgePrompt.Build("{responses}", null!, responses, showOptions: false)).ParamName);
        Assert.Equal("responses", Assert.Throws<ArgumentNullException>(() => JudgePrompt.Build("{responses}", q, null!, showOptions: false)).ParamName);
    }

    [Fact]
    public void An_empty_option_list_shows_no_options_block_and_no_letter_note()
    {
        // A question whose option list is empty (not null) is free text: a candidate's option order means nothing there.
        var q = TestData.NumericQuestion("n") with { Options = [] };

        var prompt = JudgePrompt.Build("[{options}]{responses}", q, [TestData.Candidate("n", 0, "x", order: [1, 0])], showOptions: true);

        Assert.StartsWith("[]Response 1:\n<<<RESPONSE 1 ", prompt, StringComparison.Ordinal);
        Assert.DoesNotContain("different order", prompt, StringComparison.Ordinal);
    }

    [Fact]
    public void Prompts_are_deterministic_and_their_fence_code_depends_on_the_content()
    {
        // The re-derivation loop for a fence code that occurs in the texts cannot be reached from a
        // test: the code is a hash of the texts, so a text cannot be made to contain its own code.
        var q = TestData.NumericQuestion("n");
        var plain = JudgePrompt.Build("{responses}", q, [TestData.Candidate("n", 0, "x")], showOptions: false);
        var again = JudgePrompt.Build("{responses}", q, [TestData.Candidate("n", 0, "x")], showOptions: false);
        var other = JudgePrompt.Build("{responses}", q, [TestData.Candidate("n", 0, "y")], showOptions: false);

        Assert.Equal(plain, again); // deterministic, so a cache can hit
        Assert.NotEqual(FencedPrompt.Nonce(plain), FencedPrompt.Nonce(other));
    }

    [Theory]
    [InlineData(0, "A")]
    [InlineData(25, "Z")]
    [InlineData(26, "A1")]
    [InlineData(27, "B1")]
    [InlineData(53, "B2")]
    public void Option_letters_run_A_to_Z_then_repeat_with_a_number(int index, string letter)
    {
        Assert.Equal(letter, JudgePrompt.Letter(index));
    }

    [Fact]
    public void Parser_edge_cases()
    {
        Assert.Null(JudgeVerdictParser.ParsePairwise(null));
        Assert.Null(JudgeVerdictParser.ParseScores(null, 1));
        Assert.Null(JudgeVerdictParser.ParseScores("", 1));
        Assert.Null(JudgeVerdictParser.ParseScores("Score: 1", 0));
        Assert.Equal([5, 0], JudgeVerdictParser.ParseScores("Score: 5\nScore: 0", 2));
        Assert.Equal([3], JudgeVerdictParser.ParseScores("- Score: 3.00", 1));
        Assert.Equal([2], JudgeVerdictParser.ParseScores("Response 1: Score: 2", 1));
        Assert.Null(JudgeVerdictParser.ParseScores("Response 99999999999: Score: 2", 1)); // label too large to read
        Assert.Null(JudgeVerdictParser.ParseScores("Score: 2.5", 1));
        Assert.Null(JudgeVerdictParser.ParseScores("Score: 5.01", 1));
        Assert.Equal(1, JudgeVerdictParser.ParsePairwise("> Preferred output: 1\r"));
        Assert.Equal(2, JudgeVerdictParser.ParsePairwise("`Preferred output: 2`"));
    }

    [Fact]
    public async Task Without_the_swap_check_one_call_decides_and_an_unreadable_reply_abstains()
    {
        var set = Set();
        var judge = ScriptedChatClient.FromText(
            call => FencedPrompt.Responses(call.LastUserText)[1] == "r2" ? "no verdict" : "Preferred output: 2",
            usage: new UsageDetails { InputTokenCount = 10, OutputTokenCount = 3 });
        var elicitor = new PairwiseJudgeElicitor(judge, new PairwiseJudgeOptions { ConsistencyCheck = false });

        var verdicts = await elicitor.ElicitVerdictsAsync(set, [TestData.Pair(set, 0, 1, true), TestData.Pair(set, 0, 2, true)]);

        Assert.Equal([PairPrediction.Second, PairPrediction.Abstained], verdicts.Select(v => v.Predicted));
        Assert.Equal(new ElicitationCost(2, 20, 6, 1), verdicts.Cost);
        Assert.Equal(0, verdicts.Cost.SwapDisagreements);
    }

    [Fact]
    public async Task With_the_swap_check_one_unreadable_reply_abstains_without_a_disagreement()
    {
        var set = Set(2);
        // The forward prompt shows "GOOD r0" first and gets a verdict; the swapped one gets none.
        var judge = ScriptedChatClient.FromText(call => FencedPrompt.Responses(call.LastUserText)[0] == "GOOD r0" ? "Preferred output: 1" : "hmm");

        var verdicts = await new PairwiseJudgeElicitor(judge).ElicitVerdictsAsync(set, [TestData.Pair(set, 0, 1, true)]);

        Assert.Equal(PairPrediction.Abstained, Assert.Single(verdicts).Predicted);
        Assert.Equal((2L, 1L, 0L), (verdicts.Cost.Calls, verdicts.Cost.UnparsableReplies, verdicts.Cost.SwapDisagreements));
    }

    [Fact]
    public async Task A_NaN_score_names_the_method_candidate_and_question()
    {
        var set = new AnswerSet(TestData.NumericQuestion("q"), [TestData.Candidate("q", 0, "x", "1", logProb: double.NaN), TestData.Candidate("q", 1, "y", "2", logProb: -1)]);

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => new LogProbabilityElicitor().ElicitVerdictsAsync(set, [TestData.Pair(set, 0, 1, true)]));

        Assert.Equal("score", ex.ParamName);
        Assert.StartsWith("Method 'logprob' has a NaN score for candidate 0 of question 'q'; a score must be a number (a missing one is null).", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_pair_guard_names_both_questions()
    {
        var a = new AnswerSet(TestData.NumericQuestion("a"), [TestData.Candidate("a", 0, "x", "1"), TestData.Candidate("a", 1, "y", "2")]);
        var stranger = new UngradedPair(TestData.Candidate("a", 0, "x", "1"), TestData.Candidate("b", 1, "y", "2"));

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => new LengthElicitor().ElicitAsync(a, [stranger]));

        Assert.Equal("pairs", ex.ParamName);
        Assert.StartsWith("A pair of question 'b' was passed with the answer set of question 'a'.", ex.Message, StringComparison.Ordinal);
        Assert.Equal("set", (await Assert.ThrowsAsync<ArgumentNullException>(() => new LengthElicitor().ElicitAsync(null!, []))).ParamName);
        Assert.Equal("pairs", (await Assert.ThrowsAsync<ArgumentNullException>(() => new LengthElicitor().ElicitAsync(a, null!))).ParamName);
    }

    [Fact]
    public async Task Length_uses_characters_when_any_candidate_of_the_set_lacks_a_token_count()
    {
        var set = new AnswerSet(TestData.NumericQuestion("q"),
        [
            TestData.Candidate("q", 0, "aaaa", "1", tokens: 1),
            TestData.Candidate("q", 1, "bb", "2", tokens: 9),
            TestData.Candidate("q", 2, "c", "3"), // not in the pair, still switches the set to characters
        ]);

        var verdict = Assert.Single(await new LengthElicitor().ElicitVerdictsAsync(set, [TestData.Pair(set, 0, 1, true)]));

        Assert.Equal((4.0, 2.0, PairPrediction.First), (verdict.FirstScore, verdict.SecondScore, verdict.Predicted));
    }

    [Fact]
    public async Task Consistency_keeps_option_and_free_text_keys_apart()
    {
        // Candidate 0 chose option 0; candidates 1 and 2 wrote the free-text answer "0": different answers.
        var set = new AnswerSet(TestData.NumericQuestion("q"),
        [
            TestData.Candidate("q", 0, "x", "A", option: 0),
            TestData.Candidate("q", 1, "y", "0"),
            TestData.Candidate("q", 2, "z", "0"),
            TestData.Candidate("q", 3, "w", "0"),
        ]);

        var verdict = Assert.Single(await new ConsistencyElicitor().ElicitVerdictsAsync(set, [TestData.Pair(set, 0, 1, false)]));

        Assert.Equal((0.25, 0.75, PairPrediction.Second), (verdict.FirstScore, verdict.SecondScore, verdict.Predicted));
    }

    [Fact]
    public async Task The_score_judge_grades_only_candidates_in_pairs_and_counts_null_batches()
    {
        var set = Set(8);
        var judge = ScriptedChatClient.FromText(
            call => string.Join("\n", FencedPrompt.Responses(call.LastUserText).Select(r => r == "r7" ? "garbage" : "Score: 3")),
            usage: new UsageDetails { InputTokenCount = 5, OutputTokenCount = 1 });
        var elicitor = new ScoreJudgeElicitor(judge, new ScoreJudgeOptions { BatchSize = 2, MaxConcurrency = 1 });

        // Candidates 0, 3, 5 and 7 are judged: batches {0, 3} and {5, 7}; the second reply has one score.
        var verdicts = await elicitor.ElicitVerdictsAsync(set, [TestData.Pair(set, 0, 3, true), TestData.Pair(set, 5, 7, true), TestData.Pair(set, 0, 5, true)]);

        Assert.Equal(2, judge.CallCount);
        Assert.Equal([2, 2], judge.Calls.Select(c => FencedPrompt.Responses(c.LastUserText).Count));
        Assert.Equal([PairPrediction.Tie, PairPrediction.Abstained, PairPrediction.Abstained], verdicts.Select(v => v.Predicted));
        Assert.Equal((3.0, 3.0), (verdicts[0].FirstScore, verdicts[0].SecondScore));
        Assert.Equal((3.0, (double?)null), (verdicts[2].FirstScore!.Value, verdicts[2].SecondScore));
        Assert.Equal(new ElicitationCost(2, 10, 2, 1), verdicts.Cost);
    }

    [Fact]
    public void Costs_add_field_by_field_and_refuse_null()
    {
        var sum = new ElicitationCost(1, 2, 3, 4) { SwapDisagreements = 5 } + new ElicitationCost(10, 20, 30, 40) { SwapDisagreements = 50 };

        Assert.Equal(new ElicitationCost(11, 22, 33, 44) { SwapDisagreements = 55 }, sum);
        Assert.Equal("a", Assert.Throws<ArgumentNullException>(() => (ElicitationCost)null! + ElicitationCost.Zero).ParamName);
        Assert.Equal("b", Assert.Throws<ArgumentNullException>(() => ElicitationCost.Zero + null!).ParamName);
    }
    [Fact]
    public async Task Consistency_does_not_mistake_a_free_text_answer_for_an_option()
    {
        // Candidate 0 chose option 0; candidates 1 and 2 wrote the free text "option:0".
        var set = new AnswerSet(TestData.NumericQuestion("q"),
        [
            TestData.Candidate("q", 0, "x", "A", option: 0),
            TestData.Candidate("q", 1, "y", "option:0"),
            TestData.Candidate("q", 2, "z", "option:0"),
        ]);

        var verdict = Assert.Single(await new ConsistencyElicitor().ElicitVerdictsAsync(set, [TestData.Pair(set, 0, 1, false)]));

        Assert.Equal(1.0 / 3, verdict.FirstScore!.Value, 12);
        Assert.Equal(2.0 / 3, verdict.SecondScore!.Value, 12);
    }

    [Fact]
    public async Task Length_uses_characters_when_a_paired_candidate_lacks_a_token_count()
    {
        var set = new AnswerSet(TestData.NumericQuestion("q"),
        [
            TestData.Candidate("q", 0, "aaaa", "1", tokens: 1),
            TestData.Candidate("q", 1, "bb", "2", tokens: 9),
            TestData.Candidate("q", 2, "c", "3", tokens: 5),
        ]);
        var withoutTokens = set.Candidates[1] with { TokenCount = null };
        UngradedPair[] pairs = [new(set.Candidates[0], set.Candidates[2]), new(set.Candidates[0], withoutTokens)];

        var result = await new LengthElicitor().ElicitAsync(set, pairs);

        Assert.Equal([(4.0, 1.0), (4.0, 2.0)], result.Orders.Select(o => (o.FirstScore!.Value, o.SecondScore!.Value)));
    }

    [Fact]
    public async Task The_score_judge_uses_a_custom_template()
    {
        var set = Set(2);
        var judge = Replying("Score: 4\nScore: 1");

        await new ScoreJudgeElicitor(judge, new ScoreJudgeOptions { PromptTemplate = "Grade {count}:\n{responses}" }).ElicitVerdictsAsync(set, [TestData.Pair(set, 0, 1, true)]);

        Assert.StartsWith("Grade 2:\nResponse 1:\n", Assert.Single(judge.Calls).LastUserText, StringComparison.Ordinal);
    }
}
