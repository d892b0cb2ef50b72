using System.Diagnostics;
using System.Globalization;
using Painterly.Core.Images;
using Painterly.Core.IO;
using Painterly.Core.Models;
using Painterly.Torch.Losses;
using Painterly.Torch.Networks;
using TorchSharp;
using static TorchSharp.torch;

namespace Painterly.Torch.Training;

/// <summary>
/// Trains a StyleNet on one style image and a folder of photos (Johnson et al. 2016) and writes the run folder:
/// <c>config.json</c>, <c>log.csv</c>, <c>loss.png</c>, <c>samples/</c>, <c>checkpoints/</c> and <c>model.safetensors</c>.
/// </summary>
public sealed class StyleTrainer
{
    private const int SampleSide = 256;

    /// <summary>The grid loss looks at periods 2, 4 and 8: the strides of the StyleNet and of the loss network's stem.</summary>
    private const int GridPeriod = 8;

    private const int MaxNonFiniteSteps = 20;
    private readonly TrainingOptions options;

    /// <summary>Prepares a run with <paramref name="options"/>; nothing is loaded until <see cref="Run"/>.</summary>
    public StyleTrainer(TrainingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.options = options.Validate();
    }

    /// <summary>Called after every step.</summary>
    public event Action<TrainingStep>? StepCompleted;

    /// <summary>Called for messages worth a line (resume, checkpoints, skipped photos).</summary>
    public event Action<string>? Message;

    /// <summary>Trains until the last step or until <paramref name="cancel"/> fires (then writes a checkpoint).</summary>
    public TrainingResult Run(CancellationToken cancel = default)
    {
        var clock = Stopwatch.StartNew();
        string run = options.RunFolder;
        string checkpoints = Path.Combine(run, "checkpoints");
        var device = DeviceOf(options.Device);
        var dataset = new PhotoDataset(options.DataFolder, options.ImageSize, options.Seed);
        dataset.RequireOneReadable(options.DataFolder);
        using var lossNet = LossNetworkFactory.Create(options.LossNetwork);
        if (options.ContentTap is not null)
        {
            lossNet.SetContentTap(options.ContentTap);
        }

        if (options.ImageSize % lossNet.SizeMultiple != 0)
        {
            throw new ArgumentException($"--image-size must be a multiple of {lossNet.SizeMultiple} for {lossNet.Kind}.");
        }

        lossNet.to(device);
        var weights = lossNet.DefaultWeights with
        {
            Content = options.ContentWeight ?? lossNet.DefaultWeights.Content,
            Style = options.StyleWeight ?? lossNet.DefaultWeights.Style,
            TotalVariation = options.TvWeight ?? lossNet.DefaultWeights.TotalVariation,
        };
        int jitter = options.Jitter ?? lossNet.DefaultJitter;
        double gridWeight = options.GridWeight ?? TrainingOptions.DefaultGridWeight;
        var grams = StyleTarget.Grams(options.StyleImage, options.StyleSize, lossNet, device);
        using var teacher = options.Teacher is null ? null : LoadTeacher(options.Teacher, device);
        double teacherWeight = options.TeacherWeight ?? TrainingOptions.DefaultTeacherWeight;

        Directory.CreateDirectory(Path.Combine(run, "samples"));
        AtomicFile.Write(Path.Combine(run, "config.json"), s => s.Write(System.Text.Encoding.UTF8.GetBytes(options.ToJson())));

        using var net = StyleNetModule.Create(options.Network);
        StyleNetInitializer.Apply(net, options.Seed);
        net.to(device);
        net.train();
        using var adam = new AdamOptimizer(net.named_parameters().Select(p => (p.name, (Tensor)p.parameter)), options.LearningRate);
        long start = 0;
        if (TrainingCheckpoint.ReadNewestGood(checkpoints, m => Message?.Invoke(m)) is { } found)
        {
            var (latest, saved) = found;
            StyleNetWeights.Load(net, new StyleModel(options.Network, saved.Net));
            adam.Load(saved.Adam);
            adam.StepCount = saved.AdamStep;
            start = saved.Step;
            Message?.Invoke($"resumed from {latest} at step {start}");
        }

        using var log = new TrainingLog(Path.Combine(run, "log.csv"), start);
        long step = start;
        bool cancelled = false;
        var recent = new Queue<(long Step, TimeSpan At)>();
        int nonFiniteInARow = 0;
        using (var prefetch = new BatchPrefetcher(dataset, start, options.Steps, options.BatchSize))
        {
            while (step < options.Steps)
            {
                if (cancel.IsCancellationRequested)
                {
                    cancelled = true;
                    break;
                }

                var batch = prefetch.Take(step);
                var (content, style, tv, grid) = TrainStep(net, teacher, lossNet, adam, grams, batch, step, weights, teacherWeight, gridWeight, jitter, device);
                if (!double.IsFinite(content + style + tv + grid))
                {
                    // A non-finite loss or gradient is skipped rather than let into the weights and Adam's moments;
                    // a run that keeps producing them has diverged and stops before writing a model.
                    Message?.Invoke($"step {step + 1}: the loss or its gradient is not finite; step skipped");
                    if (++nonFiniteInARow >= MaxNonFiniteSteps)
                    {
                        throw new InvalidDataException($"training diverged: {MaxNonFiniteSteps} steps in a row had a non-finite loss at step {step + 1}; lower --lr or --style-weight and start again, or --resume from the last checkpoint.");
                    }
                }
                else
                {
                    nonFiniteInARow = 0;
                }

                step++;
                recent.Enqueue((step, clock.Elapsed));
                while (recent.Count > 20)
                {
                    recent.Dequeue();
                }

                var (firstStep, firstAt) = recent.Peek();
                double secondsPerStep = recent.Count > 1 ? (clock.Elapsed - firstAt).TotalSeconds / (step - firstStep) : clock.Elapsed.TotalSeconds;
                var report = new TrainingStep(step, options.Steps, content, style, tv, options.BatchSize / Math.Max(secondsPerStep, 1e-9), options.LearningRate, TimeSpan.FromSeconds(secondsPerStep * (options.Steps - step)), grid);
                log.Append(report);
                StepCompleted?.Invoke(report);
                if (options.SampleEvery > 0 && step % options.SampleEvery == 0)
                {
                    WriteSample(net, device, Path.Combine(run, "samples", $"step-{step.ToString("D6", CultureInfo.InvariantCulture)}.jpg"));
                }

                if (options.CheckpointEvery > 0 && step % options.CheckpointEvery == 0 && step < options.Steps)
                {
                    Checkpoint(net, adam, checkpoints, step, log, run);
                }
            }
        }

        if (dataset.Failures > 0)
        {
            Message?.Invoke($"{dataset.Failures} photo(s) could not be decoded and were skipped");
        }

        Checkpoint(net, adam, checkpoints, step, log, run);
        string? modelPath = null;
        if (!cancelled)
        {
            modelPath = Path.Combine(run, "model.safetensors");
            StyleModelFile.Save(modelPath, StyleNetWeights.ToStyleModel(net, Info(step, clock.Elapsed)), options.Fp16);
        }

        return new TrainingResult(run, modelPath, step, cancelled, dataset.Failures, clock.Elapsed);
    }

