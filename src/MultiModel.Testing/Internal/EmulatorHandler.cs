using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace MultiModel.Testing.Internal;

/// <summary>Takes in every HTTP request: routes it, records it, checks headers and body like the real API, then runs the behaviour.</summary>
internal sealed class EmulatorHandler
{
    private static readonly HashSet<string> SecretHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "x-api-key", "authorization", "proxy-authorization", "cookie",
    };

    private readonly EmulatorState _state;
    private readonly string _defaultAnswer;
    private readonly TimeProvider _timeProvider;
    private readonly CancellationToken _stopping;

    public EmulatorHandler(EmulatorState state, string defaultAnswer, TimeProvider timeProvider, CancellationToken stopping)
    {
        _state = state;
        _defaultAnswer = defaultAnswer;
        _timeProvider = timeProvider;
        _stopping = stopping;
    }

    public async Task HandleAsync(HttpContext context)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _stopping);
        var aborted = linked.Token;
        var path = NormalizePath(context.Request.Path.Value);
        var provider = path switch
        {
            "/v1/messages" => _state.Anthropic,
            "/v1/chat/completions" => _state.Xai,
            _ => null,
        };

        EmulatorRequest? record = null;
        try
        {
            var bodyText = await ReadBodyAsync(context.Request, aborted).ConfigureAwait(false);
            var body = TryParse(bodyText);
            var model = body is { } json ? WireJson.GetString(json, "model") : null;
            record = new EmulatorRequest
            {
                Sequence = _state.NextSequence(),
                Provider = provider?.Kind,
                Method = context.Request.Method,
                Path = path,
                Model = model,
                Stream = body is { } b && WireJson.GetBool(b, "stream"),
                BodyText = bodyText,
                Body = body,
                Headers = SafeHeaders(context.Request.Headers),
                ConnectionId = context.Connection.Id,
                ReceivedAt = _timeProvider.GetUtcNow(),
                RequestId = provider?.Kind == EmulatedProviderKind.Xai ? WireIds.Uuid() : WireIds.AnthropicRequestId(),
            };
            _state.Record(record, provider);

            var prompt = body is { } element ? EmulatedPrompt.Read(element, provider?.Kind ?? EmulatedProviderKind.Anthropic) : new EmulatedPrompt(1, 0, null);
            var exchange = new EmulatorExchange
            {
                Context = context,
                Kind = provider?.Kind ?? EmulatedProviderKind.Anthropic,
                Body = body ?? default,
                Model = model ?? string.Empty,
                Stream = record.Stream,
                RequestId = record.RequestId,
                ResponseId = provider?.Kind == EmulatedProviderKind.Xai ? WireIds.Uuid() : WireIds.AnthropicMessageId(),
                InputTokens = prompt.InputTokens,
                ImageTokens = prompt.ImageTokens,
                Created = record.ReceivedAt,
                TimeProvider = _timeProvider,
                DefaultAnswer = _defaultAnswer,
                PartialAnswer = body is { } continued ? EmulatedContinuation.FindPartialAnswer(continued) : null,
                Aborted = aborted,
            };

            var completed = provider is null
                ? await RejectUnknownRouteAsync(exchange).ConfigureAwait(false)
                : await CheckAsync(exchange, provider, record, body, prompt.Problem).ConfigureAwait(false)
                    || await EmulatorResponder.RespondAsync(exchange, provider.Dialect, provider.Next(_defaultAnswer)).ConfigureAwait(false);
            record.StatusCode = completed ? context.Response.StatusCode : 0;
            Finish(record, completed ? EmulatorRequestOutcome.Completed : EmulatorRequestOutcome.ServerAborted);
            if (completed)
            {
                await context.Response.CompleteAsync().ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException || aborted.IsCancellationRequested)
        {
            if (record is not null)
            {
                record.StatusCode = context.Response.HasStarted ? context.Response.StatusCode : 0;
                Finish(record, _stopping.IsCancellationRequested && !context.RequestAborted.IsCancellationRequested
                    ? EmulatorRequestOutcome.ServerAborted
                    : EmulatorRequestOutcome.ClientAborted);
            }

            context.Abort();
        }
    }

    /// <summary>Writes the real rejection when headers or body are wrong; returns <see langword="true"/> when it did.</summary>
    private static async Task<bool> CheckAsync(EmulatorExchange exchange, EmulatedProvider provider, EmulatorRequest record, JsonElement? body, string? partProblem)
    {
        var dialect = provider.Dialect;
        var headers = exchange.Context.Request.Headers;
        if (!HttpMethods.IsPost(exchange.Context.Request.Method))
        {
            await dialect.WriteErrorAsync(exchange, 405, null, "Method not allowed", null).ConfigureAwait(false);
            return true;
        }

        if (provider.Kind == EmulatedProviderKind.Anthropic)
        {
            var key = headers["x-api-key"].ToString();
            record.Authenticated = FixedTimeEquals(key, provider.ApiKey);
            if (!record.Authenticated)
            {
                await dialect.WriteErrorAsync(exchange, 401, "authentication_error", key.Length == 0 ? "x-api-key header is required" : "invalid x-api-key", null).ConfigureAwait(false);
                return true;
            }

            if (string.IsNullOrWhiteSpace(headers["anthropic-version"]))
            {
                await dialect.WriteErrorAsync(exchange, 400, "invalid_request_error", "anthropic-version: header is required", null).ConfigureAwait(false);
                return true;
            }
        }
        else
        {
            var authorization = headers.Authorization.ToString();
            if (!authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) || authorization.Length == 7)
            {
                await dialect.WriteErrorAsync(exchange, 401, null, null, null).ConfigureAwait(false);
                return true;
            }

            var key = authorization[7..].Trim();
            record.Authenticated = FixedTimeEquals(key, provider.ApiKey);
            if (!record.Authenticated)
            {
                var message = $"Incorrect API key provided: {XaiDialect.MaskKey(key)}. You can obtain an API key from https://console.x.ai.";
                await dialect.WriteErrorAsync(exchange, 400, null, message, null).ConfigureAwait(false);
                return true;
            }
        }

        if ((MissingField(provider.Kind, body) ?? partProblem) is { } problem)
        {
            await dialect.WriteErrorAsync(exchange, 400, null, problem, null).ConfigureAwait(false);
            return true;
        }

        return false;
    }

    /// <summary>Describes what is wrong with the body in the provider's words (a missing field, an Anthropic prefill that ends with white space), or returns null when it is acceptable.</summary>
    private static string? MissingField(EmulatedProviderKind kind, JsonElement? body)
    {
        var anthropic = kind == EmulatedProviderKind.Anthropic;
        if (body is not { ValueKind: JsonValueKind.Object } json)
        {
            return anthropic
                ? "There was an error parsing the body of your request. Please ensure it is valid JSON."
                : "Failed to parse the request body as JSON.";
        }

        string? missing = null;
        if (WireJson.GetString(json, "model") is not { Length: > 0 })
        {
            missing = "model";
        }
        else if (!json.TryGetProperty("messages", out var messages) || messages.ValueKind != JsonValueKind.Array)
        {
            missing = "messages";
        }
        else if (anthropic && WireJson.GetInt(json, "max_tokens") is null)
        {
            missing = "max_tokens";
        }
        else if (messages.GetArrayLength() == 0)
        {
            return anthropic ? "messages: at least one message is required" : "The `messages` field must contain at least one message.";
        }
        else if (anthropic && messages[messages.GetArrayLength() - 1] is var last && WireJson.GetString(last, "role") == "assistant"
            && EmulatedContinuation.Text(last) is { Length: > 0 } prefill && char.IsWhiteSpace(prefill[^1]))
        {
            return "messages: final assistant content cannot end with trailing whitespace";
        }

        return missing is null ? null
            : anthropic ? missing + ": Field required"
            : $"The request is missing the required field `{missing}`.";
    }

    private static async Task<bool> RejectUnknownRouteAsync(EmulatorExchange exchange)
    {
        var response = exchange.Response;
        response.StatusCode = StatusCodes.Status404NotFound;
        response.ContentType = "application/json";
        var body = WireJson.Object(w =>
        {
            w.WriteString("type", "error");
            w.WriteStartObject("error");
            w.WriteString("type", "not_found_error");
            w.WriteString("message", "Not Found");
            w.WriteEndObject();
        });
        response.ContentLength = body.Length;
        await response.Body.WriteAsync(body, exchange.Aborted).ConfigureAwait(false);
        return true;
    }

    private void Finish(EmulatorRequest record, EmulatorRequestOutcome outcome)
    {
        record.Outcome = outcome;
        if (outcome == EmulatorRequestOutcome.ClientAborted)
        {
            _state.CountAbortedRequest();
        }
    }

    private static async Task<string> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        return await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
    }

    private static JsonElement? TryParse(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static Dictionary<string, string> SafeHeaders(IHeaderDictionary headers)
    {
        var safe = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in headers)
        {
            if (!SecretHeaders.Contains(name))
            {
                safe[name] = values.ToString();
            }
        }

        return safe;
    }

    private static string NormalizePath(string? path)
    {
        if (string.IsNullOrEmpty(path))
        {
            return "/";
        }

        var builder = new StringBuilder(path.Length);
        foreach (var c in path)
        {
            if (c != '/' || builder.Length == 0 || builder[^1] != '/')
            {
                builder.Append(c);
            }
        }

        if (builder.Length > 1 && builder[^1] == '/')
        {
            builder.Length--;
        }

        return builder.ToString();
    }

    private static bool FixedTimeEquals(string actual, string expected) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(actual), Encoding.UTF8.GetBytes(expected));
}
