using MultiModel.Providers.Capabilities;

namespace MultiModel.Providers.ChatCompletions;

/// <summary>Tells whether a chat-completions endpoint can take a request: the format's value ranges (<see cref="ChatCompletionsRequestRules"/>), the model's capabilities, the API's media rules, and the context window.</summary>
internal static class ChatCompletionsRequestCheck
{
    /// <summary>Checks a request for the model it names, else the configured one.</summary>
    public static ChatRequestSupport Check(ChatRequest request, ChatCompletionsSettings settings)
    {
        var model = request.ModelId ?? settings.Model;
        return Check(request, settings, model, settings.CapabilitiesFor(model));
    }

    /// <summary>Checks a request against the format's value ranges and a model's capabilities, counting the output cap that would be sent.</summary>
    public static ChatRequestSupport Check(ChatRequest request, ChatCompletionsSettings settings, string model, ModelCapabilities capabilities) =>
        ChatCompletionsRequestRules.Check(request) is { IsSupported: false } outOfRange
            ? outOfRange
            : CapabilityCheck.Check(request, model, capabilities, settings.Media, request.MaxOutputTokens ?? settings.MaxOutputTokens ?? 0);
}
