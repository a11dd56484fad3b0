using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace WrongOverWrong.MainJob.Tests;

/// <summary>
/// Proof that other .NET apps can use the packages as published: pack the three src projects into
/// a temporary folder, build a console project that references them from that folder only (plus
/// nuget.org for their dependencies and the native libtorch CPU package), and run a few lines of
/// public API: a TorchSharp call, a metric, and the pipeline on a tiny size with the shipped model.
/// </summary>
public sealed class ConsumerPackageTests
{
    private const string LibTorchVersion = "2.10.0";

    [Fact]
    public async Task PackedPackages_WorkInAFreshConsoleProject()
    {
        string root = RepositoryPaths.FindRoot() ?? throw new InvalidOperationException("No WrongOverWrong.sln above the test.");
        string model = RepositoryPaths.FromRoot(RepositoryPaths.ShippedModelRelative);
        Assert.True(File.Exists(Path.Combine(model, "config.json")), $"The shipped model is missing from {model}.");
        string configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Debug{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Debug" : "Release";

        // A version no earlier run used, so the global package cache cannot serve a stale copy.
        string version = string.Create(CultureInfo.InvariantCulture, $"0.1.0-consumer.{DateTime.UtcNow:yyyyMMddHHmmss}{Random.Shared.Next(1000):D3}");
        string temp = Directory.CreateTempSubdirectory("wow-consumer-").FullName;
        try
        {
            string feed = Path.Combine(temp, "feed");
            foreach (string package in new[] { "WrongOverWrong.Metrics", "WrongOverWrong.Core", "WrongOverWrong.Training" })
            {
                bool built = File.Exists(Path.Combine(root, "src", package, "bin", configuration, "net10.0", package + ".dll"));
                await RunAsync(root, "dotnet", ["pack", $"src/{package}/{package}.csproj", "-c", configuration, "-o", feed, $"-p:Version={version}", .. built ? new[] { "--no-build" } : []]);
            }

            Assert.Equal(3, Directory.GetFiles(feed, "*.nupkg").Count(f => !f.EndsWith(".snupkg", StringComparison.Ordinal)));

            string consumer = Path.Combine(temp, "consumer");
            Directory.CreateDirectory(consumer);
            await File.WriteAllTextAsync(Path.Combine(consumer, "nuget.config"), $"""
                <?xml version="1.0" encoding="utf-8"?>
                <configuration>
                  <packageSources>
                    <clear />
                    <add key="local" value="{feed}" />
                    <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
                  </packageSources>
                  <packageSourceMapping>
                    <packageSource key="local"><package pattern="WrongOverWrong.*" /></packageSource>
                    <packageSource key="nuget.org"><package pattern="*" /></packageSource>
                  </packageSourceMapping>
                </configuration>
                """);
            await File.WriteAllTextAsync(Path.Combine(consumer, "Consumer.csproj"), $"""
                <Project Sdk="Microsoft.NET.Sdk">
                  <PropertyGroup>
                    <OutputType>Exe</OutputType>
                    <TargetFramework>net10.0</TargetFramework>
                    <Nullable>enable</Nullable>
                    <ImplicitUsings>enable</ImplicitUsings>
                    <NoWarn>$(NoWarn);NU1603</NoWarn>
                  </PropertyGroup>
                  <ItemGroup>
                    <PackageReference Include="WrongOverWrong.Training" Version="{version}" />
                    <PackageReference Include="libtorch-cpu-linux-x64" Version="{LibTorchVersion}" />
                  </ItemGroup>
                </Project>
                """);
            File.Copy(Path.Combine(AppContext.BaseDirectory, "Consumer", "Program.cs.txt"), Path.Combine(consumer, "Program.cs"));

            await RunAsync(consumer, "dotnet", ["build", "-c", "Release", "-nologo"]);
            string output = await RunAsync(consumer, "dotnet", ["bin/Release/net10.0/Consumer.dll", model, Path.Combine(temp, "run")]);
            Assert.Contains("torch sum 6", output, StringComparison.Ordinal);
            Assert.Contains("ece 0.290", output, StringComparison.Ordinal);
            Assert.Contains("pipeline answers 12", output, StringComparison.Ordinal);
            Assert.Contains("pipeline reports", output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(temp, recursive: true);
            string cache = Environment.GetEnvironmentVariable("NUGET_PACKAGES") ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
            foreach (string package in new[] { "wrongoverwrong.metrics", "wrongoverwrong.core", "wrongoverwrong.training" })
            {
                string folder = Path.Combine(cache, package, version);
                if (Directory.Exists(folder))
                {
                    Directory.Delete(folder, recursive: true);
                }
            }
        }
    }

    private static async Task<string> RunAsync(string directory, string file, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(file) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(start)!;
        var output = new StringBuilder();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        output.Append(await stdout).Append(await stderr);
        Assert.True(process.ExitCode == 0, $"'{file} {string.Join(' ', start.ArgumentList)}' in {directory} exited with {process.ExitCode}:\n{output}");
        return output.ToString();
    }
}