    /// <summary>
    /// One step. With a teacher, the distance to its output (reported as the content term) replaces the content loss:
    /// the distance alone gives the teacher's colours and shapes but a smooth picture (a small network cannot follow
    /// every stroke, so it averages them), whose closure stayed at 0; the style term puts the strokes back. A style
    /// weight of 0 then skips the loss network.
    /// </summary>
    private (double Content, double Style, double Tv, double Grid) TrainStep(
        StyleNetModule net, StyleNetModule? teacher, LossNetwork lossNet, AdamOptimizer adam, Tensor[] grams, float[] batch, long step,
        LossWeights weights, double teacherWeight, double gridWeight, int jitter, Device device)
    {
        using var scope = NewDisposeScope();
        var x = tensor(batch, [options.BatchSize, 3, options.ImageSize, options.ImageSize]).to(device);
        var y = net.call(x);

        // The same random 0..jitter px shift for both images, per step: the loss network's stride grid then
        // lands on different pixels each step, which removes a periodic grain from the result.
        var random = new SeedMix(options.Seed, (ulong)step, 0x5EED);
        int dy = jitter > 0 ? random.Next(jitter + 1) : 0, dx = jitter > 0 ? random.Next(jitter + 1) : 0;
        Tensor content, style;
        if (teacher is null)
        {
            var yIn = Shift(y, dy, dx, jitter);
            Tensor[] target;
            using (no_grad())
            {
                target = lossNet.call(Shift(x, dy, dx, jitter));
            }

            var features = lossNet.call(yIn);
            content = StyleLosses.Content(features[lossNet.ContentTap], target[lossNet.ContentTap]).mul(weights.Content);
            style = StyleLosses.Style([.. lossNet.StyleTaps.Select(t => features[t])], grams).mul(weights.Style);
        }
        else
        {
            Tensor taught;
            using (no_grad())
            {
                taught = teacher.call(x).clamp(0, 255);
            }

            content = nn.functional.l1_loss(y, taught).mul(teacherWeight);
            style = zeros(1, device: device).squeeze();
            if (weights.Style > 0)
            {
                var features = lossNet.call(Shift(y, dy, dx, jitter));
                style = StyleLosses.Style([.. lossNet.StyleTaps.Select(t => features[t])], grams).mul(weights.Style);
            }
        }

        var tv = StyleLosses.TotalVariation(y).mul(weights.TotalVariation);
        var grid = StyleLosses.Grid(y, x, GridPeriod).mul(gridWeight);
        var total = content.add(style).add(tv).add(grid);
        var result = ((double)content.item<float>(), (double)style.item<float>(), (double)tv.item<float>(), (double)grid.item<float>());
        adam.ZeroGrad();
        if (!float.IsFinite(total.item<float>()))
        {
            return result;
        }

        total.backward();
        return adam.Step() ? result : (double.NaN, double.NaN, double.NaN, double.NaN);
    }

