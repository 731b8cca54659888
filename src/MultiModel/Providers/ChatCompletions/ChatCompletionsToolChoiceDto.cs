using System.Text.Json;
using System.Text.Json.Serialization;

namespace MultiModel.Providers.ChatCompletions;

/// <summary>The <c>tool_choice</c> value: <c>"auto"</c>, <c>"none"</c>, <c>"required"</c>, or <c>{"type":"function","function":{"name"}}</c>.</summary>
[JsonConverter(typeof(ChatCompletionsToolChoiceConverter))]
internal sealed class ChatCompletionsToolChoiceDto
{
    /// <summary>Gets the mode written as a string; <see langword="null"/> when <see cref="FunctionName"/> is set.</summary>
    public string? Mode { get; init; }

    /// <summary>Gets the function the model must call.</summary>
    public string? FunctionName { get; init; }

    public static ChatCompletionsToolChoiceDto? From(ChatToolChoice? choice) => choice?.Kind switch
    {
        ChatToolChoiceKind.Auto => new() { Mode = "auto" },
        ChatToolChoiceKind.None => new() { Mode = "none" },
        ChatToolChoiceKind.Required => new() { Mode = "required" },
        ChatToolChoiceKind.Specific => new() { FunctionName = choice.ToolName },
        _ => null,
    };
}

/// <summary>Writes <see cref="ChatCompletionsToolChoiceDto"/> as a string or a function object.</summary>
internal sealed class ChatCompletionsToolChoiceConverter : JsonConverter<ChatCompletionsToolChoiceDto>
{
    public override ChatCompletionsToolChoiceDto Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException("tool_choice is only ever written.");

    public override void Write(Utf8JsonWriter writer, ChatCompletionsToolChoiceDto value, JsonSerializerOptions options)
    {
        if (value.FunctionName is not { } name)
        {
            writer.WriteStringValue(value.Mode);
            return;
        }

        writer.WriteStartObject();
        writer.WriteString("type"u8, "function"u8);
        writer.WriteStartObject("function"u8);
        writer.WriteString("name"u8, name);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }
}
