using WrongOverWrong.Tasks.KnowledgeCrosswords;
using WrongOverWrong.Tasks.MultipleChoice;
using WrongOverWrong.Tasks.NLGraph;
using WrongOverWrong.Tasks.Numeric;

namespace WrongOverWrong.Tasks;

/// <summary>
/// Finds the oracle for a question by its task name, so files holding several tasks can be graded
/// and a dependency-injection container can hold one registry.
/// </summary>
public sealed class TaskRegistry
{
    private readonly Dictionary<string, ITaskOracle> _tasks = new(StringComparer.Ordinal);

    /// <summary>Creates a registry holding the given oracles.</summary>
    /// <param name="tasks">The oracles; names must be unique.</param>
    public TaskRegistry(IEnumerable<ITaskOracle> tasks)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        foreach (var task in tasks)
        {
            Add(task);
        }
    }

    /// <summary>The registered task names.</summary>
    public IReadOnlyCollection<string> Names => _tasks.Keys;

    /// <summary>Creates a registry with every built-in task and default options.</summary>
    /// <param name="rule">How the NLGraph shortest-path and matching oracles grade (default: the paper's rule, the stated number alone).</param>
    public static TaskRegistry CreateDefault(GradingRule rule = GradingRule.Paper) => new(CreateBuiltInTasks(rule));

    /// <summary>
    /// New instances of every built-in task: the one list behind <see cref="CreateDefault"/> and the
    /// dependency-injection registration.
    /// </summary>
    /// <param name="rule">How the NLGraph shortest-path and matching oracles grade (default: the paper's rule).</param>
    public static IReadOnlyList<ITaskOracle> CreateBuiltInTasks(GradingRule rule = GradingRule.Paper) =>
    [
        new ShortestPathOracle(new ShortestPathOracleOptions { Rule = rule }),
        new MaxFlowOracle(),
        new MatchingOracle(new MatchingOracleOptions { Rule = rule }),
        new KnowledgeCrosswordsOracle(),
        new GradedChoiceOracle(),
        new BinaryChoiceOracle(),
        new NumericOracle(),
    ];

    /// <summary>Adds an oracle; throws when its name is already registered.</summary>
    /// <param name="task">The oracle to add.</param>
    public void Add(ITaskOracle task)
    {
        ArgumentNullException.ThrowIfNull(task);
        if (!_tasks.TryAdd(task.Name, task))
        {
            throw new ArgumentException($"A task named '{task.Name}' is already registered.", nameof(task));
        }
    }

    /// <summary>Returns the oracle for <paramref name="name"/>, or <see langword="false"/> when none is registered.</summary>
    /// <param name="name">The task name.</param>
    /// <param name="task">The oracle found.</param>
    public bool TryGet(string name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out ITaskOracle? task) => _tasks.TryGetValue(name, out task);

    /// <summary>Returns the oracle for <paramref name="name"/>.</summary>
    /// <param name="name">The task name.</param>
    /// <exception cref="KeyNotFoundException">No oracle has that name (the message lists the known names).</exception>
    public ITaskOracle Get(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return _tasks.TryGetValue(name, out var task)
            ? task
            : throw new KeyNotFoundException($"No task named '{name}' is registered; known tasks: {string.Join(", ", _tasks.Keys.Order(StringComparer.Ordinal))}.");
    }

    /// <summary>Returns the oracle that grades <paramref name="question"/>.</summary>
    /// <param name="question">The question.</param>
    public ITaskOracle For(Question question)
    {
        ArgumentNullException.ThrowIfNull(question);
        return Get(question.Task);
    }
}
