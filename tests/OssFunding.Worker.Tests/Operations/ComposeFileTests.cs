using System.Diagnostics;
using System.Text.RegularExpressions;
using OssFunding.Worker.Tests.Support;
using YamlDotNet.Core;
using YamlDotNet.Serialization;

namespace OssFunding.Worker.Tests.Operations;

/// <summary>
/// compose.yaml and its add-ons (deploy/compose.*.yaml), checked without Docker: the services are there, PostgreSQL
/// has a volume and a health check, every worker variable is a real setting, every secret comes from a file mounted
/// as a Docker secret, every file mounted exists in the repository, and no secret value is written in them.
/// </summary>
public sealed partial class ComposeFileTests
{
    private static readonly string Root = WorkerBinary.RepositoryRoot;

    private static readonly string[] AddOns = ["deploy/compose.executor.yaml", "deploy/compose.notifications.yaml", "deploy/compose.grafana.yaml"];

    [Fact]
    public void Compose_has_postgres_two_workers_and_prometheus()
    {
        var services = Map(Load("compose.yaml"), "services");
        Assert.Equal(["postgres", "prometheus", "worker-1", "worker-2"], services.Keys.Select(k => (string)k).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Postgres_is_a_current_major_with_a_named_volume_a_health_check_and_its_password_from_a_file()
    {
        var compose = Load("compose.yaml");
        var postgres = Map(Map(compose, "services"), "postgres");

        var image = Regex.Match(Scalar(postgres, "image"), @"^postgres:(\d+)");
        Assert.True(image.Success && int.Parse(image.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) >= 18,
            $"postgres image should be a current major (18 or later): {Scalar(postgres, "image")}");
        var volumes = List(postgres, "volumes").Cast<string>().ToList();
        Assert.Contains(volumes, v => v.Split(':')[0] is var source && Map(compose, "volumes").ContainsKey(source));
        Assert.Contains("pg_isready", string.Join(' ', List(Map(postgres, "healthcheck"), "test")), StringComparison.Ordinal);

        var environment = Environment(postgres);
        Assert.False(environment.ContainsKey("POSTGRES_PASSWORD"), "the password must come from POSTGRES_PASSWORD_FILE");
        Assert.Equal("/run/secrets/postgres_password", environment["POSTGRES_PASSWORD_FILE"]);
        Assert.Contains("postgres_password", List(postgres, "secrets").Cast<string>());
    }

    [Theory]
    [InlineData("worker-1")]
    [InlineData("worker-2")]
    public void Workers_are_built_from_the_dockerfile_run_on_postgres_and_wait_for_it(string name)
    {
        var worker = Map(Map(Load("compose.yaml"), "services"), name);
        Assert.Equal(".", Scalar(worker, "build"));
        Assert.True(File.Exists(Path.Combine(Root, "Dockerfile")));
        var environment = Environment(worker);
        Assert.Equal("Postgres", environment["Storage__Provider"]);
        Assert.Equal("/run/secrets/connection_string", environment["Storage__ConnectionStringFile"]);
        // The image sets a SQLite connection string; left in place it would conflict with the file (set X or XFile).
        Assert.Equal("", environment["Storage__ConnectionString"]);
        Assert.Equal("service_healthy", Scalar(Map(Map(worker, "depends_on"), "postgres"), "condition"));
    }

    [Theory]
    [InlineData("compose.yaml")]
    [InlineData("deploy/compose.executor.yaml")]
    [InlineData("deploy/compose.notifications.yaml")]
    public void Every_worker_variable_is_a_real_setting(string file)
    {
        var unknown = WorkerServices(Load(file))
            .SelectMany(worker => Environment(worker.Value).Keys.Select(key => (worker.Key, key)))
            .Where(pair => !SettingPaths.IsSetting(pair.key.Replace("__", ":", StringComparison.Ordinal)))
            .Select(pair => $"{pair.Item1}: {pair.key}")
            .ToList();
        Assert.True(unknown.Count == 0, $"{file}: variables that name no setting:\n{string.Join('\n', unknown)}");
    }

    [Fact]
    public void The_setting_check_refuses_what_is_not_a_setting()
    {
        Assert.True(SettingPaths.IsSetting("Storage:ConnectionStringFile"));
        Assert.True(SettingPaths.IsSetting("Chain:RpcUrls:0"));
        Assert.True(SettingPaths.IsSetting("Budget:Cycles:0:Caps:projects:LPT"));
        Assert.True(SettingPaths.IsSetting("Notifications:Delivery:MaxAttempts"));
        Assert.False(SettingPaths.IsSetting("Storage:Provder"));
        Assert.False(SettingPaths.IsSetting("Chain:RpcUrls:first"));
        Assert.False(SettingPaths.IsSetting("Chain"));
        Assert.False(SettingPaths.IsSetting("Safe:AddressFile")); // not a secret: no file form
        Assert.False(SettingPaths.IsSetting("Quartz:Clustered"));
    }

    [Theory]
    [InlineData("compose.yaml")]
    [InlineData("deploy/compose.executor.yaml")]
    [InlineData("deploy/compose.notifications.yaml")]
    [InlineData("deploy/compose.grafana.yaml")]
    public void Secrets_come_from_mounted_files_and_no_secret_value_is_written(string file)
    {
        var compose = Load(file);
        var declared = Map(compose, "secrets");
        var problems = new List<string>();
        foreach (var (name, service) in Map(compose, "services").Select(p => ((string)p.Key, (Dictionary<object, object?>)p.Value!)))
        {
            var mounted = service.ContainsKey("secrets") ? List(service, "secrets").Cast<string>().ToHashSet() : [];
            foreach (var (key, value) in Environment(service))
            {
                string path = key.Replace("__", ":", StringComparison.Ordinal);
                if (key.EndsWith("File", StringComparison.Ordinal) || key.EndsWith("_FILE", StringComparison.Ordinal))
                {
                    var secret = Regex.Match(value, "^/run/secrets/(?<name>[a-z_]+)$").Groups["name"].Value;
                    if (!mounted.Contains(secret) || (!declared.ContainsKey(secret) && !Map(Load("compose.yaml"), "secrets").ContainsKey(secret)))
                    {
                        problems.Add($"{name}: {key}={value} is not a secret the service mounts");
                    }
                }
                else if (SettingPaths.IsSecret(path) && value.Length > 0)
                {
                    problems.Add($"{name}: {key} is a secret and must come from {key}File");
                }
                else if (Regex.IsMatch(key, "PASSWORD|SECRET|TOKEN|APIKEY|API_KEY", RegexOptions.IgnoreCase) && value.Length > 0)
                {
                    problems.Add($"{name}: {key} looks like a secret written in the file");
                }
            }
        }

        foreach (var value in Scalars(compose))
        {
            if (LooksSecret().IsMatch(value))
            {
                problems.Add($"a value looks like a key, token or password: {value[..Math.Min(12, value.Length)]}…");
            }
        }

        Assert.True(problems.Count == 0, $"{file}:\n{string.Join('\n', problems)}");
    }

    [Fact]
    public void The_secret_check_notices_a_literal_secret()
    {
        Assert.True(SettingPaths.IsSecret("Api:AdminToken"));
        Assert.True(SettingPaths.IsSecret("Storage:ConnectionString"));
        Assert.True(SettingPaths.IsSecret("Notifications:Email:Password"));
        Assert.False(SettingPaths.IsSecret("Storage:Provider"));
        Assert.Matches(LooksSecret(), "0x" + new string('a', 64));
        Assert.Matches(LooksSecret(), "Host=db;Password=hunter2");
        Assert.DoesNotMatch(LooksSecret(), "${OSSFUNDING_SAFE_ADDRESS:?set it}");
    }

    [Theory]
    [InlineData("compose.yaml")]
    [InlineData("deploy/compose.executor.yaml")]
    [InlineData("deploy/compose.notifications.yaml")]
    [InlineData("deploy/compose.grafana.yaml")]
    public void Every_secret_file_lies_in_the_git_ignored_secrets_folder(string file)
    {
        foreach (var (name, secret) in Map(Load(file), "secrets").Select(p => ((string)p.Key, (Dictionary<object, object?>)p.Value!)))
        {
            Assert.Equal($"./deploy/secrets/{name}", Scalar(secret, "file"));
        }

        Assert.Equal(["*", "!.gitignore"], File.ReadAllLines(Path.Combine(Root, "deploy/secrets/.gitignore"))
            .Where(line => line.Length > 0 && !line.StartsWith('#')));
    }

    [Fact]
    public void Create_secrets_writes_every_secret_of_compose_yaml_and_the_grafana_add_on_once_with_a_matching_database_password()
    {
        var folder = Path.Combine(Directory.CreateTempSubdirectory("ossfunding-secrets-").FullName, "secrets");
        try
        {
            RunScript(folder);
            var expected = Map(Load("compose.yaml"), "secrets").Keys.Concat(Map(Load("deploy/compose.grafana.yaml"), "secrets").Keys)
                .Cast<string>().Order(StringComparer.Ordinal);
            Assert.Equal(expected, Directory.GetFiles(folder).Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal));
            var password = File.ReadAllText(Path.Combine(folder, "postgres_password"));
            Assert.Matches("^[0-9a-f]{64}$", password);
            Assert.Equal($"Host=postgres;Port=5432;Database=ossfunding;Username=ossfunding;Password={password}",
                File.ReadAllText(Path.Combine(folder, "connection_string")));
            Assert.NotEqual(File.ReadAllText(Path.Combine(folder, "admin_token")), File.ReadAllText(Path.Combine(folder, "read_token")));

            var before = Directory.GetFiles(folder).ToDictionary(f => f, File.ReadAllText);
            RunScript(folder);
            Assert.All(before, pair => Assert.Equal(pair.Value, File.ReadAllText(pair.Key)));
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(folder)!, recursive: true);
        }
    }

