using WrongOverWrong.Core.Tests.Tasks.NLGraph;
using WrongOverWrong.Tasks;
using WrongOverWrong.Tasks.Extraction;
using WrongOverWrong.Tasks.MultipleChoice;
using WrongOverWrong.Tasks.NLGraph;
using WrongOverWrong.Tasks.Numeric;

namespace WrongOverWrong.Core.Tests.Tasks.Extraction;

/// <summary>
/// The pieces under the answer readers at their edges: the reasons the statement selector gives
/// (each in full, with quotes cut at 80 characters), the arithmetic evaluator, the text
/// normaliser's limits and sentence breaks, scientific notation, and the option reader's bare
/// replies and restated option lines.
/// </summary>
public class ExtractionEdgeTests
{
    private static Statement<int> S(int value, StatementStrength strength, int sentence, string quote, bool undecided = false, int position = 0, bool corrects = false) =>
        new(value, undecided, strength, sentence, quote, position, corrects);

    private static (int? Value, string? Reason) Select(params Statement<int>[] statements) =>
        StatementSelector.Select(statements, v => "v" + v);

    [Fact]
    public void The_selector_gives_each_reason_in_full()
    {
        Assert.Equal((null, "no final answer stated"), Select());
        Assert.Equal((null, "the answer is undecided: 'four or five'"), Select(S(4, StatementStrength.Answer, 0, "four or five", undecided: true)));
        Assert.Equal(
            (null, "conflicting statements: v4 ('a four') vs v6 ('a six')"),
            Select(S(4, StatementStrength.Answer, 0, "a four"), S(6, StatementStrength.FinalAnswer, 1, "a six")));
        Assert.Equal(
            (null, "the answer v4 is followed by an undecided one: 'four or five'"),
            Select(S(4, StatementStrength.Answer, 0, "a four"), S(5, StatementStrength.Answer, 1, "four or five", undecided: true)));
        Assert.Equal(
            (null, "conflicting statements: v5 ('final five') vs the conclusion v7 ('so seven')"),
            Select(S(7, StatementStrength.Conclusion, 0, "so seven"), S(5, StatementStrength.FinalAnswer, 1, "final five")));

        // Agreement: answers and final answers together; an undecided one before the decisive one is passed.
        Assert.Equal((4, null), Select(S(4, StatementStrength.Answer, 0, "a"), S(4, StatementStrength.FinalAnswer, 2, "b"), S(9, StatementStrength.Mention, 3, "c")));
        Assert.Equal((4, null), Select(S(5, StatementStrength.Answer, 0, "x", undecided: true), S(4, StatementStrength.Answer, 1, "y")));
        Assert.Equal((4, null), Select(S(4, StatementStrength.Answer, 1, "x"), S(5, StatementStrength.Answer, 1, "y", undecided: true)));
        Assert.Equal((4, null), Select(S(4, StatementStrength.FinalAnswer, 0, "x"), S(4, StatementStrength.Conclusion, 1, "y"), S(8, StatementStrength.Conclusion, 0, "z", undecided: true)));

        // Conclusions: the last sentence with one decides, whatever came before.
        Assert.Equal((3, null), Select(S(7, StatementStrength.Conclusion, 0, "a"), S(3, StatementStrength.Conclusion, 2, "b"), S(9, StatementStrength.Mention, 3, "c")));
        Assert.Equal((null, "conflicting statements: v3 ('b') vs v8 ('c')"), Select(S(7, StatementStrength.Conclusion, 0, "a"), S(3, StatementStrength.Conclusion, 2, "b"), S(8, StatementStrength.Conclusion, 2, "c", position: 5)));

        // Mentions must all agree.
        Assert.Equal((2, null), Select(S(2, StatementStrength.Mention, 0, "a"), S(2, StatementStrength.Mention, 1, "b")));
        Assert.Equal((null, "conflicting statements: v2 ('a') vs v3 ('b')"), Select(S(3, StatementStrength.Mention, 1, "b"), S(2, StatementStrength.Mention, 0, "a")));
    }

