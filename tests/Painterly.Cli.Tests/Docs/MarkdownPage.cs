namespace Painterly.Cli.Tests.Docs;

/// <summary>A fenced block of a Markdown page: its info string (<c>swift</c>, <c>sh</c>...), text and first line.</summary>
internal sealed record FencedBlock(string Language, string Text, int Line);

/// <summary>
/// The parts of a Markdown page the documentation tests read: fenced code blocks in page order and table rows.
/// Only what the project's pages use: fences of three backticks at the start of a line, pipe tables.
/// </summary>
internal sealed class MarkdownPage
{
    private MarkdownPage(string text, IReadOnlyList<FencedBlock> blocks, IReadOnlyList<IReadOnlyList<string>> tableRows)
    {
        Text = text;
        Blocks = blocks;
        TableRows = tableRows;
    }

    /// <summary>The whole page.</summary>
    public string Text { get; }

    /// <summary>The fenced blocks, in page order.</summary>
    public IReadOnlyList<FencedBlock> Blocks { get; }

    /// <summary>Table rows outside code blocks (header and separator rows included), split into trimmed cells.</summary>
    public IReadOnlyList<IReadOnlyList<string>> TableRows { get; }

    /// <summary>The blocks whose info string is <paramref name="language"/>.</summary>
    public IEnumerable<FencedBlock> BlocksOf(string language) => Blocks.Where(b => b.Language == language);

    /// <summary>Reads a page from the test output folder, where the test project copies the project's docs.</summary>
    public static MarkdownPage Load(string relativePath) =>
        Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, relativePath)));

    /// <summary>Splits <paramref name="text"/> into fenced blocks and table rows.</summary>
    public static MarkdownPage Parse(string text)
    {
        var blocks = new List<FencedBlock>();
        var rows = new List<IReadOnlyList<string>>();
        string[] lines = text.ReplaceLineEndings("\n").Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            if (lines[i].StartsWith("```", StringComparison.Ordinal))
            {
                int start = i;
                var body = new List<string>();
                while (++i < lines.Length && !lines[i].StartsWith("```", StringComparison.Ordinal))
                {
                    body.Add(lines[i]);
                }

                if (i == lines.Length)
                {
                    throw new FormatException($"The code block opened on line {start + 1} is never closed.");
                }

                blocks.Add(new FencedBlock(lines[start][3..].Trim(), string.Join('\n', body), start + 1));
            }
            else if (lines[i].StartsWith('|'))
            {
                rows.Add([.. lines[i].Trim().Trim('|').Split('|').Select(c => c.Trim())]);
            }
        }

        return new MarkdownPage(text, blocks, rows);
    }
}
