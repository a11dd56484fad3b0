using Microsoft.Extensions.AI;
using WrongOverWrong.Training.Chat;
using WrongOverWrong.Training.Sampling;
using WrongOverWrong.Training.Text;

namespace WrongOverWrong.Training.Tests.Chat;

/// <summary>The client's own logic (prompting, option mapping, stop handling, usage, log-probs, serialization) over a scripted sampler.</summary>
public class LocalChatClientTests
{
    private static readonly Lazy<HuggingFaceTokenizer> SharedTokenizer = new(() => ByteLevelBpeTrainer.Train(
        ["an edge between node 0 and node 1 with weight 3,\nThe shortest path from node 0 to node 2 is 0,1,2 with a total weight of 4"],
        new ByteLevelBpeTrainerOptions { VocabularySize = 300 }).CreateTokenizer());

    private static HuggingFaceTokenizer Tokenizer => SharedTokenizer.Value;

    private static readonly ChatMessage[] Question = [new(ChatRole.User, "Give the shortest path.")];

    // Replies with the tokens of `reply` (+ <|end|> when stop), log-prob -0.5 * (i + 1) for token i.
    private sealed class ScriptedSampler(string reply, bool stop)
    {
        public List<(IReadOnlyList<int> Prompt, SamplingOptions Options)> Calls { get; } = [];

        public IReadOnlyList<GeneratedSequence> Sample(IReadOnlyList<int> prompt, SamplingOptions options, CancellationToken cancellationToken)
        {
            lock (Calls)
            {
                Calls.Add((prompt, options));
            }
            var tokens = Tokenizer.Encode(reply).ToList();
            if (stop)
            {
                tokens.Add(Tokenizer.TokenToId(TinyChatTokens.End)!.Value);
            }
            var logProbs = tokens.Select((_, i) => -0.5 * (i + 1)).ToList();
            return Enumerable.Range(0, options.NumSamples)
                .Select(_ => new GeneratedSequence(tokens, logProbs, null, stop ? FinishReason.Stop : FinishReason.Length))
                .ToList();
        }
    }

    // A template that, like TinyLlama's Zephyr template, does not write the BOS token itself.
    private sealed class NoBosTemplate : IChatTemplate
    {
        public string EndOfTurn => TinyChatTokens.End;

        public IReadOnlyList<string> StopTokens => [TinyChatTokens.End];

        public string FormatPrompt(IEnumerable<ChatMessage> messages) =>
            string.Concat(messages.Select(m => $"<|user|>\n{m.Text}<|end|>\n")) + "<|assistant|>\n";
    }

    [Fact]
    public async Task Sampling_prompts_equal_training_prompts_including_the_bos_token()
    {
        var sampler = new ScriptedSampler("0", stop: true);
        var template = new NoBosTemplate();
        using var client = new LocalChatClient(sampler.Sample, Tokenizer, template);

        await client.GetResponseAsync(Question);

        var prompt = Assert.Single(sampler.Calls).Prompt;
        Assert.Equal(Tokenizer.BeginOfSequenceId, prompt[0]);
        Assert.Equal(ChatPromptEncoder.Encode(Tokenizer, template, Question), prompt);
        // The trainer's dataset goes through the same encoder.
        var data = WrongOverWrong.Training.Optimization.PreferenceDataset.Build(
            [new WrongOverWrong.Training.Optimization.TrainingExample("q", Question[0].Text, ["0"], true)],
            Tokenizer, template, new WrongOverWrong.Training.Optimization.TrainerOptions());
        Assert.Equal(prompt, data.Examples[0].Prompt);
    }

    [Fact]
    public async Task Prompt_is_the_rendered_template_and_options_map_to_sampling()
    {
        var sampler = new ScriptedSampler("0,1,2", stop: true);
        using var client = new LocalChatClient(sampler.Sample, Tokenizer, new TinyChatTemplate());

        await client.GetResponseAsync(Question, new ChatOptions { Temperature = 0.7f, TopP = 0.9f, TopK = 5, MaxOutputTokens = 12, Seed = 42 });

        var (prompt, options) = Assert.Single(sampler.Calls);
        Assert.Equal(Tokenizer.Encode("<bos><|user|>\nGive the shortest path.<|end|>\n<|assistant|>\n"), prompt);
        Assert.Equal(1, prompt[0]);
        Assert.Equal(0.7, options.Temperature, 6);
        Assert.Equal(0.9, options.TopP, 6);
        Assert.Equal(5, options.TopK);
        Assert.Equal(12, options.MaxNewTokens);
        Assert.Equal(42, options.Seed);
        Assert.Equal(1, options.NumSamples);
        // <|end|> (6) from the template, <eos> (2) from the tokenizer; <eos> is a template stop token too.
        Assert.Equal(new[] { 6, 2 }, options.StopTokens);
    }

