using WrongOverWrong.Tasks;
using WrongOverWrong.Tasks.Numeric;

namespace WrongOverWrong.Core.Tests.Tasks;

public class TaskRegistryTests
{
    [Fact]
    public void Default_registry_holds_every_task()
    {
        var registry = TaskRegistry.CreateDefault();
        Assert.Equal(
            ["binary-choice", "graded-choice", "knowledge-crosswords", "nlgraph-matching", "nlgraph-max-flow", "nlgraph-shortest-path", "numeric"],
            registry.Names.Order(StringComparer.Ordinal));
        foreach (var name in registry.Names)
        {
            Assert.Equal(name, registry.Get(name).Name);
        }
    }

    [Fact]
    public void Unknown_and_duplicate_names_are_errors()
    {
        var registry = TaskRegistry.CreateDefault();
        var ex = Assert.Throws<KeyNotFoundException>(() => registry.Get("chess"));
        Assert.Contains("'chess'", ex.Message);
        Assert.Contains("numeric", ex.Message);
        Assert.Throws<ArgumentException>(() => registry.Add(new NumericOracle()));
        Assert.False(registry.TryGet("chess", out _));
    }
}
