using System.Diagnostics;
using Painterly.Core.Images;
using Painterly.Torch.Losses;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Painterly.Torch.Painting;

/// <summary>
/// Paints one picture with the original optimisation method (Gatys, Ecker, Bethge 2015): the pixels themselves
/// are optimised so that the loss network sees the photo's content and the paintings' Gram statistics.
/// </summary>
public sealed class GatysPainter
{
    private readonly PaintOptions options;
    private readonly LossNetwork? borrowed;

    /// <summary>Prepares a painting; nothing is loaded until <see cref="Paint"/>.</summary>
    /// <param name="options">The settings.</param>
    /// <param name="lossNetwork">A loaded loss network to use (not disposed here); null loads <see cref="PaintOptions.LossNetwork"/>.</param>
    public GatysPainter(PaintOptions options, LossNetwork? lossNetwork = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.options = options.Validate();
        borrowed = lossNetwork;
    }

    /// <summary>Called after every iteration.</summary>
    public event Action<PaintProgress>? IterationCompleted;

    /// <summary>Called for messages worth a line (scales, snapshots).</summary>
    public event Action<string>? Message;

    /// <summary>Paints until the last iteration or until <paramref name="cancel"/> fires (then returns the picture so far).</summary>
    public PaintResult Paint(CancellationToken cancel = default)
    {
        var clock = Stopwatch.StartNew();
        var network = borrowed ?? LossNetworkFactory.Create(options.LossNetwork);
        try
        {
            return PaintWith(network, clock, cancel);
        }
        finally
        {
            if (borrowed is null)
            {
                network.Dispose();
            }
        }
    }

    private PaintResult PaintWith(LossNetwork network, Stopwatch clock, CancellationToken cancel)
    {
        network.SetContentTap(options.ContentTap ?? PaintDefaults.ContentTap(network));

        var defaults = PaintDefaults.Weights(network);
        var weights = defaults with
        {
            Content = options.ContentWeight ?? defaults.Content,
            Style = options.StyleWeight ?? defaults.Style,
            TotalVariation = options.TvWeight ?? defaults.TotalVariation,
        };
        double learningRate = options.LearningRate ?? (options.Optimizer == PaintOptimizer.Lbfgs ? 1.0 : 4.0);
        var scales = PaintScale.Plan(options);
        var eta = new PaintEta(scales, options.Size);
        var snapshots = new List<string>();
        Tensor? current = null;
        PlanarImage? content = null;
        PaintProgress? last = null;
        int done = 0;
        bool cancelled = false;
        try
        {
            foreach (var scale in scales)
            {
                var previous = content;
                content = PaintImages.LoadFitted(options.ContentImage, scale.Side, "content");
                using var contentTensor = PaintImages.ToPaddedTensor(content, network.SizeMultiple);
                var styles = StyleTargets(network, content);
                using var objective = new GatysObjective(network, contentTensor, styles, weights);
                var start = current is null
                    ? Start(contentTensor)
                    : PaintImages.Upscale(current, (previous!.Width, previous.Height), (content.Width, content.Height), network.SizeMultiple);
                current?.Dispose();
                current = null;
                Message?.Invoke($"painting at {content.Width}x{content.Height} for {scale.Iterations} iterations");
                using var pixels = new Parameter(start, requires_grad: true);
                using (var optimizer = new PixelOptimizer(pixels, options.Optimizer, learningRate))
                {
                    for (int i = 0; i < scale.Iterations; i++)
                    {
                        if (cancel.IsCancellationRequested)
                        {
                            cancelled = true;
                            break;
                        }

                        optimizer.Step(() => objective.Evaluate(pixels));
                        done++;
                        eta.Completed(scale.Side);
                        last = new PaintProgress(done, options.Iterations, content.Width, content.Height, objective.LastContent, objective.LastStyle, objective.LastTotalVariation, clock.Elapsed, eta.Remaining(done));
                        IterationCompleted?.Invoke(last);
                        if (options.SaveEvery > 0 && done % options.SaveEvery == 0)
                        {
                            snapshots.Add(Snapshot(pixels, content, done));
                        }
                    }
                }

                current = pixels.detach().clone();
                if (cancelled)
                {
                    break;
                }
            }

            var image = Finish(current!, content!);
            return new PaintResult(image, done, last, cancelled, snapshots, clock.Elapsed);
        }
        finally
        {
            current?.Dispose();
        }
    }

    private List<(double Weight, Tensor[] Grams)> StyleTargets(LossNetwork network, PlanarImage content)
    {
        double[] blend = options.NormalisedBlend();
        int side = (int)Math.Round(options.StyleScale * Math.Max(content.Width, content.Height));
        var styles = new List<(double, Tensor[])>();
        for (int i = 0; i < blend.Length; i++)
        {
            // Weight 0: nothing to compute, but the file must still exist.
            styles.Add(blend[i] > 0
                ? (blend[i], StyleGrams.Compute(options.StyleImages[i], side, network, CPU))
                : (0, File.Exists(options.StyleImages[i]) ? [] : throw new FileNotFoundException($"style image '{options.StyleImages[i]}' does not exist.", options.StyleImages[i])));
        }

        return styles;
    }

    private Tensor Start(Tensor contentTensor)
    {
        if (options.Init == PaintInit.Content)
        {
            return contentTensor.clone();
        }

        // Mid-grey plus seeded noise: the same seed gives the same picture.
        using var generator = new Generator(options.Seed);
        // In place, so the returned tensor is the one randn made (not disposed here).
        return randn(contentTensor.shape, generator: generator).mul_(40).add_(127.5).clamp_(0, 255);
    }

    private string Snapshot(Tensor pixels, PlanarImage content, int iteration)
    {
        string path = options.SnapshotPath(iteration);
        ImageEncoder.Save(Finish(pixels, content), path);
        Message?.Invoke($"snapshot {path}");
        return path;
    }

    private PlanarImage Finish(Tensor pixels, PlanarImage content)
    {
        var image = PaintImages.Crop(pixels, content.Width, content.Height);
        return options.PreserveColor ? ColorTransfer.PreserveColor(content, image) : image;
    }
}
