using System.Net.Http;
using System.Net.Sockets;
using Microsoft.Extensions.AI;

namespace WrongOverWrong.Pipeline;

/// <summary>Recognises an endpoint that failed for good and turns it into one clear line.</summary>
internal static class EndpointFailure
{
    public static bool Is(Exception e, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested || e is PipelineEndpointException)
        {
            return false;
        }

        for (var x = e; x is not null; x = x.InnerException)
        {
            if (x is HttpRequestException or SocketException or TimeoutException
                || x.GetType().Name is "ClientResultException" or "RequestFailedException"
                || (x is TaskCanceledException && !cancellationToken.IsCancellationRequested))
            {
                return true;
            }

            if (x is AggregateException aggregate && aggregate.InnerExceptions.Any(i => Is(i, cancellationToken)))
            {
                return true;
            }
        }

        return false;
    }

    public static PipelineEndpointException Wrap(string stage, string what, IChatClient? client, Exception e, string keptIn)
    {
        var metadata = client?.GetService(typeof(ChatClientMetadata)) as ChatClientMetadata;
        var endpoint = metadata?.ProviderUri?.ToString() ?? metadata?.ProviderName ?? "(endpoint address unknown)";
        var root = e;
        while (root.InnerException is not null && root is not HttpRequestException)
        {
            root = root.InnerException;
        }

        var message = $"Stage '{stage}' failed: {what} at {endpoint} did not answer after retries ({root.GetType().Name}: {root.Message.ReplaceLineEndings(" ")}). " +
            $"Check that the server runs and is reachable, the model name and the API key; rerun to resume (finished work is kept in {keptIn}).";
        return new PipelineEndpointException(stage, endpoint, message, e);
    }
}
