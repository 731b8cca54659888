using System.Text.Json.Serialization;

namespace MultiModel.Providers.ChatCompletions;

/// <summary>The source-generated serializer of the chat-completions DTOs.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ChatCompletionsRequestDto))]
[JsonSerializable(typeof(ChatCompletionsResponseDto))]
internal sealed partial class ChatCompletionsJsonContext : JsonSerializerContext;
