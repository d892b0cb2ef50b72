using System.CommandLine;
using System.Text.Json;
using Painterly.Core.Styles;
using Spectre.Console;

namespace Painterly.Cli.Commands;

/// <summary><c>painterly styles</c>: lists the built-in styles with their paintings.</summary>
internal static class StylesCommand
{
    public static Command Create(IAnsiConsole console)
    {
        var json = new Option<bool>("--json") { Description = "Print the list as JSON." };
        var command = new Command("styles", "List the built-in styles.") { json };
        command.SetAction(parse =>
        {
            var catalog = StyleCatalog.Default;
            if (parse.GetValue(json))
            {
                var rows = catalog.Styles.Select(s => new
                {
                    name = s.Name,
                    isDefault = s == catalog.DefaultStyle,
                    painting = s.Painting,
                    artist = s.Artist,
                    year = s.Year,
                    description = s.Description,
                    file = s.Path is null ? null : Path.GetFileName(s.Path),
                });
                console.Profile.Out.Writer.WriteLine(JsonSerializer.Serialize(rows));
                return ExitCodes.Success;
            }

            var table = new Table().Border(TableBorder.Simple).AddColumn("style").AddColumn("painting").AddColumn("artist").AddColumn("year").AddColumn("file");
            foreach (var style in catalog.Styles)
            {
                string name = style == catalog.DefaultStyle ? $"{style.Name} (default)" : style.Name;
                table.AddRow(
                    new Text(name),
                    new Text(style.Painting ?? style.Description),
                    new Text(style.Artist ?? ""),
                    new Text(style.Year ?? ""),
                    new Text(style.Path is null ? "(generated)" : Path.GetFileName(style.Path)));
            }

            PipedTable.Write(console, table);
            return ExitCodes.Success;
        });
        return command;
    }
}
