namespace MultiModel.Tests.Integration;

/// <summary>How a call is made: a whole JSON answer or a streamed one.</summary>
public enum Wire
{
    Json,
    Stream,
}
