using System.Globalization;
using System.Text;
using System.Text.Json;

namespace MultiModel.Testing.Internal;

/// <summary>The xAI Chat Completions API: OpenAI-shaped JSON, data-only SSE ending with <c>[DONE]</c>, the flat <c>{code, error}</c> error body.</summary>
internal sealed partial class XaiDialect : IWireDialect
{
    public static readonly XaiDialect Instance = new();

    public const string InvalidArgument = "Client specified an invalid argument";

    private const string CapacityMessage = "Service temporarily unavailable. The model is at capacity and currently cannot serve this request. Please try again later.";

    public string StreamContentType => "text/event-stream";

    /// <summary>Gets the gRPC status phrase xAI puts in <c>code</c> for an HTTP status.</summary>
    public static string Code(int status) => status switch
    {
        400 or 413 or 422 => InvalidArgument,
        401 => "The request does not have valid authentication credentials",
        403 => "The caller does not have permission to execute the specified operation",
        404 => "Some requested entity was not found",
        408 or 504 => "Deadline expired before operation could complete",
        409 => "The operation was aborted",
        429 => "Some resource has been exhausted",
        501 => "Operation is not implemented or not supported",
        503 => "The service is currently unavailable",
        >= 500 => "Internal error",
        _ => "Unknown error",
    };

    public static string DefaultMessage(int status, string model) => status switch
    {
        401 => "Missing bearer or basic authentication in header",
        403 => "Your team does not have permission to use this model or endpoint.",
        404 => $"The model {model} does not exist or your team does not have access to it.",
        429 => $"Too many requests: your team has exceeded its requests per minute for model {model}. Please slow down and try again later.",
        500 => "Internal server error.",
        503 => CapacityMessage,
        504 => "The request timed out before the model finished.",
        _ => "The request is invalid.",
    };

    /// <summary>Masks an API key the way xAI does in its error message (first and last two characters kept).</summary>
    public static string MaskKey(string key) => key.Length > 6 ? string.Concat(key.AsSpan(0, 2), "***", key.AsSpan(key.Length - 2)) : "***";

    public async Task WriteErrorAsync(EmulatorExchange exchange, int status, string? errorType, string? message, TimeSpan? retryAfter)
    {
        var response = exchange.Response;
        response.StatusCode = status;
        response.ContentType = "application/json";
        response.Headers["x-request-id"] = exchange.RequestId;
        if (retryAfter is { } delay)
        {
            response.Headers.RetryAfter = delay.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);
        }

        var body = WireJson.Object(w =>
        {
            w.WriteString("code", errorType ?? Code(status));
            w.WriteString("error", message ?? DefaultMessage(status, exchange.Model));
        });
        response.ContentLength = body.Length;
        await response.Body.WriteAsync(body, exchange.Aborted).ConfigureAwait(false);
    }

    public (int Status, string? ErrorType, string Message) Overloaded(EmulatorExchange exchange) => (503, null, CapacityMessage);

    public (int Status, string? ErrorType, string Message) ContextTooLong(EmulatorExchange exchange) =>
        (400, null, string.Create(CultureInfo.InvariantCulture, $"This model's maximum prompt length is 131072 but the request contains {exchange.InputTokens + 131_072} tokens."));

    public int StatusForStreamError(string? errorType) => 503;

    public void WriteSuccessHeaders(EmulatorExchange exchange)
    {
        var headers = exchange.Response.Headers;
        headers["x-request-id"] = exchange.RequestId;
        headers["x-ratelimit-limit-requests"] = "1800";
        headers["x-ratelimit-remaining-requests"] = "1799";
    }

    public byte[] JsonAnswer(EmulatorExchange exchange, AnswerPlan plan) => WireJson.Object(w =>
    {
        WriteHeader(w, exchange, "chat.completion");
        w.WriteStartArray("choices");
        w.WriteStartObject();
        w.WriteNumber("index", 0);
        w.WriteStartObject("message");
        w.WriteString("role", "assistant");
        w.WriteString("content", plan.Text);
        w.WriteNull("refusal");
        w.WriteEndObject();
        if (exchange.WantsLogprobs)
        {
            w.WritePropertyName("logprobs");
            WriteLogprobs(w, exchange, plan, 0, plan.Pieces.Count);
        }

        w.WriteString("finish_reason", FinishReason(plan));
        w.WriteEndObject();
        w.WriteEndArray();
        WriteUsage(w, exchange, plan);
        w.WriteString("system_fingerprint", "fp_emulator");
    });

    public IEnumerable<SseEvent> StreamStart(EmulatorExchange exchange, AnswerPlan plan) => [];

    public SseEvent StreamDelta(EmulatorExchange exchange, AnswerPlan plan, int index) => Chunk(exchange, w =>
    {
        w.WriteStartArray("choices");
        w.WriteStartObject();
        w.WriteNumber("index", 0);
        w.WriteStartObject("delta");
        w.WriteString("content", plan.Pieces[index]);
        if (index == 0)
        {
            w.WriteString("role", "assistant");
        }

        w.WriteEndObject();
        if (exchange.WantsLogprobs)
        {
            w.WritePropertyName("logprobs");
            WriteLogprobs(w, exchange, plan, index, 1);
        }

        w.WriteEndObject();
        w.WriteEndArray();
    });

    public IEnumerable<SseEvent> StreamEnd(EmulatorExchange exchange, AnswerPlan plan)
    {
        yield return Chunk(exchange, w =>
        {
            w.WriteStartArray("choices");
            w.WriteStartObject();
            w.WriteNumber("index", 0);
            w.WriteStartObject("delta");
            if (plan.Pieces.Count == 0)
            {
                w.WriteString("role", "assistant");
                w.WriteString("content", string.Empty);
            }

            w.WriteEndObject();
            w.WriteString("finish_reason", FinishReason(plan));
            w.WriteEndObject();
            w.WriteEndArray();
        });
        if (exchange.IncludeUsage)
        {
            yield return Chunk(exchange, w =>
            {
                w.WriteStartArray("choices");
                w.WriteEndArray();
                WriteUsage(w, exchange, plan);
            });
        }

        yield return new SseEvent(null, "[DONE]"u8.ToArray());
    }

    public SseEvent StreamError(EmulatorExchange exchange, string? errorType, string? message) => new(null, WireJson.Object(w =>
    {
        w.WriteStartObject("error");
        w.WriteString("message", message ?? CapacityMessage);
        w.WriteString("type", errorType ?? "overloaded_error");
        w.WriteString("code", Code(503));
        w.WriteEndObject();
    }));

    public SseEvent StreamMalformed(EmulatorExchange exchange) =>
        new(null, Encoding.UTF8.GetBytes($$"""{"id":"{{exchange.ResponseId}}","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"content":"unterminated"""));

    private static SseEvent Chunk(EmulatorExchange exchange, Action<Utf8JsonWriter> writeMembers) => new(null, WireJson.Object(w =>
    {
        WriteHeader(w, exchange, "chat.completion.chunk");
        writeMembers(w);
        w.WriteString("system_fingerprint", "fp_emulator");
    }));

    private static void WriteHeader(Utf8JsonWriter w, EmulatorExchange exchange, string objectType)
    {
        w.WriteString("id", exchange.ResponseId);
        w.WriteString("object", objectType);
        w.WriteNumber("created", exchange.Created.ToUnixTimeSeconds());
        w.WriteString("model", exchange.Model);
    }

    private static string FinishReason(AnswerPlan plan) => plan.Finish switch
    {
        EmulatorFinish.Length => "length",
        EmulatorFinish.Refusal => "content_filter",
        _ => "stop",
    };
}
