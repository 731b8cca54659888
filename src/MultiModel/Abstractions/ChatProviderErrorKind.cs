namespace MultiModel;

/// <summary>Describes where a <see cref="ChatProviderException"/> came from.</summary>
public enum ChatProviderErrorKind
{
    /// <summary>The provider answered with an HTTP error status.</summary>
    HttpStatus,

    /// <summary>The provider sent an error event inside a stream that had started with HTTP 200.</summary>
    StreamError,

    /// <summary>The answer could not be read: invalid JSON, an empty body, missing fields, or a stream that ended early.</summary>
    MalformedResponse,

    /// <summary>The connection failed or broke before the answer was complete.</summary>
    Transport,

    /// <summary>The request timed out (an HTTP client or pipeline timeout, not the caller's cancellation).</summary>
    Timeout,
}
