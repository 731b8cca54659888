using System.Globalization;
using System.Text;
using MultiModel.Internal;

namespace MultiModel;

/// <summary>Represents a failure of a chat provider: an error status, an in-stream error, a broken or unreadable answer.</summary>
/// <remarks>
/// <para>
/// The message names the provider, the status and the provider's error type and message. It never contains an
/// API key or request headers; <see cref="ResponseBody"/> is capped at <see cref="MaxResponseBodyLength"/> characters.
/// Provider error messages can name an account or organization: do not show them to end users verbatim.
/// </para>
/// </remarks>
public sealed class ChatProviderException : Exception
{
    /// <summary>The largest number of characters kept in <see cref="ResponseBody"/>.</summary>
    public const int MaxResponseBodyLength = 4096;

    private readonly string? _responseBody;

    /// <summary>Initializes a new instance of the <see cref="ChatProviderException"/> class.</summary>
    public ChatProviderException()
        : this("The chat provider failed.")
    {
    }

    /// <summary>Initializes a new instance of the <see cref="ChatProviderException"/> class with a message.</summary>
    /// <param name="message">The message that describes the error.</param>
    public ChatProviderException(string message)
        : this(message, innerException: null)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="ChatProviderException"/> class with a message and a cause.</summary>
    /// <param name="message">The message that describes the error.</param>
    /// <param name="innerException">The exception that caused this one, or <see langword="null"/>.</param>
    public ChatProviderException(string message, Exception? innerException)
        : base(message, innerException)
    {
        ProviderName = string.Empty;
    }

    /// <summary>Initializes a new instance of the <see cref="ChatProviderException"/> class.</summary>
    /// <param name="providerName">The name of the provider that failed.</param>
    /// <param name="kind">Where the failure came from.</param>
    /// <param name="message">The message that describes the error. It must not contain secrets.</param>
    /// <param name="innerException">The exception that caused this one, or <see langword="null"/>.</param>
    public ChatProviderException(string providerName, ChatProviderErrorKind kind, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        ProviderName = providerName ?? string.Empty;
        Kind = kind;
    }

    /// <summary>Gets the name of the provider that failed.</summary>
    public string ProviderName { get; init; }

    /// <summary>Gets where the failure came from.</summary>
    public ChatProviderErrorKind Kind { get; init; }

    /// <summary>Gets the HTTP status code, when the provider answered with one (200 for in-stream errors).</summary>
    public int? StatusCode { get; init; }

    /// <summary>Gets the provider's error type, for example <c>overloaded_error</c> or <c>rate_limit_error</c>.</summary>
    public string? ErrorType { get; init; }

    /// <summary>Gets the provider's error message, when it sent one.</summary>
    public string? ProviderMessage { get; init; }

    /// <summary>Gets the provider's request identifier (<c>request-id</c> or <c>x-request-id</c>), when it sent one.</summary>
    public string? RequestId { get; init; }

    /// <summary>Gets the delay the provider asked for before a retry (<c>retry-after-ms</c> or <c>retry-after</c>).</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>Gets the provider's explicit retry advice (<c>x-should-retry</c>), when it sent one.</summary>
    public bool? ShouldRetry { get; init; }

    /// <summary>Gets a value indicating whether the prompt was rejected for exceeding the model's context window.</summary>
    public bool IsContextLengthExceeded { get; init; }

    /// <summary>Gets the start of the provider's response body, at most <see cref="MaxResponseBodyLength"/> characters.</summary>
    public string? ResponseBody
    {
        get => _responseBody;
        init => _responseBody = value is { Length: > MaxResponseBodyLength } ? value[..MaxResponseBodyLength] : value;
    }

    /// <summary>Gets a value indicating whether the same request may succeed if tried again later.</summary>
    /// <remarks>
    /// <para>
    /// <c>x-should-retry</c> wins when present. Otherwise transport errors, timeouts, in-stream errors, malformed
    /// answers, and HTTP 408, 409, 429 and 5xx (529 included) are transient; a 429 about credits or a spending
    /// limit is not, since it does not clear by waiting.
    /// </para>
    /// </remarks>
    public bool IsTransient
    {
        get
        {
            if (ShouldRetry is { } advice)
            {
                return advice;
            }

            return Kind switch
            {
                ChatProviderErrorKind.Transport or ChatProviderErrorKind.Timeout or ChatProviderErrorKind.MalformedResponse => true,
                ChatProviderErrorKind.StreamError => ErrorType is not ("invalid_request_error" or "authentication_error" or "permission_error" or "not_found_error" or "billing_error"),
                _ => StatusCode is { } status && TransientStatus.Contains(status) && !(status == 429 && IsSpendLimit(ProviderMessage)),
            };
        }
    }

    /// <inheritdoc/>
    public override string ToString()
    {
        var builder = new StringBuilder(base.ToString());
        if (RequestId is not null)
        {
            builder.Append(CultureInfo.InvariantCulture, $"{Environment.NewLine}Request id: {RequestId}");
        }

        return builder.ToString();
    }

    private static bool IsSpendLimit(string? message) =>
        message is not null
        && (message.Contains("credit", StringComparison.OrdinalIgnoreCase)
            || message.Contains("spending limit", StringComparison.OrdinalIgnoreCase)
            || message.Contains("spend limit", StringComparison.OrdinalIgnoreCase));
}
