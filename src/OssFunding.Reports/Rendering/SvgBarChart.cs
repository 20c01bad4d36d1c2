using System.Globalization;
using System.Text;

namespace OssFunding.Reports.Rendering;

/// <summary>
/// An inline SVG horizontal bar chart. Geometry is computed with decimal and rounded to 2 places, so the same figures
/// always draw the same bytes. Each bar's background is its whole (e.g. the cap), the filled part its value.
/// </summary>
internal static class SvgBarChart
{
    private const decimal LabelWidth = 220m;
    private const decimal BarWidth = 420m;
    private const decimal CaptionWidth = 260m;
    private const decimal RowHeight = 24m;
    private const decimal BarHeight = 14m;

    public static string Render(BarChart chart)
    {
        if (chart.Bars.Count == 0)
        {
            return "";
        }

        var scale = chart.Bars.Max(bar => Math.Max(bar.Whole, bar.Value));
        var width = LabelWidth + BarWidth + CaptionWidth;
        var height = RowHeight * chart.Bars.Count + 8m;
        var svg = new StringBuilder();
        svg.Append("<figure>\n<figcaption>").Append(HtmlRenderer.Encode(chart.Title)).Append("</figcaption>\n")
            .Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"{N(width)}\" height=\"{N(height)}\" viewBox=\"0 0 {N(width)} {N(height)}\">\n")
            .Append("<title>").Append(HtmlRenderer.Encode(chart.Title)).Append("</title>\n");
        for (var i = 0; i < chart.Bars.Count; i++)
        {
            var bar = chart.Bars[i];
            var y = RowHeight * i + 4m;
            var textY = y + BarHeight - 2m;
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"0\" y=\"{N(textY)}\">{HtmlRenderer.Encode(bar.Label)}</text>")
                .Append(CultureInfo.InvariantCulture, $"<rect x=\"{N(LabelWidth)}\" y=\"{N(y)}\" width=\"{N(Length(bar.Whole, scale))}\" height=\"{N(BarHeight)}\" fill=\"#d8dee4\"/>")
                .Append(CultureInfo.InvariantCulture, $"<rect x=\"{N(LabelWidth)}\" y=\"{N(y)}\" width=\"{N(Length(bar.Value, scale))}\" height=\"{N(BarHeight)}\" fill=\"{(bar.Value > bar.Whole ? "#cf222e" : "#2da44e")}\"/>")
                .Append(CultureInfo.InvariantCulture, $"<text x=\"{N(LabelWidth + BarWidth + 8m)}\" y=\"{N(textY)}\">{HtmlRenderer.Encode(bar.Caption)}</text>\n");
        }

        return svg.Append("</svg>\n<p>").Append(HtmlRenderer.Encode(chart.Unit)).Append("</p>\n</figure>\n").ToString();
    }

    private static decimal Length(decimal value, decimal scale) =>
        scale <= 0m ? 0m : Math.Round(BarWidth * Math.Min(value, scale) / scale, 2, MidpointRounding.AwayFromZero);

    private static string N(decimal value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
