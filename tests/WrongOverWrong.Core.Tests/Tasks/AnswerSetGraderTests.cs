using WrongOverWrong.Metrics.Pairs;
using WrongOverWrong.Tasks;
using WrongOverWrong.Tasks.NLGraph;

namespace WrongOverWrong.Core.Tests.Tasks;

public class AnswerSetGraderTests
{
    [Fact]
    public void Grades_every_candidate_and_marks_unparsable_ones()
    {
        var question = new Question
        {
            Id = "q0",
            Task = TaskNames.NLGraphShortestPath,
            Prompt = NLGraph.ShortestPathOracleTests.Question0Text,
        };
        var set = new AnswerSet(question,
        [
            new Candidate { QuestionId = "q0", Index = 0, Generator = "g", Response = "The total weight is 4.", FinalAnswer = "4" },
            new Candidate { QuestionId = "q0", Index = 1, Generator = "g", Response = "hmm" },
            new Candidate { QuestionId = "q0", Index = 2, Generator = "g", Response = "The total weight is 9.", FinalAnswer = "9" },
        ]);

        var graded = TaskRegistry.CreateDefault().GradeAll(set);
        Assert.True(graded.Candidates[0].Grade.IsCorrect);
        Assert.Same(Grade.Unparsable, graded.Candidates[1].Grade);
        Assert.Equal(0.0, graded.Candidates[2].Grade.Cor); // w = L = 9: 1 - 5/5
        Assert.Equal(-5, graded.Candidates[2].Grade.TrainingProxy);
        Assert.Same(set.Candidates[0], graded.Candidates[0].Candidate); // the candidate itself is not changed

        Assert.Throws<ArgumentException>(() => new MaxFlowOracle().GradeAll(set));
    }

    [Fact]
    public async Task Grades_a_stream_read_from_a_file_then_pairs_it()
    {
        var question = new Question { Id = "q0", Task = TaskNames.NLGraphShortestPath, Prompt = NLGraph.ShortestPathOracleTests.Question0Text };
        Candidate C(int i, string? answer) => new() { QuestionId = "q0", Index = i, Generator = "g", Response = "r", FinalAnswer = answer };
        var path = Path.Combine(Path.GetTempPath(), $"wow-grade-{Guid.NewGuid():N}.jsonl");
        try
        {
            await WrongOverWrong.IO.AnswerSetJsonLines.WriteAsync(path, [new AnswerSet(question, [C(0, "5"), C(1, "7"), C(2, "4"), C(3, null)])]);
            var registry = TaskRegistry.CreateDefault();
            var result = await new WrongOverWrong.Pairing.PairBuilder().BuildAsync(registry.GradeAllAsync(WrongOverWrong.IO.AnswerSetJsonLines.ReadAsync(path)));

            // 5 and 7 are wrong with different proxies (-1, -3): one WoW pair, 5 is less wrong.
            var pair = Assert.Single(result.Pairs);
            Assert.Equal((0, 1, PairWinner.First), (pair.First.Index, pair.Second.Index, pair.Gold));
            Assert.Equal(3, result.Report.DroppedUnparsable);
            Assert.Equal(2, result.Report.DroppedKindNotRequested);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Candidate_of_another_question_is_an_error()
    {
        var question = new Question { Id = "q0", Task = TaskNames.Numeric, Prompt = "?", GoldAnswer = "1" };
        var set = new AnswerSet(question, [new Candidate { QuestionId = "q9", Index = 0, Generator = "g", Response = "r", FinalAnswer = "1" }]);
        var ex = Assert.Throws<ArgumentException>(() => TaskRegistry.CreateDefault().GradeAll(set));
        Assert.Contains("'q9'", ex.Message);
    }

    [Fact]
    public void An_unparsable_answer_that_states_conflicting_answers_says_why_in_the_grade()
    {
        var question = new Question { Id = "q0", Task = TaskNames.NLGraphShortestPath, Prompt = NLGraph.ShortestPathOracleTests.Question0Text };
        var set = new AnswerSet(question,
        [
            new Candidate { QuestionId = "q0", Index = 0, Generator = "g", Response = "The answer is 4. Final answer: 6" },
            new Candidate { QuestionId = "q0", Index = 1, Generator = "g", Response = "I do not know." },
        ]);

        var graded = TaskRegistry.CreateDefault().GradeAll(set);
        Assert.False(graded.Candidates[0].Grade!.IsCorrect);
        Assert.Equal(double.NegativeInfinity, graded.Candidates[0].Grade!.TrainingProxy);
        Assert.StartsWith("unparsable: conflicting statements: 4", graded.Candidates[0].Grade!.Detail);
        Assert.Same(Grade.Unparsable, graded.Candidates[1].Grade);
    }
}
