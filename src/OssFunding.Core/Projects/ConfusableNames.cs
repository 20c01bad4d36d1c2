using OssFunding.Core.Allocations;
using OssFunding.Core.Text;

namespace OssFunding.Core.Projects;

/// <summary>
/// A new project name must not be confusable (UTS #39 skeleton) with a registered one or with another new one in the
/// same file, so that an allocation to "FFmрeg" (Cyrillic р) cannot pass for one to "FFmpeg" (SPEC §14). A row that
/// names the other project in <c>distinct_from</c> says it is a different project on purpose and is accepted.
/// </summary>
internal static class ConfusableNames
{
    public static IReadOnlyList<ImportError> Check(IEnumerable<string> registeredNames, IReadOnlyList<ProjectEntry> entries)
    {
        var known = registeredNames.Distinct(StringComparer.Ordinal).ToDictionary(name => name, ProjectNameText.Skeleton, StringComparer.Ordinal);
        var errors = new List<ImportError>();
        foreach (var entry in entries)
        {
            var name = entry.Project.Name;
            if (known.ContainsKey(name))
            {
                CheckUnneededMarker(entry, known, errors);
                continue;
            }

            var skeleton = ProjectNameText.Skeleton(name);
            var lookalikes = known.Where(other => other.Value == skeleton).Select(other => other.Key).ToList();
            foreach (var lookalike in lookalikes.Where(lookalike => lookalike != entry.DistinctFrom))
            {
                errors.Add(entry.Source.Error("name",
                    $"project '{DisplayText.Escape(name)}' is confusable with the project '{lookalike}' ({Difference(name, lookalike)}): " +
                    $"if it is a different project, say so with the column {ProjectValidator.DistinctFrom} = {lookalike}"));
            }

            if (entry.DistinctFrom is { } marker && !lookalikes.Contains(marker, StringComparer.Ordinal))
            {
                errors.Add(entry.Source.Error(ProjectValidator.DistinctFrom,
                    $"'{DisplayText.Escape(marker)}' is not a project confusable with '{DisplayText.Escape(name)}': leave {ProjectValidator.DistinctFrom} empty"));
            }

            known[name] = skeleton;
        }

        return errors;
    }

    // A marker on a name that is already registered is left over from the row that registered it: nothing to check.
    private static void CheckUnneededMarker(ProjectEntry entry, Dictionary<string, string> known, List<ImportError> errors)
    {
        if (entry.DistinctFrom is { } marker && !known.ContainsKey(marker))
        {
            errors.Add(entry.Source.Error(ProjectValidator.DistinctFrom, $"'{DisplayText.Escape(marker)}' is not a registered project"));
        }
    }

    /// <summary>"character 4 is U+0440 CYRILLIC SMALL LETTER ER where 'FFmpeg' has U+0070 LATIN SMALL LETTER P".</summary>
    private static string Difference(string name, string other)
    {
        var (mine, theirs) = (Runes(name), Runes(other));
        for (var i = 0; i < Math.Min(mine.Count, theirs.Count); i++)
        {
            if (mine[i] != theirs[i])
            {
                return $"character {i + 1} is U+{mine[i]:X4} {UnicodeNames.Of(mine[i])} where '{other}' has U+{theirs[i]:X4} {UnicodeNames.Of(theirs[i])}";
            }
        }

        return "they look alike";
    }

    private static List<int> Runes(string text) => text.EnumerateRunes().Select(rune => rune.Value).ToList();
}
