using WrongOverWrong.Training.Native;

namespace WrongOverWrong.Training.Tests.Native;

public sealed class WeakVersionPatchTests
{
    private static string ShippedLibrary()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native", "libLibTorchSharp.so");
        Assert.True(File.Exists(path), $"the test output should contain TorchSharp's native library at {path}");
        return path;
    }

    private static HashSet<string> Glibcxx(int maxPatch) =>
        Enumerable.Range(0, maxPatch + 1).Select(i => $"GLIBCXX_3.4.{i}").Append("GLIBCXX_3.4").ToHashSet();

    [Fact]
    public void TheOnlyVersionAboveDebian12IsTheIosBaseMarker()
    {
        var image = ElfImage.Read(ShippedLibrary());
        var need = Assert.Single(image.VersionNeeds(), n => n.Name == "GLIBCXX_3.4.32");
        Assert.Equal("libstdc++.so.6", need.File);
        Assert.Equal(0, need.Flags & WeakVersionPatch.WeakFlag);
        Assert.Equal(["_ZSt21ios_base_library_initv"], image.SymbolsWithVersion(need.Index));
        Assert.Contains("libtorch.so", image.NeededLibraries());
    }

    [Fact]
    public void PlanWeakensOnlyTheMarkerVersionOnAnOldHost()
    {
        var image = ElfImage.Read(ShippedLibrary());
        var hostVersions = Glibcxx(30).Concat(image.VersionNeeds().Where(n => n.Name.StartsWith("CXXABI", StringComparison.Ordinal)).Select(n => n.Name)).ToHashSet();

        var plan = WeakVersionPatch.Plan(image, hostVersions);

        Assert.Empty(plan.Blocking);
        Assert.Equal("GLIBCXX_3.4.32", Assert.Single(plan.ToWeaken).Name);
    }

    [Fact]
    public void ApplyChangesExactlyOneFlagField()
    {
        var original = File.ReadAllBytes(ShippedLibrary());
        var image = ElfImage.Read(ShippedLibrary());
        var plan = WeakVersionPatch.Plan(image, Glibcxx(30).Concat(["CXXABI_1.3", "CXXABI_1.3.1", "CXXABI_1.3.2", "CXXABI_1.3.3", "CXXABI_1.3.5", "CXXABI_1.3.8", "CXXABI_1.3.9", "CXXABI_1.3.11", "CXXABI_1.3.13"]).ToHashSet());

        WeakVersionPatch.Apply(image, plan);

        var changed = Enumerable.Range(0, original.Length).Where(i => original[i] != image.Bytes[i]).ToList();
        var offset = (int)plan.ToWeaken[0].FlagsOffset;
        Assert.Equal([offset], changed);
        Assert.Equal(original[offset] | WeakVersionPatch.WeakFlag, image.Bytes[offset]);
        // Read back: the requirement is now weak and nothing is left to patch.
        var reread = ElfImage.Read(ShippedLibrary());
        var tempFile = Path.GetTempFileName();
        try
        {
            image.Save(tempFile);
            Assert.NotEqual(0, ElfImage.Read(tempFile).VersionNeeds().Single(n => n.Name == "GLIBCXX_3.4.32").Flags & WeakVersionPatch.WeakFlag);
            Assert.Equal(0, reread.VersionNeeds().Single(n => n.Name == "GLIBCXX_3.4.32").Flags & WeakVersionPatch.WeakFlag);
        }
        finally
        {
            File.Delete(tempFile);
        }
    }

    [Fact]
    public void NewHostNeedsNoPatch()
    {
        var image = ElfImage.Read(ShippedLibrary());
        var all = image.VersionNeeds().Select(n => n.Name).ToHashSet();
        var plan = WeakVersionPatch.Plan(image, all);
        Assert.Empty(plan.ToWeaken);
        Assert.Empty(plan.Blocking);
    }

    [Fact]
    public void MissingVersionsThatBindRealSymbolsBlock()
    {
        var image = ElfImage.Read(ShippedLibrary());
        var plan = WeakVersionPatch.Plan(image, Glibcxx(20));
        Assert.NotEmpty(plan.Blocking);
        Assert.All(plan.Blocking, b => Assert.NotEmpty(b.Symbols));
        Assert.Throws<InvalidOperationException>(() => WeakVersionPatch.Apply(image, plan));
    }

    [Fact]
    public void TruncatedOrForeignFilesGiveAnErrorNamingTheFile()
    {
        var bytes = File.ReadAllBytes(ShippedLibrary());
        var path = Path.Combine(Path.GetTempPath(), $"truncated-{Guid.NewGuid():N}.so");
        try
        {
            File.WriteAllBytes(path, bytes[..4096]);
            var e = Assert.Throws<InvalidDataException>(() => ElfImage.Read(path).VersionNeeds());
            Assert.Contains(path, e.Message, StringComparison.Ordinal);

            File.WriteAllText(path, "not an elf file at all, but long enough to have a header......");
            Assert.Contains("not an ELF", Assert.Throws<InvalidDataException>(() => ElfImage.Read(path)).Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
