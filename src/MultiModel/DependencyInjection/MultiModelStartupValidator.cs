using Microsoft.Extensions.Options;

namespace MultiModel.DependencyInjection;

/// <summary>The marker options whose start-up validation composes the whole MultiModel configuration.</summary>
internal sealed class MultiModelStartup
{
}

/// <summary>
/// Composes every provider and chain when the host starts (<c>ValidateOnStart</c>), so that whatever a constructor
/// or setter would reject on the first call stops the host instead, with every configuration path at fault.
/// </summary>
internal sealed class MultiModelStartupValidator(MultiModelRuntime runtime) : IValidateOptions<MultiModelStartup>
{
    public ValidateOptionsResult Validate(string? name, MultiModelStartup options)
    {
        try
        {
            _ = runtime.Current;
            return ValidateOptionsResult.Success;
        }
        catch (OptionsValidationException ex)
        {
            return ValidateOptionsResult.Fail(ex.Failures);
        }
    }
}
