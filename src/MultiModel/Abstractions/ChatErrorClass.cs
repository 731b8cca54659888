namespace MultiModel;

/// <summary>Classifies a provider failure; a failover chain decides what to do from the class.</summary>
public enum ChatErrorClass
{
    /// <summary>No error.</summary>
    None,

    /// <summary>The connection failed or broke (DNS, refused, reset, stream cut).</summary>
    Transport,

    /// <summary>The attempt ran out of time (attempt timeout, HTTP 408, 504).</summary>
    Timeout,

    /// <summary>The provider limited the rate (HTTP 429).</summary>
    RateLimited,

    /// <summary>The provider is overloaded (HTTP 529, <c>overloaded_error</c>, 503 at capacity).</summary>
    Overloaded,

    /// <summary>The provider failed internally (HTTP 5xx).</summary>
    ServerError,

    /// <summary>The provider sent an error event inside a stream that had started with HTTP 200.</summary>
    StreamError,

    /// <summary>The answer could not be read: bad JSON, empty body, or a stream that ended early.</summary>
    MalformedResponse,

    /// <summary>The provider rejected the credentials or their permissions (HTTP 401, 403, or xAI's 400 for a wrong key).</summary>
    Authentication,

    /// <summary>The prompt is longer than the model's context window.</summary>
    ContextLengthExceeded,

    /// <summary>The request is invalid (HTTP 400, 404, 413, 422): the same request would fail elsewhere too.</summary>
    InvalidRequest,

    /// <summary>Any other failure.</summary>
    Other,
}
