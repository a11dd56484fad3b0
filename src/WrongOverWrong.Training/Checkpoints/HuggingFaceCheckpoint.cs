using System.Text.Json;
using System.Text.Json.Nodes;
using static TorchSharp.torch;

namespace WrongOverWrong.Training.Checkpoints;

/// <summary>
/// The weights of a Hugging Face model folder: a single <c>model.safetensors</c>, or shards listed
/// by <c>model.safetensors.index.json</c>. Tensors are read one at a time so loading never holds a
/// second copy of the model. Shard file names from the index must be plain names inside the folder.
/// </summary>
public sealed class HuggingFaceCheckpoint : IDisposable
{
    /// <summary>The single-file weights name.</summary>
    public const string SingleFileName = "model.safetensors";

    /// <summary>The shard index name.</summary>
    public const string IndexFileName = "model.safetensors.index.json";

    private readonly Dictionary<string, SafetensorsFile> fileByTensor;
    private readonly List<SafetensorsFile> files;

    private HuggingFaceCheckpoint(Dictionary<string, SafetensorsFile> fileByTensor, List<SafetensorsFile> files)
    {
        this.fileByTensor = fileByTensor;
        this.files = files;
    }

    /// <summary>All tensor names in the checkpoint.</summary>
    public IReadOnlyCollection<string> Names => fileByTensor.Keys;

    /// <summary>The header entry of one tensor.</summary>
    public SafetensorsTensorInfo Info(string name) => FileOf(name).Tensors[name];

    /// <summary>Reads one tensor to a new CPU tensor in the file's dtype.</summary>
    public Tensor Read(string name) => FileOf(name).Read(name);

    private SafetensorsFile FileOf(string name) =>
        fileByTensor.TryGetValue(name, out SafetensorsFile? file)
            ? file
            : throw new KeyNotFoundException($"The checkpoint has no tensor named '{name}'.");

    /// <summary>Opens the weights of a Hugging Face folder (single file preferred, else the shard index).</summary>
    /// <param name="directory">The model folder.</param>
    /// <exception cref="FileNotFoundException">Neither weights file exists (pickle <c>.bin</c> files are not supported).</exception>
    /// <exception cref="InvalidDataException">A file is malformed, or the index and shards disagree.</exception>
    public static HuggingFaceCheckpoint Open(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        string single = Path.Combine(directory, SingleFileName);
        string index = Path.Combine(directory, IndexFileName);
        var files = new List<SafetensorsFile>();
        var map = new Dictionary<string, SafetensorsFile>(StringComparer.Ordinal);
        try
        {
            if (File.Exists(single))
            {
                SafetensorsFile file = SafetensorsFile.Open(single);
                files.Add(file);
                foreach (string name in file.Tensors.Keys)
                {
                    map[name] = file;
                }
            }
            else if (File.Exists(index))
            {
                Dictionary<string, string> weightMap = ReadIndex(index);
                var shards = new Dictionary<string, SafetensorsFile>(StringComparer.Ordinal);
                foreach (string shardName in weightMap.Values.Distinct(StringComparer.Ordinal))
                {
                    SafetensorsFile shard = SafetensorsFile.Open(Path.Combine(directory, shardName));
                    files.Add(shard);
                    shards[shardName] = shard;
                }

                foreach ((string tensor, string shardName) in weightMap)
                {
                    SafetensorsFile shard = shards[shardName];
                    if (!shard.Tensors.ContainsKey(tensor))
                    {
                        throw new InvalidDataException($"{index}: tensor '{tensor}' is mapped to '{shardName}', which does not contain it.");
                    }

                    map[tensor] = shard;
                }

                foreach ((string shardName, SafetensorsFile shard) in shards)
                {
                    string? unlisted = shard.Tensors.Keys.FirstOrDefault(t => !weightMap.ContainsKey(t));
                    if (unlisted is not null)
                    {
                        throw new InvalidDataException($"{index}: shard '{shardName}' holds tensor '{unlisted}', which the weight_map does not list.");
                    }
                }
            }
            else
            {
                throw new FileNotFoundException(
                    $"{directory}: neither {SingleFileName} nor {IndexFileName} exists (only safetensors checkpoints are supported; convert pickle .bin files first).",
                    single);
            }

            return new HuggingFaceCheckpoint(map, files);
        }
        catch
        {
            foreach (SafetensorsFile file in files)
            {
                file.Dispose();
            }

            throw;
        }
    }

