using System.Text.Json;

namespace MultiModel;

/// <summary>Represents a tool the model may call: its name, what it does, and the JSON schema of its arguments.</summary>
/// <remarks>
/// <para>
/// Claude receives it as <c>{"name","description","input_schema"}</c>, OpenAI-style providers as
/// <c>{"type":"function","function":{"name","description","parameters"}}</c>. Instances are immutable.
/// </para>
/// </remarks>
public sealed class ChatToolDefinition
{
    /// <summary>The longest tool name both wire formats accept.</summary>
    public const int MaxNameLength = 64;

    /// <summary>Initializes a new instance of the <see cref="ChatToolDefinition"/> class.</summary>
    /// <param name="name">The tool's name: 1 to 64 ASCII letters, digits, <c>_</c> or <c>-</c>.</param>
    /// <param name="description">What the tool does and when to use it, or <see langword="null"/>.</param>
    /// <param name="parametersSchema">The JSON schema of the arguments: an object with <c>"type": "object"</c>; it is copied.</param>
    /// <exception cref="ArgumentException"><paramref name="name"/> is not a valid tool name, or <paramref name="parametersSchema"/> is not an object schema.</exception>
    public ChatToolDefinition(string name, string? description, JsonElement parametersSchema)
    {
        if (!IsValidName(name))
        {
            throw new ArgumentException($"'{name}' is not a valid tool name: use 1 to {MaxNameLength} ASCII letters, digits, '_' or '-'.", nameof(name));
        }

        if (parametersSchema.ValueKind != JsonValueKind.Object
            || !parametersSchema.TryGetProperty("type", out var type)
            || type.ValueKind != JsonValueKind.String
            || !type.ValueEquals("object"))
        {
            throw new ArgumentException($"The parameters schema of tool '{name}' must be a JSON object with \"type\": \"object\".", nameof(parametersSchema));
        }

        Name = name;
        Description = description;
        ParametersSchema = parametersSchema.Clone();
    }

    /// <summary>Gets the tool's name.</summary>
    public string Name { get; }

    /// <summary>Gets what the tool does, or <see langword="null"/>.</summary>
    public string? Description { get; }

    /// <summary>Gets the JSON schema of the arguments (an object schema).</summary>
    public JsonElement ParametersSchema { get; }

    /// <summary>Checks whether a text is a valid tool (or schema) name: 1 to 64 ASCII letters, digits, <c>_</c> or <c>-</c>.</summary>
    /// <param name="name">The name to check.</param>
    /// <returns><see langword="true"/> when both wire formats accept the name.</returns>
    public static bool IsValidName(string? name)
    {
        if (string.IsNullOrEmpty(name) || name.Length > MaxNameLength)
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('_' or '-'))
            {
                return false;
            }
        }

        return true;
    }

    /// <inheritdoc/>
    public override string ToString() => Name;
}
