namespace MultiModel.Benchmarks.Report;

/// <summary>One target of the ratio summary: what is compared, the measured value, the goal, and whether it is met.</summary>
internal sealed record TargetCheck(string Target, string Measured, string Goal, bool? Met)
{
    public string Verdict => Met switch
    {
        true => "met",
        false => "**missed**",
        null => "n/a",
    };
}
