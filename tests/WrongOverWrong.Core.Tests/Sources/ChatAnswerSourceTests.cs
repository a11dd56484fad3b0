using System.Text.RegularExpressions;
using Microsoft.Extensions.AI;
using WrongOverWrong.Chat;
using WrongOverWrong.Sources;
using WrongOverWrong.Tests.Chat;
using WrongOverWrong.Tests.TestDoubles;
using static WrongOverWrong.Tests.TestDoubles.AsyncItems;

namespace WrongOverWrong.Tests.Sources;

public class ChatAnswerSourceTests
{
    private static readonly FakeMultipleChoiceTask McTask = new();
    private static readonly FakeNumericTask NumericTask = new();

    [Fact]
    public async Task Multiple_choice_samples_get_their_own_stable_permutations_and_map_letters_back()
    {
        var model = FakeMultipleChoiceTask.ParisModel();
        var source = new ChatAnswerSource(model, new ChatAnswerSourceOptions { SamplesPerQuestion = 6, GeneratorName = "m1", Seed = 7 });

        var set = Assert.Single(await Collect(source.GetAnswerSetsAsync(McTask, [TestData.CapitalQuestion()])));

        Assert.Equal(6, set.Candidates.Count);
        Assert.Equal(12, model.CallCount); // a sampling turn and a greedy final-answer turn per sample
        Assert.All(set.Candidates, c => Assert.Equal(1, c.OptionIndex)); // Paris is underlying option 1
        Assert.All(set.Candidates, c => Assert.Equal("B", c.FinalAnswer));
        Assert.All(set.Candidates, c => Assert.Equal("m1", c.Generator));
        Assert.Equal([0, 1, 2, 3, 4, 5], set.Candidates.Select(c => c.Index));
        Assert.All(set.Candidates, c => Assert.Equal([0, 1, 2, 3], c.OptionOrder!.Order()));
        Assert.True(set.Candidates.Select(c => string.Join(",", c.OptionOrder!)).Distinct().Count() > 1, "permutations should differ between samples");

        // The same seed reproduces the same orders.
        var again = Assert.Single(await Collect(new ChatAnswerSource(FakeMultipleChoiceTask.ParisModel(), new ChatAnswerSourceOptions { SamplesPerQuestion = 6, Seed = 7 })
            .GetAnswerSetsAsync(McTask, [TestData.CapitalQuestion()])));
        Assert.Equal(set.Candidates.Select(c => string.Join(",", c.OptionOrder!)), again.Candidates.Select(c => string.Join(",", c.OptionOrder!)));
    }

    [Fact]
    public async Task Sampling_and_final_answer_turns_use_the_paper_settings()
    {
        var model = FakeMultipleChoiceTask.ParisModel();
        var source = new ChatAnswerSource(model, new ChatAnswerSourceOptions { SamplesPerQuestion = 1 });
        await Collect(source.GetAnswerSetsAsync(McTask, [TestData.CapitalQuestion()]));

        var first = model.Calls[0];
        Assert.Equal(1.0f, first.Options!.Temperature);
        Assert.Equal(1.0f, first.Options.TopP);
        Assert.Equal(1024, first.Options.MaxOutputTokens);
        Assert.Equal(0, first.Options.AdditionalProperties![ChatAnswerSourceOptions.SampleIndexKey]);

        var second = model.Calls[1];
        Assert.Equal(0f, second.Options!.Temperature);
        Assert.Equal(32, second.Options.MaxOutputTokens);
        Assert.Equal([ChatRole.User, ChatRole.Assistant, ChatRole.User], second.Messages.Select(m => m.Role));
        Assert.Equal(McTask.FinalAnswerInstruction, second.Messages[2].Text);
    }

