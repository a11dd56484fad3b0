using WrongOverWrong.Tasks;
using WrongOverWrong.Tasks.Extraction;
using WrongOverWrong.Tasks.KnowledgeCrosswords;
using WrongOverWrong.Tasks.MultipleChoice;
using WrongOverWrong.Tasks.NLGraph;
using WrongOverWrong.Tasks.Numeric;

namespace WrongOverWrong.Core.Tests.Tasks;

/// <summary>
/// The oracles' fixed texts, grade arithmetic at its boundaries, and the argument checks of the
/// registry, the grader and the option orders, each with its message and parameter name.
/// </summary>
public class TaskOracleEdgeTests
{
    private static Candidate Answer(ITaskOracle oracle, Question q, string response, IReadOnlyList<int>? order = null)
    {
        var extracted = oracle.ExtractFinalAnswer(q, response, order);
        return new Candidate { QuestionId = q.Id, Index = 0, Generator = "t", Response = response, FinalAnswer = extracted?.Text, OptionIndex = extracted?.OptionIndex, OptionOrder = order };
    }

    private static readonly Question Q0 = new() { Id = "q0", Task = TaskNames.NLGraphShortestPath, Prompt = NLGraph.ShortestPathOracleTests.Question0Text };

    [Fact]
    public void Every_oracle_states_its_name_kind_and_final_answer_instruction()
    {
        var expected = new Dictionary<string, (bool MultipleChoice, string Instruction)>
        {
            [TaskNames.NLGraphShortestPath] = (false, "State only your final answer, in exactly this form: \"The total weight is <number>.\""),
            [TaskNames.NLGraphMaxFlow] = (false, "State only your final answer, in exactly this form: \"The maximum flow is <number>.\""),
            [TaskNames.NLGraphMatching] = (false, "State only your final answer, in exactly this form: \"<number> applicants can find the job they are interested in.\""),
            [TaskNames.Numeric] = (false, "State only your final answer as a plain number, in exactly this form: \"The answer is <number>.\""),
            [TaskNames.KnowledgeCrosswords] = (true, "State only your final answer, in exactly this form: \"The answer is <letter>.\""),
            [TaskNames.GradedChoice] = (true, "State only your final answer, in exactly this form: \"The answer is <letter>.\""),
            [TaskNames.BinaryChoice] = (true, "State only your final answer, in exactly this form: \"The answer is <letter>.\""),
        };
        var tasks = TaskRegistry.CreateBuiltInTasks();
        Assert.Equal(7, tasks.Count);
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), tasks.Select(t => t.Name).Order(StringComparer.Ordinal));
        foreach (var task in tasks)
        {
            Assert.Equal(expected[task.Name], (task.IsMultipleChoice, task.FinalAnswerInstruction));
        }

        Assert.NotSame(tasks[0], TaskRegistry.CreateBuiltInTasks()[0]); // new instances each time
        Assert.All(TaskRegistry.CreateBuiltInTasks(GradingRule.Strict).OfType<IHasGradingRule>(), t => Assert.Equal(GradingRule.Strict, t.Rule));
        Assert.Equal(2, TaskRegistry.CreateBuiltInTasks(GradingRule.Strict).OfType<IHasGradingRule>().Count());
        Assert.Equal(GradingRule.Strict, ((IHasGradingRule)TaskRegistry.CreateDefault(GradingRule.Strict).Get(TaskNames.NLGraphMatching)).Rule);
    }

    [Fact]
    public void Prompts_end_with_the_requested_final_form()
    {
        Assert.EndsWith(
            "Q: Give the shortest path from node 0 to node 2.\n\nThink step by step, then end your answer with the path and its total weight in the form: \"The shortest path from node 0 to node 2 is <node>,<node>,... with a total weight of <number>.\"",
            new ShortestPathOracle().BuildPrompt(Q0));
        var numeric = new Question { Id = "n", Task = TaskNames.Numeric, Prompt = "Compute it.  \n", GoldAnswer = "1" };
        Assert.Equal("Compute it.\n\nThink step by step, then end your answer with \"The answer is <number>.\"", new NumericOracle().BuildPrompt(numeric));
        Assert.Equal("question", Assert.Throws<ArgumentNullException>(() => new NumericOracle().BuildPrompt(null!)).ParamName);
        Assert.Equal("question", Assert.Throws<ArgumentNullException>(() => new ShortestPathOracle().BuildPrompt(null!)).ParamName);
        Assert.Equal("question", Assert.Throws<ArgumentNullException>(() => new MaxFlowOracle().BuildPrompt(null!)).ParamName);
        Assert.Equal("question", Assert.Throws<ArgumentNullException>(() => new MatchingOracle().BuildPrompt(null!)).ParamName);

        var mc = GradedChoiceOracle.CreateQuestion("c", "Pick one. \n", ["x", "y", "z"], [0.1, 0.2, 0.3], 2);
        Assert.Equal("Pick one.\n\nA. z\nB. x\nC. y\n\nThink step by step, then end your answer with \"The answer is <letter>.\"", new GradedChoiceOracle().BuildPrompt(mc, [2, 0, 1]));
        Assert.Equal("Pick one.\n\nA. x\nB. y\nC. z\n\nThink step by step, then end your answer with \"The answer is <letter>.\"", new GradedChoiceOracle().BuildPrompt(mc));
        Assert.Equal("optionOrder", Assert.Throws<ArgumentException>(() => new GradedChoiceOracle().BuildPrompt(mc, [0, 1])).ParamName);
    }

    [Fact]
    public void Distance_grades_at_their_boundaries()
    {
        // Max flow with x* = 0: the normalizer 2x* is zero, so only the exact answer scores.
        var noFlow = new Question { Id = "f0", Task = TaskNames.NLGraphMaxFlow, Prompt = "the nodes are numbered from 0 to 2, an edge from node 1 to node 0 with capacity 3, an edge from node 0 to node 2 with capacity 0. Q: What is the maximum flow from node 0 to node 2?" };
        var flow = new MaxFlowOracle();
        Assert.Equal(0, flow.Solve(noFlow));
        Assert.Equal((0.0, 1.0, true), Triple(flow.Grade(noFlow, Answer(flow, noFlow, "The maximum flow is 0."))));
        Assert.Equal((-1.0, 0.0, false), Triple(flow.Grade(noFlow, Answer(flow, noFlow, "The maximum flow is 1."))));
        Assert.Same(Grade.Unparsable, flow.Grade(noFlow, Answer(flow, noFlow, "No idea.")));
        Assert.Equal("question", Assert.Throws<ArgumentNullException>(() => flow.Grade(null!, Answer(flow, noFlow, "No idea."))).ParamName);

        // x* = 23, normalizer 46: an answer 46 away scores 0, one 23 away 0.5.
        var clrs = new Question { Id = "f1", Task = TaskNames.NLGraphMaxFlow, Prompt = NLGraph.MaxFlowAndMatchingOracleTests.FlowText };
        Assert.Equal((-23.0, 0.5, false), Triple(flow.Grade(clrs, Answer(flow, clrs, "The maximum flow is 46."))));
        Assert.Equal((-46.0, 0.0, false), Triple(flow.Grade(clrs, Answer(flow, clrs, "The maximum flow is 69."))));
        Assert.Equal((0.0, 1.0, true), Triple(flow.Grade(clrs, Answer(flow, clrs, "The maximum flow is 23."))));
    }

    [Fact]
    public void Strict_grades_lie_one_below_the_valid_range_minus_the_distance()
    {
        var strict = new ShortestPathOracle(new ShortestPathOracleOptions { Rule = GradingRule.Strict });
        // w* = 4, L = 9: valid answers have proxies >= -5; an invalid one gets -5 - 1 - |x - 4|.
        var noEdge = strict.Grade(Q0, Answer(strict, Q0, "The shortest path from node 0 to node 2 is 0,2 with a total weight of 7"));
        Assert.Equal((-9.0, 0.0, false), Triple(noEdge));
        Assert.Equal("strict rule: stated path 0,2 is invalid: no edge between node 0 and node 2", noEdge.Detail);
        var wrongTotal = strict.Grade(Q0, Answer(strict, Q0, "The shortest path from node 0 to node 2 is 0,4,2 with a total weight of 4"));
        Assert.Equal("strict rule: stated path 0,4,2 is valid, weight 6, but the stated total is 4", wrongTotal.Detail);
        Assert.Equal(-6, wrongTotal.TrainingProxy);
        Assert.Equal("strict rule: no path stated", strict.Grade(Q0, Answer(strict, Q0, "The total weight is 4.")).Detail);
        var valid = strict.Grade(Q0, Answer(strict, Q0, "The shortest path from node 0 to node 2 is 0,4,2 with a total weight of 6"));
        Assert.Equal((-2.0, 0.6, false), Triple(valid));
        Assert.Equal("stated path 0,4,2 is valid, weight 6", valid.Detail);

        // Matching: x* = 2, valid proxies >= -2, so an invalid answer of 3 gets -2 - 1 - 1.
        var matching = new Question { Id = "m", Task = TaskNames.NLGraphMatching, Prompt = NLGraph.MaxFlowAndMatchingOracleTests.MatchingText };
        var strictMatching = new MatchingOracle(new MatchingOracleOptions { Rule = GradingRule.Strict });
        var invalid = strictMatching.Grade(matching, Answer(strictMatching, matching, "applicant 0: job 1\n3 applicants can find the job they are interested in."));
        Assert.Equal((-4.0, 0.0, false), Triple(invalid));
        Assert.Same(Grade.Unparsable, strictMatching.Grade(matching, Answer(strictMatching, matching, "No idea.")));
    }

    [Fact]
    public void Solvers_name_the_question_whose_target_is_unreachable_and_gold_checks_name_what_is_missing()
    {
        var cut = new Question { Id = "cut", Task = TaskNames.NLGraphShortestPath, Prompt = "an edge between node 0 and node 1 with weight 1, an edge between node 2 and node 3 with weight 1. Q: Give the shortest path from node 0 to node 3.", GoldAnswer = "The total weight is 2." };
        Assert.Equal("Question 'cut': node 3 cannot be reached from node 0.", Assert.Throws<InvalidDataException>(() => new ShortestPathOracle().Solve(cut)).Message);
        Assert.Equal("Question 'cut': node 3 cannot be reached from node 0.", Assert.Throws<InvalidDataException>(() => new ShortestPathOracle().CheckGold(cut)).Message);

        var oracle = new ShortestPathOracle();
        var q = Q0 with { GoldAnswer = "I do not know." };
        var check = oracle.CheckGold(q);
        Assert.Equal(new GoldCheck("q0", false, 4, null, "Question 'q0': gold answer 'I do not know.' states no weight."), check);
        var noGold = oracle.CheckGold(Q0 with { GoldAnswer = null });
        Assert.Equal("Question 'q0': gold answer '' states no weight.", noGold.Message);
        oracle.Solve(q); // a solved question is checked from the cached solution
        Assert.Equal(check, oracle.CheckGold(q));
        Assert.Equal(new GoldCheck("q0", true, 4, 4, null), oracle.CheckGold(Q0 with { GoldAnswer = "The total weight is 4." }));

        var flow = new Question { Id = "f", Task = TaskNames.NLGraphMaxFlow, Prompt = NLGraph.MaxFlowAndMatchingOracleTests.FlowText, GoldAnswer = "Lots." };
        Assert.Equal("Question 'f': gold answer 'Lots.' states no value.", new MaxFlowOracle().CheckGold(flow).Message);
        Assert.Equal("question", Assert.Throws<ArgumentNullException>(() => new MaxFlowOracle().CheckGold(null!)).ParamName);
        Assert.Equal("question", Assert.Throws<ArgumentNullException>(() => new ShortestPathOracle().CheckGold(null!)).ParamName);
        Assert.Equal("question", Assert.Throws<ArgumentNullException>(() => new MatchingOracle().CheckGold(null!)).ParamName);
        Assert.Equal("question", Assert.Throws<ArgumentNullException>(() => new ShortestPathOracle().Solve(null!)).ParamName);
        Assert.Equal("question", Assert.Throws<ArgumentNullException>(() => new MaxFlowOracle().Solve(null!)).ParamName);
        Assert.Equal("question", Assert.Throws<ArgumentNullException>(() => new MatchingOracle().Solve(null!)).ParamName);
    }

    [Fact]
    public void Numeric_tolerances_apply_to_the_size_of_the_gold_value()
    {
        var negative = new Question { Id = "n", Task = TaskNames.Numeric, Prompt = "?", GoldAnswer = "-100" };
        var oracle = new NumericOracle();
        var near = oracle.Grade(negative, Answer(oracle, negative, "The answer is -104."));
        Assert.Equal((-4.0, true), (near.TrainingProxy, near.IsCorrect));
        Assert.Equal(0.96, near.Cor, 12);
        Assert.False(oracle.Grade(negative, Answer(oracle, negative, "The answer is -106.")).IsCorrect);

        var wide = new NumericOracle(new NumericOracleOptions { RelativeTolerance = 0.5, AbsoluteToleranceAtZero = 0.25 });
        Assert.True(wide.Grade(negative, Answer(wide, negative, "The answer is -149.")).IsCorrect);
        Assert.False(wide.Grade(negative, Answer(wide, negative, "The answer is -150.")).IsCorrect);
        var zero = negative with { GoldAnswer = "0" };
        Assert.Equal((-0.25, 1.0, true), Triple(wide.Grade(zero, Answer(wide, zero, "The answer is -0.25."))));
        Assert.Equal((-0.5, 0.0, false), Triple(wide.Grade(zero, Answer(wide, zero, "The answer is 0.5."))));

        Assert.Equal("Question 'n': gold answer 'many' is not a number.", Assert.Throws<FormatException>(() => NumericOracle.Gold(negative with { GoldAnswer = "many" })).Message);
        Assert.Equal("Question 'n': gold answer '' is not a number.", Assert.Throws<FormatException>(() => NumericOracle.Gold(negative with { GoldAnswer = null })).Message);
        Assert.Equal(1234.5, NumericOracle.Gold(negative with { GoldAnswer = " 1,234.5 " }));
        Assert.Equal(-2, NumericOracle.Gold(negative with { GoldAnswer = "−2" }));
        Assert.Throws<FormatException>(() => NumericOracle.Gold(negative with { GoldAnswer = "1e999" })); // infinite is not a number here
        Assert.Equal("question", Assert.Throws<ArgumentNullException>(() => oracle.Grade(null!, Answer(oracle, negative, "1"))).ParamName);
        Assert.Equal("candidate", Assert.Throws<ArgumentNullException>(() => oracle.Grade(negative, null!)).ParamName);
    }

    private static (double, double, bool) Triple(Grade g) => (g.TrainingProxy, g.Cor, g.IsCorrect);

    private static readonly Question Choice = GradedChoiceOracle.CreateQuestion("c-1", "Pick.", ["one", "two", "three", "four"], [1.5, -0.5, 0.25, 0.75], 3);

    [Fact]
    public void Choice_grades_clip_the_proxy_and_resolve_text_answers_only_when_unique()
    {
        var oracle = new GradedChoiceOracle();
        Candidate Picked(int? index, string? text) => new() { QuestionId = "c-1", Index = 0, Generator = "t", Response = "", OptionIndex = index, FinalAnswer = text };
        Assert.Equal((1.5, 1.0, false), Triple(oracle.Grade(Choice, Picked(0, "one"))));
        Assert.Equal((-0.5, 0.0, false), Triple(oracle.Grade(Choice, Picked(1, null))));
        Assert.Equal((0.25, 0.25, false), Triple(oracle.Grade(Choice, Picked(null, "three"))));
        Assert.Equal((1.0, 1.0, true), Triple(oracle.Grade(Choice, Picked(3, "four"))));
        Assert.Same(Grade.Unparsable, oracle.Grade(Choice, Picked(-1, "one")));
        Assert.Same(Grade.Unparsable, oracle.Grade(Choice, Picked(4, "one")));
        Assert.Same(Grade.Unparsable, oracle.Grade(Choice, Picked(null, null)));
        Assert.Same(Grade.Unparsable, oracle.Grade(Choice, Picked(null, "One")));

        var twins = GradedChoiceOracle.CreateQuestion("c-2", "Pick.", ["same", "same", "other"], [0.1, 0.2, 0.3], 2);
        Assert.Same(Grade.Unparsable, oracle.Grade(twins, Picked(null, "same") with { QuestionId = "c-2" }));
        Assert.Equal("candidate", Assert.Throws<ArgumentNullException>(() => oracle.Grade(Choice, null!)).ParamName);

        var binary = BinaryChoiceOracle.CreateQuestion("b", "Pick.", ["x", "y"], 0);
        var binaryOracle = new BinaryChoiceOracle();
        Assert.Equal((1.0, 1.0, true), Triple(binaryOracle.Grade(binary, Picked(0, null) with { QuestionId = "b" })));
        Assert.Equal((0.0, 0.0, false), Triple(binaryOracle.Grade(binary, Picked(1, null) with { QuestionId = "b" })));
        var data = binary with { Options = [new AnswerOption("x", 0.3, true), new AnswerOption("y", 0.7, false)] };
        Assert.Equal((1.0, 1.0, true), Triple(binaryOracle.Grade(data, Picked(0, null))));
        Assert.Equal((0.0, 0.0, false), Triple(binaryOracle.Grade(data, Picked(1, null))));
    }

    [Fact]
    public void Choice_questions_check_their_options_and_gold_index()
    {
        var proxies = Assert.Throws<ArgumentException>(() => GradedChoiceOracle.CreateQuestion("c-3", "?", ["a", "b"], [0.1], 0));
        Assert.Equal("proxies", proxies.ParamName);
        Assert.StartsWith("Question 'c-3': 2 options but 1 proxies.", proxies.Message);
        foreach (var gold in new[] { -1, 2 })
        {
            var graded = Assert.Throws<ArgumentOutOfRangeException>(() => GradedChoiceOracle.CreateQuestion("c-3", "?", ["a", "b"], [0.1, 0.2], gold));
            Assert.Equal("goldIndex", graded.ParamName);
            Assert.StartsWith("Question 'c-3': gold index outside the 2 options.", graded.Message);
            var binary = Assert.Throws<ArgumentOutOfRangeException>(() => BinaryChoiceOracle.CreateQuestion("b-3", "?", ["a", "b"], gold));
            Assert.Equal("goldIndex", binary.ParamName);
            Assert.StartsWith("Question 'b-3': gold index outside the 2 options.", binary.Message);
        }

        var built = BinaryChoiceOracle.CreateQuestion("b-4", "?", ["a", "b", "c"], 2);
        Assert.Equal(("c", TaskNames.BinaryChoice), (built.GoldAnswer, built.Task));
        Assert.Equal([0.0, 0.0, 1.0], built.Options!.Select(o => o.Proxy));
        Assert.Equal([false, false, true], built.Options!.Select(o => o.IsCorrect));
        Assert.Equal(("one", "four"), (GradedChoiceOracle.CreateQuestion("g", "?", ["one", "four"], [0.5, 0.5], 0).GoldAnswer, Choice.GoldAnswer));
        Assert.Equal("options", Assert.Throws<ArgumentNullException>(() => GradedChoiceOracle.CreateQuestion("g", "?", null!, [0.5], 0)).ParamName);
        Assert.Equal("proxies", Assert.Throws<ArgumentNullException>(() => GradedChoiceOracle.CreateQuestion("g", "?", ["a"], null!, 0)).ParamName);
        Assert.Equal("options", Assert.Throws<ArgumentNullException>(() => BinaryChoiceOracle.CreateQuestion("g", "?", null!, 0)).ParamName);

        var oracle = new GradedChoiceOracle();
        foreach (var count in new[] { 1, 27 })
        {
            var q = new Question { Id = "n-" + count, Task = TaskNames.GradedChoice, Prompt = "?", Options = [.. Enumerable.Range(0, count).Select(i => new AnswerOption("o" + i, 0, i == 0))] };
            var ex = Assert.Throws<ArgumentException>(() => oracle.BuildPrompt(q));
            Assert.Equal("question", ex.ParamName);
            Assert.StartsWith($"Question 'n-{count}' needs 2 to 26 options for a multiple-choice task.", ex.Message);
        }

        var full = new Question { Id = "z", Task = TaskNames.GradedChoice, Prompt = "?", Options = [.. Enumerable.Range(0, 26).Select(i => new AnswerOption("o" + i, 0, i == 0))] };
        Assert.Contains("\nZ. o25\n", oracle.BuildPrompt(full));
        Assert.Equal(25, oracle.ExtractFinalAnswer(full, "The answer is Z.")!.OptionIndex);
        var two = new Question { Id = "t", Task = TaskNames.GradedChoice, Prompt = "?", Options = [new AnswerOption("a", 0, true), new AnswerOption("b", 0, false)] };
        Assert.Equal(1, oracle.ExtractFinalAnswer(two, "B")!.OptionIndex);

        Assert.Equal('A', MultipleChoiceOracle.Letter(0));
        Assert.Equal('Z', MultipleChoiceOracle.Letter(25));
        foreach (var position in new[] { -1, 26 })
        {
            var ex = Assert.Throws<ArgumentOutOfRangeException>(() => MultipleChoiceOracle.Letter(position));
            Assert.Equal(("position", (object)position), (ex.ParamName, ex.ActualValue!));
            Assert.StartsWith("At most 26 options can be shown as letters.", ex.Message);
        }
    }

    [Fact]
    public void Choice_readings_map_shown_letters_back_and_say_why_none_was_read()
    {
        var oracle = new KnowledgeCrosswordsOracle();
        var q = Choice with { Task = TaskNames.KnowledgeCrosswords };
        var read = oracle.ReadFinalAnswer(q, "The answer is B.", [3, 2, 1, 0]);
        Assert.Equal(new ExtractedAnswer("three", OptionIndex: 2), read.Answer);
        Assert.Null(read.Reason);
        Assert.Equal("option E is not one of the 4 shown options", oracle.ReadFinalAnswer(q, "The answer is E.").Reason);
        Assert.Equal(FinalAnswerReading.NothingStated, oracle.ReadFinalAnswer(q, "Hmm.").Reason);
        Assert.Equal("text", Assert.Throws<ArgumentNullException>(() => oracle.ReadFinalAnswer(q, null!)).ParamName);
        Assert.Equal("optionOrder", Assert.Throws<ArgumentException>(() => oracle.ReadFinalAnswer(q, "B", [0, 1, 2])).ParamName);
        Assert.Equal(TaskNames.KnowledgeCrosswords, oracle.Name);
    }

    [Fact]
    public void Option_orders_are_checked_with_the_problem_named()
    {
        OptionPermutation.Validate([2, 0, 1], 3);
        Assert.Empty(OptionPermutation.Identity(0));
        Assert.Equal([0, 1, 2], OptionPermutation.Identity(3));
        Assert.Empty(OptionPermutation.Shuffle(0, new Random(1)));
        Assert.Equal([0], OptionPermutation.Shuffle(1, new Random(1)));

        var count = Assert.Throws<ArgumentException>(() => OptionPermutation.Validate([0, 1, 2], 2, "order"));
        Assert.Equal("order", count.ParamName);
        Assert.StartsWith("Option order has 3 entries but the question has 2 options.", count.Message);
        foreach (var bad in new[] { new[] { 1, 1 }, new[] { -1, 0 }, new[] { 0, 2 } })
        {
            var ex = Assert.Throws<ArgumentException>(() => OptionPermutation.Validate(bad, 2));
            Assert.Equal("optionOrder", ex.ParamName);
            Assert.StartsWith($"Option order [{bad[0]},{bad[1]}] is not a permutation of 0..1.", ex.Message);
        }

        Assert.Equal("custom", Assert.Throws<ArgumentNullException>(() => OptionPermutation.Validate(null!, 2, "custom")).ParamName);
        Assert.Equal("count", Assert.Throws<ArgumentOutOfRangeException>(() => OptionPermutation.Identity(-1)).ParamName);
        Assert.Equal("count", Assert.Throws<ArgumentOutOfRangeException>(() => OptionPermutation.Shuffle(-1, new Random(1))).ParamName);
        Assert.Equal("rng", Assert.Throws<ArgumentNullException>(() => OptionPermutation.Shuffle(3, null!)).ParamName);
    }

    [Fact]
    public void Shuffles_are_uniform_over_all_orders()
    {
        // 24,000 shuffles of 4 options: each of the 24 orders is expected 1,000 times (sd about 31).
        var rng = new Random(5);
        var counts = new Dictionary<string, int>();
        for (var i = 0; i < 24_000; i++)
        {
            var key = string.Join(",", OptionPermutation.Shuffle(4, rng));
            counts[key] = counts.GetValueOrDefault(key) + 1;
        }

        Assert.Equal(24, counts.Count);
        Assert.All(counts.Values, c => Assert.InRange(c, 850, 1150));
    }

    private sealed class PlainOracle : ITaskOracle
    {
        public string Name => "plain";

        public bool IsMultipleChoice => false;

        public string FinalAnswerInstruction => "";

        public string BuildPrompt(Question question, IReadOnlyList<int>? optionOrder = null) => "";

        public ExtractedAnswer? ExtractFinalAnswer(Question question, string text, IReadOnlyList<int>? optionOrder = null) => null;

        public Grade Grade(Question question, Candidate candidate) => new(1, 1, true);
    }

    [Fact]
    public async Task The_grader_names_the_task_and_candidate_that_do_not_belong()
    {
        var question = new Question { Id = "q0", Task = TaskNames.Numeric, Prompt = "?", GoldAnswer = "1" };
        var set = new AnswerSet(question, [new Candidate { QuestionId = "q0", Index = 0, Generator = "g", Response = "r", FinalAnswer = "1" }]);
        var task = Assert.Throws<ArgumentException>(() => new MaxFlowOracle().GradeAll(set));
        Assert.Equal("set", task.ParamName);
        Assert.StartsWith("Question 'q0' belongs to task 'numeric', not 'nlgraph-max-flow'.", task.Message);

        var stranger = new AnswerSet(question, [set.Candidates[0], set.Candidates[0] with { Index = 4, QuestionId = "q9" }]);
        var ex = Assert.Throws<ArgumentException>(() => new NumericOracle().GradeAll(stranger));
        Assert.Equal("set", ex.ParamName);
        Assert.StartsWith("Question 'q0': candidate 4 answers question 'q9'.", ex.Message);

        Assert.Equal("task", Assert.Throws<ArgumentNullException>(() => ((ITaskOracle)null!).GradeAll(set)).ParamName);
        Assert.Equal("set", Assert.Throws<ArgumentNullException>(() => new NumericOracle().GradeAll(null!)).ParamName);
        Assert.Equal("registry", Assert.Throws<ArgumentNullException>(() => ((TaskRegistry)null!).GradeAll(set)).ParamName);
        Assert.Equal("set", Assert.Throws<ArgumentNullException>(() => TaskRegistry.CreateDefault().GradeAll(null!)).ParamName);

        // At the call, before anything is enumerated.
        Assert.Equal("registry", Assert.Throws<ArgumentNullException>(() => ((TaskRegistry)null!).GradeAllAsync(AsyncSets(set))).ParamName);
        Assert.Equal("sets", Assert.Throws<ArgumentNullException>(() => TaskRegistry.CreateDefault().GradeAllAsync(null!)).ParamName);
    }

    private static async IAsyncEnumerable<AnswerSet> AsyncSets(params AnswerSet[] sets)
    {
        foreach (var set in sets)
        {
            await Task.Yield();
            yield return set;
        }
    }

    [Fact]
    public async Task Unparsable_grades_explain_only_what_a_reader_can_explain()
    {
        // A task that is no reader: the shared unparsable grade, without detail.
        var plain = new Question { Id = "p", Task = "plain", Prompt = "?" };
        var graded = new PlainOracle().GradeAll(new AnswerSet(plain, [new Candidate { QuestionId = "p", Index = 0, Generator = "g", Response = "4 or 5" }]));
        Assert.Same(Grade.Unparsable, graded.Candidates[0].Grade);

        // A stored option order that does not fit the question: nothing to explain.
        var choice = new AnswerSet(Choice, [new Candidate { QuestionId = "c-1", Index = 0, Generator = "g", Response = "The answer is A or B.", OptionOrder = [0, 1] }]);
        Assert.Same(Grade.Unparsable, new GradedChoiceOracle().GradeAll(choice).Candidates[0].Grade);

        // The same response with a valid order is undecided, and the grade says so.
        var undecided = new AnswerSet(Choice, [new Candidate { QuestionId = "c-1", Index = 0, Generator = "g", Response = "The answer is A or B.", OptionOrder = [1, 0, 2, 3] }]);
        var grade = new GradedChoiceOracle().GradeAll(undecided).Candidates[0].Grade;
        Assert.StartsWith("unparsable: the answer is undecided: ", grade.Detail);
        Assert.Equal((double.NegativeInfinity, 0.0, false), Triple(grade));

        // Parsable candidates are graded by the oracle; the stream grades one set at a time, in order.
        var numeric = new Question { Id = "n", Task = TaskNames.Numeric, Prompt = "?", GoldAnswer = "2" };
        var sets = new[] { new AnswerSet(numeric, [new Candidate { QuestionId = "n", Index = 0, Generator = "g", Response = "2", FinalAnswer = "2" }]), undecided };
        var results = new List<GradedAnswerSet>();
        await foreach (var result in TaskRegistry.CreateDefault().GradeAllAsync(AsyncSets(sets)))
        {
            results.Add(result);
        }

        Assert.Equal(2, results.Count);
        Assert.True(results[0].Candidates[0].Grade.IsCorrect);
        Assert.Equal(grade.Detail, results[1].Candidates[0].Grade.Detail);

        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var _ in TaskRegistry.CreateDefault().GradeAllAsync(CancellableSets(sets), cancelled.Token))
            {
            }
        });
    }

    private static async IAsyncEnumerable<AnswerSet> CancellableSets(AnswerSet[] sets, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken token = default)
    {
        foreach (var set in sets)
        {
            await Task.Delay(1, token);
            yield return set;
        }
    }

    [Fact]
    public void The_registry_names_duplicates_and_unknown_tasks_with_the_known_ones()
    {
        var registry = new TaskRegistry([new NumericOracle(), new MaxFlowOracle()]);
        Assert.Equal(2, registry.Names.Count);
        var duplicate = Assert.Throws<ArgumentException>(() => registry.Add(new NumericOracle()));
        Assert.Equal("task", duplicate.ParamName);
        Assert.StartsWith("A task named 'numeric' is already registered.", duplicate.Message);
        Assert.Equal("No task named 'chess' is registered; known tasks: nlgraph-max-flow, numeric.", Assert.Throws<KeyNotFoundException>(() => registry.Get("chess")).Message);
        Assert.True(registry.TryGet("numeric", out var found));
        Assert.IsType<NumericOracle>(found);
        Assert.IsType<MaxFlowOracle>(registry.For(new Question { Id = "x", Task = TaskNames.NLGraphMaxFlow, Prompt = "?" }));
        Assert.Equal("tasks", Assert.Throws<ArgumentNullException>(() => new TaskRegistry(null!)).ParamName);
        Assert.Equal("task", Assert.Throws<ArgumentNullException>(() => registry.Add(null!)).ParamName);
        Assert.Equal("name", Assert.Throws<ArgumentNullException>(() => registry.Get(null!)).ParamName);
        Assert.Equal("question", Assert.Throws<ArgumentNullException>(() => registry.For(null!)).ParamName);
    }
}