    [Fact]
    public async Task Defaults_apply_when_the_request_sets_nothing_and_seeds_vary()
    {
        var sampler = new ScriptedSampler("0", stop: true);
        using var client = new LocalChatClient(sampler.Sample, Tokenizer, new TinyChatTemplate(), new LocalChatClientOptions { Temperature = 0, MaxOutputTokens = 7 });

        await client.GetResponseAsync(Question);
        await client.GetResponseAsync(Question);

        Assert.Equal(2, sampler.Calls.Count);
        Assert.All(sampler.Calls, c => Assert.Equal(0, c.Options.Temperature));
        Assert.All(sampler.Calls, c => Assert.Equal(7, c.Options.MaxNewTokens));
        Assert.NotEqual(sampler.Calls[0].Options.Seed, sampler.Calls[1].Options.Seed);
    }

    [Fact]
    public async Task Stopped_response_has_text_usage_and_content_log_probs()
    {
        var sampler = new ScriptedSampler("0,1,2", stop: true);
        using var client = new LocalChatClient(sampler.Sample, Tokenizer, new TinyChatTemplate(), new LocalChatClientOptions { ModelId = "tiny" });

        var response = await client.GetResponseAsync(Question);

        var content = Tokenizer.Encode("0,1,2");
        var prompt = sampler.Calls[0].Prompt;
        Assert.Equal("0,1,2", response.Text);
        Assert.Equal(ChatFinishReason.Stop, response.FinishReason);
        Assert.Equal("tiny", response.ModelId);
        Assert.Equal(prompt.Count, response.Usage!.InputTokenCount);
        Assert.Equal(content.Count + 1, response.Usage.OutputTokenCount);
        Assert.Equal(prompt.Count + content.Count + 1, response.Usage.TotalTokenCount);
        // The stop token's log-prob is not content.
        var logProbs = Assert.IsType<double[]>(response.AdditionalProperties![LocalChatClient.LogProbabilitiesKey]);
        Assert.Equal(content.Select((_, i) => -0.5 * (i + 1)), logProbs);
        // Core's reader (used by answer sources and the log-probability elicitor) sees the same values.
        Assert.Equal(logProbs.Average(), WrongOverWrong.Chat.LogProbabilities.GetMean(response)!.Value, 12);
    }

    [Fact]
    public async Task Length_limited_response_keeps_every_log_prob()
    {
        var sampler = new ScriptedSampler("0,1", stop: false);
        using var client = new LocalChatClient(sampler.Sample, Tokenizer, new TinyChatTemplate());

        var response = await client.GetResponseAsync(Question);

        Assert.Equal(ChatFinishReason.Length, response.FinishReason);
        Assert.Equal("0,1", response.Text);
        Assert.Equal(3, ((double[])response.AdditionalProperties![LocalChatClient.LogProbabilitiesKey]!).Length);
    }

    [Fact]
    public async Task Stop_sequences_cut_text_and_log_probs()
    {
        // Digits and commas are single tokens: "0" "," "1" "," "2" -> cut at the first ",1": keep "0".
        var sampler = new ScriptedSampler("0,1,2", stop: false);
        using var client = new LocalChatClient(sampler.Sample, Tokenizer, new TinyChatTemplate());
        Assert.Equal(5, Tokenizer.Encode("0,1,2").Count);

        var response = await client.GetResponseAsync(Question, new ChatOptions { StopSequences = ["xyz", ",1"] });

        Assert.Equal("0", response.Text);
        Assert.Equal(ChatFinishReason.Stop, response.FinishReason);
        Assert.Equal(new[] { -0.5 }, (double[])response.AdditionalProperties![LocalChatClient.LogProbabilitiesKey]!);
    }

