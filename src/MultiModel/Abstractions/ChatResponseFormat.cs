using System.Text.Json;

namespace MultiModel;

/// <summary>Represents a structured-output request: the answer must be JSON that matches a schema.</summary>
/// <remarks>
/// <para>
/// Claude receives it as <c>output_config.format = {"type":"json_schema","schema":…}</c>; OpenAI-style providers as
/// <c>response_format = {"type":"json_schema","json_schema":{"name","schema","strict":true}}</c>. Either way the JSON
/// arrives as the answer text. Strict mode on OpenAI asks for <c>"additionalProperties": false</c> and every property
/// listed in <c>required</c>. The default confidence policy checks the answer against the schema (see
/// <see cref="Confidence.StructuralConfidenceScorer"/>), so an answer that does not match fails over.
/// </para>
/// </remarks>
public sealed class ChatResponseFormat
{
    /// <summary>The schema name used when none is given.</summary>
    public const string DefaultSchemaName = "response";

    private ChatResponseFormat(JsonElement schema, string schemaName, string? schemaDescription)
    {
        Schema = schema;
        SchemaName = schemaName;
        SchemaDescription = schemaDescription;
    }

    /// <summary>Gets the JSON schema the answer must match.</summary>
    public JsonElement Schema { get; }

    /// <summary>Gets the schema's name (OpenAI's <c>json_schema.name</c>).</summary>
    public string SchemaName { get; }

    /// <summary>Gets a description of the expected answer, or <see langword="null"/>.</summary>
    public string? SchemaDescription { get; }

    /// <summary>Creates a format that asks for JSON matching a schema.</summary>
    /// <param name="schema">The JSON schema, a JSON object; it is copied.</param>
    /// <param name="schemaName">The schema's name: 1 to 64 ASCII letters, digits, <c>_</c> or <c>-</c>; <see langword="null"/> for <see cref="DefaultSchemaName"/>.</param>
    /// <param name="schemaDescription">A description of the expected answer, or <see langword="null"/>.</param>
    /// <returns>The format.</returns>
    /// <exception cref="ArgumentException"><paramref name="schema"/> is not a JSON object, or <paramref name="schemaName"/> is not a valid name.</exception>
    public static ChatResponseFormat ForJsonSchema(JsonElement schema, string? schemaName = null, string? schemaDescription = null)
    {
        if (schema.ValueKind != JsonValueKind.Object)
        {
            throw new ArgumentException($"A JSON schema must be a JSON object (was {schema.ValueKind}).", nameof(schema));
        }

        schemaName ??= DefaultSchemaName;
        if (!ChatToolDefinition.IsValidName(schemaName))
        {
            throw new ArgumentException($"'{schemaName}' is not a valid schema name: use 1 to 64 ASCII letters, digits, '_' or '-'.", nameof(schemaName));
        }

        return new ChatResponseFormat(schema.Clone(), schemaName, schemaDescription);
    }

    /// <inheritdoc/>
    public override string ToString() => $"json_schema {SchemaName}";
}
