namespace MultiModel.Testing;

/// <summary>Describes how the <see cref="ProviderEmulator"/> finished with one request.</summary>
public enum EmulatorRequestOutcome
{
    /// <summary>The emulator is still handling the request.</summary>
    Pending,

    /// <summary>The emulator sent its whole response (an answer, an error status, or a deliberately broken body).</summary>
    Completed,

    /// <summary>The client closed the connection or cancelled before the response was complete.</summary>
    ClientAborted,

    /// <summary>The emulator aborted the connection on purpose (<see cref="EmulatorBehavior.ConnectionReset"/>).</summary>
    ServerAborted,
}
