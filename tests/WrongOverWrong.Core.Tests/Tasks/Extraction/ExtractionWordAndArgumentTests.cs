using WrongOverWrong.Tasks.Extraction;
using WrongOverWrong.Tasks.NLGraph;

namespace WrongOverWrong.Core.Tests.Tasks.Extraction;

/// <summary>
/// Number words and argument checks of the answer readers, which Stryker (Tasks/Extraction,
/// 2026-11-30, 82.89%) found untested: each of the 21 words a count may be written as, and the
/// option reader's checks in argument order.
/// </summary>
public sealed class ExtractionWordAndArgumentTests
{
    private static readonly string[] Words =
        ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty"];

    public static TheoryData<int> Counts => [.. Enumerable.Range(0, Words.Length)];

    [Theory]
    [MemberData(nameof(Counts))]
    public void A_count_written_as_a_word_is_read_as_its_number(int count)
    {
        var word = Words[count];
        var lower = NLGraphAnswerReaders.Matching.Read($"So {word} applicants can find the job they are interested in.");
        var capital = NLGraphAnswerReaders.Matching.Read($"{char.ToUpperInvariant(word[0])}{word[1..]} applicants can find the job they are interested in.");

        Assert.Equal(count, lower.Answer?.Value);
        Assert.Equal(count, capital.Answer?.Value);
    }

    [Fact]
    public void A_word_beyond_twenty_is_not_a_count()
    {
        var reading = NLGraphAnswerReaders.Matching.Read("So twentyone applicants can find the job they are interested in.");
        Assert.False(reading.IsParsable);
    }

    [Fact]
    public void The_option_reader_checks_the_text_first()
    {
        Assert.Equal("text", Assert.Throws<ArgumentNullException>(() => OptionAnswerReader.Read(null!, null!)).ParamName);
        Assert.Equal("shownTexts", Assert.Throws<ArgumentNullException>(() => OptionAnswerReader.Read("B", null!)).ParamName);
        Assert.Equal("text", Assert.Throws<ArgumentNullException>(() => NLGraphAnswerReaders.Matching.Read(null!)).ParamName);
    }
}
