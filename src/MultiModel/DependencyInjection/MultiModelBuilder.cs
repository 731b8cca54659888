using Microsoft.Extensions.DependencyInjection;

namespace MultiModel.DependencyInjection;

/// <summary>The default <see cref="IMultiModelBuilder"/>.</summary>
internal sealed class MultiModelBuilder(IServiceCollection services, string? name) : IMultiModelBuilder
{
    public IServiceCollection Services { get; } = services;

    public string? Name { get; } = name;
}
