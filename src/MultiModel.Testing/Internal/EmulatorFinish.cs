namespace MultiModel.Testing.Internal;

/// <summary>How an answer ends.</summary>
internal enum EmulatorFinish
{
    Stop,
    Length,
    Refusal,
}
