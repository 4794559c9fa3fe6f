namespace Entente.Infrastructure;

/// <summary>Configuration section <c>Entente</c>: where the platform keeps its files and a few domain constants.</summary>
public sealed class PlatformOptions
{
    public const string Section = "Entente";

    /// <summary>Directory for the SQLite database, keys and uploads; relative paths are under the content root.</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>The coalition's founding date: no status or record may be dated before it.</summary>
    public DateOnly CoalitionFounded { get; set; } = new(2025, 3, 2);

    /// <summary>Public base address, used in links that leave the platform (calendar feeds, e-mails).</summary>
    public Uri? PublicBaseUrl { get; set; }

    public static PlatformOptions Bind(IConfiguration configuration, string contentRoot)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = configuration.GetSection(Section).Get<PlatformOptions>() ?? new PlatformOptions();
        if (!Path.IsPathRooted(options.DataDirectory))
        {
            options.DataDirectory = Path.GetFullPath(Path.Combine(contentRoot, options.DataDirectory));
        }

        return options;
    }
}
