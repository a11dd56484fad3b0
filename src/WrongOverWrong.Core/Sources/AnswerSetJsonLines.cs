using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace WrongOverWrong.Sources;

/// <summary>
/// Minimal JSON Lines reading and appending of answer sets for resumable sampling.
/// </summary>
/// <remarks>
/// TODO(merge): the IO/ package's JSONL reader/writer is the public format; switch to it when it
/// lands on main. Until then this writes the same shape: one <see cref="AnswerSet"/> per line,
/// camelCase, nulls omitted.
/// </remarks>
internal static class AnswerSetJsonLines
{
    public static readonly JsonSerializerOptions SerializerOptions = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        IgnoreReadOnlyProperties = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        WriteIndented = false,
    };

    public static string Serialize(AnswerSet set) => JsonSerializer.Serialize(set, SerializerOptions);

    /// <summary>
    /// Reads every complete line of a results file. A final line without its newline that does not
    /// parse is a write interrupted by a crash: it is cut off the file (so the next append starts on a
    /// fresh line) and counted. Any other bad line is an error naming the file and line.
    /// </summary>
    public static (List<AnswerSet> Sets, int DiscardedPartialLines) ReadForResume(string path)
    {
        var sets = new List<AnswerSet>();
        if (!File.Exists(path))
        {
            return (sets, 0);
        }

        var bytes = File.ReadAllBytes(path);
        var text = Encoding.UTF8.GetString(bytes);
        var lastNewline = text.LastIndexOf('\n');
        var complete = lastNewline < 0 ? string.Empty : text[..(lastNewline + 1)];
        var tail = lastNewline < 0 ? text : text[(lastNewline + 1)..];
        var lineNumber = 0;
        foreach (var line in complete.Split('\n'))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            sets.Add(Parse(path, lineNumber, line));
        }

        var discarded = 0;
        if (!string.IsNullOrWhiteSpace(tail))
        {
            try
            {
                sets.Add(Parse(path, lineNumber, tail));
                File.AppendAllText(path, "\n");
            }
            catch (InvalidDataException)
            {
                discarded = 1;
                using var stream = new FileStream(path, FileMode.Open, FileAccess.Write);
                stream.SetLength(Encoding.UTF8.GetByteCount(complete));
            }
        }

        return (sets, discarded);
    }

    private static AnswerSet Parse(string path, int lineNumber, string line)
    {
        try
        {
            var set = JsonSerializer.Deserialize<AnswerSet>(line, SerializerOptions);
            if (set?.Question?.Id is null || set.Candidates is null)
            {
                throw new InvalidDataException($"{path}, line {lineNumber}: not an answer set (needs \"question\" with an \"id\", and \"candidates\").");
            }

            return set;
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{path}, line {lineNumber}: invalid JSON answer set: {ex.Message}", ex);
        }
    }
}
