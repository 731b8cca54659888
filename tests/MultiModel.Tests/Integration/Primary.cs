namespace MultiModel.Tests.Integration;

/// <summary>Which provider a chain tries first.</summary>
public enum Primary
{
    Grok,
    Claude,
}