    [Fact]
    public void A_correction_withdraws_only_what_came_before_it_in_text_order()
    {
        // Given out of order: sorted by sentence, then position, before the last correction is found.
        Assert.Equal((6, null), Select(S(6, StatementStrength.Answer, 1, "no, 6", position: 9, corrects: true), S(5, StatementStrength.Answer, 1, "first 5", position: 2), S(4, StatementStrength.Answer, 0, "4")));
        Assert.Equal((null, "conflicting statements: v6 ('no, 6') vs v7 ('7')"), Select(S(4, StatementStrength.Answer, 0, "4"), S(6, StatementStrength.Answer, 1, "no, 6", corrects: true), S(7, StatementStrength.Answer, 2, "7")));
        Assert.Equal((null, "conflicting statements: v4 ('4') vs v6 ('6')"), Select(S(4, StatementStrength.Answer, 0, "4", corrects: true), S(6, StatementStrength.Answer, 1, "6")));
        Assert.True(StatementSelector.IsCorrection("Actually, "));
        Assert.True(StatementSelector.IsCorrection("3 is wrong; then "));
        Assert.False(StatementSelector.IsCorrection("The answer "));
    }

    [Fact]
    public void Quotes_are_cut_at_eighty_characters()
    {
        var eighty = new string('a', 80);
        var long81 = new string('b', 81);
        Assert.Equal($"the answer is undecided: '{eighty}'", Select(S(1, StatementStrength.Answer, 0, eighty, undecided: true)).Reason);
        Assert.Equal($"the answer is undecided: '{new string('b', 77)}...'", Select(S(1, StatementStrength.Answer, 0, long81, undecided: true)).Reason);
    }

    [Theory]
    [InlineData("3 + 1", 4.0)]
    [InlineData("2 × 3 - 1", 5.0)]
    [InlineData("1 - 2 * 3", -5.0)]
    [InlineData("6 / 2 / 3", 1.0)]
    [InlineData("10 ÷ 4", 2.5)]
    [InlineData("-3 + 5", 2.0)]
    [InlineData("+3", 3.0)]
    [InlineData("−3 − 2", -5.0)]
    [InlineData("1e3 + 1", 1001.0)]
    [InlineData("2e+2 * 2", 400.0)]
    [InlineData("1,000 + 1", 1001.0)]
    [InlineData("7", 7.0)]
    public void Arithmetic_follows_precedence_left_to_right(string expression, double expected)
    {
        Assert.Equal(expected, ArithmeticExpression.Evaluate(expression));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("3 +")]
    [InlineData("3 3")]
    [InlineData("2 * -3")]
    [InlineData("- - 3")]
    [InlineData("3 + x")]
    [InlineData("6 / 0")]
    [InlineData("1e308 * 10")]
    [InlineData("(3 + 1)")]
    [InlineData("* 3")]
    [InlineData("/ 3")]
    [InlineData("2e−5")] // the exponent's sign is ASCII, as in the number pattern the readers match first
    public void Anything_but_plain_finite_arithmetic_has_no_value(string expression)
    {
        Assert.Null(ArithmeticExpression.Evaluate(expression));
    }

    [Fact]
    public void Arithmetic_reads_at_most_64_terms()
    {
        Assert.Equal(64, ArithmeticExpression.Evaluate(string.Join(" + ", Enumerable.Repeat("1", 64))));
        Assert.Null(ArithmeticExpression.Evaluate(string.Join(" + ", Enumerable.Repeat("1", 65))));
        Assert.Equal(-64, ArithmeticExpression.Evaluate("-" + string.Join(" - ", Enumerable.Repeat("1", 64)))); // a leading sign is no term
        Assert.Equal("expression", Assert.Throws<ArgumentNullException>(() => ArithmeticExpression.Evaluate(null!)).ParamName);
    }

