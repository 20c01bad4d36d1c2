namespace OssFunding.Reports.Rendering;

/// <summary>
/// A report laid out for reading, independent of the output format: sections of paragraphs, tables and charts.
/// Markdown and HTML render the same document, so they always carry the same content. Text here is raw (never
/// pre-escaped); each renderer escapes it for its format.
/// </summary>
internal sealed record ReportDocument(string Title, IReadOnlyList<Paragraph> Intro, IReadOnlyList<Section> Sections);

internal sealed record Section(string Heading, IReadOnlyList<Paragraph> Paragraphs, Table? Table, IReadOnlyList<BarChart> Charts)
{
    public static Section Of(string heading, Table table, params Paragraph[] paragraphs) => new(heading, paragraphs, table, []);
}

/// <summary>A run of text pieces, some of them links.</summary>
internal sealed record Paragraph(IReadOnlyList<Cell> Pieces)
{
    public static Paragraph Text(string text) => new([new Cell(text)]);

    public static Paragraph Of(params Cell[] pieces) => new(pieces);
}

/// <summary>A piece of text. <see cref="Link"/> is used only when it is an absolute http(s) URL; <see cref="Code"/> renders monospace.</summary>
internal sealed record Cell(string Text, string? Link = null, bool Code = false)
{
    public static implicit operator Cell(string text) => new(text);
}

/// <param name="RightAligned">Per column: numbers are right-aligned.</param>
internal sealed record Table(IReadOnlyList<string> Columns, IReadOnlyList<bool> RightAligned, IReadOnlyList<IReadOnlyList<Cell>> Rows, string EmptyText);

/// <summary>Horizontal bars (HTML only; the same figures are in the section's table). Values are exact decimals.</summary>
internal sealed record BarChart(string Title, string Unit, IReadOnlyList<Bar> Bars);

/// <param name="Value">Length of the filled bar.</param>
/// <param name="Whole">Length of the background bar (e.g. the cap); equal to the value when there is no whole.</param>
internal sealed record Bar(string Label, decimal Value, decimal Whole, string Caption);

/// <summary>Builds tables row by row, keeping column alignment next to the header.</summary>
internal sealed class TableBuilder
{
    private readonly List<string> columns = [];
    private readonly List<bool> rightAligned = [];
    private readonly List<IReadOnlyList<Cell>> rows = [];

    public TableBuilder Column(string name, bool numeric = false)
    {
        columns.Add(name);
        rightAligned.Add(numeric);
        return this;
    }

    public TableBuilder Row(params Cell[] cells)
    {
        if (cells.Length != columns.Count)
        {
            throw new InvalidOperationException($"A row of {cells.Length} cells in a table of {columns.Count} columns.");
        }

        rows.Add(cells);
        return this;
    }

    public Table Build(string emptyText) => new(columns, rightAligned, rows, emptyText);
}
