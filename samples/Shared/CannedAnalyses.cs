namespace MultiModel.Samples;

/// <summary>The answers the offline emulator gives: plausible analyses of the samples' telemetry.</summary>
internal static class CannedAnalyses
{
    public const string Grok = """
        STATUS: CAUTION

        Findings:
        1. EPS: battery B temperature climbed from 18.4 to 29.3 degC between 06:00 and 06:25 UTC, 0.7 degC below its 30.0 degC limit, while the solar array delivered 0 A (eclipse). It eased to 28.7 degC after sunlight returned at 06:30.
        2. EPS: bus voltage fell from 28.12 V to 26.41 V during the eclipse, 0.41 V above the 26.0 V floor; battery B state of charge dropped from 94 % to 79 %. The discharge rate is higher than a nominal eclipse.
        3. ADCS: reaction wheel 2 current doubled (0.42 A to 0.91 A) while its speed rose to 3640 rpm; the star tracker lost lock for 90 s at 06:20 UTC. Rising current at moderate speed suggests increased bearing friction.
        4. THERMAL: heater zone 3 ran at 100 % duty at 06:25 UTC, adding load on the bus during the eclipse.

        Recommended actions:
        - Move the eclipse load to battery A and cap heater zone 3 at 60 % duty before the next eclipse (06:55 UTC).
        - Schedule a reaction wheel 2 friction test and prepare a momentum unload.
        - Raise the battery B temperature alarm to the flight director; re-check in the next pass.
        """;

    public const string Claude = """
        STATUS: CAUTION

        Findings:
        1. Power: during the eclipse (solar array current 0 A from 06:10 to 06:30 UTC) the bus voltage sagged to 26.41 V against a 26.0 V lower limit, and battery B state of charge went from 94 % to 79 %.
        2. Thermal: battery B reached 29.3 degC (limit 30.0 degC), rising about 0.45 degC per minute while heater zone 3 was saturated at 100 % duty. The rise correlates with the discharge current, not with the heater zone.
        3. Attitude: reaction wheel 2 drew 0.91 A at 3640 rpm, more than twice its current at 2210 rpm; the star tracker dropped lock once (06:20:00 to 06:21:30 UTC), likely from the jitter of the wheel.
        4. No channel crossed a limit, but three channels ended within 5 % of one.

        Recommended actions:
        - Before the next eclipse, shed non-essential loads, balance the discharge onto battery A, and limit heater zone 3.
        - Command a reaction wheel 2 current and vibration diagnostic; keep wheel 4 ready to take over.
        - Flag the pass for engineering review; no safe-mode entry is needed now.
        """;

    /// <summary>A short verdict on one batch of a live feed.</summary>
    public const string BatchVerdict = """
        STATUS: NOMINAL
        All channels of the batch are within limits; battery B temperature and bus voltage are stable. No action needed.
        """;

    /// <summary>An answer that is fine as text but misses the status line the sample's validator requires.</summary>
    public const string WithoutStatusLine = """
        The telemetry looks mostly fine. The battery got a little warm and the voltage dipped during the eclipse, and one reaction wheel drew more current. Keep an eye on it.
        """;

    /// <summary>The head of an answer that a token limit cut.</summary>
    public const string Truncated = """
        STATUS: CAUTION

        Findings:
        1. EPS: battery B temperature climbed from 18.4 to 29.3 degC between
        """;

    public static string ForProvider(string providerName) =>
        providerName.Contains("claude", StringComparison.OrdinalIgnoreCase) ? Claude : Grok;
}
