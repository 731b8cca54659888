namespace MultiModel.Testing.Internal;

/// <summary>What an <see cref="EmulatorBehavior"/> does with a request.</summary>
internal enum EmulatorBehaviorKind
{
    Answer,
    Status,
    Overloaded,
    ContextTooLong,
    Hang,
    ConnectionReset,
    StreamCut,
    StreamError,
    StreamStall,
    MalformedJson,
    EmptyBody,
}
