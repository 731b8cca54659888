namespace MultiModel.Samples.ConsoleApp;

/// <summary>The sample's exit codes.</summary>
internal static class ExitCodes
{
    public const int Success = 0;

    public const int UsageOrConfigurationError = 1;

    public const int ManualInterventionRequired = 2;
}
