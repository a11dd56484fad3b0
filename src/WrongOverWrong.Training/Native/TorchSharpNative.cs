using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Loader;
using System.Security.Cryptography;
using TorchSharp;
using WrongOverWrong.Training.Native;

namespace WrongOverWrong.Training.Native;

/// <summary>
/// Makes TorchSharp's native library load on Linux hosts whose libstdc++ is older than the one
/// TorchSharp 0.107.0 was built with (Debian 12, Ubuntu 22.04: "version `GLIBCXX_3.4.32' not found").
/// </summary>
/// <remarks>
/// <para>
/// Nothing is done while the normal load works: the fix hooks
/// <see cref="AssemblyLoadContext.ResolvingUnmanagedDll"/>, which the runtime raises only after its
/// own probing failed. Then it reads the failing libLibTorchSharp.so, checks that the host's
/// libstdc++ lacks only versions that bind marker symbols (see <c>WeakVersionPatch</c>), writes a
/// copy with those requirements marked weak to a per-user cache
/// (<c>$WRONGOVERWRONG_NATIVE_CACHE</c>, else <c>$XDG_CACHE_HOME/wrongoverwrong/native</c>, else
/// <c>~/.cache/wrongoverwrong/native</c>), and loads that copy. The NuGet cache and the application
/// folder are never modified. Set <c>WRONGOVERWRONG_NATIVE_PATCH=0</c> to turn this off.
/// </para>
/// <para>
/// The hook is registered when this assembly loads, so any use of WrongOverWrong.Training types
/// before TorchSharp is enough. Applications that call TorchSharp directly first should call
/// <see cref="EnsureLoaded"/> at start-up.
/// </para>
/// </remarks>
public static class TorchSharpNative
{
    private static readonly Lock Gate = new();
    private static int _registered;
    private static IntPtr _handle;

    /// <summary>What the loader did in this process.</summary>
    public static TorchSharpNativeState State { get; private set; } = TorchSharpNativeState.NotNeeded;

    /// <summary>Where the patched copy was loaded from, when <see cref="State"/> is <see cref="TorchSharpNativeState.Patched"/>.</summary>
    public static string? PatchedLibraryPath { get; private set; }

    /// <summary>Why loading failed and what to do, when <see cref="State"/> is <see cref="TorchSharpNativeState.Failed"/>.</summary>
    public static string? LastError { get; private set; }

    /// <summary>
    /// Registers the fix (idempotent) and initialises TorchSharp's CPU backend, so any problem
    /// surfaces here with an actionable message instead of deep inside the first tensor operation.
    /// </summary>
    /// <exception cref="InvalidOperationException">TorchSharp's native library cannot be loaded; the message says why.</exception>
    public static void EnsureLoaded()
    {
        Register();
        try
        {
            torch.InitializeDeviceType(DeviceType.CPU);
        }
        catch (Exception e) when (e is NotSupportedException or TypeInitializationException or DllNotFoundException)
        {
            throw new InvalidOperationException(
                "TorchSharp's native library could not be loaded. " +
                (LastError ?? "Reference a native backend package in the application: libtorch-cpu-linux-x64 (CPU) or TorchSharp-cuda-linux (GPU)."),
                e);
        }
    }

    /// <summary>
    /// Hooks the runtime's unmanaged-library resolution (idempotent and cheap). Called by this
    /// assembly's module initializer and by the one the package adds to C# applications.
    /// </summary>
    public static void Register()
    {
        if (Interlocked.Exchange(ref _registered, 1) == 0)
        {
            AssemblyLoadContext.Default.ResolvingUnmanagedDll += OnResolvingUnmanagedDll;
        }
    }

    private static IntPtr OnResolvingUnmanagedDll(Assembly assembly, string name)
    {
        if (!OperatingSystem.IsLinux() || !name.Contains("LibTorchSharp", StringComparison.Ordinal)
            || Environment.GetEnvironmentVariable("WRONGOVERWRONG_NATIVE_PATCH") == "0")
        {
            return IntPtr.Zero;
        }

        lock (Gate)
        {
            if (_handle != IntPtr.Zero || State == TorchSharpNativeState.Failed)
            {
                return _handle;
            }

            try
            {
                _handle = LoadPatched(assembly);
                State = TorchSharpNativeState.Patched;
            }
            catch (Exception e) when (e is InvalidOperationException or InvalidDataException or IOException or UnauthorizedAccessException or DllNotFoundException)
            {
                State = TorchSharpNativeState.Failed;
                LastError = e.Message;
                // TorchSharp's own message after this blames a missing package reference; say the real cause once.
                Console.Error.WriteLine($"WrongOverWrong: {e.Message}");
            }

            return _handle;
        }
    }