    [Fact]
    public async Task Direct_extraction_makes_one_call_per_sample_and_unparsable_answers_stay_null()
    {
        var model = ScriptedChatClient.FromText(call => call.Number % 2 == 0 ? "Answer: 41" : "no idea");
        var source = new ChatAnswerSource(model, new ChatAnswerSourceOptions { SamplesPerQuestion = 4, Extraction = FinalAnswerExtraction.Direct, MaxConcurrency = 1 });

        var set = Assert.Single(await Collect(source.GetAnswerSetsAsync(NumericTask, [TestData.NumericQuestion("n1")])));

        Assert.Equal(4, model.CallCount);
        Assert.Equal(2, set.Candidates.Count(c => c.FinalAnswer == "41"));
        Assert.Equal(2, set.Candidates.Count(c => c.FinalAnswer is null));
        Assert.Equal(4, set.Candidates.Count);
        Assert.All(set.Candidates, c => Assert.Null(c.OptionOrder));
    }

    [Fact]
    public async Task Mean_log_probability_and_token_count_come_from_the_client()
    {
        var model = new ScriptedChatClient((_, _) => Task.FromResult(OpenAIResponses.WithLogProbabilities("Answer: 40", -0.2f, -0.4f, -0.9f)));
        var source = new ChatAnswerSource(model, new ChatAnswerSourceOptions { SamplesPerQuestion = 2, Extraction = FinalAnswerExtraction.Direct });

        var set = Assert.Single(await Collect(source.GetAnswerSetsAsync(NumericTask, [TestData.NumericQuestion("n1")])));

        Assert.Equal(2, set.Candidates.Count);
        Assert.All(set.Candidates, c => Assert.Equal(-0.5, c.MeanLogProbability!.Value, 6));
        Assert.All(set.Candidates, c => Assert.Equal(3, c.TokenCount));
    }

    [Fact]
    public async Task Concurrency_never_exceeds_the_limit_but_does_run_in_parallel()
    {
        var model = ScriptedChatClient.FromText(_ => "Answer: 1", delay: TimeSpan.FromMilliseconds(15));
        var source = new ChatAnswerSource(model, new ChatAnswerSourceOptions { SamplesPerQuestion = 4, MaxConcurrency = 3, Extraction = FinalAnswerExtraction.Direct });
        var questions = Enumerable.Range(0, 5).Select(i => TestData.NumericQuestion("n" + i)).ToList();

        var sets = await Collect(source.GetAnswerSetsAsync(NumericTask, questions));

        Assert.Equal(5, sets.Count);
        Assert.Equal(20, model.CallCount);
        Assert.InRange(model.MaxInFlight, 2, 3);
    }

