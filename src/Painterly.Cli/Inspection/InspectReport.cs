using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Spectre.Console;

namespace Painterly.Cli.Inspection;

/// <summary>A titled table of a model file: tensors, layers, inputs and outputs.</summary>
internal sealed record InspectTable(string Title, IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<string>> Rows);

/// <summary>What <c>painterly inspect</c> shows of any model file, for people (tables) and machines (JSON).</summary>
internal sealed record InspectReport(
    string File,
    string Format,
    IReadOnlyList<KeyValuePair<string, string>> Facts,
    IReadOnlyList<InspectTable> Tables,
    IReadOnlyDictionary<string, string> Metadata)
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>Rows shown per table; a header can list millions of tensors (<c>--json</c> lists them all).</summary>
    public const int MaxRows = 1000;

    public void Render(IAnsiConsole console)
    {
        console.MarkupLineInterpolated($"[bold]{TerminalText.Clean(File)}[/]  [grey]{Format}[/]");
        var facts = new Grid().AddColumn().AddColumn();
        foreach (var (key, value) in Facts)
        {
            facts.AddRow(new Text(key, new Style(Color.Grey)), new Text(TerminalText.Clean(value)));
        }

        PipedTable.Write(console, facts);
        foreach (var table in Tables)
        {
            var rendered = new Table().Border(TableBorder.Simple).Title(table.Title);
            foreach (var column in table.Columns)
            {
                rendered.AddColumn(column);
            }

            foreach (var row in table.Rows.Take(MaxRows))
            {
                rendered.AddRow([.. row.Select(cell => new Text(TerminalText.Clean(cell)))]);
            }

            if (table.Rows.Count > MaxRows)
            {
                rendered.Caption(string.Create(CultureInfo.InvariantCulture, $"first {MaxRows} of {table.Rows.Count:N0} rows; --json lists them all"));
            }

            PipedTable.Write(console, rendered);
        }

        if (Metadata.Count > 0)
        {
            var metadata = new Table().Border(TableBorder.Simple).Title("metadata").AddColumn("key").AddColumn("value");
            foreach (var (key, value) in Metadata)
            {
                metadata.AddRow(new Text(TerminalText.Clean(key)), new Text(TerminalText.Clean(value)));
            }

            PipedTable.Write(console, metadata);
        }
    }

    public string ToJson()
    {
        var tables = new JsonObject();
        foreach (var table in Tables)
        {
            var rows = new JsonArray();
            foreach (var row in table.Rows)
            {
                var item = new JsonObject();
                for (int i = 0; i < table.Columns.Count; i++)
                {
                    item[table.Columns[i]] = row[i];
                }

                rows.Add(item);
            }

            tables[table.Title] = rows;
        }

        var facts = new JsonObject();
        foreach (var (key, value) in Facts)
        {
            facts[key] = value;
        }

        var metadata = new JsonObject();
        foreach (var (key, value) in Metadata)
        {
            metadata[key] = value;
        }

        var root = new JsonObject
        {
            ["file"] = File,
            ["format"] = Format,
            ["facts"] = facts,
            ["tables"] = tables,
            ["metadata"] = metadata,
        };
        return root.ToJsonString(Indented);
    }
}
