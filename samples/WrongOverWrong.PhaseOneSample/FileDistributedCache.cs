using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Caching.Distributed;

namespace WrongOverWrong.Samples.PhaseOne;

/// <summary>
/// A distributed cache kept as one file per entry, so that judge replies survive the process: a
/// run cancelled while judging resumes without paying for the verdicts it already has. Expiry
/// options are ignored (entries live as long as the run folder).
/// </summary>
internal sealed class FileDistributedCache : IDistributedCache
{
    private readonly string _folder;

    public FileDistributedCache(string folder)
    {
        _folder = folder;
        Directory.CreateDirectory(folder);
    }

    public byte[]? Get(string key) => File.Exists(PathOf(key)) ? File.ReadAllBytes(PathOf(key)) : null;

    public async Task<byte[]?> GetAsync(string key, CancellationToken token = default) =>
        File.Exists(PathOf(key)) ? await File.ReadAllBytesAsync(PathOf(key), token) : null;

    public void Set(string key, byte[] value, DistributedCacheEntryOptions options)
    {
        var temporary = PathOf(key) + "." + Guid.NewGuid().ToString("N") + ".tmp";
        File.WriteAllBytes(temporary, value);
        File.Move(temporary, PathOf(key), overwrite: true);
    }

    public async Task SetAsync(string key, byte[] value, DistributedCacheEntryOptions options, CancellationToken token = default)
    {
        // Written aside and moved into place, so a crash never leaves a half entry to replay.
        var temporary = PathOf(key) + "." + Guid.NewGuid().ToString("N") + ".tmp";
        await File.WriteAllBytesAsync(temporary, value, token);
        File.Move(temporary, PathOf(key), overwrite: true);
    }

    public void Refresh(string key)
    {
    }

    public Task RefreshAsync(string key, CancellationToken token = default) => Task.CompletedTask;

    public void Remove(string key) => File.Delete(PathOf(key));

    public Task RemoveAsync(string key, CancellationToken token = default)
    {
        Remove(key);
        return Task.CompletedTask;
    }

    // Keys can be long or hold characters a file name may not: name files by the key's hash.
    private string PathOf(string key) =>
        Path.Combine(_folder, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key))) + ".json");
}
