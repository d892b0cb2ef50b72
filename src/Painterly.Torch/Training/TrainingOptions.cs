using System.Text.Json;
using System.Text.Json.Serialization;
using Painterly.Core.Models;

namespace Painterly.Torch.Training;

/// <summary>Every setting of a training run; saved as the run's <c>config.json</c> and inside the model's metadata.</summary>
public sealed record TrainingOptions
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    /// <summary>The style image.</summary>
    public required string StyleImage { get; init; }

    /// <summary>Folder of photos, searched recursively.</summary>
    public required string DataFolder { get; init; }

    /// <summary>The run folder.</summary>
    public required string RunFolder { get; init; }

    /// <summary>The style's name in the model file (what <c>--style</c> takes once it ships); null derives it from the image file name.</summary>
    public string? StyleName { get; init; }

    /// <summary>The painting's title for the model card; null takes the image file name.</summary>
    public string? PaintingTitle { get; init; }

    /// <summary>The painting's artist.</summary>
    public string? PaintingArtist { get; init; }

    /// <summary>The painting's year (free text: "1889", "c. 1831").</summary>
    public string? PaintingYear { get; init; }

    /// <summary>Preset the defaults came from, if any.</summary>
    public string? Preset { get; init; }

    /// <summary>Optimizer steps in all.</summary>
    public int Steps { get; init; } = 2000;

    /// <summary>Photos per step.</summary>
    public int BatchSize { get; init; } = 4;

    /// <summary>Side of the square training crops (a multiple of the loss network's <see cref="Losses.LossNetwork.SizeMultiple"/>).</summary>
    public int ImageSize { get; init; } = 192;

    /// <summary>Longest side the style image is resized to.</summary>
    public int StyleSize { get; init; } = 256;

    /// <summary>Adam learning rate.</summary>
    public double LearningRate { get; init; } = 1e-3;

    /// <summary>Content weight; null takes the loss network's default.</summary>
    public double? ContentWeight { get; init; }

    /// <summary>Style weight; null takes the loss network's default.</summary>
    public double? StyleWeight { get; init; }

    /// <summary>Total variation weight; null takes the loss network's default.</summary>
    public double? TvWeight { get; init; }

    /// <summary>Grid loss weight (<see cref="Losses.StyleLosses.Grid"/>); null takes <see cref="DefaultGridWeight"/>.</summary>
    public double? GridWeight { get; init; }

    /// <summary>
    /// A trained style model file to learn from (distillation): the content loss is then replaced by the mean absolute
    /// difference from the teacher's output (times <see cref="TeacherWeight"/>); the style, TV and grid losses stay.
    /// How the mobile forms of the built-in styles are made: the teacher gives them the full form's look.
    /// </summary>
    public string? Teacher { get; init; }

    /// <summary>Weight of the distance to the teacher; null takes <see cref="DefaultTeacherWeight"/>.</summary>
    public double? TeacherWeight { get; init; }

    /// <summary>The StyleNet to train.</summary>
    public StyleNetConfig Network { get; init; } = new(16, 5);

    /// <summary><c>resnet18</c>, <c>vgg16:&lt;file&gt;</c> or <c>vgg19:&lt;file&gt;</c>.</summary>
    public string LossNetwork { get; init; } = Losses.LossNetworkFactory.Default;

    /// <summary>Content tap name; null takes the loss network's default.</summary>
    public string? ContentTap { get; init; }

    /// <summary>Largest random shift (pixels) of both images before the loss network; null takes its default.</summary>
    public int? Jitter { get; init; }

    /// <summary>Write a checkpoint every N steps (0 = only at the end and on Ctrl+C).</summary>
    public int CheckpointEvery { get; init; } = 500;

    /// <summary>Stylize the sample image every N steps (0 = never).</summary>
    public int SampleEvery { get; init; } = 250;

    /// <summary>Seed of the initial weights, data order and augmentation.</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>Save the final model with float16 weights.</summary>
    public bool Fp16 { get; init; }

    /// <summary><c>cpu</c> or <c>cuda</c>.</summary>
    public string Device { get; init; } = "cpu";

    /// <summary>Weight of the distance to the teacher when none is given (the distance is in 0-255 levels).</summary>
    public const double DefaultTeacherWeight = 1;

    /// <summary>Grid loss weight when none is given: removes the hatching at periods 2, 4 and 8 (docs/training.md).</summary>
    public const double DefaultGridWeight = 10;

    /// <summary>Checks ranges.</summary>
    /// <exception cref="ArgumentException">A setting is out of range.</exception>
    public TrainingOptions Validate()
    {
        Network.Validate();
        Check(Steps >= 1, "--steps must be at least 1.");
        Check(BatchSize is >= 1 and <= 256, "--batch-size must be 1..256.");
        Check(ImageSize is >= 16 and <= 2048, "--image-size must be 16..2048.");
        Check(StyleSize is >= 16 and <= 4096, "--style-size must be 16..4096.");
        Check(LearningRate > 0 && double.IsFinite(LearningRate), "--lr must be positive.");
        Check(ContentWeight is null or >= 0 && StyleWeight is null or >= 0 && TvWeight is null or >= 0 && GridWeight is null or >= 0 && TeacherWeight is null or >= 0, "loss weights must be 0 or more.");
        Check(CheckpointEvery >= 0 && SampleEvery >= 0, "--checkpoint-every and --sample-every must be 0 or more.");
        Check(Jitter is null or (>= 0 and <= 64), "--jitter must be 0..64.");
        Check(Device is "cpu" or "cuda", "--device must be cpu or cuda.");
        return this;
    }

    /// <summary>The options as indented JSON.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>Parses options written by <see cref="ToJson"/>.</summary>
    /// <exception cref="InvalidDataException">The JSON is not valid options.</exception>
    public static TrainingOptions FromJson(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<TrainingOptions>(json, Json) ?? throw new InvalidDataException("Training options are null.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"Training options are not valid: {e.Message}", e);
        }
    }

    private static void Check(bool ok, string message)
    {
        if (!ok)
        {
            throw new ArgumentException(message);
        }
    }
}
