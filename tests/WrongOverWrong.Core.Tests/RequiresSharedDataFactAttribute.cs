using WrongOverWrong.Core.Tests.Tasks;

namespace WrongOverWrong.Core.Tests;

/// <summary>
/// A fact that needs files of the real data folder (../shared/data next to the folder holding
/// WrongOverWrong.sln). When any is absent the runner reports the test as skipped, with the missing
/// paths as the reason, instead of counting an early return as a pass.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class RequiresSharedDataFactAttribute : FactAttribute
{
    /// <summary>Creates the attribute; the test is skipped unless every path exists.</summary>
    /// <param name="relativePaths">Files or folders relative to ../shared/data, e.g. "nlgraph/shortest_path.json".</param>
    public RequiresSharedDataFactAttribute(params string[] relativePaths)
    {
        RelativePaths = relativePaths;
        Skip = SharedData.SkipReason(relativePaths);
    }

    /// <summary>The paths, relative to ../shared/data, the test needs.</summary>
    public IReadOnlyList<string> RelativePaths { get; }
}
