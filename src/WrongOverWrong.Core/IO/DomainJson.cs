using System.Globalization;
using System.Text.Json;

namespace WrongOverWrong.IO;

/// <summary>The JSON shapes (camelCase) of questions, candidates, grades and answer sets.</summary>
/// <remarks>
/// <para>JSON has no NaN or infinity, and <see cref="Utf8JsonWriter"/> throws on them half-way
/// through a record. Every record is therefore checked before its first byte is written; a value
/// JSON cannot hold is an <see cref="ArgumentException"/> naming the question id, the candidate
/// index and the field, and nothing of that record is written.</para>
/// <para>Two non-finite values are legitimate and kept: the <see cref="Grade.Unparsable"/> proxy
/// (-inf, written as <c>null</c>), and a mean log-probability of -inf (a token the scoring model
/// gives probability 0, e.g. a response scored under a model that did not sample it; the
/// log-probability elicitor ranks it below every finite value). The latter is written as the string
/// <c>"-Infinity"</c> (System.Text.Json's named-literal spelling) and read back as -inf, so it is not
/// confused with an absent log-probability. NaN anywhere, and +inf for a log-probability or a proxy,
/// are bugs upstream and are rejected.</para>
/// </remarks>
internal static class DomainJson
{
    /// <summary>The string a -inf mean log-probability is written as.</summary>
    public const string NegativeInfinity = "-Infinity";

    public static void WriteQuestion(Utf8JsonWriter w, Question q)
    {
        ValidateQuestion(q);
        WriteCheckedQuestion(w, q);
    }

    /// <summary>Throws when the question holds a number JSON cannot carry (before anything is written).</summary>
    public static void ValidateQuestion(Question q)
    {
        if (q.Options is { } options)
        {
            for (var i = 0; i < options.Count; i++)
            {
                if (!double.IsFinite(options[i].Proxy))
                {
                    throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Question '{q.Id}': field 'options[{i}].proxy' is {options[i].Proxy}, which JSON cannot hold; nothing of this record was written."), nameof(q));
                }
            }
        }
    }

    /// <summary>Throws when the candidate holds a number JSON cannot carry (before anything is written).</summary>
    public static void ValidateCandidate(Candidate x)
    {
        if (x.MeanLogProbability is { } logProb && (double.IsNaN(logProb) || double.IsPositiveInfinity(logProb)))
        {
            throw Invalid(x, "meanLogProbability", logProb);
        }

        if (x.Grade is { } g)
        {
            if (double.IsNaN(g.TrainingProxy) || double.IsPositiveInfinity(g.TrainingProxy))
            {
                throw Invalid(x, "grade.trainingProxy", g.TrainingProxy);
            }

            if (!double.IsFinite(g.Cor))
            {
                throw Invalid(x, "grade.cor", g.Cor);
            }
        }
    }

    private static ArgumentException Invalid(Candidate x, string field, double value) =>
        new(string.Create(CultureInfo.InvariantCulture, $"Question '{x.QuestionId}', candidate {x.Index}: field '{field}' is {value}, which JSON cannot hold; nothing of this record was written."), nameof(x));

