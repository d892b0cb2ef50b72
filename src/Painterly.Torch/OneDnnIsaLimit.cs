using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Painterly.Torch;

/// <summary>
/// Caps oneDNN, libtorch's convolution library, at AVX2 before libtorch loads. On AMD Zen 4 (AVX-512) the oneDNN
/// in TorchSharp's libtorch intermittently returned wrong values from its AVX-512 kernels: the same 4-step run
/// gave different losses run to run and a non-finite step in 3 of 4 runs; with the cap, every run was identical
/// and finite (docs/training.md). A value the user set is kept.
/// </summary>
internal static class OneDnnIsaLimit
{
    /// <summary>The variable oneDNN reads once, when it first runs a kernel.</summary>
    public const string Variable = "DNNL_MAX_CPU_ISA";

    [ModuleInitializer]
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Usage", "CA2255", Justification = "Must run before any TorchSharp call loads libtorch.")]
    internal static void Apply()
    {
        // Environment.SetEnvironmentVariable changes only .NET's copy on Unix; oneDNN calls getenv, so use libc.
        if (OperatingSystem.IsLinux() && string.IsNullOrEmpty(Environment.GetEnvironmentVariable(Variable)))
        {
            _ = SetEnv(Variable, "AVX2", 0);
            Environment.SetEnvironmentVariable(Variable, "AVX2");
        }
    }

    [DllImport("libc", EntryPoint = "setenv")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Interoperability", "SYSLIB1054", Justification = "LibraryImport needs unsafe code; this is one call at start.")]
    private static extern int SetEnv([MarshalAs(UnmanagedType.LPUTF8Str)] string name, [MarshalAs(UnmanagedType.LPUTF8Str)] string value, int overwrite);
}
