using System.Globalization;
using System.Runtime.InteropServices;
using Painterly.Core.Images;
using Painterly.Torch.Painting;
using Spectre.Console;

namespace Painterly.Cli.Commands;

/// <summary>Runs a <see cref="PaintRequest"/> with TorchSharp: progress bar (or plain lines), then the image, written atomically.</summary>
internal static class PaintRunner
{
    public static int Run(PaintRequest request, IAnsiConsole console)
    {
        var options = new PaintOptions
        {
            ContentImage = request.Content,
            StyleImages = request.Styles,
            StyleBlend = request.StyleWeights,
            OutputPath = request.Output,
            Size = request.Size,
            Iterations = request.Iterations,
            Optimizer = request.Optimizer == "adam" ? PaintOptimizer.Adam : PaintOptimizer.Lbfgs,
            LearningRate = request.LearningRate,
            ContentWeight = request.ContentWeight,
            StyleWeight = request.StyleWeight,
            TvWeight = request.TvWeight,
            ContentTap = request.ContentTap,
            Init = request.Init == "noise" ? PaintInit.Noise : PaintInit.Content,
            StyleScale = request.StyleScale,
            PreserveColor = request.PreserveColor,
            LossNetwork = request.LossNetwork,
            SaveEvery = request.SaveEvery,
            Seed = request.Seed,
        };
        GatysPainter painter;
        try
        {
            painter = new GatysPainter(options);
        }
        catch (ArgumentException e)
        {
            throw new UserException(e.Message, ExitCodes.Usage);
        }

        using var cancel = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) => { e.Cancel = true; cancel.Cancel(); };
        Console.CancelKeyPress += onCancel;
        using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; cancel.Cancel(); });
        console.MarkupLineInterpolated($"[grey]content[/] {request.Content}  [grey]style[/] {string.Join(", ", request.Styles)}  [grey]size[/] {request.Size}  [grey]iterations[/] {request.Iterations} ({request.Optimizer})  [grey]loss network[/] {request.LossNetwork}");
        painter.Message += m => console.MarkupLineInterpolated($"[grey]{m}[/]");
        PaintResult result;
        try
        {
            // libtorch's warnings (a deprecation notice, NNPACK's hardware check) say nothing a painter can act on.
            using var mute = request.Verbose ? null : new Torch.NativeStderrMute();
            result = console.Profile.Capabilities.Interactive ? RunWithBar(painter, options, console, cancel.Token) : RunPlain(painter, console, cancel.Token);
        }
        catch (ArgumentException e)
        {
            throw new UserException(e.Message);
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }

        string? folder = Path.GetDirectoryName(Path.GetFullPath(request.Output));
        Directory.CreateDirectory(folder!);
        ImageEncoder.Save(result.Image, request.Output);
        if (result.Cancelled)
        {
            console.MarkupLineInterpolated($"stopped after {result.Iterations} iterations; the picture so far -> {request.Output}");
            return ExitCodes.Failure;
        }

        console.MarkupLineInterpolated($"painted -> {request.Output}  [grey]{result.Image.Width}x{result.Image.Height}, {result.Iterations} iterations in {result.Elapsed:hh\\:mm\\:ss}[/]");
        return ExitCodes.Success;
    }

    private static PaintResult RunPlain(GatysPainter painter, IAnsiConsole console, CancellationToken cancel)
    {
        painter.IterationCompleted += p =>
        {
            if (p.Iteration % 10 == 0 || p.Iteration == p.TotalIterations || p.Iteration == 1)
            {
                console.WriteLine(Describe(p));
            }
        };
        return painter.Paint(cancel);
    }

    private static PaintResult RunWithBar(GatysPainter painter, PaintOptions options, IAnsiConsole console, CancellationToken cancel)
    {
        PaintResult? result = null;
        console.Progress().AutoClear(false).Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .Start(context =>
            {
                var task = context.AddTask("painting", maxValue: options.Iterations);
                painter.IterationCompleted += p =>
                {
                    task.Value = p.Iteration;
                    task.Description = Markup.Escape(Describe(p));
                };
                result = painter.Paint(cancel);
            });
        return result!;
    }

    private static string Describe(PaintProgress p) => string.Create(
        CultureInfo.InvariantCulture,
        $"iteration {p.Iteration}/{p.TotalIterations}  {p.Width}x{p.Height}  ETA {p.Remaining:hh\\:mm\\:ss}  content {p.Content:G3}  style {p.Style:G3}  tv {p.TotalVariation:G3}");
}
