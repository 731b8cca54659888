namespace MultiModel;

/// <summary>Lists how a model may use the tools of a request.</summary>
public enum ChatToolChoiceKind
{
    /// <summary>The model decides whether to call tools (Claude <c>auto</c>, OpenAI <c>auto</c>).</summary>
    Auto,

    /// <summary>The model must not call tools (Claude <c>none</c>, OpenAI <c>none</c>).</summary>
    None,

    /// <summary>The model must call at least one tool (Claude <c>any</c>, OpenAI <c>required</c>).</summary>
    Required,

    /// <summary>The model must call one named tool (Claude <c>tool</c>, OpenAI <c>function</c>).</summary>
    Specific,
}