    private static Dictionary<string, string> ReadIndex(string indexPath)
    {
        JsonObject obj = JsonObjectText.Parse(File.ReadAllText(indexPath), indexPath, maxDepth: 8);
        if (obj["weight_map"] is not JsonObject weightMap)
        {
            throw new InvalidDataException($"{indexPath}: field 'weight_map' (an object of tensor name to shard file) is missing.");
        }

        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach ((string tensor, JsonNode? value) in weightMap)
        {
            if (value is not JsonValue v || v.GetValueKind() != JsonValueKind.String)
            {
                throw new InvalidDataException($"{indexPath}: weight_map entry '{tensor}' must be a file name string.");
            }

            string file = v.GetValue<string>();
            if (file.Length == 0 || file != Path.GetFileName(file) || file is "." or ".." || file.Contains('\\', StringComparison.Ordinal) || file.Contains('/', StringComparison.Ordinal))
            {
                throw new InvalidDataException($"{indexPath}: weight_map entry '{tensor}' names '{file}', which is not a plain file name in the model folder.");
            }

            result[tensor] = file;
        }

        return result;
    }

    /// <summary>
    /// Writes tensors as Hugging Face does: one <c>model.safetensors</c> when they fit in
    /// <paramref name="maxShardBytes"/>, else <c>model-0000i-of-0000n.safetensors</c> shards plus
    /// <c>model.safetensors.index.json</c>. Stale weight files from an earlier save are removed.
    /// </summary>
    /// <param name="directory">The folder (created if missing).</param>
    /// <param name="tensors">Names and tensors, in the order they should be packed.</param>
    /// <param name="maxShardBytes">Largest shard size (Hugging Face's default is 5 GB).</param>
    public static void Save(string directory, IReadOnlyList<KeyValuePair<string, Tensor>> tensors, long maxShardBytes = 5_000_000_000)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        ArgumentNullException.ThrowIfNull(tensors);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxShardBytes, 1);
        Directory.CreateDirectory(directory);
        foreach (string stale in Directory.EnumerateFiles(directory, "model*.safetensors*"))
        {
            File.Delete(stale);
        }

        var metadata = new Dictionary<string, string> { ["format"] = "pt" };
        var shards = new List<List<KeyValuePair<string, Tensor>>> { new() };
        long current = 0;
        long total = 0;
        foreach (KeyValuePair<string, Tensor> entry in tensors)
        {
            long bytes = entry.Value.numel() * SafetensorsDType.SizeOf(entry.Value.dtype);
            if (current > 0 && current + bytes > maxShardBytes)
            {
                shards.Add([]);
                current = 0;
            }

            shards[^1].Add(entry);
            current += bytes;
            total += bytes;
        }

        if (shards.Count == 1)
        {
            SafetensorsWriter.Write(Path.Combine(directory, SingleFileName), shards[0], metadata);
            return;
        }

        var weightMap = new JsonObject();
        for (int i = 0; i < shards.Count; i++)
        {
            string name = $"model-{i + 1:D5}-of-{shards.Count:D5}.safetensors";
            SafetensorsWriter.Write(Path.Combine(directory, name), shards[i], metadata);
            foreach (KeyValuePair<string, Tensor> entry in shards[i])
            {
                weightMap[entry.Key] = name;
            }
        }

        var index = new JsonObject
        {
            ["metadata"] = new JsonObject { ["total_size"] = total },
            ["weight_map"] = weightMap,
        };
        File.WriteAllText(Path.Combine(directory, IndexFileName), index.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        foreach (SafetensorsFile file in files)
        {
            file.Dispose();
        }
    }
}
