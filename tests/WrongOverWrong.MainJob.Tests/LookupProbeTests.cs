using Microsoft.Extensions.AI;
using WrongOverWrong.MainJob.ShippedModel;
using WrongOverWrong.Tasks.NLGraph;
using Xunit;

namespace WrongOverWrong.MainJob.Tests;

public sealed class LookupProbeTests
{
    [Fact]
    public async Task Lists_count_only_when_exactly_right_and_the_prompt_matches_the_training()
    {
        var questions = new ShortestPathGenerator(ShortestPathGeneratorOptions.Easy(5)).Generate(6).ToList();
        Assert.Equal(6, questions.Count);
        var truth = questions.ToDictionary(q => q.Id, q => NeighbourListExample.Lists(ShortestPathProblem.Parse(q.Id, q.Prompt)));
        var prompts = new List<string>();

        // Question 0 and 1: both lists right (one followed by an answer); 2: only the source list; 3-5: wrong.
        var client = new ScriptedClient((prompt, index) =>
        {
            prompts.Add(prompt);
            string lists = truth[questions[index].Id];
            string source = lists[..lists.IndexOf(" Node ", StringComparison.Ordinal)];
            return index switch
            {
                0 => lists,
                1 => lists + " The shortest path from node 0 to node 1 is 0,1 with a total weight of 1.",
                2 => source + " Node 99: none.",
                3 => "Node 0: none. Node 1: none.",
                4 => " " + lists,
                _ => string.Empty,
            };
        });

        LookupResult aux = await LookupProbe.RunAsync(client, questions, neighboursFirst: false);

        Assert.Equal(new LookupResult(6, 3, 2), aux);
        Assert.Equal("greedy neighbour lists: source right 3/6, both right 2/6", aux.ToString());
        Assert.All(prompts, p => Assert.Contains("Q: List the neighbours of node ", p, StringComparison.Ordinal));
        Assert.Equal(6, prompts.Count);
        Assert.Equal(6, client.Temperatures.Count);
        Assert.All(client.Temperatures, t => Assert.Equal(0f, t));

        prompts.Clear();
        await LookupProbe.RunAsync(client, questions, neighboursFirst: true);
        Assert.Equal(6, prompts.Count);
        Assert.All(prompts, p => Assert.Contains("Q: Give the shortest path from node ", p, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Cancellation_stops_before_the_next_question()
    {
        var questions = new ShortestPathGenerator(ShortestPathGeneratorOptions.Easy(5)).Generate(3).ToList();
        using var cancel = new CancellationTokenSource();
        var client = new ScriptedClient((_, _) =>
        {
            cancel.Cancel();
            return string.Empty;
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => LookupProbe.RunAsync(client, questions, false, cancel.Token));
        Assert.Single(client.Temperatures);
    }

    /// <summary>Answers each call with a scripted text for the call's index.</summary>
    private sealed class ScriptedClient(Func<string, int, string> answer) : IChatClient
    {
        private int _calls;

        public List<float?> Temperatures { get; } = [];

        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        {
            Temperatures.Add(options?.Temperature);
            string text = answer(messages.Last().Text, _calls % 6);
            _calls++;
            return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, text)));
        }

        public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }
}
