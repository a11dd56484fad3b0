using System.Text.Json;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using OpenAI.Chat;
using WrongOverWrong.Chat;
using WrongOverWrong.Tests.TestDoubles;

namespace WrongOverWrong.Tests.Chat;

public class LogProbabilitiesTests
{
    [Fact]
    public void Get_reads_live_array_and_mean_is_average()
    {
        var response = new ChatResponse(new Microsoft.Extensions.AI.ChatMessage(ChatRole.Assistant, "x"));
        LogProbabilities.Set(response, [-0.5, -1.5, -1.0]);
        Assert.Equal([-0.5, -1.5, -1.0], LogProbabilities.Get(response));
        Assert.Equal(-1.0, LogProbabilities.GetMean(response)!.Value, 12);
    }

    [Fact]
    public void Get_reads_cached_json_forms()
    {
        var numbers = JsonDocument.Parse("[-0.25, -0.75]").RootElement;
        var objects = JsonDocument.Parse("""[{"token":"a","logprob":-2.0},{"token":"b","logprob":-4.0}]""").RootElement;
        var a = new ChatResponse { AdditionalProperties = new() { [LogProbabilities.AdditionalPropertiesKey] = numbers } };
        var b = new ChatResponse { AdditionalProperties = new() { [LogProbabilities.AdditionalPropertiesKey] = objects } };
        Assert.Equal(-0.5, LogProbabilities.GetMean(a)!.Value, 12);
        Assert.Equal(-3.0, LogProbabilities.GetMean(b)!.Value, 12);
    }

    [Fact]
    public void Get_falls_back_to_OpenAI_raw_representation_and_is_null_when_absent()
    {
        var response = OpenAIResponses.WithLogProbabilities("hi", -0.1f, -0.3f);
        Assert.Equal(-0.2, LogProbabilities.GetMean(response)!.Value, 6);
        Assert.Null(LogProbabilities.GetMean(new ChatResponse(new Microsoft.Extensions.AI.ChatMessage(ChatRole.Assistant, "no logprobs"))));
    }

    [Fact]
    public async Task Capture_client_requests_logprobs_and_copies_them_into_additional_properties()
    {
        object? raw = null;
        var inner = new ScriptedChatClient((call, _) =>
        {
            raw = call.Options?.RawRepresentationFactory?.Invoke(null!);
            return Task.FromResult(OpenAIResponses.WithLogProbabilities("answer", -1f, -2f, -3f));
        });
        using var client = new LogProbabilityCaptureChatClient(inner);

        var response = await client.GetResponseAsync("q");

        var options = Assert.IsType<ChatCompletionOptions>(raw);
        Assert.True(options.IncludeLogProbabilities);
        Assert.Equal([-1.0, -2.0, -3.0], Assert.IsType<double[]>(response.AdditionalProperties![LogProbabilities.AdditionalPropertiesKey]));
    }

    [Fact]
    public async Task Capture_client_composes_with_an_existing_raw_representation_factory()
    {
        object? raw = null;
        var inner = new ScriptedChatClient((call, _) =>
        {
            raw = call.Options?.RawRepresentationFactory?.Invoke(null!);
            return Task.FromResult(OpenAIResponses.WithLogProbabilities("a", -1f));
        });
        using var client = new LogProbabilityCaptureChatClient(inner);
        var callerOptions = new ChatOptions { RawRepresentationFactory = _ => new ChatCompletionOptions { TopLogProbabilityCount = 3 } };

        await client.GetResponseAsync("q", callerOptions);

        var options = Assert.IsType<ChatCompletionOptions>(raw);
        Assert.True(options.IncludeLogProbabilities);
        Assert.Equal(3, options.TopLogProbabilityCount);
    }

    [Fact]
    public async Task Log_probabilities_survive_a_real_distributed_cache_round_trip_when_captured_inside_the_cache()
    {
        var inner = new ScriptedChatClient((_, _) => Task.FromResult(OpenAIResponses.WithLogProbabilities("cached answer", -0.5f, -1.5f, -2.5f, -3.5f)));
        var cache = new MemoryDistributedCache(Options.Create(new MemoryDistributedCacheOptions()));
        using var client = new ChatClientBuilder(inner).UseDistributedCache(cache).UseLogProbabilityCapture().Build();

        var live = await client.GetResponseAsync("same question");
        var cached = await client.GetResponseAsync("same question");

        Assert.Equal(1, inner.CallCount);
        Assert.Null(cached.RawRepresentation);
        Assert.IsType<JsonElement>(cached.AdditionalProperties![LogProbabilities.AdditionalPropertiesKey]);
        Assert.Equal("cached answer", cached.Text);
        Assert.Equal(-2.0, LogProbabilities.GetMean(live)!.Value, 12);
        Assert.Equal(-2.0, LogProbabilities.GetMean(cached)!.Value, 12);
    }

    [Fact]
    public async Task Without_capture_a_cache_hit_loses_the_log_probabilities()
    {
        // The caveat that motivates LogProbabilityCaptureChatClient: the cache drops RawRepresentation.
        var inner = new ScriptedChatClient((_, _) => Task.FromResult(OpenAIResponses.WithLogProbabilities("a", -1f)));
        var cache = new MemoryDistributedCache(Options.Create(new MemoryDistributedCacheOptions()));
        using var client = new ChatClientBuilder(inner).UseDistributedCache(cache).Build();

        Assert.NotNull(LogProbabilities.GetMean(await client.GetResponseAsync("q")));
        Assert.Null(LogProbabilities.GetMean(await client.GetResponseAsync("q")));
    }
}
