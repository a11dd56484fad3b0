using System.Text.Json;

namespace WrongOverWrong.IO;

/// <summary>The JSON shapes (camelCase) of questions, candidates, grades and answer sets.</summary>
internal static class DomainJson
{
    public static void WriteQuestion(Utf8JsonWriter w, Question q)
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

    public static void WriteCandidate(Utf8JsonWriter w, Candidate x)
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
            w.WriteNumber("meanLogProbability", logProb);
        }

        if (x.TokenCount is { } tokens)
        {
            w.WriteNumber("tokenCount", tokens);
        }

        if (x.Grade is { } g)
        {
            w.WriteStartObject("grade");

            // JSON has no infinity: the unparsable grade's proxy (-inf) is written as null.
            if (double.IsFinite(g.Proxy))
            {
                w.WriteNumber("proxy", g.Proxy);
            }
            else
            {
                w.WriteNull("proxy");
            }

            w.WriteNumber("clippedProxy", g.ClippedProxy);
            w.WriteBoolean("isCorrect", g.IsCorrect);
            if (g.Detail is { } detail)
            {
                w.WriteString("detail", detail);
            }

            w.WriteEndObject();
        }

        w.WriteEndObject();
    }

    public static Candidate ReadCandidate(JsonElement e, LineContext c)
    {
        List<int>? order = null;
        if (c.OptionalArray(e, "optionOrder") is { } array)
        {
            order = [];
            foreach (var k in array.EnumerateArray())
            {
                order.Add(c.AsInt(k, "optionOrder"));
            }
        }

        Grade? grade = null;
        if (c.Optional(e, "grade") is { } g)
        {
            var gc = c.At("grade");
            if (g.ValueKind != JsonValueKind.Object)
            {
                throw c.Error("grade", "must be an object");
            }

            if (!g.TryGetProperty("proxy", out _))
            {
                throw gc.Error("proxy", "missing");
            }

            var proxy = gc.OptionalDouble(g, "proxy") ?? double.NegativeInfinity;
            grade = new Grade(proxy, gc.RequiredDouble(g, "clippedProxy"), gc.RequiredBool(g, "isCorrect"), gc.OptionalString(g, "detail"));
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
            OptionIndex = c.OptionalInt(e, "optionIndex"),
            OptionOrder = order,
            MeanLogProbability = c.OptionalDouble(e, "meanLogProbability"),
            TokenCount = c.OptionalInt(e, "tokenCount"),
            Grade = grade,
        };
    }

    public static void WriteAnswerSet(Utf8JsonWriter w, AnswerSet set)
    {
        w.WriteStartObject();
        w.WritePropertyName("question");
        WriteQuestion(w, set.Question);
        w.WriteStartArray("candidates");
        foreach (var candidate in set.Candidates)
        {
            WriteCandidate(w, candidate);
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
            var candidate = ReadCandidate(x, cc);
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
}
