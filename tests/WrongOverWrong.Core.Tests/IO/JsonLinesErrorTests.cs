using WrongOverWrong.IO;

namespace WrongOverWrong.Core.Tests.IO;

public sealed class JsonLinesErrorTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("wow-io-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private async Task<string> Write(string name, params string[] lines)
    {
        var path = Path.Combine(_dir, name);
        await File.WriteAllTextAsync(path, string.Join("\n", lines) + "\n");
        return path;
    }

    private static async Task<int> Count<T>(IAsyncEnumerable<T> items)
    {
        var n = 0;
        await foreach (var _ in items)
        {
            n++;
        }

        return n;
    }

    [Fact]
    public async Task Missing_field_names_file_line_and_field()
    {
        var path = await Write("q.jsonl", """{"id":"a","task":"numeric","prompt":"p"}""", """{"id":"b","task":"numeric"}""");
        var ex = await Assert.ThrowsAsync<JsonLinesFormatException>(() => Count(QuestionJsonLines.ReadAsync(path)));
        Assert.Equal($"{path}:2: field 'prompt' missing", ex.Message);
        Assert.Equal((2L, "prompt"), (ex.LineNumber, ex.Field));
    }

    [Fact]
    public async Task Nested_field_errors_give_the_path_inside_the_record()
    {
        const string question = """{"id":"a","task":"numeric","prompt":"p"}""";
        var path = await Write("a.jsonl",
            $$"""{"question":{{question}},"candidates":[{"questionId":"a","index":0,"generator":"g","response":"r"},{"questionId":"a","index":1,"generator":"g"}]}""");
        var ex = await Assert.ThrowsAsync<JsonLinesFormatException>(() => Count(AnswerSetJsonLines.ReadAsync(path)));
        Assert.Equal($"{path}:1: field 'candidates[1].response' missing", ex.Message);

        var wrongType = await Write("b.jsonl", $$"""{"question":{{question}},"candidates":[{"questionId":"a","index":"0","generator":"g","response":"r"}]}""");
        var ex2 = await Assert.ThrowsAsync<JsonLinesFormatException>(() => Count(AnswerSetJsonLines.ReadAsync(wrongType)));
        Assert.Equal($"{wrongType}:1: field 'candidates[0].index' must be an integer", ex2.Message);

        var misplaced = await Write("c.jsonl", $$"""{"question":{{question}},"candidates":[{"questionId":"z","index":0,"generator":"g","response":"r"}]}""");
        var ex3 = await Assert.ThrowsAsync<JsonLinesFormatException>(() => Count(AnswerSetJsonLines.ReadAsync(misplaced)));
        Assert.Contains("field 'candidates[0].questionId' is 'z'", ex3.Message);
    }

    [Fact]
    public async Task Malformed_line_is_an_error_with_its_line_number()
    {
        var path = await Write("p.jsonl",
            """{"questionId":"q","prompt":"p","chosen":"c","rejected":"r"}""",
            """{"questionId":"q","prompt":"p","chosen":"c","rej""");
        var ex = await Assert.ThrowsAsync<JsonLinesFormatException>(() => Count(PreferenceJsonLines.ReadAsync(path)));
        Assert.StartsWith($"{path}:2: malformed JSON", ex.Message);
        Assert.Null(ex.Field);
    }

    [Fact]
    public async Task Reading_streams_records_before_the_rest_of_the_file_is_read()
    {
        // The second line is broken: the first record must still arrive before the error.
        var path = await Write("s.jsonl", """{"id":"a","task":"numeric","prompt":"p"}""", "not json");
        await using var e = QuestionJsonLines.ReadAsync(path).GetAsyncEnumerator();
        Assert.True(await e.MoveNextAsync());
        Assert.Equal("a", e.Current.Id);
        await Assert.ThrowsAsync<JsonLinesFormatException>(async () => await e.MoveNextAsync());
    }

    [Fact]
    public async Task Bad_enum_value_lists_the_allowed_ones()
    {
        var path = await Write("k.jsonl", """{"questionId":"q","prompt":"p","chosen":"c","rejected":"r","kind":"sideways"}""");
        var ex = await Assert.ThrowsAsync<JsonLinesFormatException>(() => Count(PreferenceJsonLines.ReadAsync(path)));
        Assert.Contains("field 'kind' must be one of WrongOverWrong, RightOverWrong", ex.Message);
    }
}
