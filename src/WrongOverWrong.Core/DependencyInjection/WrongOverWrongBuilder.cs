using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace WrongOverWrong.DependencyInjection;

/// <summary>Adds tasks to a WrongOverWrong registration (the built-in tasks are registered already; names must be unique).</summary>
public sealed class WrongOverWrongBuilder
{
    internal WrongOverWrongBuilder(IServiceCollection services) => Services = services;

    /// <summary>The service collection being configured.</summary>
    public IServiceCollection Services { get; }

    /// <summary>Registers a task (oracle) type as an <see cref="ITaskOracle"/> singleton; resolve all with <c>IEnumerable&lt;ITaskOracle&gt;</c>.</summary>
    /// <typeparam name="TTask">The task type.</typeparam>
    /// <returns>This builder.</returns>
    public WrongOverWrongBuilder AddTask<TTask>()
        where TTask : class, ITaskOracle
    {
        Services.TryAddEnumerable(ServiceDescriptor.Singleton<ITaskOracle, TTask>());
        return this;
    }

    /// <summary>Registers a task instance as an <see cref="ITaskOracle"/>.</summary>
    /// <param name="task">The task.</param>
    /// <returns>This builder.</returns>
    public WrongOverWrongBuilder AddTask(ITaskOracle task)
    {
        ArgumentNullException.ThrowIfNull(task);
        Services.AddSingleton(task);
        return this;
    }
}
