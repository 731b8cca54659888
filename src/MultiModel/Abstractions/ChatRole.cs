namespace MultiModel;

/// <summary>Identifies the author of a <see cref="ChatMessage"/>.</summary>
public enum ChatRole
{
    /// <summary>Instructions that frame the conversation.</summary>
    System,

    /// <summary>A message from the user.</summary>
    User,

    /// <summary>A message from the model.</summary>
    Assistant,

    /// <summary>The result of a tool call the model asked for (see <see cref="ChatMessage.FromToolResult"/>).</summary>
    Tool,
}
