namespace MultiModel;

/// <summary>Represents how a model may use the tools of a request: freely, not at all, at least one, or one named tool.</summary>
public sealed class ChatToolChoice
{
    private ChatToolChoice(ChatToolChoiceKind kind, string? toolName)
    {
        Kind = kind;
        ToolName = toolName;
    }

    /// <summary>Gets the choice that lets the model decide.</summary>
    public static ChatToolChoice Auto { get; } = new(ChatToolChoiceKind.Auto, null);

    /// <summary>Gets the choice that forbids tool calls.</summary>
    public static ChatToolChoice None { get; } = new(ChatToolChoiceKind.None, null);

    /// <summary>Gets the choice that requires at least one tool call.</summary>
    public static ChatToolChoice Required { get; } = new(ChatToolChoiceKind.Required, null);

    /// <summary>Gets the kind of choice.</summary>
    public ChatToolChoiceKind Kind { get; }

    /// <summary>Gets the tool the model must call, for <see cref="ChatToolChoiceKind.Specific"/>; otherwise <see langword="null"/>.</summary>
    public string? ToolName { get; }

    /// <summary>Creates the choice that requires a call of one named tool.</summary>
    /// <param name="toolName">The name of a tool of the request.</param>
    /// <returns>A choice of kind <see cref="ChatToolChoiceKind.Specific"/>.</returns>
    /// <exception cref="ArgumentException"><paramref name="toolName"/> is not a valid tool name.</exception>
    public static ChatToolChoice Specific(string toolName)
    {
        if (!ChatToolDefinition.IsValidName(toolName))
        {
            throw new ArgumentException($"'{toolName}' is not a valid tool name.", nameof(toolName));
        }

        return new ChatToolChoice(ChatToolChoiceKind.Specific, toolName);
    }

    /// <inheritdoc/>
    public override string ToString() => ToolName is null ? Kind.ToString() : $"{Kind}({ToolName})";
}
