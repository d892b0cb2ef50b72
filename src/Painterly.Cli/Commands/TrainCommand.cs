using System.CommandLine;
using System.Globalization;
using System.Runtime.InteropServices;
using Painterly.Core.Models;
using Painterly.Onnx;
using Painterly.Torch.Losses;
using Painterly.Torch.Training;
using Spectre.Console;

namespace Painterly.Cli.Commands;

/// <summary><c>painterly train</c>: trains a StyleNet on a style image and a folder of photos.</summary>
internal static class TrainCommand
{
    public static Command Create(IAnsiConsole console)
    {
        // Not marked required: --resume <run folder> alone has everything (its config.json names both).
        var style = new Option<string?>("--style", "-s") { Description = "The style image (the painting). Required unless --resume." };
        var data = new Option<string?>("--data", "-d") { Description = "Folder of photos (searched recursively). Required unless --resume." };
        var output = new Option<string?>("--output-dir", "-o") { Description = "Run folder (default runs/<style>-<timestamp>)." };
        var preset = new Option<string>("--preset") { Description = "quality, balanced or mobile: width, blocks, image size, steps.", DefaultValueFactory = _ => "balanced" };
        // Literal names: building the command tree must not load Painterly.Torch (see TorchIsolationTests).
        preset.AcceptOnlyFromAmong("quality", "balanced", "mobile");
        var steps = new Option<int?>("--steps") { Description = "Optimizer steps." };
        var epochs = new Option<double?>("--epochs") { Description = "Passes over the photos (instead of --steps)." };
        var batch = new Option<int>("--batch-size") { Description = "Photos per step.", DefaultValueFactory = _ => 4 };
        var imageSize = new Option<int?>("--image-size") { Description = "Side of the training crops (multiple of 32 for resnet18)." };
        var styleSize = new Option<int>("--style-size") { Description = "Longest side of the style image.", DefaultValueFactory = _ => 256 };
        var lr = new Option<double>("--lr") { Description = "Adam learning rate.", DefaultValueFactory = _ => 1e-3 };
        var contentWeight = new Option<double?>("--content-weight") { Description = "Content weight (default per loss network: resnet18 10, vgg 1e5)." };
        var styleWeight = new Option<double?>("--style-weight") { Description = "Style weight (default per loss network: resnet18 1e5, vgg 1e10)." };
        var tvWeight = new Option<double?>("--tv-weight") { Description = "Total variation weight (default: resnet18 1, vgg 0)." };
        var gridWeight = new Option<double?>("--grid-weight") { Description = "Grid loss weight: removes hatching at periods 2, 4 and 8 (default 10)." };
        var name = new Option<string?>("--name") { Description = "The style's name in the model file (default: from the image file name)." };
        var painting = new Option<string?>("--painting") { Description = "The painting's title, for the model card." };
        var artist = new Option<string?>("--artist") { Description = "The painting's artist." };
        var year = new Option<string?>("--year") { Description = "The painting's year." };
        var channels = new Option<int?>("--channels") { Description = "StyleNet width: 32, 16 or 8 (mobile preset: 32, 48, 64, 96 or 128)." };
        channels.Check(v => v is null or 8 or 16 or 32 or 48 or 64 or 96 or 128, "--channels must be 8, 16, 32, 48, 64, 96 or 128.");
        var teacher = new Option<string?>("--teacher") { Description = "Learn from this trained style (a built-in name or a .safetensors file): its output replaces the content loss. How the -mobile styles are made." };
        var teacherWeight = new Option<double?>("--teacher-weight") { Description = "Weight of the distance to the teacher (default 1)." };
        var blocks = new Option<int?>("--residual-blocks") { Description = "StyleNet residual blocks." };
        var lossNetwork = new Option<string>("--loss-network") { Description = "resnet18, vgg16:<file> or vgg19:<file>.", DefaultValueFactory = _ => LossNetworkFactory.Default };
        var contentTap = new Option<string?>("--content-tap") { Description = "Content layer (resnet18: stem, layer1, layer2, layer3)." };
        var jitter = new Option<int?>("--jitter") { Description = "Random shift in pixels before the loss network (resnet18 default 3)." };
        var checkpointEvery = new Option<int>("--checkpoint-every") { Description = "Checkpoint every N steps.", DefaultValueFactory = _ => 250 };
        var sampleEvery = new Option<int>("--sample-every") { Description = "Stylize the test scene every N steps.", DefaultValueFactory = _ => 250 };
        var resume = new Option<string?>("--resume") { Description = "Continue the run in this folder from its last checkpoint." };
        var seed = new Option<ulong>("--seed") { Description = "Seed of weights, data order and augmentation.", DefaultValueFactory = _ => 1 };
        var fp16 = new Option<bool>("--fp16") { Description = "Save the final model with float16 weights." };
        var device = new Option<string>("--device") { Description = "cpu or cuda.", DefaultValueFactory = _ => "cpu" };
        device.AcceptOnlyFromAmong("cpu", "cuda");

        var command = new Command("train", "Train a style network from one style image and a folder of photos.")
        {
            style, data, output, preset, steps, epochs, batch, imageSize, styleSize, lr, contentWeight, styleWeight, tvWeight, gridWeight,
            teacher, teacherWeight, name, painting, artist, year, channels, blocks, lossNetwork, contentTap, jitter, checkpointEvery, sampleEvery, resume, seed, fp16, device,
        };
        command.SetAction(parse =>
        {
            string? resumeFolder = parse.GetValue(resume);
            TrainingOptions options;
            if (resumeFolder is not null)
            {
                string config = Path.Combine(resumeFolder, "config.json");
                options = File.Exists(config)
                    ? TrainingOptions.FromJson(File.ReadAllText(config))
                    : throw new UserException($"'{resumeFolder}' is not a run folder (no config.json); pass the -o folder of an earlier 'painterly train'.");
                if (!RunFolder.HasCheckpoint(resumeFolder))
                {
                    // Starting again at step 0 would overwrite the run's model with a worse one.
                    throw new UserException($"'{resumeFolder}' has no checkpoint to resume from (checkpoints/step-*.safetensors); start a new run with -o <new folder>.");
                }
                options = options with { RunFolder = resumeFolder, Steps = parse.GetValue(steps) ?? options.Steps };
            }
            else
            {
                var p = TrainingPreset.Get(parse.GetValue(preset)!);
                string styleImage = parse.GetValue(style) ?? throw new UserException("--style is required (or --resume <run folder>).", ExitCodes.Usage);
                string dataFolder = parse.GetValue(data) ?? throw new UserException("--data is required (or --resume <run folder>).", ExitCodes.Usage);
                Check(parse.GetValue(steps) is null || parse.GetValue(epochs) is null, "give --steps or --epochs, not both.", ExitCodes.Usage);
                Check(File.Exists(styleImage), $"style image '{styleImage}' does not exist; check the path.");
                Check(Directory.Exists(dataFolder), $"photo folder '{dataFolder}' does not exist; check the path.");
                Check(parse.GetValue(output) is not { } o || Directory.Exists(o) || !RunFolder.LooksLikeAFile(o),
                    $"-o {parse.GetValue(output)} is the run folder, and the model is written inside it as model.safetensors: give a folder name.", ExitCodes.Usage);
                var dataset = new PhotoDataset(dataFolder, 32, 0);
                int batchSize = parse.GetValue(batch);
                int stepCount = parse.GetValue(epochs) is double e
                    ? Math.Max(1, (int)Math.Ceiling(e * dataset.Files.Count / batchSize))
                    : parse.GetValue(steps) ?? p.Steps;
                string imageName = Path.GetFileNameWithoutExtension(styleImage);
                string? teacherFile = TeacherPath(parse.GetValue(teacher));
                // A student paints the teacher's painting: its card names it unless told otherwise.
                var taught = teacherFile is null ? null : StyleModelFile.Load(teacherFile).Info;
                options = new TrainingOptions
                {
                    StyleImage = Path.GetFullPath(styleImage),
                    DataFolder = Path.GetFullPath(dataFolder),
                    RunFolder = parse.GetValue(output) ?? Path.Combine("runs", $"{imageName}-{DateTime.Now.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)}"),
                    Preset = p.Name,
                    StyleName = parse.GetValue(name),
                    PaintingTitle = parse.GetValue(painting) ?? taught?.StyleImageTitle,
                    PaintingArtist = parse.GetValue(artist) ?? taught?.StyleImageArtist,
                    PaintingYear = parse.GetValue(year) ?? taught?.Extra.GetValueOrDefault(StyleModelInfo.YearKey),
                    Steps = stepCount,
                    BatchSize = batchSize,
                    ImageSize = parse.GetValue(imageSize) ?? p.ImageSize,
                    StyleSize = parse.GetValue(styleSize),
                    LearningRate = parse.GetValue(lr),
                    ContentWeight = parse.GetValue(contentWeight),
                    StyleWeight = parse.GetValue(styleWeight),
                    TvWeight = parse.GetValue(tvWeight),
                    GridWeight = parse.GetValue(gridWeight),
                    Teacher = teacherFile,
                    TeacherWeight = parse.GetValue(teacherWeight),
                    Network = new StyleNetConfig(parse.GetValue(channels) ?? p.Channels, parse.GetValue(blocks) ?? p.ResidualBlocks, Form: p.Form),
                    LossNetwork = parse.GetValue(lossNetwork)!,
                    ContentTap = parse.GetValue(contentTap),
                    Jitter = parse.GetValue(jitter),
                    CheckpointEvery = parse.GetValue(checkpointEvery),
                    SampleEvery = parse.GetValue(sampleEvery),
                    Seed = parse.GetValue(seed),
                    Fp16 = parse.GetValue(fp16),
                    Device = parse.GetValue(device)!,
                };
            }

            return Run(options, console);
        });
        return command;
    }

