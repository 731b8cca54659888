using System.Globalization;
using System.Text;
using System.Text.Json;

namespace MultiModel.Testing.Internal;

/// <summary>The Anthropic Messages API: JSON answers, named SSE events ending with <c>message_stop</c>, the error envelope.</summary>
internal sealed class AnthropicDialect : IWireDialect
{
    public static readonly AnthropicDialect Instance = new();

    public string StreamContentType => "text/event-stream; charset=utf-8";

    public static string ErrorType(int status) => status switch
    {
        401 => "authentication_error",
        402 => "billing_error",
        403 => "permission_error",
        404 => "not_found_error",
        409 => "conflict_error",
        413 => "request_too_large",
        429 => "rate_limit_error",
        504 => "timeout_error",
        529 => "overloaded_error",
        >= 500 => "api_error",
        _ => "invalid_request_error",
    };

    public static string DefaultMessage(int status, string model) => status switch
    {
        401 => "invalid x-api-key",
        402 => "Your credit balance is too low to access the Anthropic API.",
        403 => "Your API key does not have permission to use the specified resource.",
        404 => "model: " + model,
        409 => "The request conflicts with the current state of the resource.",
        413 => "Request exceeds the maximum allowed number of bytes.",
        429 => "This request would exceed the rate limit for your organization of 50 requests per minute. For details, refer to: https://docs.claude.com/en/api/rate-limits.",
        500 => "Internal server error",
        504 => "Request timed out",
        529 => "Overloaded",
        >= 500 => "Service unavailable",
        _ => "Invalid request",
    };

    public async Task WriteErrorAsync(EmulatorExchange exchange, int status, string? errorType, string? message, TimeSpan? retryAfter)
    {
        var response = exchange.Response;
        response.StatusCode = status;
        response.ContentType = "application/json";
        response.Headers["request-id"] = exchange.RequestId;
        if (status is 400 or 401 or 403 or 404)
        {
            response.Headers["x-should-retry"] = "false";
        }

        if (retryAfter is { } delay)
        {
            response.Headers.RetryAfter = delay.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);
        }

