using Painterly.Tests;
using TorchSharp;

namespace Painterly.Torch.Tests;

/// <summary>
/// Proves libtorch loads and trains in this process: on Debian 12 that needs the GLIBCXX_3.4.32 requirement
/// of libLibTorchSharp.so marked weak in the build output (see Directory.Build.targets).
/// </summary>
public class TorchSharpLoadTests
{
    [Fact]
    public void Conv2dForwardAndBackwardRun()
    {
        using var scope = torch.NewDisposeScope();
        torch.manual_seed(7);
        using var conv = torch.nn.Conv2d(3, 4, 3);
        torch.Tensor input = torch.randn(2, 3, 8, 8, requires_grad: true);

        torch.Tensor output = conv.forward(input);
        output.sum().backward();

        Assert.Equal([2L, 4, 6, 6], output.shape);
        AssertFiniteAndNonZero(input.grad);
        AssertFiniteAndNonZero(conv.weight!.grad);
        AssertFiniteAndNonZero(conv.bias!.grad);
    }

    [SkippableFact]
    public void LoadsTheLibraryFromTheBuildOutput()
    {
        // /proc/self/maps is Linux's; elsewhere there is no patched copy to check. CI runs on Linux.
        Requirement.Present(OperatingSystem.IsLinux(), "The mapped-library check reads /proc/self/maps (Linux only).");
        _ = torch.zeros(1);

        // The patched copy in the output must be the one mapped, not the pristine one in the NuGet cache.
        string[] mapped = [.. File.ReadLines("/proc/self/maps")
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(fields => fields.Length >= 6 && fields[5].EndsWith("/libLibTorchSharp.so", StringComparison.Ordinal))
            .Select(fields => fields[5])
            .Distinct()];
        string only = Assert.Single(mapped);
        Assert.StartsWith(AppContext.BaseDirectory, only, StringComparison.Ordinal);
    }

    private static void AssertFiniteAndNonZero(torch.Tensor? gradient)
    {
        Assert.NotNull(gradient);
        Assert.True(gradient.isfinite().all().item<bool>());
        Assert.True(gradient.abs().sum().item<float>() > 0f);
    }
}
