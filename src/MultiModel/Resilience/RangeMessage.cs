namespace MultiModel.Resilience;

/// <summary>The message of the option ranges: the member's path first, so it reads like every other validation message.</summary>
internal static class RangeMessage
{
    public const string Text = "{0} must be between {1} and {2}.";
}