        var body = WireJson.Object(w =>
        {
            w.WriteString("type", "error");
            w.WriteStartObject("error");
            w.WriteString("type", errorType ?? ErrorType(status));
            w.WriteString("message", message ?? DefaultMessage(status, exchange.Model));
            w.WriteEndObject();
            w.WriteString("request_id", exchange.RequestId);
        });
        response.ContentLength = body.Length;
        await response.Body.WriteAsync(body, exchange.Aborted).ConfigureAwait(false);
    }

    public (int Status, string? ErrorType, string Message) Overloaded(EmulatorExchange exchange) => (529, "overloaded_error", "Overloaded");

    public (int Status, string? ErrorType, string Message) ContextTooLong(EmulatorExchange exchange) =>
        (400, "invalid_request_error", string.Create(CultureInfo.InvariantCulture, $"prompt is too long: {exchange.InputTokens + 200_000} tokens > 200000 maximum"));

    public int StatusForStreamError(string? errorType) => errorType switch
    {
        null or "overloaded_error" => 529,
        "rate_limit_error" => 429,
        "timeout_error" => 504,
        "invalid_request_error" => 400,
        _ => 500,
    };

    public void WriteSuccessHeaders(EmulatorExchange exchange)
    {
        var headers = exchange.Response.Headers;
        headers["request-id"] = exchange.RequestId;
        headers["anthropic-ratelimit-requests-limit"] = "4000";
        headers["anthropic-ratelimit-requests-remaining"] = "3999";
    }

    public byte[] JsonAnswer(EmulatorExchange exchange, AnswerPlan plan) => WireJson.Object(w =>
    {
        w.WriteString("model", exchange.Model);
        w.WriteString("id", exchange.ResponseId);
        w.WriteString("type", "message");
        w.WriteString("role", "assistant");
        w.WriteStartArray("content");
        w.WriteStartObject();
        w.WriteString("type", "text");
        w.WriteString("text", plan.Text);
        w.WriteEndObject();
        w.WriteEndArray();
        WriteStop(w, plan);
        w.WriteStartObject("usage");
        WriteUsage(w, exchange, plan.OutputTokens, full: true);
        w.WriteEndObject();
    });

    public IEnumerable<SseEvent> StreamStart(EmulatorExchange exchange, AnswerPlan plan)
    {
        yield return Event("message_start", 5, w =>
        {
            w.WriteStartObject("message");
            w.WriteString("model", exchange.Model);
            w.WriteString("id", exchange.ResponseId);
            w.WriteString("type", "message");
            w.WriteString("role", "assistant");
            w.WriteStartArray("content");
            w.WriteEndArray();
            w.WriteNull("stop_reason");
            w.WriteNull("stop_sequence");
            w.WriteNull("stop_details");
            w.WriteStartObject("usage");
            WriteUsage(w, exchange, outputTokens: 1, full: true);
            w.WriteEndObject();
            w.WriteEndObject();
        });
        yield return Event("content_block_start", 2, w =>
        {
            w.WriteNumber("index", 0);
            w.WriteStartObject("content_block");
            w.WriteString("type", "text");
            w.WriteString("text", string.Empty);
            w.WriteEndObject();
        });
        yield return new SseEvent("ping", """{"type": "ping"}"""u8.ToArray());
    }

    public SseEvent StreamDelta(EmulatorExchange exchange, AnswerPlan plan, int index) => Event("content_block_delta", 4, w =>
    {
        w.WriteNumber("index", 0);
        w.WriteStartObject("delta");
        w.WriteString("type", "text_delta");
        w.WriteString("text", plan.Pieces[index]);
        w.WriteEndObject();
    });

    public IEnumerable<SseEvent> StreamEnd(EmulatorExchange exchange, AnswerPlan plan)
    {
        yield return Event("content_block_stop", 4, w => w.WriteNumber("index", 0));
        yield return Event("message_delta", 11, w =>
        {
            w.WriteStartObject("delta");
            WriteStop(w, plan);
            w.WriteEndObject();
            w.WriteStartObject("usage");
            WriteUsage(w, exchange, plan.OutputTokens, full: false);
            w.WriteEndObject();
        });
        yield return Event("message_stop", 0, _ => { });
    }

    public SseEvent StreamError(EmulatorExchange exchange, string? errorType, string? message) => Event("error", 0, w =>
    {
        w.WriteStartObject("error");
        w.WriteNull("details");
        w.WriteString("type", errorType ?? "overloaded_error");
        w.WriteString("message", message ?? "Overloaded");
        w.WriteEndObject();
        w.WriteString("request_id", exchange.RequestId);
    });

    public SseEvent StreamMalformed(EmulatorExchange exchange) =>
        new("content_block_delta", Encoding.UTF8.GetBytes("""{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"unterminated"""));

    private static SseEvent Event(string type, int padding, Action<Utf8JsonWriter> writeMembers)
    {
        var json = WireJson.Object(w =>
        {
            w.WriteString("type", type);
            writeMembers(w);
        });
        return new SseEvent(type, WireJson.PadBeforeClosingBrace(json, padding));
    }

    private static void WriteStop(Utf8JsonWriter w, AnswerPlan plan)
    {
        w.WriteString("stop_reason", plan.Finish switch
        {
            EmulatorFinish.Length => "max_tokens",
            EmulatorFinish.Refusal => "refusal",
            _ => "end_turn",
        });
        w.WriteNull("stop_sequence");
        if (plan.Finish == EmulatorFinish.Refusal)
        {
            w.WriteStartObject("stop_details");
            w.WriteString("type", "refusal");
            w.WriteEndObject();
        }
        else
        {
            w.WriteNull("stop_details");
        }
    }

    private static void WriteUsage(Utf8JsonWriter w, EmulatorExchange exchange, int outputTokens, bool full)
    {
        w.WriteNumber("input_tokens", exchange.InputTokens);
        w.WriteNumber("cache_creation_input_tokens", 0);
        w.WriteNumber("cache_read_input_tokens", 0);
        if (full)
        {
            w.WriteStartObject("cache_creation");
            w.WriteNumber("ephemeral_5m_input_tokens", 0);
            w.WriteNumber("ephemeral_1h_input_tokens", 0);
            w.WriteEndObject();
        }

        w.WriteNumber("output_tokens", outputTokens);
        if (full)
        {
            w.WriteString("service_tier", "standard");
        }
    }
}
