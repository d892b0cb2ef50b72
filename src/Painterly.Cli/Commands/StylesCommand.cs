using System.CommandLine;
using Painterly.Core.Styles;
using Spectre.Console;

namespace Painterly.Cli.Commands;

/// <summary><c>painterly styles</c>: lists the built-in styles.</summary>
internal static class StylesCommand
{
    public static Command Create(IAnsiConsole console)
    {
        var command = new Command("styles", "List the built-in styles.");
        command.SetAction(_ =>
        {
            var catalog = StyleCatalog.Default;
            var table = new Table().Border(TableBorder.Simple).AddColumn("style").AddColumn("description").AddColumn("file");
            foreach (var style in catalog.Styles)
            {
                string name = style == catalog.DefaultStyle ? $"{style.Name} (default)" : style.Name;
                table.AddRow(new Text(name), new Text(style.Description), new Text(style.Path is null ? "(generated)" : Path.GetFileName(style.Path)));
            }

            PipedTable.Write(console, table);
            return ExitCodes.Success;
        });
        return command;
    }
}
