using System.Net.Http;
using System.Text.Json;

namespace MultiModel.Failover;

/// <summary>Classifies failures by the documented default rules.</summary>
/// <remarks>
/// <para>Fail over (try the next provider):</para>
/// <list type="bullet">
/// <item>transport errors (<see cref="ChatProviderErrorKind.Transport"/>, <see cref="HttpRequestException"/> without a status, <see cref="IOException"/>) → <see cref="ChatErrorClass.Transport"/>;</item>
/// <item>timeouts (the attempt timeout, <see cref="TimeoutException"/>, an HTTP client timeout, HTTP 408 and 504) → <see cref="ChatErrorClass.Timeout"/>;</item>
/// <item>HTTP 429 → <see cref="ChatErrorClass.RateLimited"/>; 529, <c>overloaded_error</c>, or a 503 that says "capacity" → <see cref="ChatErrorClass.Overloaded"/>; other 5xx → <see cref="ChatErrorClass.ServerError"/>;</item>
/// <item>in-band stream errors → <see cref="ChatErrorClass.StreamError"/>; unreadable answers (<see cref="ChatProviderErrorKind.MalformedResponse"/>, <see cref="JsonException"/>) → <see cref="ChatErrorClass.MalformedResponse"/>;</item>
/// <item>HTTP 401 and 403, and a 400 whose message says the API key is wrong (xAI) → <see cref="ChatErrorClass.Authentication"/> (a configuration problem of that provider only);</item>
/// <item>a prompt too long for the model (<see cref="ChatProviderException.IsContextLengthExceeded"/>) → <see cref="ChatErrorClass.ContextLengthExceeded"/> (another model may have a larger window);</item>
/// <item>a failed nested <see cref="FailoverChatClient"/> → the class of its last failure (or <see cref="ChatErrorClass.Other"/>), unless it failed fast;</item>
/// <item>other HTTP statuses and any other exception → <see cref="ChatErrorClass.Other"/>.</item>
/// </list>
/// <para>
/// Fail fast (stop, since the same request would fail everywhere): HTTP 400, 404, 413 and 422 not covered above, an
/// <see cref="ArgumentException"/> thrown by a provider's call, and a nested chain that failed fast → <see cref="ChatErrorClass.InvalidRequest"/>.
/// Set <see cref="FailFastOnInvalidRequest"/> to <see langword="false"/> to fail over on those too. A request that one
/// provider cannot take never gets here: the chain asks <see cref="IChatProvider.CheckRequest"/> first and skips that provider.
/// </para>
/// </remarks>
public sealed class DefaultChatErrorClassifier : IChatErrorClassifier
{
    /// <summary>Gets the shared instance with the default settings.</summary>
    public static DefaultChatErrorClassifier Instance { get; } = new();

    /// <summary>Gets a value indicating whether invalid requests stop the chain instead of failing over.</summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool FailFastOnInvalidRequest { get; init; } = true;

    /// <inheritdoc/>
    public ChatErrorDecision Classify(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var errorClass = GetErrorClass(exception);
        var failOver = exception switch
        {
            ChatFailoverException { Reason: ChatFailoverReason.FailedFast } => !FailFastOnInvalidRequest,
            ChatFailoverException => true,
            _ => errorClass != ChatErrorClass.InvalidRequest || !FailFastOnInvalidRequest,
        };
        return new ChatErrorDecision(errorClass, failOver);
    }

    private static ChatErrorClass GetErrorClass(Exception exception) => exception switch
    {
        ChatProviderException { IsContextLengthExceeded: true } => ChatErrorClass.ContextLengthExceeded,
        ChatProviderException { Kind: ChatProviderErrorKind.Transport } => ChatErrorClass.Transport,
        ChatProviderException { Kind: ChatProviderErrorKind.Timeout } => ChatErrorClass.Timeout,
        ChatProviderException { Kind: ChatProviderErrorKind.StreamError } => ChatErrorClass.StreamError,
        ChatProviderException { Kind: ChatProviderErrorKind.MalformedResponse } => ChatErrorClass.MalformedResponse,
        ChatProviderException { StatusCode: { } status } provider => FromStatus(status, provider.ErrorType, provider.ProviderMessage ?? provider.Message),
        ChatProviderException => ChatErrorClass.Other,
        ChatFailoverException nested => nested.ErrorClass == ChatErrorClass.None ? ChatErrorClass.Other : nested.ErrorClass,
        TimeoutException => ChatErrorClass.Timeout,
        OperationCanceledException { InnerException: TimeoutException } => ChatErrorClass.Timeout,
        HttpRequestException { StatusCode: { } status } http => FromStatus((int)status, errorType: null, http.Message),
        HttpRequestException or IOException => ChatErrorClass.Transport,
        JsonException => ChatErrorClass.MalformedResponse,
        ArgumentException => ChatErrorClass.InvalidRequest,
        _ => ChatErrorClass.Other,
    };

    private static ChatErrorClass FromStatus(int status, string? errorType, string? message) => status switch
    {
        _ when string.Equals(errorType, "overloaded_error", StringComparison.Ordinal) => ChatErrorClass.Overloaded,
        401 or 403 => ChatErrorClass.Authentication,
        400 when SaysApiKeyIsWrong(message) => ChatErrorClass.Authentication,
        400 or 404 or 413 or 422 => ChatErrorClass.InvalidRequest,
        408 or 504 => ChatErrorClass.Timeout,
        429 => ChatErrorClass.RateLimited,
        529 => ChatErrorClass.Overloaded,
        503 when message?.Contains("capacity", StringComparison.OrdinalIgnoreCase) == true => ChatErrorClass.Overloaded,
        >= 500 and <= 599 => ChatErrorClass.ServerError,
        _ => ChatErrorClass.Other,
    };

    private static bool SaysApiKeyIsWrong(string? message) =>
        message is not null
        && message.Contains("API key", StringComparison.OrdinalIgnoreCase)
        && (message.Contains("incorrect", StringComparison.OrdinalIgnoreCase)
            || message.Contains("invalid", StringComparison.OrdinalIgnoreCase)
            || message.Contains("wrong", StringComparison.OrdinalIgnoreCase));
}
