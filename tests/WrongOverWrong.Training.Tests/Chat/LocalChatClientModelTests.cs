using Microsoft.Extensions.AI;
using WrongOverWrong.Training.Chat;
using WrongOverWrong.Training.Modeling;
using WrongOverWrong.Training.Sampling;
using WrongOverWrong.Training.Scoring;
using WrongOverWrong.Training.Text;

namespace WrongOverWrong.Training.Tests.Chat;

/// <summary>The client over a real (tiny, random) TorchSharp Llama and the trained tiny tokenizer.</summary>
public sealed class LocalChatClientModelTests : TorchTestBase
{
    private static readonly ChatMessage[] Question = [new(ChatRole.User, "Give the shortest path from node 0 to node 2.")];

    private static HuggingFaceTokenizer TrainTokenizer() => ByteLevelBpeTrainer.Train(
        ["an edge between node 0 and node 1 with weight 3,\nQ: Give the shortest path from node 0 to node 2.\nA:", "The shortest path from node 0 to node 2 is 0,1,2 with a total weight of 4"],
        new ByteLevelBpeTrainerOptions { VocabularySize = 300 }).CreateTokenizer();

    [Fact]
    public async Task Greedy_is_deterministic_and_log_probs_match_teacher_forcing()
    {
        var tokenizer = TrainTokenizer();
        using var model = LlamaForCausalLM.Create(LlamaConfig.Tiny(vocabSize: tokenizer.VocabularySize), seed: 3);
        using var client = new LocalChatClient(model, tokenizer, new TinyChatTemplate());
        var options = new ChatOptions { Temperature = 0, MaxOutputTokens = 12 };

        var first = await client.GetResponseAsync(Question, options);
        var second = await client.GetResponseAsync(Question, options);

        Assert.Equal(first.Text, second.Text);
        var logProbs = (double[])first.AdditionalProperties![LocalChatClient.LogProbabilitiesKey]!;
        Assert.Equal(logProbs, (double[])second.AdditionalProperties![LocalChatClient.LogProbabilitiesKey]!);
        Assert.NotEmpty(logProbs);
        Assert.All(logProbs, lp => Assert.True(lp <= 0));
        Assert.InRange(first.Usage!.OutputTokenCount!.Value, 1, 12);
        Assert.Equal(first.FinishReason == ChatFinishReason.Stop ? first.Usage.OutputTokenCount - 1 : first.Usage.OutputTokenCount, logProbs.Length);

        // The sampled tokens scored again by teacher forcing give the same log-probabilities.
        var sequence = Assert.IsType<GeneratedSequence>(first.RawRepresentation);
        var prompt = tokenizer.Encode(new TinyChatTemplate().FormatPrompt(Question));
        var scored = new TeacherForcedScorer(model).Score([(prompt, sequence.Tokens.Take(logProbs.Length).ToList())]);
        Assert.Equal(scored[0].SumLogProbability, logProbs.Sum(), 3);
    }

    [Fact]
    public async Task Same_seed_same_sample_and_length_limit_is_reported()
    {
        var tokenizer = TrainTokenizer();
        using var model = LlamaForCausalLM.Create(LlamaConfig.Tiny(vocabSize: tokenizer.VocabularySize), seed: 5);
        using var client = new LocalChatClient(model, tokenizer, new TinyChatTemplate());
        // A random model rarely hits <|end|> in 4 tokens; either way the counts must agree with the reason.
        var options = new ChatOptions { Temperature = 1, Seed = 123, MaxOutputTokens = 4 };

        var a = await client.GetResponseAsync(Question, options);
        var b = await client.GetResponseAsync(Question, options);

        Assert.Equal(a.Text, b.Text);
        Assert.Equal(((GeneratedSequence)a.RawRepresentation!).Tokens, ((GeneratedSequence)b.RawRepresentation!).Tokens);
        Assert.True(a.Usage!.OutputTokenCount <= 4);
        if (a.FinishReason == ChatFinishReason.Length)
        {
            Assert.Equal(4, a.Usage.OutputTokenCount);
        }
    }

    [Fact]
    public void Tokenizer_larger_than_the_model_is_rejected()
    {
        var tokenizer = TrainTokenizer();
        using var model = LlamaForCausalLM.Create(LlamaConfig.Tiny(vocabSize: 64), seed: 1);
        Assert.Throws<ArgumentException>(() => new LocalChatClient(model, tokenizer, new TinyChatTemplate()));
    }

    [Fact]
    public async Task Batched_samples_share_the_prompt_and_greedy_samples_agree()
    {
        var tokenizer = TrainTokenizer();
        using var model = LlamaForCausalLM.Create(LlamaConfig.Tiny(vocabSize: tokenizer.VocabularySize), seed: 3);
        using var client = new LocalChatClient(model, tokenizer, new TinyChatTemplate());

        var greedy = await client.GetResponsesAsync(Question, 3, new ChatOptions { Temperature = 0, MaxOutputTokens = 8 });
        var single = await client.GetResponseAsync(Question, new ChatOptions { Temperature = 0, MaxOutputTokens = 8 });
        Assert.Equal(3, greedy.Count);
        Assert.All(greedy, r => Assert.Equal(single.Text, r.Text));

        var sampled = await client.GetResponsesAsync(Question, 6, new ChatOptions { Temperature = 1.5f, MaxOutputTokens = 8, Seed = 7 });
        Assert.Equal(6, sampled.Count);
        // A random model at temperature 1.5 over 300 ids: six 8-token samples are not all the same.
        Assert.True(sampled.Select(r => r.Text).Distinct().Count() > 1);
    }
}
