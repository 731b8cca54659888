namespace MultiModel.Internal;

/// <summary>The one rule for confidences and thresholds: a number from 0 to 1 inclusive (NaN is outside).</summary>
internal static class UnitInterval
{
    public static bool Contains(double value) => value is >= 0 and <= 1;
}