    private static StyleNetModule LoadTeacher(string path, Device device)
    {
        var teacher = StyleNetWeights.ToModule(StyleModelFile.Load(path));
        teacher.to(device);
        teacher.eval();
        return teacher;
    }

    /// <summary>Replicate-pads right and bottom by <paramref name="jitter"/> and crops at (dy, dx): same size, content moved.</summary>
    private static Tensor Shift(Tensor image, int dy, int dx, int jitter)
    {
        if (jitter == 0)
        {
            return image;
        }

        long h = image.shape[2], w = image.shape[3];
        var padded = nn.functional.pad(image, [0, jitter, 0, jitter], PaddingModes.Replicate);
        return padded[.., .., TensorIndex.Slice(dy, dy + h), TensorIndex.Slice(dx, dx + w)];
    }

    private void Checkpoint(StyleNetModule net, AdamOptimizer adam, string folder, long step, TrainingLog log, string run)
    {
        // The log first: once a checkpoint exists, a kill must not lose the rows up to its step.
        log.Flush();
        TrainingCheckpoint.Write(folder, step, StyleNetWeights.ToStyleModel(net), adam);
        LossPlot.Write(log.Path, Path.Combine(run, "loss.png"));
        Message?.Invoke($"checkpoint at step {step}");
    }

    private static void WriteSample(StyleNetModule net, Device device, string path)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var scene = TestScene.RenderPlanar(SampleSide, SampleSide);
        var output = net.call(tensor(scene.Data, [1, 3, SampleSide, SampleSide]).to(device)).clamp_(0, 255).cpu().contiguous();
        ImageEncoder.Save(new PlanarImage(SampleSide, SampleSide, output.data<float>().ToArray()), path);
    }

    private StyleModelInfo Info(long steps, TimeSpan elapsed)
    {
        string styleFile = Path.GetFileNameWithoutExtension(options.StyleImage);
        var extra = new Dictionary<string, string> { ["training_seconds"] = elapsed.TotalSeconds.ToString("F0", CultureInfo.InvariantCulture) };
        if (options.PaintingYear is { } year)
        {
            extra[StyleModelInfo.YearKey] = year;
        }

        return new StyleModelInfo
        {
            StyleName = options.StyleName ?? styleFile.ToLowerInvariant().Replace('_', '-'),
            StyleImageTitle = options.PaintingTitle ?? styleFile,
            StyleImageArtist = options.PaintingArtist,
            Description = $"Trained by painterly train on {Path.GetFileName(options.DataFolder.TrimEnd('/', '\\'))} with the {options.LossNetwork.Split(':')[0]} loss network.",
            // File and folder names only: a model file is shared, the paths of the machine it was trained on are not.
            Training = (options with
            {
                StyleImage = Path.GetFileName(options.StyleImage),
                Teacher = options.Teacher is null ? null : Path.GetFileName(options.Teacher),
                DataFolder = Path.GetFileName(options.DataFolder.TrimEnd('/', '\\')),
                RunFolder = Path.GetFileName(options.RunFolder.TrimEnd('/', '\\')),
            }).ToJson(),
            Steps = steps,
            Created = DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
            Extra = extra,
        };
    }

    /// <summary>The torch device for <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">CUDA was asked for but TorchSharp sees none.</exception>
    public static Device DeviceOf(string name) => name switch
    {
        "cuda" when cuda.is_available() => CUDA,
        "cuda" => throw new ArgumentException("--device cuda: TorchSharp sees no CUDA device (this build ships the CPU libtorch); use --device cpu."),
        _ => CPU,
    };
}
