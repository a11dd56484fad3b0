using WrongOverWrong.IO;

namespace WrongOverWrong.Core.Tests.IO;

public sealed class JsonLinesWriterTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("wow-io-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static Question Q(int i) => new() { Id = $"q{i}", Task = "numeric", Prompt = $"prompt {i}", GoldAnswer = "1" };

    private static async Task<List<Question>> ReadAll(string path)
    {
        var list = new List<Question>();
        await foreach (var q in QuestionJsonLines.ReadAsync(path))
        {
            list.Add(q);
        }

        return list;
    }

    [Fact]
    public async Task Each_line_is_on_disk_as_soon_as_it_is_written()
    {
        var path = Path.Combine(_dir, "live.jsonl");
        await using var writer = QuestionJsonLines.OpenWriter(path);
        await writer.WriteAsync(Q(0));
        await writer.WriteAsync(Q(1));

        // Read while the writer is still open: both lines must already be there, complete.
        Assert.Equal(["q0", "q1"], (await ReadAll(path)).Select(q => q.Id));
        Assert.Equal(2, writer.LinesWritten);
    }

    [Fact]
    public async Task Append_cuts_an_unfinished_last_line_and_reports_it()
    {
        var path = Path.Combine(_dir, "resume.jsonl");
        await QuestionJsonLines.WriteAsync(path, [Q(0), Q(1)]);
        const string partial = """{"id":"q2","task":"num""";
        await File.AppendAllTextAsync(path, partial); // a crash mid-line

        await using (var writer = QuestionJsonLines.OpenWriter(path, append: true))
        {
            Assert.Equal(partial.Length, writer.RepairedPartialLineBytes);
            await writer.WriteAsync(Q(2));
        }

        Assert.Equal(["q0", "q1", "q2"], (await ReadAll(path)).Select(q => q.Id));

        await using (var clean = QuestionJsonLines.OpenWriter(path, append: true))
        {
            Assert.Equal(0, clean.RepairedPartialLineBytes);
        }
    }

    [Fact]
    public async Task Concurrent_writes_never_interleave_lines()
    {
        var path = Path.Combine(_dir, "concurrent.jsonl");
        await using (var writer = QuestionJsonLines.OpenWriter(path))
        {
            await Task.WhenAll(Enumerable.Range(0, 200).Select(i => Task.Run(() => writer.WriteAsync(Q(i)))));
        }

        var ids = (await ReadAll(path)).Select(q => q.Id).ToHashSet();
        Assert.Equal(200, ids.Count);
    }

    [Fact]
    public async Task Streams_a_large_async_sequence_in_and_out()
    {
        var path = Path.Combine(_dir, "large.jsonl");
        const int n = 50_000;

        static async IAsyncEnumerable<Preference> Produce()
        {
            for (var i = 0; i < n; i++)
            {
                if (i % 10_000 == 0)
                {
                    await Task.Yield();
                }

                yield return new Preference { QuestionId = $"q{i}", Prompt = "p", Chosen = "c", Rejected = "r", Gap = i };
            }
        }

        await PreferenceJsonLines.WriteAsync(path, Produce());
        long count = 0;
        double marginSum = 0;
        await foreach (var p in PreferenceJsonLines.ReadAsync(path))
        {
            count++;
            marginSum += p.Gap!.Value;
        }

        Assert.Equal(n, count);
        Assert.Equal((double)n * (n - 1) / 2, marginSum);
    }
}
