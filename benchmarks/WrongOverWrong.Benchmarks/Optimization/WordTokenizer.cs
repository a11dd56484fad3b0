using System.Globalization;
using Microsoft.Extensions.AI;
using WrongOverWrong.Training.Chat;
using WrongOverWrong.Training.Text;

namespace WrongOverWrong.Benchmarks.Optimization;

/// <summary>Benchmark text: "t123 t7 ..." maps word for word to ids, so sequence lengths are exact.</summary>
internal sealed class WordTokenizer(int vocabulary) : ITextTokenizer, IChatTemplate
{
    public int VocabularySize => vocabulary;

    public int? BeginOfSequenceId => null;

    public int EndOfSequenceId => 1;

    public int PaddingId => 0;

    public string EndOfTurn => string.Empty;

    public IReadOnlyList<string> StopTokens => [];

    public IReadOnlyList<int> Encode(string text, bool addBeginOfSequence = false) =>
        [.. text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(w => int.Parse(w.AsSpan(1), CultureInfo.InvariantCulture))];

    public string Decode(IEnumerable<int> ids, bool skipSpecialTokens = true) => string.Join(' ', ids.Select(i => $"t{i}"));

    public string FormatPrompt(IEnumerable<ChatMessage> messages) => string.Join(' ', messages.Select(m => m.Text));

    /// <summary>A random text of <paramref name="words"/> tokens.</summary>
    public static string RandomText(Random random, int words, int vocabulary) =>
        string.Join(' ', Enumerable.Range(0, words).Select(_ => $"t{random.Next(2, vocabulary)}"));
}
