using WrongOverWrong.Training.Native;

namespace WrongOverWrong.Training.Tests;

/// <summary>Loads TorchSharp's native library (patched on old libstdc++ hosts) before any tensor is made.</summary>
public abstract class TorchTestBase
{
    protected TorchTestBase() => TorchSharpNative.EnsureLoaded();

    protected static string NewTempDirectory()
    {
        string path = Path.Combine(Path.GetTempPath(), "wow-model-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return path;
    }
}
