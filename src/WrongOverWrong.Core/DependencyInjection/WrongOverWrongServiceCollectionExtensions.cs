using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WrongOverWrong;
using WrongOverWrong.DependencyInjection;
using WrongOverWrong.Elicitation;
using WrongOverWrong.Harness;
using WrongOverWrong.Sources;
using WrongOverWrong.Tasks;

// In the namespace of IServiceCollection, as Microsoft.Extensions.AI does for AddChatClient.
namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers WrongOverWrong's answer sources, elicitors, harness and tasks.</summary>
public static class WrongOverWrongServiceCollectionExtensions
{
    /// <summary>
    /// Registers, as singletons over the application's chat clients:
    /// <see cref="ChatAnswerSource"/> (also as <see cref="IWrongAnswerSource"/>) over the client keyed
    /// <see cref="WrongOverWrongServiceKeys.Generator"/>; the five elicitors (each by its type and all as
    /// <see cref="IPreferenceElicitor"/>), the judges over the client keyed
    /// <see cref="WrongOverWrongServiceKeys.Judge"/>; <see cref="ElicitationHarness"/>; the built-in tasks
    /// of <see cref="TaskRegistry.CreateBuiltInTasks"/> (as <see cref="ITaskOracle"/>) and a <see cref="TaskRegistry"/> over every registered task. A missing
    /// keyed client falls back to the unkeyed <see cref="IChatClient"/>. Settings come from
    /// <c>IOptions&lt;WrongOverWrongOptions&gt;</c>. The source and judges do not retry: register
    /// their clients with <c>UseResilience()</c> in the pipeline (<see cref="WrongOverWrong.Chat.ResilientChatClient"/>).
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Configures the options; optional.</param>
    /// <returns>A builder to add tasks with.</returns>
    public static WrongOverWrongBuilder AddWrongOverWrong(this IServiceCollection services, Action<WrongOverWrongOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<WrongOverWrongOptions>();
        if (configure is not null)
        {
            services.Configure(configure);
        }

        services.TryAddSingleton(sp => new ChatAnswerSource(
            ResolveClient(sp, WrongOverWrongServiceKeys.Generator),
            Options(sp).Sampling,
            sp.GetService<ILogger<ChatAnswerSource>>()));
        services.TryAddSingleton<IWrongAnswerSource>(sp => sp.GetRequiredService<ChatAnswerSource>());

        services.TryAddSingleton<LengthElicitor>();
        services.TryAddSingleton<ConsistencyElicitor>();
        services.TryAddSingleton<LogProbabilityElicitor>();
        services.TryAddSingleton(sp => new PairwiseJudgeElicitor(
            ResolveClient(sp, WrongOverWrongServiceKeys.Judge),
            Options(sp).PairwiseJudge));
        services.TryAddSingleton(sp => new ScoreJudgeElicitor(
            ResolveClient(sp, WrongOverWrongServiceKeys.Judge),
            Options(sp).ScoreJudge));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPreferenceElicitor, LengthElicitor>(sp => sp.GetRequiredService<LengthElicitor>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPreferenceElicitor, ConsistencyElicitor>(sp => sp.GetRequiredService<ConsistencyElicitor>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPreferenceElicitor, LogProbabilityElicitor>(sp => sp.GetRequiredService<LogProbabilityElicitor>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPreferenceElicitor, PairwiseJudgeElicitor>(sp => sp.GetRequiredService<PairwiseJudgeElicitor>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPreferenceElicitor, ScoreJudgeElicitor>(sp => sp.GetRequiredService<ScoreJudgeElicitor>()));

        services.TryAddSingleton(sp => new ElicitationHarness(Options(sp).Harness));

        // The built-in tasks; AddTask adds more, and TaskRegistry finds a question's task by name.
        foreach (var task in TaskRegistry.CreateBuiltInTasks())
        {
            services.TryAddEnumerable(ServiceDescriptor.Singleton<ITaskOracle>(task));
        }

        services.TryAddSingleton(sp => new TaskRegistry(sp.GetServices<ITaskOracle>()));
        return new WrongOverWrongBuilder(services);
    }

    private static WrongOverWrongOptions Options(IServiceProvider sp) => sp.GetRequiredService<IOptions<WrongOverWrongOptions>>().Value;

    private static IChatClient ResolveClient(IServiceProvider sp, string key) =>
        sp.GetKeyedService<IChatClient>(key)
        ?? sp.GetService<IChatClient>()
        ?? throw new InvalidOperationException(
            $"WrongOverWrong needs a chat client: register an IChatClient keyed '{key}' (for example services.AddKeyedChatClient(\"{key}\", ...)) or an unkeyed IChatClient.");
}
