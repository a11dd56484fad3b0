using WrongOverWrong.Core.Tests.Tasks;

namespace WrongOverWrong.Core.Tests;

/// <summary>
/// A theory that needs files of the real data folder; see <see cref="RequiresSharedDataFactAttribute"/>.
/// Every case of the theory is reported as skipped, with the missing paths, when any is absent.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class RequiresSharedDataTheoryAttribute : TheoryAttribute
{
    /// <summary>Creates the attribute; the theory is skipped unless every path exists.</summary>
    /// <param name="relativePaths">Files or folders relative to ../shared/data, e.g. "knowledge-crosswords".</param>
    public RequiresSharedDataTheoryAttribute(params string[] relativePaths)
    {
        RelativePaths = relativePaths;
        Skip = SharedData.SkipReason(relativePaths);
    }

    /// <summary>The paths, relative to ../shared/data, the theory needs.</summary>
    public IReadOnlyList<string> RelativePaths { get; }
}
