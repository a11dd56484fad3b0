using System.ClientModel;
using System.ClientModel.Primitives;
using System.Net;
using Microsoft.Extensions.AI;
using WrongOverWrong.Chat;
using WrongOverWrong.Tests.TestDoubles;

namespace WrongOverWrong.Tests.Chat;

public class RetryTests
{
    private static (RetryOptions Options, List<TimeSpan> Delays) InstantRetries(int maxRetries = 5)
    {
        var delays = new List<TimeSpan>();
        var options = new RetryOptions
        {
            MaxRetries = maxRetries,
            InitialDelay = TimeSpan.FromSeconds(1),
            MaxDelay = TimeSpan.FromSeconds(3),
            Jitter = 0.5,
            Random = new Random(1),
            Delay = (d, _) =>
            {
                lock (delays)
                {
                    delays.Add(d);
                }

                return Task.CompletedTask;
            },
        };
        return (options, delays);
    }

    private static ScriptedChatClient FailingFirst(int failures, Func<int, Exception> failure) =>
        new((call, _) => call.Number <= failures
            ? Task.FromException<ChatResponse>(failure(call.Number))
            : Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, "ok"))));

    [Fact]
    public async Task Retries_429_and_5xx_with_exponential_jittered_backoff()
    {
        var (options, delays) = InstantRetries();
        var inner = FailingFirst(4, n => n % 2 == 1
            ? new HttpRequestException("rate limited", null, HttpStatusCode.TooManyRequests)
            : new HttpRequestException("bad gateway", null, HttpStatusCode.BadGateway));
        using var client = new RetryingChatClient(inner, options);

        var response = await client.GetResponseAsync("q");

        Assert.Equal("ok", response.Text);
        Assert.Equal(5, inner.CallCount);
        Assert.Equal(4, client.Retries);
        Assert.Equal(4, delays.Count);

        // Base delays 1, 2, 4 -> capped at 3, 3; with jitter 0.5 each lies in [base/2, base].
        double[] bases = [1, 2, 3, 3];
        for (var i = 0; i < 4; i++)
        {
            Assert.InRange(delays[i].TotalSeconds, bases[i] / 2, bases[i]);
        }
    }

    [Fact]
    public async Task Does_not_retry_a_non_transient_failure()
    {
        var (options, delays) = InstantRetries();
        var inner = FailingFirst(1, _ => new HttpRequestException("bad request", null, HttpStatusCode.BadRequest));
        using var client = new RetryingChatClient(inner, options);

        await Assert.ThrowsAsync<HttpRequestException>(() => client.GetResponseAsync("q"));
        Assert.Equal(1, inner.CallCount);
        Assert.Empty(delays);
    }

    [Fact]
    public async Task Gives_up_after_max_retries_with_the_last_failure()
    {
        var (options, _) = InstantRetries(maxRetries: 2);
        var inner = FailingFirst(10, n => new TimeoutException("attempt " + n));
        using var client = new RetryingChatClient(inner, options);

        var ex = await Assert.ThrowsAsync<TimeoutException>(() => client.GetResponseAsync("q"));
        Assert.Equal("attempt 3", ex.Message);
        Assert.Equal(3, inner.CallCount);
    }

    [Fact]
    public async Task Retries_a_timeout_cancellation_but_not_the_callers_cancellation()
    {
        var (options, _) = InstantRetries();
        var timedOut = FailingFirst(1, _ => new TaskCanceledException("HttpClient.Timeout"));
        using (var client = new RetryingChatClient(timedOut, options))
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
        using var caller = new RetryingChatClient(cancelled, options);
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

    /// <summary>A minimal pipeline response carrying only a status code.</summary>
    private sealed class StatusResponse(int status) : PipelineResponse
    {
        public override int Status => status;

        public override string ReasonPhrase => "test";

        public override Stream? ContentStream { get; set; }

        public override BinaryData Content => BinaryData.FromString(string.Empty);

        protected override PipelineResponseHeaders HeadersCore => throw new NotSupportedException();

        public override BinaryData BufferContent(CancellationToken cancellationToken = default) => Content;

        public override ValueTask<BinaryData> BufferContentAsync(CancellationToken cancellationToken = default) => ValueTask.FromResult(Content);

        public override void Dispose()
        {
        }
    }
}
