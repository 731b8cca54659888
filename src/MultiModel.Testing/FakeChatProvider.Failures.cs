using System.Globalization;
using System.Net.Http;

namespace MultiModel.Testing;

/// <content>Factories of realistic <see cref="ChatProviderException"/> values for scripted failures.</content>
public sealed partial class FakeChatProvider
{
    /// <summary>Creates the exception a real provider throws for an HTTP error status.</summary>
    /// <param name="status">The HTTP status, for example 429, 503 or 529.</param>
    /// <param name="message">The provider's error message, or <see langword="null"/> for a typical one for the status.</param>
    /// <param name="retryAfter">The delay the provider asks for, or <see langword="null"/> for none.</param>
    /// <param name="errorType">The provider's error type, or <see langword="null"/> for the Anthropic type of the status.</param>
    /// <param name="providerName">The name of the failing provider.</param>
    /// <returns>A new exception with <see cref="ChatProviderErrorKind.HttpStatus"/>, a request id and a JSON error body.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="status"/> is not between 400 and 599.</exception>
    public static ChatProviderException Failure(int status = 503, string? message = null, TimeSpan? retryAfter = null, string? errorType = null, string providerName = "fake")
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(status, 400);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(status, 599);
        errorType ??= DefaultErrorType(status);
        message ??= DefaultMessage(status);
        var requestId = NewRequestId();
        return new ChatProviderException(providerName, ChatProviderErrorKind.HttpStatus, Describe(providerName, $"HTTP {status}", errorType, message))
        {
            StatusCode = status,
            ErrorType = errorType,
            ProviderMessage = message,
            RequestId = requestId,
            RetryAfter = retryAfter,
            ShouldRetry = status is 400 or 401 or 403 or 404 ? false : null,
            ResponseBody = ErrorBody(errorType, message, requestId),
        };
    }

    /// <summary>Creates the exception a real provider throws when the prompt exceeds the context window (HTTP 400).</summary>
    /// <param name="providerName">The name of the failing provider.</param>
    /// <returns>A new exception with <see cref="ChatProviderException.IsContextLengthExceeded"/> set.</returns>
    public static ChatProviderException ContextTooLongFailure(string providerName = "fake")
    {
        var failure = Failure(400, "prompt is too long: 212345 tokens > 200000 maximum", errorType: "invalid_request_error", providerName: providerName);
        return new ChatProviderException(providerName, failure.Kind, failure.Message)
        {
            StatusCode = failure.StatusCode,
            ErrorType = failure.ErrorType,
            ProviderMessage = failure.ProviderMessage,
            RequestId = failure.RequestId,
            ShouldRetry = failure.ShouldRetry,
            ResponseBody = failure.ResponseBody,
            IsContextLengthExceeded = true,
        };
    }

    /// <summary>Creates the exception a real provider throws for an error event inside a stream that began with HTTP 200.</summary>
    /// <param name="errorType">The provider's error type.</param>
    /// <param name="message">The provider's error message.</param>
    /// <param name="providerName">The name of the failing provider.</param>
    /// <returns>A new exception with <see cref="ChatProviderErrorKind.StreamError"/> and status 200.</returns>
    public static ChatProviderException StreamFailure(string errorType = "overloaded_error", string message = "Overloaded", string providerName = "fake")
    {
        var requestId = NewRequestId();
        return new ChatProviderException(providerName, ChatProviderErrorKind.StreamError, Describe(providerName, "error event in stream", errorType, message))
        {
            StatusCode = 200,
            ErrorType = errorType,
            ProviderMessage = message,
            RequestId = requestId,
            ResponseBody = ErrorBody(errorType, message, requestId),
        };
    }

    /// <summary>Creates the exception a real provider throws when the connection fails or breaks.</summary>
    /// <param name="providerName">The name of the failing provider.</param>
    /// <returns>A new exception with <see cref="ChatProviderErrorKind.Transport"/> wrapping an <see cref="HttpRequestException"/>.</returns>
    public static ChatProviderException TransportFailure(string providerName = "fake") =>
        new(
            providerName,
            ChatProviderErrorKind.Transport,
            $"{providerName}: the connection failed ({HttpRequestError.ConnectionError}).",
            new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused (127.0.0.1:9)"));

    /// <summary>Creates the exception a real provider throws when a request times out.</summary>
    /// <param name="providerName">The name of the failing provider.</param>
    /// <returns>A new exception with <see cref="ChatProviderErrorKind.Timeout"/> wrapping a <see cref="TimeoutException"/>.</returns>
    public static ChatProviderException TimeoutFailure(string providerName = "fake") =>
        new(providerName, ChatProviderErrorKind.Timeout, $"{providerName}: the request timed out.", new TimeoutException("The operation timed out."));

    /// <summary>Creates the exception a real provider throws for an answer it cannot read (bad JSON, empty body, cut stream).</summary>
    /// <param name="providerName">The name of the failing provider.</param>
    /// <returns>A new exception with <see cref="ChatProviderErrorKind.MalformedResponse"/>.</returns>
    public static ChatProviderException MalformedFailure(string providerName = "fake") =>
        new(providerName, ChatProviderErrorKind.MalformedResponse, $"{providerName}: malformed response. The response body is not valid JSON.")
        {
            StatusCode = 200,
            RequestId = NewRequestId(),
        };

    private static string DefaultErrorType(int status) => Internal.AnthropicDialect.ErrorType(status);

    private static string DefaultMessage(int status) => status switch
    {
        400 => "Invalid request.",
        401 => "invalid x-api-key",
        403 => "Your API key does not have permission to use the specified resource.",
        404 => "model: fake-model",
        413 => "Request exceeds the maximum allowed number of bytes.",
        429 => "This request would exceed the rate limit for your organization. Please try again later.",
        500 => "Internal server error",
        503 => "The model is at capacity and currently cannot serve this request.",
        504 => "Request timed out",
        529 => "Overloaded",
        _ => string.Create(CultureInfo.InvariantCulture, $"The provider answered with HTTP {status}."),
    };

    private static string Describe(string providerName, string what, string errorType, string message) =>
        $"{providerName}: {what} ({errorType}): {message}";

    private static string NewRequestId() => "req_fake" + Guid.NewGuid().ToString("N")[..16];

    private static string ErrorBody(string errorType, string message, string requestId) =>
        Internal.WireJson.Write(writer =>
        {
            writer.WriteString("type", "error");
            writer.WriteStartObject("error");
            writer.WriteString("type", errorType);
            writer.WriteString("message", message);
            writer.WriteEndObject();
            writer.WriteString("request_id", requestId);
        });
}
