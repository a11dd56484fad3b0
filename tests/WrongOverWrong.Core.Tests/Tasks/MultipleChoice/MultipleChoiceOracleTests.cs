using WrongOverWrong.Tasks;
using WrongOverWrong.Tasks.MultipleChoice;

namespace WrongOverWrong.Core.Tests.Tasks.MultipleChoice;

public class MultipleChoiceOracleTests
{
    private static readonly Question Com2 = GradedChoiceOracle.CreateQuestion(
        "com2-1", "What happens next?", ["He sleeps.", "He eats.", "He flies.", "He runs."], [0.2, 0.9, 0.05, 0.6], goldIndex: 1);

    private readonly GradedChoiceOracle _oracle = new();

    private static Candidate Picked(ExtractedAnswer? a, IReadOnlyList<int>? order) =>
        new() { QuestionId = "com2-1", Index = 0, Generator = "t", Response = "", FinalAnswer = a?.Text, OptionIndex = a?.OptionIndex, OptionOrder = order };

    [Fact]
    public void Gold_gets_proxy_one_and_is_the_only_correct_option()
    {
        Assert.Equal([0.2, 1.0, 0.05, 0.6], Com2.Options!.Select(o => o.Proxy));
        Assert.Equal([false, true, false, false], Com2.Options!.Select(o => o.IsCorrect));
    }

    [Fact]
    public void Prompt_shows_options_in_the_given_order()
    {
        var prompt = _oracle.BuildPrompt(Com2, [2, 0, 3, 1]);
        Assert.Contains("A. He flies.\nB. He sleeps.\nC. He runs.\nD. He eats.\n", prompt);
        Assert.Contains("The answer is <letter>.", _oracle.FinalAnswerInstruction);
        Assert.Throws<ArgumentException>(() => _oracle.BuildPrompt(Com2, [0, 0, 1, 2]));
    }

    [Fact]
    public void Letter_maps_back_to_the_underlying_option()
    {
        int[] order = [2, 0, 3, 1];
        var a = _oracle.ExtractFinalAnswer(Com2, "Let me think. Maybe A. Actually the answer is C.", order);
        Assert.Equal(3, a!.OptionIndex);
        Assert.Equal("He runs.", a.Text);

        // Another sample shows the same option under another letter: same normalised answer.
        var b = _oracle.ExtractFinalAnswer(Com2, "The answer is D.", [0, 1, 2, 3]);
        Assert.Equal(a, b);

        var grade = _oracle.Grade(Com2, Picked(a, order));
        Assert.Equal((0.6, 0.6, false), (grade.TrainingProxy, grade.Cor, grade.IsCorrect));
    }

    [Theory]
    [InlineData("Answer: **B**", 1)]
    [InlineData("the answer is (C)", 2)]
    [InlineData("B", 1)]
    [InlineData("The correct answer is: D", 3)]
    [InlineData("Answer: option A", 0)]
    [InlineData("(D).", 3)]
    public void Accepts_common_answer_forms(string text, int expected)
    {
        Assert.Equal(expected, _oracle.ExtractFinalAnswer(Com2, text)!.OptionIndex);
    }

    [Theory]
    [InlineData("I think the answer is a good question.")]
    [InlineData("The answer is E.")]
    [InlineData("No idea.")]
    public void Returns_null_for_no_answer_or_a_letter_beyond_the_options(string text)
    {
        Assert.Null(_oracle.ExtractFinalAnswer(Com2, text));
    }

    [Theory]
    [InlineData("The answer is (B).", 1)]
    [InlineData("The answer is: **C**", 2)]
    [InlineData("The answer is I think B", 1)]
    [InlineData("answer is I think B.", 1)]
    [InlineData("The answer is, I believe, option D.", 3)]
    [InlineData("So the answer is clearly \"A\".", 0)]
    [InlineData("The answer is B. I'm sure the answer is correct.", 1)] // a later cue without a letter does not hide B
    [InlineData("The answer is I'd say C", 2)]
    public void Skips_filler_words_between_the_cue_and_the_letter(string text, int expected)
    {
        Assert.Equal(expected, _oracle.ExtractFinalAnswer(Com2, text)!.OptionIndex);
    }

