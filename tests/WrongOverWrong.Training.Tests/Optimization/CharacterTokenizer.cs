using WrongOverWrong.Training.Text;

namespace WrongOverWrong.Training.Tests.Optimization;

/// <summary>A test tokenizer: one id per character of a small alphabet, plus four special tokens.</summary>
internal sealed class CharacterTokenizer : ITextTokenizer
{
    public const string EndOfTurnText = "<eot>";
    private const string Alphabet = "abcdefghijklmnopqrstuvwxyz0123456789 .,?:!-'\n";

    public int VocabularySize => 4 + Alphabet.Length;

    public int? BeginOfSequenceId => 1;

    public int EndOfSequenceId => 2;

    public int PaddingId => 0;

    public IReadOnlyList<int> Encode(string text, bool addBeginOfSequence = false)
    {
        var ids = new List<int>();
        if (addBeginOfSequence)
        {
            ids.Add(1);
        }

        for (int i = 0; i < text.Length; i++)
        {
            if (string.CompareOrdinal(text, i, EndOfTurnText, 0, EndOfTurnText.Length) == 0)
            {
                ids.Add(3);
                i += EndOfTurnText.Length - 1;
                continue;
            }

            int index = Alphabet.IndexOf(char.ToLowerInvariant(text[i]));
            if (index < 0)
            {
                throw new ArgumentException($"Character '{text[i]}' is not in the test alphabet.", nameof(text));
            }

            ids.Add(4 + index);
        }

        return ids;
    }

    public string Decode(IEnumerable<int> ids, bool skipSpecialTokens = true)
    {
        return string.Concat(ids.Select(id => id >= 4 ? Alphabet[id - 4].ToString() : skipSpecialTokens ? string.Empty : id == 3 ? EndOfTurnText : $"<{id}>"));
    }
}
