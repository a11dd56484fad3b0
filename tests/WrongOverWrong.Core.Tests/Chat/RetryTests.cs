using System.ClientModel;
using System.ClientModel.Primitives;
using System.Net;
using Microsoft.Extensions.AI;
using WrongOverWrong.Chat;
using WrongOverWrong.Tests.TestDoubles;

namespace WrongOverWrong.Tests.Chat;

public class RetryTests
{
    private static (RetryOptions Options, List<TimeSpan> Delays) InstantRetries(int maxRetries = 5, bool jitter = false)
    {
        var delays = new List<TimeSpan>();
        var options = new RetryOptions
        {
            MaxRetries = maxRetries,
            InitialDelay = TimeSpan.FromSeconds(1),
            MaxDelay = TimeSpan.FromSeconds(3),
            UseJitter = jitter,
            TimeProvider = new InstantTimeProvider(),
            OnRetry = (_, _, d) =>
            {
                lock (delays)
                {
                    delays.Add(d);
                }
            },
        };
        return (options, delays);
    }

    private static ScriptedChatClient FailingFirst(int failures, Func<int, Exception> failure) =>
        new((call, _) => call.Number <= failures
            ? Task.FromException<ChatResponse>(failure(call.Number))
            : Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, "ok"))));

    [Fact]
    public async Task Retries_429_and_5xx_with_exponential_backoff_capped_at_MaxDelay()
    {
        var (options, delays) = InstantRetries();
        var inner = FailingFirst(4, n => n % 2 == 1
            ? new HttpRequestException("rate limited", null, HttpStatusCode.TooManyRequests)
            : new HttpRequestException("bad gateway", null, HttpStatusCode.BadGateway));
        using var client = new ResilientChatClient(inner, options);

        var response = await client.GetResponseAsync("q");

        Assert.Equal("ok", response.Text);
        Assert.Equal(5, inner.CallCount);

        // Base delays 1, 2, 4, 8 -> capped at 3 s.
        Assert.Equal([1.0, 2.0, 3.0, 3.0], delays.Select(d => d.TotalSeconds));
    }

    [Fact]
    public async Task Jittered_backoff_stays_positive_and_under_MaxDelay()
    {
        var (options, delays) = InstantRetries(jitter: true);
        var inner = FailingFirst(4, _ => new HttpRequestException("rate limited", null, HttpStatusCode.TooManyRequests));
        using var client = new ResilientChatClient(inner, options);

        Assert.Equal("ok", (await client.GetResponseAsync("q")).Text);
        Assert.Equal(4, delays.Count);
        Assert.All(delays, d => Assert.InRange(d.TotalSeconds, 0.0, 3.0));
        Assert.Contains(delays, d => d.TotalSeconds > 0);
    }

    [Theory]
    [InlineData("Retry-After", "2", 2.0)]
    [InlineData("retry-after-ms", "1500", 1.5)]
    [InlineData("Retry-After", "120", 3.0)] // cut to MaxDelay
    public async Task Waits_as_long_as_the_servers_Retry_After_asks(string header, string value, double seconds)
    {
        var (options, delays) = InstantRetries();
        var inner = FailingFirst(1, _ => new ClientResultException("slow down", new StatusResponse(429, (header, value))));
        using var client = new ResilientChatClient(inner, options);

        Assert.Equal("ok", (await client.GetResponseAsync("q")).Text);
        Assert.Equal([seconds], delays.Select(d => d.TotalSeconds));
    }

    [Fact]
    public void Reads_Retry_After_from_headers_dates_and_exception_data_and_knows_when_there_is_none()
    {
        Assert.Equal(TimeSpan.FromSeconds(7), TransientFailures.RetryAfter(new ClientResultException("x", new StatusResponse(503, ("Retry-After", "7")))));
        var date = DateTimeOffset.UtcNow.AddMinutes(2).ToString("r", System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(TransientFailures.RetryAfter(new ClientResultException("x", new StatusResponse(503, ("Retry-After", date))))!.Value.TotalSeconds, 100, 121);

        var carried = new HttpRequestException("rate limited", null, HttpStatusCode.TooManyRequests);
        carried.Data[TransientFailures.RetryAfterDataKey] = TimeSpan.FromSeconds(4);
        Assert.Equal(TimeSpan.FromSeconds(4), TransientFailures.RetryAfter(new InvalidOperationException("wrapped", carried)));

        // HttpRequestException keeps no response headers: nothing to read.
        Assert.Null(TransientFailures.RetryAfter(new HttpRequestException("rate limited", null, HttpStatusCode.TooManyRequests)));
        Assert.Null(TransientFailures.RetryAfter(new ClientResultException("x", new StatusResponse(429))));
    }

    [Fact]
    public async Task UseResilience_puts_the_decorator_in_a_builder_pipeline()
    {
        var (options, delays) = InstantRetries();
        var inner = FailingFirst(2, _ => new TimeoutException());
        using var client = new ChatClientBuilder(inner).UseResilience(options).Build();

        Assert.Equal("ok", (await client.GetResponseAsync("q")).Text);
        Assert.Equal(3, inner.CallCount);
        Assert.Equal(2, delays.Count);
        Assert.NotNull(client.GetService<ResilientChatClient>());
    }

    [Fact]
    public async Task Does_not_retry_a_non_transient_failure()
    {
        var (options, delays) = InstantRetries();
        var inner = FailingFirst(1, _ => new HttpRequestException("bad request", null, HttpStatusCode.BadRequest));
        using var client = new ResilientChatClient(inner, options);

        await Assert.ThrowsAsync<HttpRequestException>(() => client.GetResponseAsync("q"));
        Assert.Equal(1, inner.CallCount);
        Assert.Empty(delays);
    }

    [Fact]
    public async Task Gives_up_after_max_retries_with_the_last_failure()
    {
        var (options, _) = InstantRetries(maxRetries: 2);
        var inner = FailingFirst(10, n => new TimeoutException("attempt " + n));
        using var client = new ResilientChatClient(inner, options);

        var ex = await Assert.ThrowsAsync<TimeoutException>(() => client.GetResponseAsync("q"));
        Assert.Equal("attempt 3", ex.Message);
        Assert.Equal(3, inner.CallCount);
    }

    [Fact]
    public async Task Retries_a_timeout_cancellation_but_not_the_callers_cancellation()
    {
        var (options, _) = InstantRetries();
        var timedOut = FailingFirst(1, _ => new TaskCanceledException("HttpClient.Timeout"));
        using (var client = new ResilientChatClient(timedOut, options))
        {
            Assert.Equal("ok", (await client.GetResponseAsync("q")).Text);
            Assert.Equal(2, timedOut.CallCount);
        }

        using var cts = new CancellationTokenSource();
        var cancelled = new ScriptedChatClient((_, _) =>
        {
            cts.Cancel();
            return Task.FromException<ChatResponse>(new OperationCanceledException(cts.Token));
        });
        using var caller = new ResilientChatClient(cancelled, options);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => caller.GetResponseAsync("q", cancellationToken: cts.Token));
        Assert.Equal(1, cancelled.CallCount);
    }

    [Theory]
    [InlineData(429, true)]
    [InlineData(500, true)]
    [InlineData(503, true)]
    [InlineData(408, true)]
    [InlineData(400, false)]
    [InlineData(401, false)]
    [InlineData(404, false)]
    public void Classifies_http_and_client_model_statuses(int status, bool transient)
    {
        Assert.Equal(transient, TransientFailures.IsTransient(new HttpRequestException("x", null, (HttpStatusCode)status)));
        Assert.Equal(transient, TransientFailures.IsTransient(new ClientResultException("x", new StatusResponse(status))));
    }

    [Fact]
    public void Classifies_other_failures()
    {
        Assert.True(TransientFailures.IsTransient(new HttpRequestException("connection refused")));
        Assert.True(TransientFailures.IsTransient(new TimeoutException()));
        Assert.False(TransientFailures.IsTransient(new InvalidOperationException()));
        Assert.True(TransientFailures.IsTransient(new InvalidOperationException("wrapped", new TimeoutException())));
    }

    /// <summary>A minimal pipeline response carrying a status code and some headers.</summary>
    private sealed class StatusResponse(int status, params (string Name, string Value)[] headers) : PipelineResponse
    {
        public override int Status => status;

        public override string ReasonPhrase => "test";

        public override Stream? ContentStream { get; set; }

        public override BinaryData Content => BinaryData.FromString(string.Empty);

        protected override PipelineResponseHeaders HeadersCore => new Headers(headers);

        public override BinaryData BufferContent(CancellationToken cancellationToken = default) => Content;

        public override ValueTask<BinaryData> BufferContentAsync(CancellationToken cancellationToken = default) => ValueTask.FromResult(Content);

        public override void Dispose()
        {
        }
    }

    private sealed class Headers((string Name, string Value)[] headers) : PipelineResponseHeaders
    {
        public override bool TryGetValue(string name, out string? value)
        {
            value = headers.FirstOrDefault(h => string.Equals(h.Name, name, StringComparison.OrdinalIgnoreCase)).Value;
            return value is not null;
        }

        public override bool TryGetValues(string name, out IEnumerable<string>? values)
        {
            values = TryGetValue(name, out var value) ? [value!] : null;
            return values is not null;
        }

        public override IEnumerator<KeyValuePair<string, string>> GetEnumerator() =>
            headers.Select(h => new KeyValuePair<string, string>(h.Name, h.Value)).GetEnumerator();
    }
}
