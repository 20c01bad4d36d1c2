using System.Reflection;

namespace OssFunding.Worker.Pages;

/// <summary>
/// The pages' own stylesheet and script, embedded in the worker's assembly at build time (Pages/Assets): served by
/// the worker itself, never fetched from a CDN or any other origin at run time.
/// </summary>
internal static class PageAssets
{
    public static readonly string Css = Read("pages.css");

    public static readonly string SignerScript = Read("signer.js");

    private static string Read(string name)
    {
        using Stream stream = Assembly.GetExecutingAssembly().GetManifestResourceStream($"OssFunding.Worker.Pages.Assets.{name}")
            ?? throw new InvalidOperationException($"embedded page asset {name} is missing from the build");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
