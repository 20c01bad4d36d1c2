using System.Globalization;
using System.Text;
using Nethereum.Util;

/// <summary>Deterministic valid allocation rows for the <c>import</c> benchmark: 10 registered projects, 12 months, LPT and USDC.</summary>
internal sealed record ImportBenchmarkData(IReadOnlyList<ImportBenchmarkData.Row> Rows, IReadOnlyList<(string Name, string Recipient)> Projects)
{
    public static readonly string Safe = Address(0x5afe);

    public sealed record Row(string Id, string Period, string Project, string Recipient, string Token, string Amount, string ApprovalRef, string Memo);

    public static ImportBenchmarkData Create(int count)
    {
        var projects = Enumerable.Range(1, 10).Select(i => ($"project-{i}", Address(i))).ToList();
        var rows = Enumerable.Range(0, count).Select(i =>
        {
            var (name, recipient) = projects[i % projects.Count];
            var usdc = i % 3 == 0;
            var amount = usdc ? $"{i % 997 + 1}.{i % 1_000_000:D6}" : $"{i % 89 + 1}.{i:D18}";
            return new Row($"bench-{i:D6}", $"2025-{i % 12 + 1:D2}", name, recipient, usdc ? "USDC" : "LPT", amount,
                $"https://forum.livepeer.org/t/open-source-funding/{i % 50}", $"benchmark row {i}");
        }).ToList();
        return new ImportBenchmarkData(rows, projects);
    }

    public ImportBenchmarkData WithRows(int count) => this with { Rows = Rows.Take(count).ToList() };

    public string ProjectsCsv =>
        "name,recipient,proof_url,effective_from\n" +
        string.Concat(Projects.Select(project => $"{project.Name},{project.Recipient},https://github.com/{project.Name},2024-01-01\n"));

    public string AllocationsCsv
    {
        get
        {
            var text = new StringBuilder("id,period,project,category,recipient,token,amount,approval_ref,memo\n");
            foreach (var row in Rows)
            {
                text.Append(CultureInfo.InvariantCulture, $"{row.Id},{row.Period},{row.Project},projects,{row.Recipient},{row.Token},{row.Amount},{row.ApprovalRef},{row.Memo}\n");
            }

            return text.ToString();
        }
    }

    /// <summary>A devnet-style address with a real EIP-55 checksum (computed, never typed).</summary>
    private static string Address(int seed) =>
        AddressUtil.Current.ConvertToChecksumAddress("0x" + new Sha3Keccack().CalculateHash(seed.ToString(CultureInfo.InvariantCulture))[..40]);
}