    [Fact]
    public void Normalising_removes_formatting_and_keeps_the_boxed_answer()
    {
        Assert.Equal("a\nb\nc", ResponseText.Normalize("a\r\nb\rc"));
        Assert.Equal("So  Final answer: 42.\n.", ResponseText.Normalize("So \\boxed{42}."));
        Assert.Equal("E = 3 kg ≈ 4 × 2", ResponseText.Normalize("$E = 3 \\text{kg} \\approx 4 \\cdot 2$"));
        Assert.Equal("bold code math", ResponseText.Normalize("**bold** `code` \\(math\\)"));
        Assert.Equal("Title\nitem\nquote\n3 - 1", ResponseText.Normalize("## Title\n- item\n> quote\n3 - 1"));
        Assert.Equal(ResponseText.MaxLength, ResponseText.Normalize(new string('x', ResponseText.MaxLength + 5)).Length);
        Assert.Equal(ResponseText.MaxLength, ResponseText.Normalize(new string('x', ResponseText.MaxLength)).Length);
        Assert.Equal("text", Assert.Throws<ArgumentNullException>(() => ResponseText.Normalize(null!)).ParamName);
    }

    [Fact]
    public void Sentences_end_at_line_breaks_and_stops_but_not_after_abbreviations()
    {
        Assert.Equal(["First.", "Second!", "Third?", "Fourth"], ResponseText.Sentences("First. Second! Third?\n\n  Fourth  "));
        Assert.Equal(["It is 3.5 vs. 6 e.g. here.", "Next i.e. there."], ResponseText.Sentences("It is 3.5 vs. 6 e.g. here. Next i.e. there."));
        Assert.Equal(["See St. Louis, approx. 4 cf. etc. Dr. Mr. Mrs. Ms. ok."], ResponseText.Sentences("See St. Louis, approx. 4 cf. etc. Dr. Mr. Mrs. Ms. ok."));
        Assert.Equal(["Go.", "Ends with a dot."], ResponseText.Sentences("Go. Ends with a dot."));
        Assert.Equal(["line one", "line two."], ResponseText.Sentences("line one\nline two."));
        Assert.Empty(ResponseText.Sentences(""));
        Assert.Empty(ResponseText.Sentences(" \n \n"));

        var longSentence = new string('a', 1500) + " end";
        var cut = Assert.Single(ResponseText.Sentences(longSentence));
        Assert.Equal(ResponseText.MaxSentenceLength, cut.Length);
        Assert.EndsWith("a end", cut);
        var exact = new string('b', ResponseText.MaxSentenceLength);
        Assert.Equal(exact, Assert.Single(ResponseText.Sentences(exact)));
    }

    private static readonly Question Numeric = new() { Id = "n", Task = TaskNames.Numeric, Prompt = "?", GoldAnswer = "1" };

    private static double? ReadNumber(string text) => new NumericOracle().ReadFinalAnswer(Numeric, text).Answer?.Value;

    [Theory]
    [InlineData("The answer is 3.2 × 10^4 J.", 32000.0)]
    [InlineData("The answer is 3 \\times 10^{−3}.", 0.003)]
    [InlineData("The answer is 2 * 10^300.", 2e300)]
    [InlineData("The answer is 2 x 10^-300.", 2e-300)]
    [InlineData("5 × 10^2", 500.0)]
    [InlineData("= 4", 4.0)]
    [InlineData("3 + 1 = 4.", 4.0)]
    [InlineData("Answer: 7!", 7.0)]
    public void Scientific_notation_and_bare_replies_are_one_number(string text, double expected)
    {
        Assert.Equal(expected, ReadNumber(text)!.Value, 9);
    }

    [Theory]
    [InlineData("The answer is 2 × 10^301.")] // exponent beyond 300
    [InlineData("The answer is 2 × 10^-301.")]
    [InlineData("The answer is 1e308 × 10^300.")] // infinite
    [InlineData("The answer is 3 / 0.")]
    public void Numbers_out_of_range_are_not_read(string text)
    {
        var reading = new NumericOracle().ReadFinalAnswer(Numeric, text);
        Assert.Null(reading.Answer);
        Assert.Equal(FinalAnswerReading.NothingStated, reading.Reason);
    }

