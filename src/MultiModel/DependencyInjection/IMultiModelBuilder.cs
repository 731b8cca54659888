namespace MultiModel.DependencyInjection;

/// <summary>Configures one MultiModel chain registered with <c>AddMultiModel</c>; features are extension methods that return the builder.</summary>
public interface IMultiModelBuilder
{
    /// <summary>Gets the service collection the chain is registered in.</summary>
    Microsoft.Extensions.DependencyInjection.IServiceCollection Services { get; }

    /// <summary>Gets the chain's name, or <see langword="null"/> for the default chain.</summary>
    string? Name { get; }
}