    private static IntPtr LoadPatched(Assembly torchAssembly)
    {
        var searchDirectories = NativeSearchDirectories(torchAssembly);
        var original = searchDirectories.Select(d => Path.Combine(d, "libLibTorchSharp.so")).FirstOrDefault(File.Exists)
            ?? throw new DllNotFoundException(
                "libLibTorchSharp.so was not found in " + string.Join(", ", searchDirectories) +
                ". Reference TorchSharp and a native backend (libtorch-cpu-linux-x64 or TorchSharp-cuda-linux).");

        string loadError;
        try
        {
            return NativeLibrary.Load(original);
        }
        catch (DllNotFoundException e)
        {
            loadError = e.Message;
        }

        if (!loadError.Contains("GLIBCXX_", StringComparison.Ordinal) && !loadError.Contains("CXXABI_", StringComparison.Ordinal))
        {
            throw new DllNotFoundException($"{original} does not load, and not because of libstdc++: {loadError}");
        }

        var host = HostLibStdCxx();
        var image = ElfImage.Read(original);
        var plan = WeakVersionPatch.Plan(image, ElfImage.Read(host).DefinedVersions());
        if (plan.Blocking.Count > 0 || plan.ToWeaken.Count == 0)
        {
            var needs = plan.Blocking.Select(b => $"{b.Need.Name} (for {string.Join(", ", b.Symbols.Take(3))})");
            throw new InvalidOperationException(
                $"{original} needs a newer C++ runtime than {host} provides: {(plan.Blocking.Count > 0 ? string.Join("; ", needs) : loadError)}. " +
                "Install libstdc++ from GCC 13 or later (for example a newer distribution or the libstdc++6 package from a backports repository).");
        }

        var patched = WritePatchedCopy(image, plan, original);
        PreloadDependencies(image, original, searchDirectories);
        PatchedLibraryPath = patched;
        return NativeLibrary.Load(patched);
    }

    private static string WritePatchedCopy(ElfImage image, WeakVersionPlan plan, string original)
    {
        var hash = Convert.ToHexString(SHA256.HashData(image.Bytes))[..16].ToLowerInvariant();
        WeakVersionPatch.Apply(image, plan);
        foreach (var root in CacheRoots())
        {
            try
            {
                var directory = Path.Combine(root, $"torchsharp-{hash}");
                var target = Path.Combine(directory, Path.GetFileName(original));
                if (File.Exists(target) && new FileInfo(target).Length == image.Bytes.Length)
                {
                    return target;
                }

                Directory.CreateDirectory(directory);
                // Write then rename: concurrent processes (parallel test hosts) never see half a file.
                var temp = Path.Combine(directory, $".{Guid.NewGuid():N}.tmp");
                image.Save(temp);
                File.Move(temp, target, overwrite: true);
                return target;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Try the next cache root (read-only home directories are common in containers).
            }
        }

        throw new IOException("No writable cache folder for the patched libLibTorchSharp.so; set WRONGOVERWRONG_NATIVE_CACHE to one.");
    }

    private static IEnumerable<string> CacheRoots()
    {
        if (Environment.GetEnvironmentVariable("WRONGOVERWRONG_NATIVE_CACHE") is { Length: > 0 } explicitRoot)
        {
            yield return explicitRoot;
        }

        var xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        if (!string.IsNullOrEmpty(xdg))
        {
            yield return Path.Combine(xdg, "wrongoverwrong", "native");
        }
        else if (!string.IsNullOrEmpty(home))
        {
            yield return Path.Combine(home, ".cache", "wrongoverwrong", "native");
        }

        yield return Path.Combine(Path.GetTempPath(), $"wrongoverwrong-native-{Environment.UserName}");
    }

    // The patched copy lives in another folder, so its $ORIGIN run path no longer finds libtorch.so;
    // loading the dependencies first from where they are lets the loader match them by soname.
    private static void PreloadDependencies(ElfImage image, string original, IReadOnlyList<string> searchDirectories)
    {
        var directories = new[] { Path.GetDirectoryName(original)! }.Concat(searchDirectories).Distinct().ToList();
        foreach (var needed in image.NeededLibraries())
        {
            var path = directories.Select(d => Path.Combine(d, needed)).FirstOrDefault(File.Exists);
            if (path is not null)
            {
                NativeLibrary.TryLoad(path, out _);
            }
        }
    }

    private static List<string> NativeSearchDirectories(Assembly torchAssembly)
    {
        var directories = new List<string>();
        if (AppContext.GetData("NATIVE_DLL_SEARCH_DIRECTORIES") is string searchPath)
        {
            directories.AddRange(searchPath.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries));
        }

        directories.Add(AppContext.BaseDirectory);
        directories.Add(Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native"));
        if (Path.GetDirectoryName(torchAssembly.Location) is { Length: > 0 } assemblyDirectory)
        {
            directories.Add(assemblyDirectory);
            // NuGet cache layout: torchsharp/<v>/lib/net8.0/TorchSharp.dll next to torchsharp/<v>/runtimes/...
            directories.Add(Path.GetFullPath(Path.Combine(assemblyDirectory, "..", "..", "runtimes", "linux-x64", "native")));
        }

        return directories.Where(Directory.Exists).Select(d => Path.GetFullPath(d)).Distinct().ToList();
    }

    private static string HostLibStdCxx()
    {
        if (FindMapped("libstdc++.so") is { } mapped)
        {
            return mapped;
        }

        NativeLibrary.TryLoad("libstdc++.so.6", out _);
        return FindMapped("libstdc++.so")
            ?? throw new DllNotFoundException("libstdc++.so.6 is not loaded and could not be found; install the libstdc++6 package.");
    }

    private static string? FindMapped(string fragment)
    {
        try
        {
            foreach (var line in File.ReadLines("/proc/self/maps"))
            {
                var slash = line.IndexOf('/', StringComparison.Ordinal);
                if (slash >= 0 && line.AsSpan(slash).Contains(fragment, StringComparison.Ordinal))
                {
                    return line[slash..].Trim();
                }
            }
        }
        catch (IOException)
        {
        }

        return null;
    }
}
