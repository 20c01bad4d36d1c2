// Each benchmark lives in its own file and registers itself here by name.
var benchmarks = new Dictionary<string, Func<string[], Task<int>>>(StringComparer.Ordinal)
{
    ["catchup"] = OssFunding.Bench.CatchUp.CatchUpBenchmark.RunAsync,
    ["gas"] = GasBenchmark.RunAsync,
    ["import"] = ImportBenchmark.RunAsync,
    ["watcher"] = WatcherBenchmark.RunAsync,
};

if (args.Length == 0 || !benchmarks.TryGetValue(args[0], out var run))
{
    Console.Error.WriteLine($"usage: OssFunding.Bench <{string.Join('|', benchmarks.Keys)}> [options]");
    return 1;
}

return await run(args[1..]);
