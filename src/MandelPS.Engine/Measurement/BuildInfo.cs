using System.Reflection;
using System.Security.Cryptography;

namespace MandelPS.Engine.Measurement;

/// <summary>
/// Which build of MandelPS ran something: its version, the commit it was built from when the build knew it
/// (the SDK stamps it from git into the informational version), and a hash of its engine assembly, so two
/// builds of one commit with different code (a local change) are told apart, and two folders of one build
/// are known to be the same.
/// </summary>
public sealed record BuildInfo(string Version, string Commit, string EngineHash)
{
    private static readonly Lazy<BuildInfo> Captured = new(Capture);

    /// <summary>This process's build.</summary>
    public static BuildInfo Current => Captured.Value;

    /// <summary>"0.2.0+1a2b3c4d5e6f (engine 0123456789ab)".</summary>
    public override string ToString() => $"{Version}{(Commit.Length > 0 ? "+" + Commit : "")} (engine {EngineHash})";

    private static BuildInfo Capture()
    {
        var assembly = typeof(BuildInfo).Assembly;
        var informational = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "";
        var plus = informational.IndexOf('+', StringComparison.Ordinal);
        var version = plus < 0 ? informational : informational[..plus];
        var commit = plus < 0 ? "" : informational[(plus + 1)..];
        commit = commit.Length > 12 ? commit[..12] : commit;
        return new BuildInfo(version.Length > 0 ? version : assembly.GetName().Version?.ToString() ?? "", commit, Hash(assembly));
    }

    private static string Hash(Assembly assembly)
    {
#pragma warning disable IL3000 // a single-file app has no assembly file to hash
        var location = assembly.Location;
#pragma warning restore IL3000
        if (location.Length == 0 || !File.Exists(location))
        {
            return "unknown";
        }

        using var file = File.OpenRead(location);
        return Convert.ToHexString(SHA256.HashData(file))[..12].ToLowerInvariant();
    }
}
