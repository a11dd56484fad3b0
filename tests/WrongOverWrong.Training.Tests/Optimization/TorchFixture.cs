using System.Runtime.CompilerServices;
using WrongOverWrong.Training.Native;

namespace WrongOverWrong.Training.Tests.Optimization;

internal static class TorchFixture
{
    // Every test here touches TorchSharp; load the native library (with the Debian 12 fix) first.
    [ModuleInitializer]
    internal static void Initialize() => TorchSharpNative.EnsureLoaded();
}
