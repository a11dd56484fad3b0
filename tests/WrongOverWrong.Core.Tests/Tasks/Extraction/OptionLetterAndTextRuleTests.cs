using WrongOverWrong.Tasks.Extraction;

namespace WrongOverWrong.Core.Tests.Tasks.Extraction;

/// <summary>
/// The option reader's rules for a letter after a cue and for option texts named in the answer's
/// line, one at a time: how long a negation lasts, lower-case letters at the end of a clause and
/// inside wrappers, the letter I in long option lists, letters joined by a slash, whole-word
/// matching of option texts, and the longer of two nested option texts. Stryker (Tasks/Extraction,
/// 2026-11-30, 88.11%) showed each of these was exercised only together with others, through the
/// answer corpus.
/// </summary>
public sealed class OptionLetterAndTextRuleTests
{
    private static readonly string[] Colours = ["red", "green", "blue", "black"];

    private static int? Read(string text, params string[] options) => OptionAnswerReader.Read(text, options.Length == 0 ? Colours : options).Position;

    [Fact]
    public void A_negation_lasts_across_two_filler_words_but_not_three()
    {
        Assert.Equal(2, Read("The answer is surely not, strictly speaking, B; C."));
        Assert.Equal(1, Read("The answer is surely not, strictly and truly, B."));
    }

    [Theory]
    [InlineData("The answer is c", 2)]
    [InlineData("I choose b", 1)]
    [InlineData("The answer is c.", 2)]
    public void A_lower_case_letter_ending_the_reply_is_an_option(string text, int position)
    {
        Assert.Equal(position, Read(text));
    }

    [Fact]
    public void A_lower_case_letter_inside_a_clause_is_an_article_unless_wrapped()
    {
        Assert.Equal(1, Read("The answer is a good one: B."));
        Assert.Equal(2, Read("The answer is (c) because it fits."));
        Assert.Equal(2, Read("The answer is c) because it fits."));
        Assert.Equal(2, Read("The answer is (c because it fits."));
    }

    [Fact]
    public void The_letter_i_is_an_option_only_in_lists_of_nine_or_more_unless_wrapped()
    {
        string[] nine = ["a1", "a2", "a3", "a4", "a5", "a6", "a7", "a8", "a9"];
        string[] eight = nine[..8];
        Assert.Equal(8, Read("The answer is I.", nine));
        Assert.Null(Read("The answer is I.", eight));
        Assert.Equal(8, Read("The answer is (I) here.", nine));
        Assert.Equal(8, Read("The answer is I) here.", nine));
        Assert.Equal(1, Read("The answer is I think B.", nine));
    }

    [Fact]
    public void Two_letters_joined_by_a_slash_leave_the_answer_undecided()
    {
        foreach (var text in new[] { "The answer is B/C.", "The answer is (B/C).", "The answer is [B/C]" })
        {
            var (position, reason) = OptionAnswerReader.Read(text, Colours);
            Assert.Null(position);
            Assert.StartsWith("the answer is undecided", reason, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("The answer is B, the bored one.")]
    [InlineData("The answer is B, the reddish one.")]
    [InlineData("The answer is B, not sacred.")]
    public void An_option_text_counts_only_as_whole_words(string text)
    {
        Assert.Equal(1, Read(text));
    }

    [Fact]
    public void An_option_text_inside_a_longer_named_one_is_not_counted()
    {
        string[] options = ["red", "dark red", "blue", "green"];
        Assert.Equal(1, Read("The answer is dark red.", options));
        Assert.Equal(1, Read("The answer is B, dark red.", options));
        Assert.Null(Read("The answer is A, dark red.", options));
    }

    [Fact]
    public void Two_options_with_the_same_text_named_leave_the_answer_undecided()
    {
        var (position, reason) = OptionAnswerReader.Read("The answer is red.", ["red", "red", "blue"]);
        Assert.Null(position);
        Assert.StartsWith("the answer is undecided", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Option_texts_are_looked_for_in_the_rest_of_the_line_past_the_sentence()
    {
        // "The answer is B." ends a sentence, but the line goes on to name option A: undecided.
        var (position, reason) = OptionAnswerReader.Read("The answer is B. Red is a colour.", Colours);
        Assert.Null(position);
        Assert.StartsWith("the answer is undecided", reason, StringComparison.Ordinal);
        Assert.Equal(1, Read("The answer is B.\nRed is a colour."));
    }

    [Fact]
    public void A_repeated_sentence_is_read_with_its_own_line()
    {
        // The first "The answer is B." shares its line with "Red."; the second stands alone and decides.
        Assert.Equal(1, Read("The answer is B. Red.\nThe answer is B."));
        Assert.Null(Read("The answer is B.\nThe answer is B. Red."));
    }

    [Fact]
    public void The_rest_of_the_line_is_cut_at_a_thousand_characters()
    {
        string filler = string.Concat(Enumerable.Repeat("It fits well. ", 80)); // 1,120 characters
        Assert.Equal(1, Read("The answer is B. " + filler + "Red."));
        Assert.Null(Read("The answer is B. " + filler[..950] + " red."));
    }

    [Fact]
    public void An_option_whose_text_has_no_letters_or_digits_is_never_matched_by_its_text()
    {
        string[] options = ["red", "—", "blue"];
        Assert.Null(Read("?", options)); // a reply that simplifies to nothing
        Assert.Null(Read("B. —", options)); // "B. <its text>" as the whole reply
        Assert.Null(Read("Let me think.\nB) —", options)); // a restated option line
        Assert.Null(Read("The answer is: —.", options)); // the text in the answer's line
        Assert.Equal(1, Read("The answer is B.", options));
    }

    [Fact]
    public void A_second_letter_after_or_counts_even_in_lower_case()
    {
        var (position, reason) = OptionAnswerReader.Read("The answer is A or b", Colours);
        Assert.Null(position);
        Assert.StartsWith("the answer is undecided", reason, StringComparison.Ordinal);
    }
}