    [Fact]
    public void The_secrets_written_by_hand_are_explained_in_the_operations_guide()
    {
        var guide = File.ReadAllText(Path.Combine(Root, "docs/operations.md"));
        foreach (var file in AddOns)
        {
            foreach (var name in Map(Load(file), "secrets").Keys.Cast<string>())
            {
                Assert.Contains($"deploy/secrets/{name}", guide, StringComparison.Ordinal);
            }

            Assert.Contains(file, guide, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Prometheus_mounts_files_of_the_repository_and_scrapes_both_workers()
    {
        var prometheus = Map(Map(Load("compose.yaml"), "services"), "prometheus");
        var binds = List(prometheus, "volumes").Cast<string>().Where(v => v.StartsWith("./", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, binds.Count);
        foreach (var bind in binds)
        {
            var source = bind.Split(':')[0];
            Assert.True(File.Exists(Path.Combine(Root, source)), $"{source} is mounted but not in the repository");
        }

        var config = Load("deploy/prometheus/prometheus.yml");
        var job = Assert.Single(List(config, "scrape_configs").Cast<Dictionary<object, object?>>());
        Assert.Equal("ossfunding-worker", Scalar(job, "job_name"));
        var targets = List((Dictionary<object, object?>)List(job, "static_configs")[0]!, "targets").Cast<string>();
        Assert.Equal(["worker-1:8080", "worker-2:8080"], targets);
        Assert.Equal(["alerts.yml"], List(config, "rule_files").Cast<string>());
    }

    [Fact]
    public void Grafana_add_on_provisions_the_shipped_dashboard_and_the_prometheus_of_compose_yaml()
    {
        var grafana = Map(Map(Load("deploy/compose.grafana.yaml"), "services"), "grafana");
        var binds = List(grafana, "volumes").Cast<string>().Where(v => v.StartsWith("./", StringComparison.Ordinal))
            .Select(v => v.Split(':')).ToDictionary(parts => parts[0], parts => parts[1]);
        Assert.All(binds.Keys, source => Assert.True(File.Exists(Path.Combine(Root, source)), $"{source} is mounted but not in the repository"));
        Assert.Contains("./deploy/grafana/ossfunding-worker.json", binds.Keys);
        Assert.Contains("prometheus", List(grafana, "depends_on").Cast<string>());

        // The dashboard provider reads the folder the dashboard is mounted into; the data source is compose.yaml's Prometheus.
        var provider = (Dictionary<object, object?>)List(Load("deploy/grafana/provisioning/dashboards.yaml"), "providers").Single()!;
        Assert.Equal(Path.GetDirectoryName(binds["./deploy/grafana/ossfunding-worker.json"]), Scalar(Map(provider, "options"), "path"));
        var source = (Dictionary<object, object?>)List(Load("deploy/grafana/provisioning/datasources.yaml"), "datasources").Single()!;
        Assert.Equal("prometheus", Scalar(source, "type"));
        Assert.Equal("http://prometheus:9090", Scalar(source, "url"));
        Assert.Contains("prometheus", Map(Load("compose.yaml"), "services").Keys.Cast<string>());
    }

    private static void RunScript(string folder)
    {
        var start = new ProcessStartInfo("bash", [Path.Combine(Root, "deploy/create-secrets.sh"), folder]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, output);
    }

    private static IEnumerable<KeyValuePair<string, Dictionary<object, object?>>> WorkerServices(Dictionary<object, object?> compose) =>
        Map(compose, "services")
            .Where(pair => ((string)pair.Key).StartsWith("worker-", StringComparison.Ordinal))
            .Select(pair => new KeyValuePair<string, Dictionary<object, object?>>((string)pair.Key, (Dictionary<object, object?>)pair.Value!));

    /// <summary>Merge keys (<c>&lt;&lt;: *worker</c>) applied, as compose does.</summary>
    internal static Dictionary<object, object?> Load(string file)
    {
        using var reader = new StringReader(File.ReadAllText(Path.Combine(Root, file)));
        return new DeserializerBuilder().Build().Deserialize<Dictionary<object, object?>>(new MergingParser(new Parser(reader)));
    }

    private static Dictionary<object, object?> Map(Dictionary<object, object?> map, string key) =>
        map.TryGetValue(key, out var value) && value is Dictionary<object, object?> child ? child : throw new Xunit.Sdk.XunitException($"no mapping '{key}'");

    private static List<object?> List(Dictionary<object, object?> map, string key) =>
        map.TryGetValue(key, out var value) && value is List<object?> child ? child : throw new Xunit.Sdk.XunitException($"no list '{key}'");

    private static string Scalar(Dictionary<object, object?> map, string key) =>
        map.TryGetValue(key, out var value) && value is string text ? text : throw new Xunit.Sdk.XunitException($"no value '{key}'");

    private static Dictionary<string, string> Environment(Dictionary<object, object?> service) =>
        service.TryGetValue("environment", out var value) && value is Dictionary<object, object?> map
            ? map.ToDictionary(p => (string)p.Key, p => (string?)p.Value ?? "", StringComparer.Ordinal)
            : [];

    private static IEnumerable<string> Scalars(object? node) => node switch
    {
        string text => [text],
        Dictionary<object, object?> map => map.Values.SelectMany(Scalars),
        List<object?> list => list.SelectMany(Scalars),
        _ => [],
    };

    /// <summary>A private key or 32-byte hex token, a password in a connection string, a bearer token.</summary>
    [GeneratedRegex(@"(0x)?[0-9a-fA-F]{64}|(Password|Pwd)\s*=\s*[^;$\s]|Bearer\s+\S", RegexOptions.IgnoreCase)]
    private static partial Regex LooksSecret();
}