    private static void WriteCheckedQuestion(Utf8JsonWriter w, Question q)
    {
        w.WriteStartObject();
        w.WriteString("id", q.Id);
        w.WriteString("task", q.Task);
        w.WriteString("prompt", q.Prompt);
        if (q.Options is { } options)
        {
            w.WriteStartArray("options");
            foreach (var o in options)
            {
                w.WriteStartObject();
                w.WriteString("text", o.Text);
                w.WriteNumber("proxy", o.Proxy);
                w.WriteBoolean("isCorrect", o.IsCorrect);
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }

        if (q.GoldAnswer is { } gold)
        {
            w.WriteString("goldAnswer", gold);
        }

        if (q.Metadata is { } metadata)
        {
            w.WriteStartObject("metadata");
            foreach (var (key, value) in metadata)
            {
                w.WriteString(key, value);
            }

            w.WriteEndObject();
        }

        w.WriteEndObject();
    }

    public static Question ReadQuestion(JsonElement e, LineContext c)
    {
        List<AnswerOption>? options = null;
        if (c.OptionalArray(e, "options") is { } array)
        {
            options = [];
            var i = 0;
            foreach (var o in array.EnumerateArray())
            {
                var oc = c.At($"options[{i++}]");
                options.Add(new AnswerOption(oc.RequiredString(o, "text"), oc.RequiredDouble(o, "proxy"), oc.RequiredBool(o, "isCorrect")));
            }
        }

        Dictionary<string, string>? metadata = null;
        if (c.Optional(e, "metadata") is { } m)
        {
            if (m.ValueKind != JsonValueKind.Object)
            {
                throw c.Error("metadata", "must be an object");
            }

            metadata = [];
            foreach (var p in m.EnumerateObject())
            {
                metadata[p.Name] = c.At("metadata").AsString(p.Value, p.Name);
            }
        }

        return new Question
        {
            Id = c.RequiredString(e, "id"),
            Task = c.RequiredString(e, "task"),
            Prompt = c.RequiredString(e, "prompt"),
            Options = options,
            GoldAnswer = c.OptionalString(e, "goldAnswer"),
            Metadata = metadata,
        };
    }

    private static void WriteCheckedCandidate(Utf8JsonWriter w, Candidate x)
    {
        w.WriteStartObject();
        w.WriteString("questionId", x.QuestionId);
        w.WriteNumber("index", x.Index);
        w.WriteString("generator", x.Generator);
        w.WriteString("response", x.Response);
        if (x.FinalAnswer is { } answer)
        {
            w.WriteString("finalAnswer", answer);
        }

        if (x.OptionIndex is { } option)
        {
            w.WriteNumber("optionIndex", option);
        }

        if (x.OptionOrder is { } order)
        {
            w.WriteStartArray("optionOrder");
            foreach (var k in order)
            {
                w.WriteNumberValue(k);
            }

            w.WriteEndArray();
        }

        if (x.MeanLogProbability is { } logProb)
        {
            if (double.IsNegativeInfinity(logProb))
            {
                w.WriteString("meanLogProbability", NegativeInfinity);
            }
            else
            {
                w.WriteNumber("meanLogProbability", logProb);
            }
        }

        if (x.TokenCount is { } tokens)
        {
            w.WriteNumber("tokenCount", tokens);
        }

        if (x.Grade is { } g)
        {
            w.WriteStartObject("grade");

            // JSON has no infinity: the unparsable grade's training proxy (-inf) is written as null.
            if (double.IsFinite(g.TrainingProxy))
            {
                w.WriteNumber("trainingProxy", g.TrainingProxy);
            }
            else
            {
                w.WriteNull("trainingProxy");
            }

            w.WriteNumber("cor", g.Cor);
            w.WriteBoolean("isCorrect", g.IsCorrect);
            if (g.Detail is { } detail)
            {
                w.WriteString("detail", detail);
            }

            w.WriteEndObject();
        }

        w.WriteEndObject();
    }

    /// <summary>Reads a candidate; <paramref name="optionCount"/>, when known, is its question's option count.</summary>
    public static Candidate ReadCandidate(JsonElement e, LineContext c, int? optionCount = null)
    {
        List<int>? order = null;
        if (c.OptionalArray(e, "optionOrder") is { } array)
        {
            order = [];
            foreach (var k in array.EnumerateArray())
            {
                order.Add(c.AsInt(k, "optionOrder"));
            }

            if (PermutationProblem(order, optionCount) is { } problem)
            {
                throw c.Error("optionOrder", problem);
            }
        }

        var optionIndex = c.OptionalInt(e, "optionIndex");
        if (optionIndex is { } chosen && (chosen < 0 || (optionCount is { } n && chosen >= n)))
        {
            throw c.Error("optionIndex", optionCount is { } m
                ? string.Create(CultureInfo.InvariantCulture, $"is {chosen} but the question has {m} options (0..{m - 1})")
                : string.Create(CultureInfo.InvariantCulture, $"is {chosen} but must not be negative"));
        }

        Grade? grade = null;
        if (c.Optional(e, "grade") is { } g)
        {
            var gc = c.At("grade");
            if (g.ValueKind != JsonValueKind.Object)
            {
                throw c.Error("grade", "must be an object");
            }

            // Files written before the rename say "proxy" and "clippedProxy"; both spellings are read.
            var proxyField = g.TryGetProperty("trainingProxy", out _) ? "trainingProxy" : g.TryGetProperty("proxy", out _) ? "proxy" : null;
            if (proxyField is null)
            {
                throw gc.Error("trainingProxy", "missing");
            }

            var corField = g.TryGetProperty("cor", out _) || !g.TryGetProperty("clippedProxy", out _) ? "cor" : "clippedProxy";
            var proxy = gc.OptionalDouble(g, proxyField) ?? double.NegativeInfinity;
            grade = new Grade(proxy, gc.RequiredDouble(g, corField), gc.RequiredBool(g, "isCorrect"), gc.OptionalString(g, "detail"));
            if (double.IsNegativeInfinity(proxy) && grade == Grade.Unparsable)
            {
                grade = Grade.Unparsable;
            }
        }

        return new Candidate
        {
            QuestionId = c.RequiredString(e, "questionId"),
            Index = c.RequiredInt(e, "index"),
            Generator = c.RequiredString(e, "generator"),
            Response = c.RequiredString(e, "response"),
            FinalAnswer = c.OptionalString(e, "finalAnswer"),
            OptionIndex = optionIndex,
            OptionOrder = order,
            MeanLogProbability = ReadLogProbability(e, c),
            TokenCount = c.OptionalInt(e, "tokenCount"),
            Grade = grade,
        };
    }

    public static void WriteAnswerSet(Utf8JsonWriter w, AnswerSet set)
    {
        // Check the whole record first, so a bad value never leaves half a line behind.
        ValidateQuestion(set.Question);
        foreach (var candidate in set.Candidates)
        {
            ValidateCandidate(candidate);
        }

        w.WriteStartObject();
        w.WritePropertyName("question");
        WriteCheckedQuestion(w, set.Question);
        w.WriteStartArray("candidates");
        foreach (var candidate in set.Candidates)
        {
            WriteCheckedCandidate(w, candidate);
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    public static AnswerSet ReadAnswerSet(JsonElement e, LineContext c)
    {
        var question = ReadQuestion(c.RequiredObject(e, "question"), c.At("question"));
        var candidates = new List<Candidate>();
        var i = 0;
        foreach (var x in c.RequiredArray(e, "candidates").EnumerateArray())
        {
            var cc = c.At($"candidates[{i}]");
            var candidate = ReadCandidate(x, cc, question.Options?.Count);
            if (candidate.QuestionId != question.Id)
            {
                throw cc.Error("questionId", $"is '{candidate.QuestionId}' but the set's question is '{question.Id}'");
            }

            if (candidate.Index != i)
            {
                throw cc.Error("index", $"is {candidate.Index} but the candidate is at position {i}");
            }

            candidates.Add(candidate);
            i++;
        }

        return new AnswerSet(question, candidates);
    }

    private static double? ReadLogProbability(JsonElement e, LineContext c)
    {
        if (c.Optional(e, "meanLogProbability") is not { } v)
        {
            return null;
        }

        return v.ValueKind == JsonValueKind.String && v.GetString() == NegativeInfinity
            ? double.NegativeInfinity
            : c.AsDouble(v, "meanLogProbability");
    }

    // Null when the order is a permutation of 0..n-1 (n = the question's option count when known,
    // else the order's own length); otherwise what is wrong with it.
    private static string? PermutationProblem(List<int> order, int? optionCount)
    {
        var n = optionCount ?? order.Count;
        if (order.Count != n)
        {
            return string.Create(CultureInfo.InvariantCulture, $"has {order.Count} entries but the question has {n} options");
        }

        var seen = new bool[n];
        foreach (var k in order)
        {
            if (k < 0 || k >= n)
            {
                return string.Create(CultureInfo.InvariantCulture, $"holds {k}, outside 0..{n - 1}; it must be a permutation of 0..{n - 1}");
            }

            if (seen[k])
            {
                return string.Create(CultureInfo.InvariantCulture, $"holds {k} twice; it must be a permutation of 0..{n - 1}");
            }

            seen[k] = true;
        }

        return null;
    }
}
