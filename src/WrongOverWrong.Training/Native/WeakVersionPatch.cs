namespace WrongOverWrong.Training.Native;

/// <summary>
/// Decides which symbol-version requirements of a shared object can be made weak so that it loads
/// on a host whose C++ runtime is older than the one it was built against, and applies that patch.
/// </summary>
/// <remarks>
/// GCC 13's &lt;iostream&gt; makes every object that includes it reference
/// <c>std::ios_base_library_init()</c> at version GLIBCXX_3.4.32, purely as a marker that the
/// library initialises the standard streams; no relocation calls it. libLibTorchSharp.so in
/// TorchSharp 0.107.0 needs GLIBCXX_3.4.32 only for that marker, so on Debian 12 / Ubuntu 22.04
/// (libstdc++ up to GLIBCXX_3.4.30) marking that one requirement weak (VER_FLG_WEAK) makes the
/// loader accept it while every real symbol keeps its strict check. A missing version that binds
/// any other symbol is never weakened: that library genuinely needs a newer libstdc++.
/// </remarks>
internal static class WeakVersionPatch
{
    /// <summary>VER_FLG_WEAK in vna_flags.</summary>
    public const ushort WeakFlag = 0x2;

    /// <summary>Symbols that only mark a version and are safe to leave unresolved.</summary>
    public static readonly IReadOnlySet<string> MarkerSymbols = new HashSet<string>(StringComparer.Ordinal)
    {
        "_ZSt21ios_base_library_initv",
    };

    /// <summary>
    /// Plans the patch: the requirements on <paramref name="hostLibrary"/> whose versions the host
    /// lacks, split into those that bind only marker symbols (safe to weaken) and those that bind
    /// real symbols (blocking).
    /// </summary>
    public static WeakVersionPlan Plan(ElfImage image, IReadOnlySet<string> hostVersions, string hostLibrary = "libstdc++.so.6")
    {
        var safe = new List<VersionNeed>();
        var blocking = new List<(VersionNeed Need, IReadOnlyList<string> Symbols)>();
        foreach (var need in image.VersionNeeds())
        {
            if (need.File != hostLibrary || hostVersions.Contains(need.Name) || (need.Flags & WeakFlag) != 0)
            {
                continue;
            }

            var symbols = image.SymbolsWithVersion(need.Index);
            if (symbols.All(MarkerSymbols.Contains))
            {
                safe.Add(need);
            }
            else
            {
                blocking.Add((need, symbols.Where(s => !MarkerSymbols.Contains(s)).ToList()));
            }
        }

        return new WeakVersionPlan(safe, blocking);
    }

    /// <summary>Sets the weak flag on each planned requirement, in memory.</summary>
    public static void Apply(ElfImage image, WeakVersionPlan plan)
    {
        if (plan.Blocking.Count > 0)
        {
            throw new InvalidOperationException("A plan with blocking requirements cannot be applied.");
        }

        foreach (var need in plan.ToWeaken)
        {
            image.WriteU16(need.FlagsOffset, (ushort)(need.Flags | WeakFlag));
        }
    }
}

/// <summary>The outcome of <see cref="WeakVersionPatch.Plan"/>.</summary>
/// <param name="ToWeaken">Missing versions that bind only marker symbols.</param>
/// <param name="Blocking">Missing versions that bind real symbols, with those symbols.</param>
internal sealed record WeakVersionPlan(
    IReadOnlyList<VersionNeed> ToWeaken,
    IReadOnlyList<(VersionNeed Need, IReadOnlyList<string> Symbols)> Blocking);
