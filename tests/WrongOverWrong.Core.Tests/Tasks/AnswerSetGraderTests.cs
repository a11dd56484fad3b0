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
        Assert.True(graded.Candidates[0].Grade!.IsCorrect);
        Assert.Same(Grade.Unparsable, graded.Candidates[1].Grade);
        Assert.Equal(0.0, graded.Candidates[2].Grade!.ClippedProxy); // w = L = 9: 1 - 5/5
        Assert.Equal(-5, graded.Candidates[2].Grade!.Proxy);
        Assert.Null(set.Candidates[0].Grade); // the input is not changed

        Assert.Throws<ArgumentException>(() => new MaxFlowOracle().GradeAll(set));
    }
}
