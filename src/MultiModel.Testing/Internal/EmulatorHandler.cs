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
            record = CreateRecord(context, path, provider, bodyText, body);
            _state.Record(record, provider);

            var prompt = body is { } element ? EmulatedPrompt.Read(element, provider?.Kind ?? EmulatedProviderKind.Anthropic) : new EmulatedPrompt(1, 0, null);
            var exchange = CreateExchange(context, provider, record, body, prompt, aborted);

            var completed = provider is null
                ? await RejectUnknownRouteAsync(exchange).ConfigureAwait(false)
                : await EmulatorRequestCheck.CheckAsync(exchange, provider, record, body, prompt.Problem).ConfigureAwait(false)
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

    private EmulatorRequest CreateRecord(HttpContext context, string path, EmulatedProvider? provider, string bodyText, JsonElement? body) => new()
    {
        Sequence = _state.NextSequence(),
        Provider = provider?.Kind,
        Method = context.Request.Method,
        Path = path,
        Model = body is { } json ? WireJson.GetString(json, "model") : null,
        Stream = body is { } b && WireJson.GetBool(b, "stream"),
        BodyText = bodyText,
        Body = body,
        Headers = SafeHeaders(context.Request.Headers),
        ConnectionId = context.Connection.Id,
        ReceivedAt = _timeProvider.GetUtcNow(),
        RequestId = provider?.Kind == EmulatedProviderKind.Xai ? WireIds.Uuid() : WireIds.AnthropicRequestId(),
    };

    private EmulatorExchange CreateExchange(HttpContext context, EmulatedProvider? provider, EmulatorRequest record, JsonElement? body, EmulatedPrompt prompt, CancellationToken aborted) => new()
    {
        Context = context,
        Kind = provider?.Kind ?? EmulatedProviderKind.Anthropic,
        Body = body ?? default,
        Model = record.Model ?? string.Empty,
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
}
