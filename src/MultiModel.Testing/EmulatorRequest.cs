using System.Globalization;
using System.Text.Json;

namespace MultiModel.Testing;

/// <summary>Represents one HTTP request the <see cref="ProviderEmulator"/> received, without its credentials.</summary>
/// <remarks>
/// <para>
/// <see cref="Headers"/> never holds <c>x-api-key</c>, <c>authorization</c> or cookies; the emulator only records
/// whether the credentials were accepted (<see cref="Authenticated"/>). <see cref="StatusCode"/> and
/// <see cref="Outcome"/> are filled in while the emulator answers.
/// </para>
/// </remarks>
public sealed class EmulatorRequest
{
    private int _statusCode;
    private int _outcome;

    internal EmulatorRequest()
    {
    }

    /// <summary>Gets the zero-based position of the request among all requests the emulator received.</summary>
    public required int Sequence { get; init; }

    /// <summary>Gets the API the request was sent to, or <see langword="null"/> when its path matched none.</summary>
    public required EmulatedProviderKind? Provider { get; init; }

    /// <summary>Gets the HTTP method.</summary>
    public required string Method { get; init; }

    /// <summary>Gets the request path, for example <c>/v1/messages</c>.</summary>
    public required string Path { get; init; }

    /// <summary>Gets the <c>model</c> of the request body, when it had one.</summary>
    public string? Model { get; init; }

    /// <summary>Gets a value indicating whether the body asked for a stream (<c>"stream": true</c>).</summary>
    public bool Stream { get; init; }

    /// <summary>Gets the body as text.</summary>
    public required string BodyText { get; init; }

    /// <summary>Gets the body as JSON, or <see langword="null"/> when it was not valid JSON.</summary>
    public JsonElement? Body { get; init; }

    /// <summary>Gets the request headers except credentials and cookies, keyed case-insensitively; repeated values are joined by commas.</summary>
    public required IReadOnlyDictionary<string, string> Headers { get; init; }

    /// <summary>Gets a value indicating whether the request carried the expected API key in the provider's header.</summary>
    public bool Authenticated { get; internal set; }

    /// <summary>Gets the Kestrel identifier of the connection that carried the request.</summary>
    public required string ConnectionId { get; init; }

    /// <summary>Gets when the request arrived, by the emulator's <see cref="TimeProvider"/>.</summary>
    public required DateTimeOffset ReceivedAt { get; init; }

    /// <summary>Gets the request id the emulator answered with (<c>request-id</c> or <c>x-request-id</c>).</summary>
    public required string RequestId { get; init; }

    /// <summary>Gets the HTTP status the emulator answered with, or 0 while it has not chosen one (or aborted the connection).</summary>
    public int StatusCode
    {
        get => Volatile.Read(ref _statusCode);
        internal set => Volatile.Write(ref _statusCode, value);
    }

    /// <summary>Gets how the emulator finished with the request.</summary>
    public EmulatorRequestOutcome Outcome
    {
        get => (EmulatorRequestOutcome)Volatile.Read(ref _outcome);
        internal set => Volatile.Write(ref _outcome, (int)value);
    }

    /// <inheritdoc/>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"#{Sequence} {Method} {Path} model={Model} stream={Stream} -> {StatusCode} {Outcome}");
}