    [Fact]
    public void A_bare_reply_is_at_most_eighty_characters()
    {
        // The shortest-path reader has no cue in these replies, so only the bare rule can read them.
        var reader = new ShortestPathOracle();
        var q = new Question { Id = "sp", Task = TaskNames.NLGraphShortestPath, Prompt = ShortestPathOracleTests.Question0Text };
        var spaces = new string(' ', 36);
        var eighty = "3 +" + spaces + "9" + spaces + "= 12";
        Assert.Equal(80, eighty.Length);
        Assert.Equal(12.0, reader.ReadFinalAnswer(q, eighty).Answer!.Value);
        var tooLong = "3 +" + spaces + "9" + spaces + "=  12";
        Assert.Equal(81, tooLong.Length);
        Assert.Equal("no final answer stated", reader.ReadFinalAnswer(q, tooLong).Reason);
        Assert.Equal(12.0, reader.ReadFinalAnswer(q, " " + eighty + "!. ").Answer!.Value); // spaces and trailing stops are trimmed first
    }

    [Fact]
    public void Number_readings_quote_their_statements()
    {
        var reader = new ShortestPathOracle();
        var q = new Question { Id = "sp", Task = TaskNames.NLGraphShortestPath, Prompt = ShortestPathOracleTests.Question0Text };
        Assert.Equal("conflicting statements: 4 ('The answer is 4.') vs 6 ('Final answer: 6')", reader.ReadFinalAnswer(q, "The answer is 4. Final answer: 6").Reason);
        Assert.Equal("the answer is undecided: 'The total weight is 4 or 5.'", reader.ReadFinalAnswer(q, "The total weight is 4 or 5.").Reason);
        Assert.Equal("no final answer stated", reader.ReadFinalAnswer(q, "I cannot tell.").Reason);
        Assert.Equal(4.0, reader.ReadFinalAnswer(q, "The total weight is not 5 but 4.").Answer!.Value);
        Assert.Equal("text", Assert.Throws<ArgumentNullException>(() => reader.ReadFinalAnswer(q, null!)).ParamName);
        Assert.Equal(new ExtractedAnswer("4", Value: 4), reader.ReadFinalAnswer(q, "4").Answer);
        Assert.Equal(new ExtractedAnswer("0.5", Value: 0.5), reader.ReadFinalAnswer(q, "The total weight is .5").Answer);
    }

    private static readonly string[] Options = ["Paris", "Lyon", "Saint Louis", "Saint"];

    private static (int? Position, string? Reason) Option(string text) => OptionAnswerReader.Read(text, Options);

    [Fact]
    public void Bare_option_replies_are_one_line_of_at_most_2000_characters()
    {
        Assert.Equal((1, null), Option(" (b). "));
        Assert.Equal((2, null), Option("saint louis!"));
        Assert.Equal((0, null), Option("A. Paris"));
        Assert.Equal((null, "the answer is undecided: 'A. Lyon'"), Option("A. Lyon"));
        Assert.Equal((null, "no final answer stated"), Option("A. Marseille"));
        Assert.Equal((null, "no final answer stated"), Option("B\nC"));
        Assert.Equal((1, null), Option("Lyon" + new string(' ', 1990))); // trimmed first
        Assert.Equal((null, "no final answer stated"), Option("Lyon is " + new string('x', 2000)));
        Assert.Equal((null, "option E is not one of the 4 shown options"), Option("E"));

        // "B. <B's text>" is read only as a whole reply (in sentences "B." ends one): 2,000 characters are, 2,001 are not.
        var long1997 = new string('a', 1997);
        Assert.Equal((1, null), OptionAnswerReader.Read("B. " + long1997, ["Paris", long1997]));
        var long1998 = long1997 + "a";
        Assert.Equal((null, "no final answer stated"), OptionAnswerReader.Read("B. " + long1998, ["Paris", long1998]));
        Assert.Equal("text", Assert.Throws<ArgumentNullException>(() => OptionAnswerReader.Read(null!, Options)).ParamName);
        Assert.Equal("shownTexts", Assert.Throws<ArgumentNullException>(() => OptionAnswerReader.Read("A", null!)).ParamName);
    }

