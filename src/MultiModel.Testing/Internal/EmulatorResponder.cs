using System.Text;
using Microsoft.AspNetCore.Http;

namespace MultiModel.Testing.Internal;

/// <summary>Carries out an <see cref="EmulatorBehavior"/> for an accepted request in the endpoint's wire dialect.</summary>
internal static class EmulatorResponder
{
    private const double DefaultLogprobProbability = 0.95;

    /// <summary>Answers the request; returns <see langword="false"/> when the connection was aborted on purpose.</summary>
    public static async Task<bool> RespondAsync(EmulatorExchange exchange, IWireDialect dialect, EmulatorBehavior behavior)
    {
        await DelayAsync(exchange, behavior.HeaderDelay).ConfigureAwait(false);
        switch (behavior.Kind)
        {
            case EmulatorBehaviorKind.Hang:
            case EmulatorBehaviorKind.StreamStall when !exchange.Stream:
                await DelayAsync(exchange, Timeout.InfiniteTimeSpan).ConfigureAwait(false);
                return true;
            case EmulatorBehaviorKind.ConnectionReset:
                exchange.Context.Abort();
                return false;
            case EmulatorBehaviorKind.Status:
                await dialect.WriteErrorAsync(exchange, behavior.StatusCode, null, behavior.Message, behavior.RetryAfter).ConfigureAwait(false);
                return true;
            case EmulatorBehaviorKind.Overloaded:
                var (status, type, message) = dialect.Overloaded(exchange);
                await dialect.WriteErrorAsync(exchange, status, type, message, behavior.RetryAfter).ConfigureAwait(false);
                return true;
            case EmulatorBehaviorKind.ContextTooLong:
                (status, type, message) = dialect.ContextTooLong(exchange);
                await dialect.WriteErrorAsync(exchange, status, type, message, null).ConfigureAwait(false);
                return true;
            case EmulatorBehaviorKind.StreamError when !exchange.Stream:
                var errorStatus = dialect.StatusForStreamError(behavior.ErrorType);
                var errorType = exchange.Kind == EmulatedProviderKind.Anthropic ? behavior.ErrorType : null;
                await dialect.WriteErrorAsync(exchange, errorStatus, errorType, behavior.Message ?? (errorStatus == 529 ? "Overloaded" : null), null).ConfigureAwait(false);
                return true;
            case EmulatorBehaviorKind.EmptyBody:
                exchange.Response.StatusCode = StatusCodes.Status200OK;
                exchange.Response.ContentType = exchange.Stream ? dialect.StreamContentType : "application/json";
                dialect.WriteSuccessHeaders(exchange);
                exchange.Response.ContentLength = 0;
                return true;
            default:
                var text = EmulatedContinuation.Rest(behavior.Text ?? exchange.DefaultAnswer, exchange.PartialAnswer);
                var plan = new AnswerPlan(text, behavior.Finish, behavior.LogprobProbability ?? DefaultLogprobProbability, exchange.MaxTokens);
                if (exchange.Stream)
                {
                    await StreamAsync(exchange, dialect, behavior, plan).ConfigureAwait(false);
                }
                else
                {
                    await WriteJsonAsync(exchange, dialect, behavior, plan).ConfigureAwait(false);
                }

                return true;
        }
    }

    private static async Task WriteJsonAsync(EmulatorExchange exchange, IWireDialect dialect, EmulatorBehavior behavior, AnswerPlan plan)
    {
        var body = behavior.Kind switch
        {
            EmulatorBehaviorKind.MalformedJson => Encoding.UTF8.GetBytes("""{"id": "broken", "content": [{"type": "text", "text": "unterminated"""),
            _ => dialect.JsonAnswer(exchange, plan),
        };
        if (behavior.Kind == EmulatorBehaviorKind.StreamCut)
        {
            body = body[..(body.Length / 2)];
        }

        // A whole answer takes as long to generate as its stream would.
        await DelayAsync(exchange, behavior.DeltaDelay * plan.Pieces.Count).ConfigureAwait(false);
        var response = exchange.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/json";
        dialect.WriteSuccessHeaders(exchange);
        if (behavior.Kind != EmulatorBehaviorKind.StreamCut)
        {
            response.ContentLength = body.Length;
        }

        await response.Body.WriteAsync(body, exchange.Aborted).ConfigureAwait(false);
    }