    [Theory]
    [InlineData("The answer is B. No wait, the answer is E.")] // the last stated letter is no option: no fallback to B
    [InlineData("The answer is I.")] // with four options, I is out of range
    [InlineData("The answer is I think quite hard to tell.")]
    [InlineData("The answer is not obvious from what we know so far, B might fit.")] // beyond the words read after the cue
    public void Returns_null_when_the_stated_letter_is_no_shown_option(string text)
    {
        Assert.Null(_oracle.ExtractFinalAnswer(Com2, text));
    }

    [Theory]
    [InlineData("The answer is I think B", 1)] // "I" followed by a word is the pronoun
    [InlineData("The answer is I.", 8)] // "I" ending the sentence is option I
    [InlineData("The answer is (I)", 8)]
    [InlineData("The answer is I, since the others fail.", 8)]
    [InlineData("answer: **I**", 8)]
    [InlineData("The answer is J.", 9)]
    public void With_nine_or_more_options_I_is_a_letter_only_when_it_ends_the_clause(string text, int expected)
    {
        var texts = Enumerable.Range(0, 10).Select(i => $"option {i}").ToList();
        var q = GradedChoiceOracle.CreateQuestion("ten", "Which?", texts, texts.Select((_, i) => i / 9.0).ToList(), goldIndex: 9);
        Assert.Equal(expected, _oracle.ExtractFinalAnswer(q, text)!.OptionIndex);
    }

    [Fact]
    public void Grade_falls_back_to_the_option_text_and_otherwise_is_unparsable()
    {
        var byText = new Candidate { QuestionId = "com2-1", Index = 0, Generator = "t", Response = "", FinalAnswer = "He eats." };
        Assert.True(_oracle.Grade(Com2, byText).IsCorrect);
        var unknown = byText with { FinalAnswer = "He swims." };
        Assert.Same(Grade.Unparsable, _oracle.Grade(Com2, unknown));
    }

    [Fact]
    public void Binary_choice_ignores_graded_proxies()
    {
        var q = BinaryChoiceOracle.CreateQuestion("med-1", "Which drug?", ["a", "b", "c", "d"], 2);
        var oracle = new BinaryChoiceOracle();
        Assert.Equal(TaskNames.BinaryChoice, q.Task);
        var wrong = oracle.Grade(q, Picked(oracle.ExtractFinalAnswer(q, "The answer is A."), null));
        var right = oracle.Grade(q, Picked(oracle.ExtractFinalAnswer(q, "The answer is C."), null));
        Assert.Equal((0.0, 0.0, false), (wrong.TrainingProxy, wrong.Cor, wrong.IsCorrect));
        Assert.Equal((1.0, 1.0, true), (right.TrainingProxy, right.Cor, right.IsCorrect));
    }

    [Fact]
    public void Chess_win_chance_follows_the_logistic_rule()
    {
        Assert.Equal(0.5, ChessWinChance.FromCentipawns(0), 12);
        Assert.Equal(1 / 1.1, ChessWinChance.FromCentipawns(400), 12); // 1 / (1 + 10^-1)
        Assert.Equal(1 / 11.0, ChessWinChance.FromCentipawns(-400), 12);
        Assert.Equal(1.0, ChessWinChance.FromMate(true));
        Assert.Equal(0.0, ChessWinChance.FromMate(false));
    }

    [Fact]
    public void Question_without_options_is_named()
    {
        var q = new Question { Id = "bad-1", Task = TaskNames.GradedChoice, Prompt = "?" };
        var ex = Assert.Throws<ArgumentException>(() => _oracle.BuildPrompt(q));
        Assert.Contains("bad-1", ex.Message);
    }
}