    [Fact]
    public void A_single_restated_option_line_answers_and_a_copied_list_does_not()
    {
        Assert.Equal((2, null), Option("Let me think about it.\nC) Saint Louis\nThat is my pick."));
        Assert.Equal((2, null), Option("Let me think.\n(C) Saint Louis\nAgain:\nC: Saint Louis"));
        Assert.Equal((null, "no final answer stated"), Option("The options:\nA) Paris\nB) Lyon\nHmm."));
        Assert.Equal((null, "no final answer stated"), Option("Let me think.\nB) Paris\nHmm."));
        Assert.Equal((null, "no final answer stated"), Option("Let me think.\nE) Paris\nHmm."));
    }

    [Fact]
    public void Letters_after_a_cue_are_read_with_their_neighbours()
    {
        Assert.Equal((1, null), Option("Thinking... I choose B."));
        Assert.Equal((3, null), Option("Thinking. Option D is the correct one."));
        Assert.Equal((null, "the answer is undecided: 'The answer is B/C.'"), Option("Hmm. The answer is B/C."));
        Assert.Equal((null, "the answer is undecided: 'The answer is A or B.'"), Option("Hmm. The answer is A or B."));
        Assert.Equal((1, null), Option("Hmm. The answer is B, since C is wrong."));
        Assert.Equal((null, "the answer is undecided: 'The answer is B and C.'"), Option("Hmm. The answer is B and C."));
        Assert.Equal((2, null), Option("Hmm. The answer isn't A, it is C."));
        Assert.Equal((2, null), Option("Hmm. The answer is not B but C."));
        Assert.Equal((null, "the answer is undecided: 'The answer is A: Lyon.'"), Option("Hmm. The answer is A: Lyon."));
        Assert.Equal((2, null), Option("Hmm. The answer is Saint Louis.")); // "Saint" lies inside the longer option named there
        Assert.Equal((null, "the answer is undecided: 'The answer is Paris or Lyon.'"), Option("Hmm. The answer is Paris or Lyon."));
        Assert.Equal((null, "no final answer stated"), Option("Hmm. The answer is one, two, three, four, five, six, B."));
        Assert.Equal((1, null), Option("Hmm. The answer is one, two, three, four, five, B."));
    }

    [Fact]
    public void Reading_both_turns_compares_values_options_and_text()
    {
        var choice = new GradedChoiceOracle();
        var q = GradedChoiceOracle.CreateQuestion("c", "?", Options, [1, 0, 0, 0], 0);
        Assert.Equal(0, choice.ReadTurns(q, "The answer is A.", "A").Answer!.OptionIndex);
        Assert.Equal("the turns disagree: the response states Paris, the final-answer reply Lyon", choice.ReadTurns(q, "The answer is A.", "B").Reason);
        Assert.Equal(0, choice.ReadTurns(q, "The answer is B.", "B", [1, 0, 2, 3]).Answer!.OptionIndex);

        var numeric = new NumericOracle();
        Assert.Equal(4.0, numeric.ReadTurns(Numeric, "The answer is 4.0.", "4").Answer!.Value);
        Assert.Equal("4", numeric.ReadTurns(Numeric, "The answer is 4.0.", "4").Answer!.Text); // the second turn's reading
        Assert.Equal("reader", Assert.Throws<ArgumentNullException>(() => ((IFinalAnswerReader)null!).ReadTurns(Numeric, "a", "b")).ParamName);

        Assert.Equal("answer", Assert.Throws<ArgumentNullException>(() => FinalAnswerReading.Read(null!)).ParamName);
        Assert.Equal("reason", Assert.Throws<ArgumentNullException>(() => FinalAnswerReading.Unparsable(null!)).ParamName);
        Assert.True(FinalAnswerReading.Read(new ExtractedAnswer("x")).IsParsable);
        Assert.False(FinalAnswerReading.Unparsable("r").IsParsable);
    }
}