    [Fact]
    public async Task Concurrent_calls_are_serialized()
    {
        var inside = 0;
        var maxInside = 0;
        IReadOnlyList<GeneratedSequence> Slow(IReadOnlyList<int> prompt, SamplingOptions options, CancellationToken ct)
        {
            var now = Interlocked.Increment(ref inside);
            InterlockedMax(ref maxInside, now);
            Thread.Sleep(30);
            Interlocked.Decrement(ref inside);
            return [new GeneratedSequence([2], [-0.1], null, FinishReason.Stop)];
        }
        using var client = new LocalChatClient(Slow, Tokenizer, new TinyChatTemplate());

        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => client.GetResponseAsync(Question)));

        Assert.Equal(1, maxInside);
        Assert.All(responses, r => Assert.Equal(string.Empty, r.Text));
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }

    [Fact]
    public async Task Streaming_yields_the_same_response()
    {
        var sampler = new ScriptedSampler("0,1,2", stop: true);
        using var client = new LocalChatClient(sampler.Sample, Tokenizer, new TinyChatTemplate());

        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in client.GetStreamingResponseAsync(Question, new ChatOptions { Seed = 1 }))
        {
            updates.Add(update);
        }

        var combined = updates.ToChatResponse();
        Assert.Equal("0,1,2", combined.Text);
        Assert.Equal(ChatFinishReason.Stop, combined.FinishReason);
    }

    [Fact]
    public async Task Unsupported_options_are_refused_not_ignored()
    {
        var sampler = new ScriptedSampler("0", stop: true);
        using var client = new LocalChatClient(sampler.Sample, Tokenizer, new TinyChatTemplate());

        await Assert.ThrowsAsync<NotSupportedException>(() => client.GetResponseAsync(Question, new ChatOptions { PresencePenalty = 0.5f }));
        var ex = await Assert.ThrowsAsync<ArgumentException>(() => client.GetResponseAsync(Question, new ChatOptions { TopP = 0 }));
        Assert.Contains("TopP", ex.Message);
        Assert.Empty(sampler.Calls);
    }

    [Fact]
    public void Metadata_and_services()
    {
        var sampler = new ScriptedSampler("0", stop: true);
        using var client = new LocalChatClient(sampler.Sample, Tokenizer, new TinyChatTemplate(), new LocalChatClientOptions { ModelId = "tiny-graph" });

        var metadata = client.GetService<ChatClientMetadata>();
        Assert.Equal("tiny-graph", metadata!.DefaultModelId);
        Assert.Same(Tokenizer, client.GetService<ITextTokenizer>());
        Assert.IsType<TinyChatTemplate>(client.GetService<IChatTemplate>());
        Assert.Null(client.GetService<ChatClientMetadata>("some key"));
    }

    [Fact]
    public async Task Ids_beyond_the_tokenizer_are_counted_not_decoded()
    {
        var zero = Tokenizer.Encode("0")[0];
        IReadOnlyList<GeneratedSequence> Padded(IReadOnlyList<int> prompt, SamplingOptions options, CancellationToken ct) =>
            [new([zero, Tokenizer.VocabularySize + 3, zero], [-1, -2, -3], null, FinishReason.Length)];
        using var client = new LocalChatClient(Padded, Tokenizer, new TinyChatTemplate());

        var response = await client.GetResponseAsync(Question);

        Assert.Equal("00", response.Text);
        Assert.Equal(1, response.AdditionalProperties![LocalChatClient.UnknownTokenCountKey]);
        Assert.Equal(3, ((double[])response.AdditionalProperties[LocalChatClient.LogProbabilitiesKey]!).Length);
    }

    [Fact]
    public async Task Several_responses_come_from_one_batched_call()
    {
        var sampler = new ScriptedSampler("0,1", stop: true);
        using var client = new LocalChatClient(sampler.Sample, Tokenizer, new TinyChatTemplate());

        var responses = await client.GetResponsesAsync(Question, 4, new ChatOptions { Seed = 9 });

        var call = Assert.Single(sampler.Calls);
        Assert.Equal(4, call.Options.NumSamples);
        Assert.Equal(4, responses.Count);
        Assert.All(responses, r => Assert.Equal("0,1", r.Text));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => client.GetResponsesAsync(Question, 0));
    }
}
