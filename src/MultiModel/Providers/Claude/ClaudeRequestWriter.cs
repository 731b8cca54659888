using System.Text.Json;
using MultiModel.Internal;

namespace MultiModel.Providers.Claude;

/// <summary>Validates a <see cref="ChatRequest"/> for Claude and turns it into the UTF-8 JSON body of <c>POST /v1/messages</c>.</summary>
internal static class ClaudeRequestWriter
{
    /// <summary>Validates the request and serializes it once.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="request"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The request is invalid, or outside Claude's limits (<see cref="ClaudeRequestRules"/>).</exception>
    public static byte[] Write(ChatRequest request, ClaudeSettings settings, bool stream)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Validate();
        RequestSupport.ThrowIfUnsupported(request, ClaudeRequestRules.Check(request), settings.Name);

        var model = request.ModelId ?? settings.Model;
        var (system, messages) = ClaudeConversationWriter.Write(request.Messages);
        if (request.ContinueFinalMessage)
        {
            ClaudeContinuation.Write(messages, model);
        }

        var wire = new ClaudeWireRequest
        {
            Model = model,
            MaxTokens = request.MaxOutputTokens ?? settings.MaxOutputTokens,
            System = system,
            Messages = messages,
            Temperature = request.Temperature,
            TopP = request.TopP,
            StopSequences = request.StopSequences.Count == 0 ? null : [.. request.StopSequences],
            Tools = request.Tools.Count == 0 ? null : [.. request.Tools.Select(ToWire)],
            ToolChoice = request.Tools.Count == 0 ? null : ToWire(request.ToolChoice),
            OutputConfig = request.ResponseFormat is { } format
                ? new ClaudeWireOutputConfig { Format = new ClaudeWireOutputFormat { Schema = format.Schema } }
                : null,
            Stream = stream ? true : null,
        };
        return JsonSerializer.SerializeToUtf8Bytes(wire, ClaudeJsonContext.Default.ClaudeWireRequest);
    }

    private static ClaudeWireTool ToWire(ChatToolDefinition tool) =>
        new() { Name = tool.Name, Description = tool.Description, InputSchema = tool.ParametersSchema };

    private static ClaudeWireToolChoice? ToWire(ChatToolChoice? choice) => choice?.Kind switch
    {
        ChatToolChoiceKind.Auto => new ClaudeWireToolChoice { Type = "auto" },
        ChatToolChoiceKind.None => new ClaudeWireToolChoice { Type = "none" },
        ChatToolChoiceKind.Required => new ClaudeWireToolChoice { Type = "any" },
        ChatToolChoiceKind.Specific => new ClaudeWireToolChoice { Type = "tool", Name = choice.ToolName },
        _ => null,
    };
}
