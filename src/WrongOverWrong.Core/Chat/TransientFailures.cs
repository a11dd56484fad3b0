using System.Net;
using System.Reflection;

namespace WrongOverWrong.Chat;

/// <summary>Classifies failures of model calls as transient (worth retrying) or not.</summary>
public static class TransientFailures
{
    /// <summary>
    /// Whether <paramref name="exception"/> is transient: an HTTP failure with status 408, 429 or 5xx
    /// (<see cref="HttpRequestException"/>, or System.ClientModel's <c>ClientResultException</c>, read
    /// by its <c>Status</c> property), a connection failure without a status, a <see cref="TimeoutException"/>,
    /// or an <see cref="OperationCanceledException"/> that the caller did not ask for (an HTTP timeout).
    /// </summary>
    /// <param name="exception">The failure.</param>
    /// <param name="callerToken">The caller's token: a cancellation it requested is never transient.</param>
    public static bool IsTransient(Exception exception, CancellationToken callerToken = default)
    {
        ArgumentNullException.ThrowIfNull(exception);
        switch (exception)
        {
            case OperationCanceledException:
                return !callerToken.IsCancellationRequested;
            case TimeoutException:
                return true;
            case HttpRequestException http:
                return http.StatusCode is not { } status || IsTransientStatus((int)status);
        }

        if (StatusOf(exception) is { } clientStatus)
        {
            // Status 0 means no response came back (a network failure).
            return clientStatus == 0 || IsTransientStatus(clientStatus);
        }

        return exception.InnerException is { } inner && IsTransient(inner, callerToken);
    }

    /// <summary>Whether an HTTP status code is worth retrying (408, 429, 5xx).</summary>
    /// <param name="status">The status code.</param>
    public static bool IsTransientStatus(int status) =>
        status is (int)HttpStatusCode.RequestTimeout or (int)HttpStatusCode.TooManyRequests or >= 500 and < 600;

    // System.ClientModel.ClientResultException (OpenAI, Azure) exposes "int Status"; read it by name
    // so Core needs no reference to System.ClientModel.
    private static int? StatusOf(Exception exception)
    {
        if (exception.GetType().FullName != "System.ClientModel.ClientResultException")
        {
            return null;
        }

        return exception.GetType().GetProperty("Status", BindingFlags.Public | BindingFlags.Instance)?.GetValue(exception) as int?;
    }
}
