using System.Globalization;
using System.Text;
using System.Text.Json;

namespace MultiModel.Internal;

/// <summary>How a provider's failures become typed exceptions: error statuses, broken or malformed answers, transport errors.</summary>
internal sealed partial class ProviderTransport
{
    /// <summary>Creates the exception for an answer that cannot be used.</summary>
    public ChatProviderException Malformed(string detail, HttpResponseMessage? response = null, Exception? innerException = null) =>
        new(ProviderName, ChatProviderErrorKind.MalformedResponse, $"{ProviderName}: malformed response. {detail}", innerException)
        {
            StatusCode = response is null ? null : (int)response.StatusCode,
            RequestId = response is null ? null : ReadRequestId(response),
        };

    /// <summary>Creates the exception for a stream that ended before the provider's end marker.</summary>
    public ChatProviderException Truncated(string endMarker, HttpResponseMessage response) =>
        new(ProviderName, ChatProviderErrorKind.MalformedResponse, $"{ProviderName}: the stream ended before {endMarker}; the answer is incomplete.")
        {
            StatusCode = (int)response.StatusCode,
            RequestId = ReadRequestId(response),
        };

    /// <summary>Creates the exception for an error event received inside a stream.</summary>
    public ChatProviderException StreamError(ReadOnlySpan<byte> payload, HttpResponseMessage response)
    {
        var error = _errorParser(payload);
        var message = ErrorText.Redact(error.Message, _secret);
        return new ChatProviderException(
            ProviderName,
            ChatProviderErrorKind.StreamError,
            Describe("error event in stream", error.ErrorType, message))
        {
            StatusCode = (int)response.StatusCode,
            ErrorType = error.ErrorType,
            ProviderMessage = message,
            RequestId = error.RequestId ?? ReadRequestId(response),
            IsContextLengthExceeded = error.IsContextLengthExceeded,
            ResponseBody = ErrorText.Redact(Encoding.UTF8.GetString(payload), _secret),
        };
    }

    private async Task<ChatProviderException> CreateStatusExceptionAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        byte[] body;
        try
        {
            body = await ReadCappedAsync(response.Content, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or HttpRequestException)
        {
            body = [];
        }

        var status = (int)response.StatusCode;
        var error = _errorParser(body);
        var message = ErrorText.Redact(error.Message, _secret);
        var text = ErrorText.Redact(Encoding.UTF8.GetString(body), _secret);
        return new ChatProviderException(
            ProviderName,
            ChatProviderErrorKind.HttpStatus,
            Describe(string.Create(CultureInfo.InvariantCulture, $"HTTP {status}"), error.ErrorType, message ?? Shorten(text)))
        {
            StatusCode = status,
            ErrorType = error.ErrorType,
            ProviderMessage = message,
            RequestId = error.RequestId ?? ReadRequestId(response),
            RetryAfter = RetryAfterParser.Parse(response.Headers, _timeProvider.GetUtcNow()),
            ShouldRetry = RetryAfterParser.ParseShouldRetry(response.Headers),
            IsContextLengthExceeded = error.IsContextLengthExceeded,
            ResponseBody = text,
        };
    }

    private string Describe(string what, string? errorType, string? message)
    {
        var builder = new StringBuilder(ProviderName).Append(": ").Append(what);
        if (!string.IsNullOrEmpty(errorType))
        {
            builder.Append(" (").Append(errorType).Append(')');
        }

        if (!string.IsNullOrWhiteSpace(message))
        {
            builder.Append(": ").Append(message);
        }

        return builder.ToString();
    }

    private static string? Shorten(string? text) =>
        string.IsNullOrWhiteSpace(text) ? null : text.Length <= 200 ? text.Trim() : string.Concat(text.AsSpan(0, 200).Trim(), "…");

    private static async Task<byte[]> ReadCappedAsync(HttpContent content, CancellationToken cancellationToken)
    {
        var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            var buffer = new byte[MaxErrorBodyBytes];
            var total = 0;
            int read;
            while (total < buffer.Length && (read = await stream.ReadAsync(buffer.AsMemory(total), cancellationToken).ConfigureAwait(false)) > 0)
            {
                total += read;
            }

            return buffer.AsSpan(0, total).ToArray();
        }
    }

    private static string? ReadRequestId(HttpResponseMessage response)
    {
        foreach (var name in (ReadOnlySpan<string>)["request-id", "x-request-id"])
        {
            if (response.Headers.TryGetValues(name, out var values))
            {
                foreach (var value in values)
                {
                    return value;
                }
            }
        }

        return null;
    }

    private bool TryWrapTransportFailure(Exception exception, CancellationToken cancellationToken, out ChatProviderException wrapped)
    {
        switch (exception)
        {
            case OperationCanceledException when cancellationToken.IsCancellationRequested:
                wrapped = null!;
                return false;
            case OperationCanceledException:
            case TimeoutException:
                wrapped = new ChatProviderException(ProviderName, ChatProviderErrorKind.Timeout, $"{ProviderName}: the request timed out.", exception);
                return true;
            case HttpRequestException http:
                wrapped = new ChatProviderException(ProviderName, ChatProviderErrorKind.Transport, $"{ProviderName}: the connection failed ({http.HttpRequestError}).", exception)
                {
                    StatusCode = http.StatusCode is { } code ? (int)code : null,
                };
                return true;
            case IOException:
                wrapped = new ChatProviderException(ProviderName, ChatProviderErrorKind.Transport, $"{ProviderName}: the connection broke while reading the answer.", exception);
                return true;
            default:
                wrapped = null!;
                return false;
        }
    }
}
