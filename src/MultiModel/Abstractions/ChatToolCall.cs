using System.Text.Json;

namespace MultiModel;

/// <summary>Represents one tool call the model asked for: the call's id, the tool's name and its JSON arguments.</summary>
/// <remarks>
/// <para>
/// The same instance is valid for every provider: Claude sends and receives it as a <c>tool_use</c> block (arguments
/// as the <c>input</c> object), OpenAI-style providers as a <c>tool_calls</c> entry (arguments as a JSON string).
/// Instances are immutable; <see cref="Arguments"/> is a detached copy that outlives any document it came from.
/// </para>
/// </remarks>
public sealed class ChatToolCall
{
    /// <summary>Initializes a new instance of the <see cref="ChatToolCall"/> class.</summary>
    /// <param name="id">The provider's id of the call (for example <c>toolu_…</c> or <c>call_…</c>); tool results refer to it.</param>
    /// <param name="name">The name of the tool to call.</param>
    /// <param name="arguments">The arguments, a JSON object; it is copied.</param>
    /// <exception cref="ArgumentException"><paramref name="id"/> or <paramref name="name"/> is null or white space, or <paramref name="arguments"/> is not a JSON object.</exception>
    public ChatToolCall(string id, string name, JsonElement arguments)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (arguments.ValueKind != JsonValueKind.Object)
        {
            throw new ArgumentException($"The arguments of tool call '{id}' must be a JSON object (was {arguments.ValueKind}).", nameof(arguments));
        }

        Id = id;
        Name = name;
        Arguments = arguments.Clone();
    }

    /// <summary>Gets the provider's id of the call; a tool result message refers to it.</summary>
    public string Id { get; }

    /// <summary>Gets the name of the tool to call.</summary>
    public string Name { get; }

    /// <summary>Gets the arguments, a JSON object.</summary>
    public JsonElement Arguments { get; }

    /// <summary>Gets the arguments as JSON text.</summary>
    public string ArgumentsJson => Arguments.GetRawText();

    /// <summary>Creates a tool call from arguments given as JSON text (an empty text means no arguments, <c>{}</c>).</summary>
    /// <param name="id">The provider's id of the call.</param>
    /// <param name="name">The name of the tool to call.</param>
    /// <param name="argumentsJson">The arguments as JSON text; it must hold one JSON object.</param>
    /// <returns>The tool call.</returns>
    /// <exception cref="ArgumentException"><paramref name="id"/> or <paramref name="name"/> is null or white space, or <paramref name="argumentsJson"/> is not one JSON object.</exception>
    public static ChatToolCall Parse(string id, string name, string? argumentsJson)
    {
        if (string.IsNullOrWhiteSpace(argumentsJson))
        {
            argumentsJson = "{}";
        }

        try
        {
            using var document = JsonDocument.Parse(argumentsJson);
            return new ChatToolCall(id, name, document.RootElement);
        }
        catch (JsonException ex)
        {
            throw new ArgumentException($"The arguments of tool call '{id}' are not valid JSON.", nameof(argumentsJson), ex);
        }
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Name}({ArgumentsJson}) [{Id}]";
}