    [Fact]
    public async Task Transient_failures_are_retried_by_the_clients_resilience_stage_and_progress_is_reported()
    {
        // Calls 2 and 5 fail once each (call numbers are never reused, so each retry succeeds).
        var model = new ScriptedChatClient((call, _) =>
        {
            if (call.Number is 2 or 5)
            {
                return Task.FromException<ChatResponse>(new HttpRequestException("busy", null, System.Net.HttpStatusCode.ServiceUnavailable));
            }

            return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, "Answer: 3")) { Usage = new UsageDetails { InputTokenCount = 10, OutputTokenCount = 4 } });
        });
        var options = new ChatAnswerSourceOptions
        {
            SamplesPerQuestion = 3,
            MaxConcurrency = 1,
            Extraction = FinalAnswerExtraction.Direct,
        };
        var reports = new List<SamplingProgress>();
        var progress = new SynchronousProgress<SamplingProgress>(reports.Add);
        var retries = 0;
        using var client = model.AsBuilder().UseResilience(new RetryOptions { TimeProvider = new InstantTimeProvider(), OnRetry = (_, _, _) => retries++ }).Build();
        var source = new ChatAnswerSource(client, options);

        var sets = await Collect(source.GetAnswerSetsAsync(NumericTask, [TestData.NumericQuestion("a"), TestData.NumericQuestion("b")], progress));

        Assert.Equal(2, sets.Count);
        Assert.Equal(8, model.CallCount); // 6 successful calls + 2 failed attempts
        var last = reports[^1];
        Assert.Equal(new SamplingProgress(2, 2, 0, 6, 60, 24), last);
        Assert.Equal(2, retries);
    }

    [Fact]
    public async Task A_failed_call_stops_the_run_with_that_exception_and_the_source_itself_does_not_retry()
    {
        var model = new ScriptedChatClient((_, _) => Task.FromException<ChatResponse>(new HttpRequestException("unauthorized", null, System.Net.HttpStatusCode.Unauthorized)));
        var source = new ChatAnswerSource(model, new ChatAnswerSourceOptions { SamplesPerQuestion = 1 });

        await Assert.ThrowsAsync<HttpRequestException>(() => Collect(source.GetAnswerSetsAsync(NumericTask, [TestData.NumericQuestion("a")])));

        var busy = new ScriptedChatClient((_, _) => Task.FromException<ChatResponse>(new HttpRequestException("busy", null, System.Net.HttpStatusCode.ServiceUnavailable)));
        await Assert.ThrowsAsync<HttpRequestException>(() => Collect(new ChatAnswerSource(busy, new ChatAnswerSourceOptions { SamplesPerQuestion = 1 }).GetAnswerSetsAsync(NumericTask, [TestData.NumericQuestion("a")])));
        Assert.Equal(1, busy.CallCount); // retries live in one place: the client's UseResilience() stage
    }

    [Fact]
    public async Task Rejects_bad_options_and_duplicate_question_ids()
    {
        var model = FakeMultipleChoiceTask.ParisModel();
        var ex = Assert.Throws<ArgumentException>(() => new ChatAnswerSource(model, new ChatAnswerSourceOptions { SamplesPerQuestion = 0 }));
        Assert.Contains("SamplesPerQuestion", ex.Message);
        var source = new ChatAnswerSource(model);
        var dup = await Assert.ThrowsAsync<ArgumentException>(() => Collect(source.GetAnswerSetsAsync(McTask, [TestData.CapitalQuestion("x"), TestData.CapitalQuestion("x")])));
        Assert.Contains("'x'", dup.Message);
    }

    [Fact]
    public async Task Through_a_real_OpenAI_client_log_probs_are_requested_and_the_sample_index_is_not_sent()
    {
        // End to end over HTTP: Microsoft.Extensions.AI.OpenAI serialises the request and parses a canned reply.
        var handler = new CannedOpenAIHandler();
        using var http = new HttpClient(handler);
        var openAi = new OpenAI.Chat.ChatClient(
            "test-model",
            new System.ClientModel.ApiKeyCredential("key"),
            new OpenAI.OpenAIClientOptions { Endpoint = new Uri("http://localhost/v1"), Transport = new System.ClientModel.Primitives.HttpClientPipelineTransport(http) });
        using var client = openAi.AsIChatClient();
        var source = new ChatAnswerSource(client, new ChatAnswerSourceOptions { SamplesPerQuestion = 1, Extraction = FinalAnswerExtraction.Direct });

        var set = Assert.Single(await Collect(source.GetAnswerSetsAsync(NumericTask, [TestData.NumericQuestion("n1")])));

        var body = Assert.Single(handler.Bodies);
        Assert.Matches(new Regex("\"logprobs\"\\s*:\\s*true"), body);
        Assert.DoesNotContain(ChatAnswerSourceOptions.SampleIndexKey, body);
        var candidate = Assert.Single(set.Candidates);
        Assert.Equal("42", candidate.FinalAnswer);
        Assert.Equal(-1.0, candidate.MeanLogProbability!.Value, 6);
        Assert.Equal(2, candidate.TokenCount);
    }

    private sealed class CannedOpenAIHandler : HttpMessageHandler
    {
        public List<string> Bodies { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var body = request.Content is null ? string.Empty : await request.Content.ReadAsStringAsync(cancellationToken);
            lock (Bodies)
            {
                Bodies.Add(body);
            }

            const string json = """
                {"id":"c1","object":"chat.completion","created":1700000000,"model":"test-model",
                 "choices":[{"index":0,"message":{"role":"assistant","content":"Answer: 42"},
                   "logprobs":{"content":[{"token":"Answer","logprob":-0.5,"bytes":null,"top_logprobs":[]},{"token":" 42","logprob":-1.5,"bytes":null,"top_logprobs":[]}]},
                   "finish_reason":"stop"}],
                 "usage":{"prompt_tokens":5,"completion_tokens":2,"total_tokens":7}}
                """;
            return new HttpResponseMessage(System.Net.HttpStatusCode.OK) { Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json") };
        }
    }
}
