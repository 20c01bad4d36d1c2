using System.Globalization;
using OssFunding.Devnet;
using OssFunding.Safe.Transactions;

/// <summary>
/// <c>gas</c>: gas per payment of Safe batches (1, 10, 50, 100 payments) against the marginal gas of a bare
/// ERC-20 transfer measured in the same run, for both Safe versions. Prints a markdown table.
/// Exit code 3 when a 100-payment batch costs more than 1.15 × the bare transfer per payment.
/// Options: --versions 1.3.0,1.4.1   --batches 1,10,50,100
/// </summary>
internal static class GasBenchmark
{
    private const double TargetRatioAt100 = 1.15;

    public static async Task<int> RunAsync(string[] args)
    {
        if (!TryParse(args, out var versions, out var batches, out var error))
        {
            Console.Error.WriteLine($"gas: {error}");
            Console.Error.WriteLine("usage: gas [--versions 1.3.0,1.4.1] [--batches 1,10,50,100]");
            return 2;
        }

        await using var chain = await DevnetChain.StartAsync();
        var targetMissed = false;
        Console.WriteLine("| Safe | payments | tx gas | gas / payment | bare transfer marginal | ratio |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|");
        foreach (var version in versions)
        {
            var world = await DevnetWorld.DeployAsync(chain, version);
            var measurement = new GasMeasurement(world);
            var bare = await measurement.BareTransferMarginalGasAsync();
            foreach (var payments in batches)
            {
                var gas = await measurement.SafeBatchGasAsync(payments);
                var perPayment = (double)gas / payments;
                var ratio = perPayment / bare;
                targetMissed |= payments == 100 && ratio > TargetRatioAt100;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {version.ToVersionString()} | {payments} | {gas:N0} | {perPayment:N0} | {bare:N0} | {ratio:F3} |"));
            }
        }

        Console.WriteLine();
        Console.WriteLine(targetMissed
            ? $"Target missed: a 100-payment batch costs more than {TargetRatioAt100} × the bare transfer per payment."
            : $"Target met (or not measured): 100-payment batches within {TargetRatioAt100} × the bare transfer per payment.");
        return targetMissed ? 3 : 0;
    }

    private static bool TryParse(string[] args, out IReadOnlyList<SafeVersion> versions, out IReadOnlyList<int> batches, out string error)
    {
        versions = [SafeVersion.V130, SafeVersion.V141];
        batches = [1, 10, 50, 100];
        error = "";
        for (var i = 0; i < args.Length; i += 2)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            if (value is null)
            {
                error = $"option '{args[i]}' needs a value";
                return false;
            }

            try
            {
                switch (args[i])
                {
                    case "--versions":
                        versions = [.. value.Split(',').Select(SafeVersions.Parse)];
                        break;
                    case "--batches":
                        batches = [.. value.Split(',').Select(ParseBatchSize)];
                        break;
                    default:
                        error = $"unknown option '{args[i]}'";
                        return false;
                }
            }
            catch (Exception e) when (e is NotSupportedException or FormatException)
            {
                error = e.Message;
                return false;
            }
        }

        return true;
    }

    private static int ParseBatchSize(string text)
        => int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var size) && size is >= 1 and <= 500
            ? size
            : throw new FormatException($"batch size '{text}' is not a whole number from 1 to 500");
}
