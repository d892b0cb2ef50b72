using Painterly.CoreML;
using Painterly.CoreML.MlProgram;
using Painterly.CoreML.Specification;

namespace Painterly.Cli.Tests.Docs;

/// <summary>One <c>painterly</c> command of the page, what it printed, and for an export the model it wrote.</summary>
internal sealed record GuideCommand(string Text, CliResult Result, string? ExportedFile, Model? Exported);

/// <summary>An <c>inspect</c> excerpt the page shows and what <c>inspect</c> really printed for that command.</summary>
internal sealed record InspectExcerpt(FencedBlock Shown, string Printed);

/// <summary>
/// docs/ios.md, its commands run once for all the tests that read it: every shell block in page order, with the
/// models each export wrote read back before a later command on the page overwrites them.
/// </summary>
public sealed class IosGuideRun : IDisposable
{
    private readonly GuideSession session = new();

    public IosGuideRun()
    {
        Page = MarkdownPage.Load(Path.Combine("Docs", "ios.md"));
        var commands = new List<GuideCommand>();
        var excerpts = new List<InspectExcerpt>();
        for (int i = 0; i < Page.Blocks.Count; i++)
        {
            if (Page.Blocks[i].Language != "sh")
            {
                continue;
            }

            string? inspected = null;
            foreach (string[] words in GuideSession.CommandsOf(Page.Blocks[i]))
            {
                var result = session.Run(words);
                string? file = words[1] == "export" ? words[Array.FindIndex(words, w => w is "-o" or "--output") + 1] : null;
                var model = file is null || result.ExitCode != 0 ? null
                    : file.EndsWith(".mlpackage", StringComparison.Ordinal) ? MlPackageReader.Read(session.Exported[file]).Model
                    : CoreMLModelReader.ReadFile(session.Exported[file]);
                commands.Add(new GuideCommand(string.Join(' ', words), result, file, model));
                inspected = words[1] == "inspect" ? result.Output : inspected;
            }

            // The block right after a block that inspects is what the page says inspect prints.
            if (inspected is not null && i + 1 < Page.Blocks.Count && Page.Blocks[i + 1].Language == "text")
            {
                excerpts.Add(new InspectExcerpt(Page.Blocks[i + 1], inspected));
            }
        }

        Commands = commands;
        Excerpts = excerpts;
    }

    internal MarkdownPage Page { get; }

    internal IReadOnlyList<GuideCommand> Commands { get; }

    internal IReadOnlyList<InspectExcerpt> Excerpts { get; }

    /// <summary>All the page's Swift, blocks joined.</summary>
    internal string Swift => string.Join('\n', Page.BlocksOf("swift").Select(b => b.Text));

    public void Dispose() => session.Dispose();
}
