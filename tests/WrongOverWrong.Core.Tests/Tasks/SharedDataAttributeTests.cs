namespace WrongOverWrong.Core.Tests.Tasks;

public class SharedDataAttributeTests
{
    [Fact]
    public void Missing_data_makes_the_runner_skip_with_the_missing_paths()
    {
        var fact = new RequiresSharedDataFactAttribute("no/such/file.json", "nor/this");
        Assert.Equal("needs ../shared/data (no/such/file.json, nor/this); not found", fact.Skip);
        var theory = new RequiresSharedDataTheoryAttribute("no/such/file.json");
        Assert.Equal("needs ../shared/data (no/such/file.json); not found", theory.Skip);
    }

    [Fact]
    public void Present_data_runs_the_test_and_only_missing_paths_are_named()
    {
        // Whether or not this machine has the data folder, the attribute must agree with the file system.
        var present = SharedData.Find("README.md") is not null;
        var fact = new RequiresSharedDataFactAttribute("README.md");
        Assert.Equal(present, fact.Skip is null);
        var mixed = new RequiresSharedDataFactAttribute("README.md", "absent.bin");
        Assert.Equal(present ? "needs ../shared/data (absent.bin); not found" : "needs ../shared/data (README.md, absent.bin); not found", mixed.Skip);
    }
}
