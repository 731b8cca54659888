using System.Globalization;
using System.Text.Json;

namespace MultiModel.Providers.Claude;

/// <summary>Validates a <see cref="ChatRequest"/> for Claude and turns it into the UTF-8 JSON body of <c>POST /v1/messages</c>.</summary>
internal static class ClaudeRequestWriter
{
    /// <summary>The largest temperature the Messages API accepts.</summary>
    public const double MaxTemperature = 1.0;

    /// <summary>Validates the request and serializes it once.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="request"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The request is invalid, or outside Claude's limits.</exception>
    public static byte[] Write(ChatRequest request, ClaudeSettings settings, bool stream)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Validate();
        if (request.Temperature is > MaxTemperature and var temperature)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"Temperature must be between 0 and 1 for Claude (was {temperature})."),
                nameof(request));
        }

        List<string>? system = null;
        var messages = new List<ClaudeWireMessage>(request.Messages.Count);
        foreach (var message in request.Messages)
        {
            if (message.Role == ChatRole.System)
            {
                (system ??= []).Add(message.Text);
                continue;
            }

            messages.Add(new ClaudeWireMessage
            {
                Role = message.Role == ChatRole.Assistant ? "assistant" : "user",
                Content = message.Text,
            });
        }

        var wire = new ClaudeWireRequest
        {
            Model = request.ModelId ?? settings.Model,
            MaxTokens = request.MaxOutputTokens ?? settings.MaxOutputTokens,
            System = system,
            Messages = messages,
            Temperature = request.Temperature,
            TopP = request.TopP,
            StopSequences = request.StopSequences.Count == 0 ? null : [.. request.StopSequences],
            Stream = stream ? true : null,
        };
        return JsonSerializer.SerializeToUtf8Bytes(wire, ClaudeJsonContext.Default.ClaudeWireRequest);
    }
}
