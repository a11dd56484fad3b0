// The factory overload that takes usage and log-probs is marked experimental (OPENAI001); it is
// only used to build test fixtures.
#pragma warning disable OPENAI001
using Microsoft.Extensions.AI;
using OpenAI.Chat;

namespace WrongOverWrong.Tests.Chat;

/// <summary>Builds Microsoft.Extensions.AI responses whose raw representation is a real OpenAI ChatCompletion.</summary>
internal static class OpenAIResponses
{
    public static ChatResponse WithLogProbabilities(string text, params float[] logProbabilities)
    {
        var details = logProbabilities
            .Select((lp, i) => OpenAIChatModelFactory.ChatTokenLogProbabilityDetails(token: "t" + i, logProbability: lp, utf8Bytes: null, topLogProbabilities: []))
            .ToList();
        var completion = OpenAIChatModelFactory.ChatCompletion(
            id: "cmpl-1",
            finishReason: OpenAI.Chat.ChatFinishReason.Stop,
            content: new ChatMessageContent(text),
            role: ChatMessageRole.Assistant,
            contentTokenLogProbabilities: details,
            usage: OpenAIChatModelFactory.ChatTokenUsage(outputTokenCount: logProbabilities.Length, inputTokenCount: 7, totalTokenCount: 7 + logProbabilities.Length));
        return new ChatResponse(new Microsoft.Extensions.AI.ChatMessage(ChatRole.Assistant, text))
        {
            RawRepresentation = completion,
            Usage = new UsageDetails { InputTokenCount = 7, OutputTokenCount = logProbabilities.Length },
        };
    }
}