    private static async Task StreamAsync(EmulatorExchange exchange, IWireDialect dialect, EmulatorBehavior behavior, AnswerPlan plan)
    {
        var response = exchange.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = dialect.StreamContentType;
        response.Headers.CacheControl = "no-cache";
        dialect.WriteSuccessHeaders(exchange);
        await response.StartAsync(exchange.Aborted).ConfigureAwait(false);

        // The headers leave now, as a real server's do, even when no event follows (a stall before the first delta).
        await response.Body.FlushAsync(exchange.Aborted).ConfigureAwait(false);

        foreach (var item in dialect.StreamStart(exchange, plan))
        {
            await WriteEventAsync(exchange, item).ConfigureAwait(false);
        }

        if (behavior.Kind == EmulatorBehaviorKind.MalformedJson)
        {
            await WriteEventAsync(exchange, dialect.StreamMalformed(exchange)).ConfigureAwait(false);
            return;
        }

        var stopAt = behavior.Kind is EmulatorBehaviorKind.StreamCut or EmulatorBehaviorKind.StreamError or EmulatorBehaviorKind.StreamStall
            ? Math.Min(behavior.AfterDeltas, plan.Pieces.Count)
            : plan.Pieces.Count;
        for (var i = 0; i < stopAt; i++)
        {
            await DelayAsync(exchange, behavior.DeltaDelay).ConfigureAwait(false);
            await WriteEventAsync(exchange, dialect.StreamDelta(exchange, plan, i)).ConfigureAwait(false);
        }

        switch (behavior.Kind)
        {
            case EmulatorBehaviorKind.StreamCut:
                return;
            case EmulatorBehaviorKind.StreamError:
                await WriteEventAsync(exchange, dialect.StreamError(exchange, behavior.ErrorType, behavior.Message)).ConfigureAwait(false);
                return;
            case EmulatorBehaviorKind.StreamStall:
                await DelayAsync(exchange, Timeout.InfiniteTimeSpan).ConfigureAwait(false);
                return;
            default:
                foreach (var item in dialect.StreamEnd(exchange, plan))
                {
                    await WriteEventAsync(exchange, item).ConfigureAwait(false);
                }

                return;
        }
    }

    private static async Task WriteEventAsync(EmulatorExchange exchange, SseEvent item)
    {
        exchange.Aborted.ThrowIfCancellationRequested();
        var length = item.Data.Length + 8 + (item.Name is null ? 0 : item.Name.Length + 8);
        var buffer = new byte[length];
        var written = 0;
        if (item.Name is not null)
        {
            written += Encoding.UTF8.GetBytes("event: " + item.Name + "\n", buffer.AsSpan(written));
        }

        written += Encoding.UTF8.GetBytes("data: ", buffer.AsSpan(written));
        item.Data.CopyTo(buffer.AsSpan(written));
        written += item.Data.Length;
        buffer[written++] = (byte)'\n';
        buffer[written++] = (byte)'\n';
        await exchange.Response.Body.WriteAsync(buffer.AsMemory(0, written), exchange.Aborted).ConfigureAwait(false);
        await exchange.Response.Body.FlushAsync(exchange.Aborted).ConfigureAwait(false);
    }

    private static Task DelayAsync(EmulatorExchange exchange, TimeSpan delay)
    {
        exchange.Aborted.ThrowIfCancellationRequested();
        return delay == TimeSpan.Zero ? Task.CompletedTask : Task.Delay(delay, exchange.TimeProvider, exchange.Aborted);
    }
}
