namespace Entente.Cli.Backups;

/// <summary>
/// A private temporary directory (owner only: it holds a copy of the database and keys), removed when disposed.
/// </summary>
public sealed class BackupStaging : IDisposable
{
    public BackupStaging()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "entente-backup-" + Guid.NewGuid().ToString("N"));
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(Path);
        }
        else
        {
            Directory.CreateDirectory(Path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open; the temporary directory is cleaned by the system.
        }
    }
}
