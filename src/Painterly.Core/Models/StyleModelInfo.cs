namespace Painterly.Core.Models;

/// <summary>What a model card says about a style model. Every field is optional.</summary>
public sealed record StyleModelInfo
{
    /// <summary>The <see cref="Extra"/> key of the painting's year.</summary>
    public const string YearKey = "style_image_year";

    /// <summary>Short style name, e.g. "starry-night".</summary>
    public string? StyleName { get; init; }

    /// <summary>Title of the style image (the painting).</summary>
    public string? StyleImageTitle { get; init; }

    /// <summary>Artist of the style image.</summary>
    public string? StyleImageArtist { get; init; }

    /// <summary>Licence of the weights.</summary>
    public string? License { get; init; }

    /// <summary>One or two sentences for humans.</summary>
    public string? Description { get; init; }

    /// <summary>Training settings as JSON (loss network, weights, sizes, steps, time).</summary>
    public string? Training { get; init; }

    /// <summary>Training steps completed.</summary>
    public long? Steps { get; init; }

    /// <summary>When the model was made (ISO 8601).</summary>
    public string? Created { get; init; }

    /// <summary>Any other metadata entries from the file, kept as read.</summary>
    public IReadOnlyDictionary<string, string> Extra { get; init; } = new Dictionary<string, string>();

    /// <summary>Field-by-field equality; <see cref="Extra"/> is compared by its entries, not by reference.</summary>
    public bool Equals(StyleModelInfo? other) =>
        other is not null &&
        StyleName == other.StyleName &&
        StyleImageTitle == other.StyleImageTitle &&
        StyleImageArtist == other.StyleImageArtist &&
        License == other.License &&
        Description == other.Description &&
        Training == other.Training &&
        Steps == other.Steps &&
        Created == other.Created &&
        Extra.Count == other.Extra.Count &&
        Extra.All(e => other.Extra.TryGetValue(e.Key, out var v) && v == e.Value);

    /// <inheritdoc/>
    public override int GetHashCode() =>
        HashCode.Combine(StyleName, StyleImageTitle, StyleImageArtist, License, Description, Training, Steps, Created);
}
