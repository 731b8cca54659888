using System.Text.Json;
using MultiModel.Internal;

namespace MultiModel.Providers.Claude;

/// <summary>Validates a <see cref="ChatRequest"/> for Claude and turns it into the UTF-8 JSON body of <c>POST /v1/messages</c>.</summary>
internal static class ClaudeRequestWriter
{
    /// <summary>Validates the request and serializes it once.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="request"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The request is invalid, outside Claude's limits, or more than the model can take (the reason <see cref="ClaudeRequestCheck"/> gives).</exception>
    public static byte[] Write(ChatRequest request, ClaudeSettings settings, bool stream)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Validate();
        var model = request.ModelId ?? settings.Model;
        var capabilities = settings.CapabilitiesFor(model);
        var maxTokens = ClaudeRequestCheck.MaxTokens(request, settings, capabilities);
        RequestSupport.ThrowIfUnsupported(request, ClaudeRequestCheck.Check(request, model, capabilities, maxTokens), settings.Name);

        var (system, messages) = ClaudeConversationWriter.Write(request.Messages);
        if (request.ContinueFinalMessage)
        {
            ClaudeContinuation.Write(messages, model, thinking: request.Reasoning is not null);
        }

        var wire = new ClaudeWireRequest
        {
            Model = model,
            MaxTokens = maxTokens,
            System = system,
            Messages = messages,
            Temperature = request.Temperature,
            TopP = request.TopP,
            StopSequences = request.StopSequences.Count == 0 ? null : [.. request.StopSequences],
            Tools = request.Tools.Count == 0 ? null : ToWire(request.Tools, request.CacheTools),
            ToolChoice = request.Tools.Count == 0 ? null : ToWire(request.ToolChoice),
            OutputConfig = request.ResponseFormat is { } format
                ? new ClaudeWireOutputConfig { Format = new ClaudeWireOutputFormat { Schema = format.Schema } }
                : null,
            Thinking = request.Reasoning is { } reasoning ? new ClaudeWireThinkingConfig { BudgetTokens = reasoning.ResolvedBudgetTokens } : null,
            Stream = stream ? true : null,
        };
        return JsonSerializer.SerializeToUtf8Bytes(wire, ClaudeJsonContext.Default.ClaudeWireRequest);
    }

    /// <summary>Writes the tools; with <paramref name="cache"/>, the last one carries the <c>cache_control</c> breakpoint (caching all of them).</summary>
    private static ClaudeWireTool[] ToWire(IList<ChatToolDefinition> tools, bool cache)
    {
        var wire = new ClaudeWireTool[tools.Count];
        for (var i = 0; i < wire.Length; i++)
        {
            var tool = tools[i];
            wire[i] = new ClaudeWireTool
            {
                Name = tool.Name,
                Description = tool.Description,
                InputSchema = tool.ParametersSchema,
                CacheControl = cache && i == wire.Length - 1 ? ClaudeWireCacheControl.Ephemeral : null,
            };
        }

        return wire;
    }

    private static ClaudeWireToolChoice? ToWire(ChatToolChoice? choice) => choice?.Kind switch
    {
        ChatToolChoiceKind.Auto => new ClaudeWireToolChoice { Type = "auto" },
        ChatToolChoiceKind.None => new ClaudeWireToolChoice { Type = "none" },
        ChatToolChoiceKind.Required => new ClaudeWireToolChoice { Type = "any" },
        ChatToolChoiceKind.Specific => new ClaudeWireToolChoice { Type = "tool", Name = choice.ToolName },
        _ => null,
    };
}
