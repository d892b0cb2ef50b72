using System.Runtime.CompilerServices;

namespace Painterly.Torch.Tests;

/// <summary>
/// Some tests call TorchSharp before any Painterly.Torch code; run Painterly.Torch's module initializer (the oneDNN
/// AVX2 cap) first, so libtorch never starts with the faulty AVX-512 kernels in this test process.
/// </summary>
internal static class OneDnnCapFirst
{
    [ModuleInitializer]
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Usage", "CA2255", Justification = "Must run before any test touches TorchSharp.")]
    internal static void Apply() => RuntimeHelpers.RunModuleConstructor(typeof(Painterly.Torch.Networks.StyleNet).Module.ModuleHandle);
}
