using System.Globalization;
using System.Text.Json;

namespace MultiModel.Confidence;

/// <summary>Checks JSON values against a small, documented subset of JSON Schema; no external package.</summary>
/// <remarks>
/// <para>
/// Understood keywords: <c>type</c> (a name or a list of names among <c>string</c>, <c>number</c>, <c>integer</c>,
/// <c>boolean</c>, <c>array</c>, <c>object</c>, <c>null</c>; an integer is a number without a fractional part),
/// <c>properties</c>, <c>required</c>, <c>additionalProperties</c> (<c>false</c>, <c>true</c> or a schema),
/// <c>items</c> (one schema for every element), <c>enum</c> and <c>const</c> (compared as JSON values), and
/// <c>anyOf</c>. The boolean schemas <c>true</c> and <c>false</c> are understood too.
/// </para>
/// <para>
/// Every other keyword (<c>$ref</c>, <c>oneOf</c>, <c>allOf</c>, <c>pattern</c>, <c>minimum</c>, <c>format</c>, …) is
/// ignored: the check only rejects what the subset proves wrong, so it never rejects a valid answer.
/// </para>
/// </remarks>
internal static class JsonSchemaSubset
{
    private const int MaxDepth = 64;

    /// <summary>Checks that a text is one JSON value matching the schema.</summary>
    /// <returns><see langword="null"/> when it matches; otherwise why it does not.</returns>
    public static string? ValidateText(JsonElement schema, string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return "the answer is empty, not JSON";
        }

        try
        {
            using var document = JsonDocument.Parse(text.Trim());
            return Validate(schema, document.RootElement, "$", 0);
        }
        catch (JsonException)
        {
            return "the answer is not valid JSON";
        }
    }

    /// <summary>Checks a JSON value against the schema.</summary>
    /// <returns><see langword="null"/> when it matches; otherwise the path of the first mismatch and why.</returns>
    public static string? Validate(JsonElement schema, JsonElement value, string path, int depth)
    {
        switch (schema.ValueKind)
        {
            case JsonValueKind.True:
                return null;
            case JsonValueKind.False:
                return $"{path}: no value is allowed here";
            case not JsonValueKind.Object:
                return null;
        }

        if (depth > MaxDepth)
        {
            return $"{path}: nested deeper than {MaxDepth} levels";
        }

        return CheckType(schema, value, path)
            ?? CheckEnum(schema, value, path)
            ?? CheckAnyOf(schema, value, path, depth)
            ?? (value.ValueKind switch
            {
                JsonValueKind.Object => CheckObject(schema, value, path, depth),
                JsonValueKind.Array => CheckArray(schema, value, path, depth),
                _ => null,
            });
    }

    private static string? CheckType(JsonElement schema, JsonElement value, string path)
    {
        if (!schema.TryGetProperty("type", out var type))
        {
            return null;
        }

        if (type.ValueKind == JsonValueKind.String)
        {
            return IsOfType(value, type.GetString()) ? null : $"{path}: expected {type.GetString()}, got {Describe(value)}";
        }

        if (type.ValueKind == JsonValueKind.Array)
        {
            foreach (var name in type.EnumerateArray())
            {
                if (name.ValueKind == JsonValueKind.String && IsOfType(value, name.GetString()))
                {
                    return null;
                }
            }

            return $"{path}: expected one of {type.GetRawText()}, got {Describe(value)}";
        }

        return null;
    }

    private static bool IsOfType(JsonElement value, string? type) => type switch
    {
        "string" => value.ValueKind == JsonValueKind.String,
        "number" => value.ValueKind == JsonValueKind.Number,
        "integer" => value.ValueKind == JsonValueKind.Number && IsWhole(value),
        "boolean" => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
        "array" => value.ValueKind == JsonValueKind.Array,
        "object" => value.ValueKind == JsonValueKind.Object,
        "null" => value.ValueKind == JsonValueKind.Null,
        _ => true,
    };

    private static bool IsWhole(JsonElement number) =>
        number.TryGetInt64(out _) || (number.TryGetDouble(out var d) && double.IsFinite(d) && Math.Floor(d) == d);

    private static string? CheckEnum(JsonElement schema, JsonElement value, string path)
    {
        if (schema.TryGetProperty("const", out var constant) && !JsonElement.DeepEquals(constant, value))
        {
            return $"{path}: expected {constant.GetRawText()}";
        }

        if (schema.TryGetProperty("enum", out var options) && options.ValueKind == JsonValueKind.Array)
        {
            foreach (var option in options.EnumerateArray())
            {
                if (JsonElement.DeepEquals(option, value))
                {
                    return null;
                }
            }

            return $"{path}: {Shorten(value.GetRawText())} is not one of {Shorten(options.GetRawText())}";
        }

        return null;
    }

    private static string? CheckAnyOf(JsonElement schema, JsonElement value, string path, int depth)
    {
        if (!schema.TryGetProperty("anyOf", out var anyOf) || anyOf.ValueKind != JsonValueKind.Array || anyOf.GetArrayLength() == 0)
        {
            return null;
        }

        foreach (var option in anyOf.EnumerateArray())
        {
            if (Validate(option, value, path, depth + 1) is null)
            {
                return null;
            }
        }

        return $"{path}: matches none of the anyOf schemas";
    }

    private static string? CheckObject(JsonElement schema, JsonElement value, string path, int depth)
    {
        var hasProperties = schema.TryGetProperty("properties", out var properties) && properties.ValueKind == JsonValueKind.Object;
        if (schema.TryGetProperty("required", out var required) && required.ValueKind == JsonValueKind.Array)
        {
            foreach (var name in required.EnumerateArray())
            {
                if (name.ValueKind == JsonValueKind.String && !value.TryGetProperty(name.GetString()!, out _))
                {
                    return $"{path}: required property '{name.GetString()}' is missing";
                }
            }
        }

        schema.TryGetProperty("additionalProperties", out var additional);
        foreach (var property in value.EnumerateObject())
        {
            var childPath = $"{path}.{property.Name}";
            string? error;
            if (hasProperties && properties.TryGetProperty(property.Name, out var propertySchema))
            {
                error = Validate(propertySchema, property.Value, childPath, depth + 1);
            }
            else
            {
                error = additional.ValueKind switch
                {
                    JsonValueKind.False => $"{path}: property '{property.Name}' is not allowed",
                    JsonValueKind.Object => Validate(additional, property.Value, childPath, depth + 1),
                    _ => null,
                };
            }

            if (error is not null)
            {
                return error;
            }
        }

        return null;
    }

    private static string? CheckArray(JsonElement schema, JsonElement value, string path, int depth)
    {
        if (!schema.TryGetProperty("items", out var items) || items.ValueKind is not (JsonValueKind.Object or JsonValueKind.False))
        {
            return null;
        }

        var index = 0;
        foreach (var element in value.EnumerateArray())
        {
            if (Validate(items, element, string.Create(CultureInfo.InvariantCulture, $"{path}[{index}]"), depth + 1) is { } error)
            {
                return error;
            }

            index++;
        }

        return null;
    }

    private static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.True or JsonValueKind.False => "boolean",
        JsonValueKind.Number => IsWhole(value) ? "integer" : "number",
        _ => value.ValueKind.ToString().ToLowerInvariant(),
    };

    private static string Shorten(string text) => text.Length <= 80 ? text : string.Concat(text.AsSpan(0, 80), "…");
}
