using System.Globalization;
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

    /// <summary>The key under which an exception's <see cref="Exception.Data"/> may carry a Retry-After (a <see cref="TimeSpan"/>, or seconds as a number or string).</summary>
    public const string RetryAfterDataKey = "Retry-After";

    /// <summary>
    /// How long the server asked to wait before the next attempt, when <paramref name="exception"/>
    /// (or an inner exception) carries it; otherwise <see langword="null"/>.
    /// </summary>
    /// <remarks>
    /// <para>
    /// Read from System.ClientModel's <c>ClientResultException</c> (the OpenAI and Azure clients, so
    /// Microsoft.Extensions.AI.OpenAI too): the headers of its raw response, <c>retry-after-ms</c>,
    /// <c>x-ms-retry-after-ms</c> (milliseconds) and <c>Retry-After</c> (seconds or an HTTP date).
    /// Any exception may also carry it in <see cref="Exception.Data"/> under <see cref="RetryAfterDataKey"/>.
    /// </para>
    /// <para>
    /// Not possible: <see cref="HttpRequestException"/> (what <c>HttpClient.EnsureSuccessStatusCode</c>
    /// and OllamaSharp throw) keeps only the status code, not the response headers, so a plain
    /// HttpClient-based client's Retry-After is lost unless it puts it into <see cref="Exception.Data"/>.
    /// The OpenAI client's own retry policy honours Retry-After before the exception is thrown; the
    /// samples turn it off so that retries happen in one place.
    /// </para>
    /// </remarks>
    /// <param name="exception">The failure.</param>
    public static TimeSpan? RetryAfter(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (FromData(e.Data[RetryAfterDataKey]) is { } fromData)
            {
                return fromData;
            }

            if (HeaderOf(e, "retry-after-ms") is { } ms && double.TryParse(ms, NumberStyles.Float, CultureInfo.InvariantCulture, out var millis) && millis >= 0)
            {
                return TimeSpan.FromMilliseconds(millis);
            }

            if (HeaderOf(e, "x-ms-retry-after-ms") is { } xms && double.TryParse(xms, NumberStyles.Float, CultureInfo.InvariantCulture, out var xmillis) && xmillis >= 0)
            {
                return TimeSpan.FromMilliseconds(xmillis);
            }

            if (HeaderOf(e, "Retry-After") is { } value && Parse(value) is { } parsed)
            {
                return parsed;
            }
        }

        return null;
    }

    private static TimeSpan? FromData(object? value) => value switch
    {
        TimeSpan t when t >= TimeSpan.Zero => t,
        int seconds when seconds >= 0 => TimeSpan.FromSeconds(seconds),
        double seconds when seconds >= 0 => TimeSpan.FromSeconds(seconds),
        string text => Parse(text),
        _ => null,
    };

    // Retry-After is either delay-seconds or an HTTP date (RFC 9110, section 10.2.3).
    private static TimeSpan? Parse(string value)
    {
        if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
        {
            return seconds >= 0 ? TimeSpan.FromSeconds(seconds) : null;
        }

        if (DateTimeOffset.TryParseExact(value, "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var when))
        {
            var wait = when - DateTimeOffset.UtcNow;
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }

        return null;
    }

    private static bool IsClientResultException(Exception exception) =>
        exception.GetType().FullName == "System.ClientModel.ClientResultException";

    // System.ClientModel.ClientResultException (OpenAI, Azure) exposes "int Status"; read it by name
    // so Core needs no reference to System.ClientModel.
    private static int? StatusOf(Exception exception) =>
        IsClientResultException(exception)
            ? exception.GetType().GetProperty("Status", BindingFlags.Public | BindingFlags.Instance)?.GetValue(exception) as int?
            : null;

    // ClientResultException.GetRawResponse()?.Headers.TryGetValue(name, out value), by name as above.
    private static string? HeaderOf(Exception exception, string name)
    {
        if (!IsClientResultException(exception))
        {
            return null;
        }

        var response = exception.GetType().GetMethod("GetRawResponse", BindingFlags.Public | BindingFlags.Instance, Type.EmptyTypes)?.Invoke(exception, null);
        var headers = response?.GetType().GetProperty("Headers", BindingFlags.Public | BindingFlags.Instance)?.GetValue(response);
        var tryGetValue = headers?.GetType().GetMethod("TryGetValue", BindingFlags.Public | BindingFlags.Instance, [typeof(string), typeof(string).MakeByRefType()]);
        if (tryGetValue is null)
        {
            return null;
        }

        object?[] arguments = [name, null];
        return tryGetValue.Invoke(headers, arguments) is true ? arguments[1] as string : null;
    }
}
