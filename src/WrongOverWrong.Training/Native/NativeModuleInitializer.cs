using System.Runtime.CompilerServices;

namespace WrongOverWrong.Training.Native;

internal static class NativeModuleInitializer
{
    // A library module initializer is normally discouraged (CA2255), but here it is the point: the
    // hook must be in place before TorchSharp's static constructor first loads its native library,
    // and it costs one event subscription.
#pragma warning disable CA2255
    [ModuleInitializer]
    internal static void Initialize() => TorchSharpNative.Register();
#pragma warning restore CA2255
}
