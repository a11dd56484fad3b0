namespace WrongOverWrong.Training.Native;

/// <summary>How TorchSharp's native library came to load in this process.</summary>
public enum TorchSharpNativeState
{
    /// <summary>The native library has not been resolved by WrongOverWrong (not needed yet, or loaded normally).</summary>
    NotNeeded,

    /// <summary>The host's libstdc++ was too old; a patched copy of libLibTorchSharp.so was loaded instead.</summary>
    Patched,

    /// <summary>Loading failed; <see cref="TorchSharpNative.LastError"/> says why and what to do.</summary>
    Failed,
}
