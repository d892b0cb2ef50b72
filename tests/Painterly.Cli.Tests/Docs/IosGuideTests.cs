using System.Globalization;
using System.Text.RegularExpressions;
using Painterly.CoreML;
using Painterly.CoreML.Specification;

namespace Painterly.Cli.Tests.Docs;

/// <summary>
/// docs/ios.md against what <c>painterly export --format coreml</c> writes. Its Swift cannot be compiled here; these
/// checks hold it to the real export (names, pixel format, sizes, versions) and to the page's own rules.
/// </summary>
public sealed partial class IosGuideTests(IosGuideRun guide) : IClassFixture<IosGuideRun>
{
    [Fact]
    public void Every_command_on_the_page_runs()
    {
        Assert.Contains(guide.Commands, c => c.Exported is not null);
        Assert.All(guide.Commands, c => Assert.True(c.Result.ExitCode == 0, $"'{c.Text}' exited {c.Result.ExitCode}: {c.Result.Error}"));
    }

    [Fact]
    public void Inspect_output_shown_on_the_page_is_what_inspect_prints()
    {
        Assert.NotEmpty(guide.Excerpts);
        foreach (var excerpt in guide.Excerpts)
        {
            var printed = excerpt.Printed.Split('\n').Select(Collapse).ToHashSet(StringComparer.Ordinal);
            foreach (string line in excerpt.Shown.Text.Split('\n').Where(l => l.Trim().Length > 0))
            {
                Assert.True(
                    printed.Contains(Collapse(line)),
                    $"The block on line {excerpt.Shown.Line} shows '{line.Trim()}', which inspect does not print:\n{excerpt.Printed}");
            }
        }
    }

    [Fact]
    public void Spec_version_table_matches_what_export_writes()
    {
        var rows = guide.Page.TableRows.Where(r => r.Count == 3 && int.TryParse(r[1], CultureInfo.InvariantCulture, out _)).ToList();
        Assert.True(rows.Count >= 4, "The page should have a table of export options, specification versions and iOS versions.");
        using var session = new GuideSession();
        foreach (var row in rows)
        {
            int version = int.Parse(row[1], CultureInfo.InvariantCulture);
            var alternatives = CodeSpan().Matches(row[0]).Select(m => m.Groups[1].Value).DefaultIfEmpty(string.Empty);
            foreach (string options in alternatives)
            {
                string[] words =
                [
                    "painterly", "export", "my-style.safetensors", "--format", "coreml",
                    .. options.Split(' ', StringSplitOptions.RemoveEmptyEntries), "-o", "Row.mlmodel",
                ];
                var result = session.Run(words);
                Assert.True(result.ExitCode == 0, $"'{string.Join(' ', words)}' exited {result.ExitCode}: {result.Error}");
                var model = CoreMLModelReader.ReadFile(session.Exported["Row.mlmodel"]);
                Assert.True(
                    version == model.SpecificationVersion,
                    $"The table says '{options}' gives version {version}; export wrote {model.SpecificationVersion}.");
                Assert.StartsWith(row[2] + ",", CoreMLSpecVersion.OperatingSystems(model.SpecificationVersion), StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void Swift_uses_the_class_feature_names_pixel_format_and_sizes_that_export_writes()
    {
        var exports = guide.Commands.Where(c => c.Exported is not null).ToList();
        Assert.NotEmpty(exports);
        foreach (var export in exports)
        {
            var description = export.Exported!.Description;
            string className = Path.GetFileNameWithoutExtension(export.ExportedFile!);
            Assert.Empty(SwiftChecks.NameMistakes(
                guide.Swift, className, [.. description.Input.Select(f => f.Name)], [.. description.Output.Select(f => f.Name)]));
            foreach (var feature in description.Input.Concat(description.Output))
            {
                Assert.Equal(FeatureType.TypeOneofCase.ImageType, feature.Type.TypeCase);
                Assert.Empty(SwiftChecks.PixelFormatMistakes(guide.Page.Text, feature.Type.ImageType.ColorSpace));
            }
        }

        // A size written into the Swift must be one that some export on the page accepts.
        Assert.Empty(SwiftChecks.SizeMistakes(guide.Swift, [.. exports.Select(e => e.Exported!.Description.Input[0].Type.ImageType)]));
    }

    [Fact]
    public void Stated_minimum_ios_and_xcode_are_what_the_swift_needs()
    {
        var stated = MinimumStatement().Match(guide.Page.Text);
        Assert.True(stated.Success, "The page should state 'The app code on this page needs iOS N and Xcode M'.");
        int ios = int.Parse(stated.Groups[1].Value, CultureInfo.InvariantCulture);
        int xcode = int.Parse(stated.Groups[2].Value, CultureInfo.InvariantCulture);

        var (required, apis) = SwiftChecks.RequiredIos(guide.Swift);
        Assert.True(required == ios, $"The page states iOS {ios}; its Swift needs iOS {required} ({string.Join(", ", apis)}).");
        int neededXcode = SwiftChecks.RequiredXcode(guide.Swift);
        Assert.True(xcode >= neededXcode, $"The page states Xcode {xcode}; its Swift needs Xcode {neededXcode}.");
    }

    [Fact]
    public void Page_avoids_the_memory_orientation_and_clock_mistakes_it_describes()
    {
        Assert.Empty(SwiftChecks.PageMistakes(guide.Page.Text));
        Assert.All(guide.Page.BlocksOf("swift"), block => Assert.Empty(SwiftChecks.OrientationMistakes(block.Text)));
    }

    private static string Collapse(string line) =>
        string.Join(' ', line.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    [GeneratedRegex(@"`([^`]+)`")]
    private static partial Regex CodeSpan();

    [GeneratedRegex(@"The app code on this page needs iOS (\d+) and Xcode (\d+)")]
    private static partial Regex MinimumStatement();
}
