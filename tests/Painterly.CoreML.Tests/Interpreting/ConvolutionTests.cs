using Painterly.CoreML.Interpreting;
using Painterly.CoreML.Specification;
using static Painterly.CoreML.Tests.Interpreting.TinyModels;

namespace Painterly.CoreML.Tests.Interpreting;

public class ConvolutionTests
{
    // A 2x2 input under a 3x3 all-ones stride-2 deconvolution: output row y sums input rows i with 0 <= y - 2i <= 2.
    private static readonly Blob Small = Blob(1, 2, 2, 1, 2, 3, 4);

    private static readonly float[] FullDeconvolution =
    [
        1, 1, 3, 2, 2,
        1, 1, 3, 2, 2,
        4, 4, 10, 6, 6,
        3, 3, 7, 4, 4,
        3, 3, 7, 4, 4,
    ];

    private static ConvolutionLayerParams Deconvolution() => new()
    {
        OutputChannels = 1,
        KernelChannels = 1,
        KernelSize = { 3, 3 },
        Stride = { 2, 2 },
        IsDeconvolution = true,
        Weights = Weights([.. Enumerable.Repeat(1f, 9)]),
        Valid = new ValidPadding(),
    };

    [Fact]
    public void ValidDeconvolution_GivesInputMinusOneTimesStridePlusKernel()
    {
        var y = ConvolutionKernel.Run("d", Deconvolution(), Small);

        Assert.Equal((5, 5), (y.Height, y.Width));
        Assert.Equal(FullDeconvolution, y.Data);
    }

    [Fact]
    public void ValidDeconvolution_RemovesItsPaddingAmounts()
    {
        var p = Deconvolution();
        p.Valid.PaddingAmounts = Border(1, 0, 1, 0);

        var y = ConvolutionKernel.Run("d", p, Small);

        // = PyTorch ConvTranspose2d(3, stride 2, padding 1, output_padding 1): 2H x 2W.
        Assert.Equal((4, 4), (y.Height, y.Width));
        Assert.Equal([1, 3, 2, 2, 4, 10, 6, 6, 3, 7, 4, 4, 3, 7, 4, 4], y.Data);
    }

    [Fact]
    public void DeconvolutionOutputShape_IsTheTopLeftWindow()
    {
        var p = Deconvolution();
        p.OutputShape.Add([4, 3]);

        var y = ConvolutionKernel.Run("d", p, Small);

        Assert.Equal((4, 3), (y.Height, y.Width));
        Assert.Equal([1, 1, 3, 1, 1, 3, 4, 4, 10, 3, 3, 7], y.Data);
    }

    [Fact]
    public void SameDeconvolution_GivesInputTimesStride()
    {
        var p = Deconvolution();
        p.Same = new SamePadding();

        var y = ConvolutionKernel.Run("d", p, Small);

        Assert.Equal((4, 4), (y.Height, y.Width));
    }

    [Fact]
    public void Deconvolution_AddsBiasAndMapsChannelsInToOut()
    {
        // Weights [in 2, out 1, 1, 1]: y = 2 * x0 + 3 * x1 + 0.5.
        var p = new ConvolutionLayerParams
        {
            OutputChannels = 1,
            KernelChannels = 2,
            KernelSize = { 1, 1 },
            IsDeconvolution = true,
            HasBias = true,
            Weights = Weights(2, 3),
            Bias = Weights(0.5f),
            Valid = new ValidPadding(),
        };

        var y = ConvolutionKernel.Run("d", p, Blob(2, 1, 2, 1, 2, 10, 20));

        Assert.Equal([32.5f, 64.5f], y.Data);
    }

    [Fact]
    public void SameConvolution_PadsWithZeros()
    {
        var p = new ConvolutionLayerParams { OutputChannels = 1, KernelChannels = 1, Weights = Weights([.. Enumerable.Repeat(1f, 9)]), Same = new SamePadding() };

        var y = ConvolutionKernel.Run("c", p, Blob(1, 3, 3, [.. Enumerable.Repeat(1f, 9)]));

        // No kernel size means 3x3.
        Assert.Equal([4, 6, 4, 6, 9, 6, 4, 6, 4], y.Data);
    }

    [Fact]
    public void StridedConvolution()
    {
        var p = new ConvolutionLayerParams
        {
            OutputChannels = 1,
            KernelChannels = 1,
            KernelSize = { 2, 2 },
            Stride = { 2, 2 },
            Weights = Weights(1, 1, 1, 1),
            Valid = new ValidPadding(),
        };

        var y = ConvolutionKernel.Run("c", p, Counting(1, 4, 4));

        Assert.Equal([10, 18, 42, 50], y.Data);
    }

    [Fact]
    public void ValidPaddingAmounts_PadWithZeros()
    {
        var p = new ConvolutionLayerParams
        {
            OutputChannels = 1,
            KernelChannels = 1,
            KernelSize = { 1, 2 },
            Weights = Weights(1, 10),
            Valid = new ValidPadding { PaddingAmounts = Border(0, 0, 1, 1) },
        };

        // Row [1, 2] padded to [0, 1, 2, 0]: pairs (0,1) (1,2) (2,0).
        var y = ConvolutionKernel.Run("c", p, Blob(1, 1, 2, 1, 2));

        Assert.Equal([10, 21, 2], y.Data);
    }

    [Fact]
    public void GroupedConvolution_KeepsGroupsApart()
    {
        var p = new ConvolutionLayerParams
        {
            OutputChannels = 2,
            KernelChannels = 1,
            NGroups = 2,
            KernelSize = { 1, 1 },
            Weights = Weights(2, 3),
            Valid = new ValidPadding(),
        };

        var y = ConvolutionKernel.Run("c", p, Blob(2, 1, 2, 1, 2, 10, 20));

        Assert.Equal([2, 4, 30, 60], y.Data);
    }

    [Fact]
    public void DilatedConvolution()
    {
        var p = new ConvolutionLayerParams
        {
            OutputChannels = 1,
            KernelChannels = 1,
            KernelSize = { 1, 2 },
            DilationFactor = { 1, 2 },
            Weights = Weights(1, 1),
            Valid = new ValidPadding(),
        };

        Assert.Equal([2, 4, 6], ConvolutionKernel.Run("c", p, Counting(1, 1, 5)).Data);
    }

    [Fact]
    public void WrongWeightCount_NamesTheLayer()
    {
        var p = new ConvolutionLayerParams { OutputChannels = 1, KernelChannels = 1, KernelSize = { 1, 1 }, Weights = Weights(1, 2), Valid = new ValidPadding() };

        var e = Assert.Throws<InvalidDataException>(() => ConvolutionKernel.Run("conv7", p, Blob(1, 1, 1, 1)));

        Assert.Contains("conv7", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingPaddingType_IsRejected()
    {
        var p = new ConvolutionLayerParams { OutputChannels = 1, KernelChannels = 1, KernelSize = { 1, 1 }, Weights = Weights(1) };

        Assert.Throws<InvalidDataException>(() => ConvolutionKernel.Run("c", p, Blob(1, 1, 1, 1)));
    }
}