    /// <summary>The file of <paramref name="teacher"/>: a model file, or a trained built-in style's file.</summary>
    private static string? TeacherPath(string? teacher)
    {
        if (teacher is null || File.Exists(teacher))
        {
            return teacher is null ? null : Path.GetFullPath(teacher);
        }

        return Painterly.Core.Styles.StyleCatalog.Default.Find(teacher) is { Path: { } file }
            ? file
            : throw new UserException($"--teacher '{teacher}' is neither a model file nor a trained built-in style; run 'painterly styles' to list them.");
    }

    private static int Run(TrainingOptions options, IAnsiConsole console)
    {
        try
        {
            options.Validate();
        }
        catch (Exception e) when (e is ArgumentException or InvalidDataException)
        {
            throw new UserException(e.Message, ExitCodes.Usage);
        }

        var trainer = new StyleTrainer(options);
        using var cancel = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) => { e.Cancel = true; cancel.Cancel(); };
        Console.CancelKeyPress += onCancel;
        using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; cancel.Cancel(); });
        console.MarkupLineInterpolated($"[grey]run folder[/] {options.RunFolder}  [grey]net[/] {options.Network.Channels} ch, {options.Network.ResidualBlocks} blocks  [grey]loss network[/] {options.LossNetwork}  [grey]steps[/] {options.Steps}");
        trainer.Message += m => console.MarkupLineInterpolated($"[grey]{m}[/]");
        TrainingResult result;
        try
        {
            result = console.Profile.Capabilities.Interactive ? RunWithBar(trainer, options, console, cancel.Token) : RunPlain(trainer, console, cancel.Token);
        }
        catch (ArgumentException e)
        {
            // Checks that need the loss network (--image-size multiple) name the option: those are usage errors.
            throw new UserException(e.Message, e.Message.StartsWith("--", StringComparison.Ordinal) ? ExitCodes.Usage : ExitCodes.Failure);
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }

        if (result.Cancelled)
        {
            console.MarkupLineInterpolated($"stopped at step {result.StepsCompleted}; continue with: painterly train --resume {options.RunFolder}");
            return ExitCodes.Failure;
        }

        // Calibrate once here, so that every later stylize runs the int8 form without paying for it.
        var trained = StyleModelFile.Load(result.ModelPath!);
        var int8 = OnnxInt8Planner.Plan(trained);
        StyleModelFile.Save(result.ModelPath!, int8.StoreIn(trained), options.Fp16);
        console.MarkupLineInterpolated($"model -> {result.ModelPath}  [grey]{result.StepsCompleted} steps in {result.Elapsed:hh\\:mm\\:ss}, int8 in {int8.Convs.Count} convolution stages[/]");
        return ExitCodes.Success;
    }

    private static TrainingResult RunPlain(StyleTrainer trainer, IAnsiConsole console, CancellationToken cancel)
    {
        trainer.StepCompleted += s =>
        {
            if (s.Step % 10 == 0 || s.Step == s.TotalSteps)
            {
                console.WriteLine(Describe(s));
            }
        };
        return trainer.Run(cancel);
    }

    private static TrainingResult RunWithBar(StyleTrainer trainer, TrainingOptions options, IAnsiConsole console, CancellationToken cancel)
    {
        TrainingResult? result = null;
        console.Progress().AutoClear(false).Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .Start(context =>
            {
                var task = context.AddTask("training", maxValue: options.Steps);
                trainer.StepCompleted += s =>
                {
                    task.Value = s.Step;
                    task.Description = Markup.Escape(Describe(s));
                };
                result = trainer.Run(cancel);
            });
        return result!;
    }

    private static string Describe(TrainingStep s) => string.Create(
        CultureInfo.InvariantCulture,
        $"step {s.Step}/{s.TotalSteps}  {s.ImagesPerSecond:F1} img/s  ETA {s.Remaining:hh\\:mm\\:ss}  content {s.Content:G3}  style {s.Style:G3}  tv {s.TotalVariation:G3}  grid {s.Grid:G3}");

    private static void Check(bool ok, string message, int exitCode = ExitCodes.Failure)
    {
        if (!ok)
        {
            throw new UserException(message, exitCode);
        }
    }
}
