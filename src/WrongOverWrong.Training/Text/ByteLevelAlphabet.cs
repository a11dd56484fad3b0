using System.Text;

namespace WrongOverWrong.Training.Text;

/// <summary>
/// GPT-2's byte-to-character table (<c>bytes_to_unicode</c>): byte-level BPE vocabularies store every
/// byte as a printable character, so a space is <c>Ġ</c> and a newline <c>Ċ</c>. The trainer needs it to
/// write vocabularies that Hugging Face and Microsoft.ML.Tokenizers read the same way.
/// </summary>
internal static class ByteLevelAlphabet
{
    private static readonly char[] ByteToChar = BuildTable();
    private static readonly Dictionary<char, byte> CharToByte = BuildReverse();

    /// <summary>The 256 characters, indexed by byte value.</summary>
    public static IReadOnlyList<char> Characters => ByteToChar;

    /// <summary>Maps UTF-8 bytes of <paramref name="text"/> to the byte-level alphabet.</summary>
    public static string Encode(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var chars = new char[bytes.Length];
        for (var i = 0; i < bytes.Length; i++)
        {
            chars[i] = ByteToChar[bytes[i]];
        }
        return new string(chars);
    }

    /// <summary>Maps byte-level characters back to the UTF-8 bytes they stand for.</summary>
    public static byte[] DecodeToBytes(string symbols)
    {
        var bytes = new byte[symbols.Length];
        for (var i = 0; i < symbols.Length; i++)
        {
            if (!CharToByte.TryGetValue(symbols[i], out bytes[i]))
            {
                throw new ArgumentException($"Character U+{(int)symbols[i]:X4} is not in the byte-level alphabet.", nameof(symbols));
            }
        }
        return bytes;
    }

    private static char[] BuildTable()
    {
        // Printable Latin-1 bytes keep their own character; the rest are shifted past 255 in order.
        var table = new char[256];
        var next = 256;
        for (var b = 0; b < 256; b++)
        {
            var printable = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
            table[b] = printable ? (char)b : (char)next++;
        }
        return table;
    }

    private static Dictionary<char, byte> BuildReverse()
    {
        var reverse = new Dictionary<char, byte>(256);
        for (var b = 0; b < 256; b++)
        {
            reverse[ByteToChar[b]] = (byte)b;
        }
        return reverse;
    }
}
