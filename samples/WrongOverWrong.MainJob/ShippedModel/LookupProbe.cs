using Microsoft.Extensions.AI;
using WrongOverWrong.Tasks.NLGraph;

namespace WrongOverWrong.MainJob.ShippedModel;

/// <summary>
/// Measures whether the model looks edges up in the prompt: its greedy neighbour lists of each
/// question's source and target (<see cref="NeighbourListExample.Lists"/>) against the true ones.
/// </summary>
/// <remarks>
/// Why: a model can reach 15-21% exact answers from the statistics of small graphs alone, so exact
/// accuracy cannot tell whether retrieval has started to form; the lists can, one token at a time.
/// </remarks>
public static class LookupProbe
{
    /// <summary>Asks for the lists greedily and counts how many come out exactly right.</summary>
    /// <param name="client">The model.</param>
    /// <param name="questions">Fresh shortest-path questions.</param>
    /// <param name="neighboursFirst">
    /// Whether the model was trained to list the neighbours at the start of its answer (then it gets the
    /// shortest-path prompt); otherwise it gets the auxiliary neighbour-list question.
    /// </param>
    /// <param name="cancellationToken">Stops between two questions.</param>
    public static async Task<LookupResult> RunAsync(IChatClient client, IReadOnlyList<Question> questions, bool neighboursFirst, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(questions);
        var oracle = new ShortestPathOracle();
        int sourceRight = 0, bothRight = 0;
        foreach (Question question in questions)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var problem = ShortestPathProblem.Parse(question.Id, question.Prompt);
            string prompt = neighboursFirst ? oracle.BuildPrompt(question) : NeighbourListExample.Create(question).Prompt;
            var options = new ChatOptions { Temperature = 0f, MaxOutputTokens = ShippedModelProbe.MaxOutputTokens };
            ChatResponse response = await client.GetResponseAsync([new ChatMessage(ChatRole.User, prompt)], options, cancellationToken).ConfigureAwait(false);
            string lists = NeighbourListExample.Lists(problem);
            string source = lists[..lists.IndexOf(" Node ", StringComparison.Ordinal)];
            sourceRight += response.Text.StartsWith(source, StringComparison.Ordinal) ? 1 : 0;
            bothRight += response.Text.StartsWith(lists, StringComparison.Ordinal) ? 1 : 0;
        }

        return new LookupResult(questions.Count, sourceRight, bothRight);
    }
}

/// <summary>What <see cref="LookupProbe"/> measured.</summary>
/// <param name="Questions">Questions asked.</param>
/// <param name="SourceRight">Answers whose source list is exactly right.</param>
/// <param name="BothRight">Answers whose source and target lists are both exactly right.</param>
public sealed record LookupResult(int Questions, int SourceRight, int BothRight)
{
    /// <inheritdoc/>
    public override string ToString() => $"greedy neighbour lists: source right {SourceRight}/{Questions}, both right {BothRight}/{Questions}";
}
