using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace MultiModel.Testing.Internal;

/// <summary>Everything the emulator knows about one accepted request while it answers it.</summary>
internal sealed class EmulatorExchange
{
    public required HttpContext Context { get; init; }

    public required EmulatedProviderKind Kind { get; init; }

    public required JsonElement Body { get; init; }

    public required string Model { get; init; }

    public required bool Stream { get; init; }

    public required string RequestId { get; init; }

    public required string ResponseId { get; init; }

    public required int InputTokens { get; init; }

    /// <summary>Gets the part of <see cref="InputTokens"/> the request's images count for.</summary>
    public int ImageTokens { get; init; }

    public required DateTimeOffset Created { get; init; }

    public required TimeProvider TimeProvider { get; init; }

    public required string DefaultAnswer { get; init; }

    /// <summary>Gets the partial answer the request asks to continue, or <see langword="null"/> (see <see cref="EmulatedContinuation"/>).</summary>
    public string? PartialAnswer { get; init; }

    public required CancellationToken Aborted { get; init; }

    public bool WantsLogprobs => WireJson.GetBool(Body, "logprobs");

    public int TopLogprobs => Math.Clamp(WireJson.GetInt(Body, "top_logprobs") ?? 0, 0, 8);

    public bool IncludeUsage =>
        Body.TryGetProperty("stream_options", out var options) && WireJson.GetBool(options, "include_usage");

    /// <summary>Gets the caller's output token limit: Anthropic <c>max_tokens</c>; xAI <c>max_completion_tokens</c> or <c>max_tokens</c>.</summary>
    public int? MaxTokens => Kind == EmulatedProviderKind.Anthropic
        ? WireJson.GetInt(Body, "max_tokens")
        : WireJson.GetInt(Body, "max_completion_tokens") ?? WireJson.GetInt(Body, "max_tokens");

    public HttpResponse Response => Context.Response;
}
