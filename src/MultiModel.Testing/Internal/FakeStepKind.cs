namespace MultiModel.Testing.Internal;

/// <summary>What a <see cref="FakeChatStep"/> does.</summary>
internal enum FakeStepKind
{
    Answer,
    Response,
    Failure,
    Stream,
    StreamThenFail,
    Hang,
}
