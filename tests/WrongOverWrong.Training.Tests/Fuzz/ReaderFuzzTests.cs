using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using CsCheck;
using WrongOverWrong.Training.Checkpoints;
using WrongOverWrong.Training.Modeling;
using WrongOverWrong.Training.Text;
using Xunit.Abstractions;

namespace WrongOverWrong.Training.Tests.Fuzz;

/// <summary>
/// Fuzzing of the readers of untrusted model files: config.json, tokenizer.json,
/// tokenizer_config.json and safetensors headers. Every input ends in a value or an
/// <see cref="InvalidDataException"/> with a message, never another exception or an allocation
/// sized by a field of the file. Case counts go to the test output.
/// </summary>
public sealed class ReaderFuzzTests(ITestOutputHelper output) : IDisposable
{
    // WOW_FUZZ_SCALE=20 runs twenty times the cases (to hunt for rare crashes before a release).
    private static readonly int Iterations = 400 * (int.TryParse(Environment.GetEnvironmentVariable("WOW_FUZZ_SCALE"), out var scale) && scale > 0 ? scale : 1);

    private readonly string _folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "wow-reader-fuzz-" + Guid.NewGuid().ToString("N"))).FullName;

    private static readonly string[] ConfigKeys =
    [
        "hidden_size", "intermediate_size", "num_attention_heads", "num_hidden_layers", "num_key_value_heads", "vocab_size", "rms_norm_eps",
        "rope_theta", "max_position_embeddings", "tie_word_embeddings", "model_type", "architectures", "bos_token_id", "eos_token_id",
        "rope_scaling", "head_dim", "torch_dtype", "attention_bias", "factor", "rope_type", "low_freq_factor", "high_freq_factor",
        "original_max_position_embeddings", "hidden_act",
    ];

    private static readonly string[] TokenizerKeys =
    [
        "model", "type", "vocab", "merges", "unk_token", "ignore_merges", "byte_fallback", "added_tokens", "id", "content", "special",
        "pre_tokenizer", "pretokenizers", "use_regex", "add_prefix_space", "normalizer", "normalizers", "decoder", "pattern", "Regex",
        "String", "behavior", "BPE", "ByteLevel", "Sequence", "Split", "NFC", "a", "b", "ab", "<s>", "added_tokens_decoder", "bos_token",
        "eos_token", "pad_token", "chat_template", "legacy", "tokenizer_class",
    ];

    private static readonly string[] Dtypes = ["F32", "F16", "BF16", "I64", "I32", "U8", "BOOL", "F64", "X9"];

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Config_json_ends_in_a_config_or_an_invalid_data_exception()
    {
        long cases = 0;
        Gen.Int[0, int.MaxValue].Sample(seed =>
        {
            var json = RandomJson(new Random(seed), ConfigKeys, seed % 4 == 0);
            Expect(() => WrongOverWrong.Training.Modeling.LlamaConfig.Parse(json, "config.json"));
            Interlocked.Increment(ref cases);
        }, iter: Iterations * 5);
        output.WriteLine($"config.json reader: {cases} cases");
    }

    [Fact]
    public void Tokenizer_files_end_in_a_tokenizer_or_an_invalid_data_exception()
    {
        long cases = 0;
        var seeds = new List<int>();
        Gen.Int[0, int.MaxValue].Sample(seeds.Add, iter: Iterations, threads: 1);
        foreach (var seed in seeds)
        {
            var rng = new Random(seed);
            var folder = Directory.CreateDirectory(Path.Combine(_folder, seed.ToString(CultureInfo.InvariantCulture))).FullName;
            var tokenizerJson = Path.Combine(folder, "tokenizer.json");
            File.WriteAllText(tokenizerJson, RandomJson(rng, TokenizerKeys, rng.Next(5) == 0));
            File.WriteAllText(Path.Combine(folder, "tokenizer_config.json"), RandomJson(rng, TokenizerKeys, rng.Next(5) == 0));
            Expect(() => TokenizerJsonFile.Read(tokenizerJson));
            Expect(() => TokenizerFolderConfig.Read(folder));
            cases += 2;
        }

        output.WriteLine($"tokenizer.json / tokenizer_config.json readers: {cases} cases");
    }

    [Fact]
    public void Safetensors_headers_end_in_a_file_or_an_invalid_data_exception()
    {
        long cases = 0;
        var seeds = new List<int>();
        Gen.Int[0, int.MaxValue].Sample(seeds.Add, iter: Iterations, threads: 1);
        foreach (var seed in seeds)
        {
            var rng = new Random(seed);
            var header = Encoding.UTF8.GetBytes(RandomSafetensorsHeader(rng));
            var data = new byte[rng.Next(0, 64)];
            rng.NextBytes(data);
            var file = Path.Combine(_folder, $"{seed}.safetensors");
            using (var stream = File.Create(file))
            {
                var length = new byte[8].AsSpan();
                // Mostly the true length; sometimes a hostile one (huge, past the end, or short).
                var stated = rng.Next(6) switch
                {
                    0 => ulong.MaxValue - (ulong)rng.Next(1000),
                    1 => (ulong)header.Length + (ulong)rng.Next(1, 1 << 20),
                    2 => (ulong)Math.Max(0, header.Length - rng.Next(1, 10)),
                    _ => (ulong)header.Length,
                };
                BinaryPrimitives.WriteUInt64LittleEndian(length, stated);
                stream.Write(rng.Next(20) == 0 ? length[..rng.Next(0, 8)] : length);
                stream.Write(header);
                stream.Write(data);
            }

            Expect(() =>
            {
                using var opened = SafetensorsFile.Open(file);
                return opened.Tensors.Count;
            });
            cases++;
        }

        output.WriteLine($"safetensors header reader: {cases} cases");
    }

    private static void Expect(Func<object?> read)
    {
        try
        {
            _ = read();
        }
        catch (InvalidDataException ex)
        {
            Assert.False(string.IsNullOrWhiteSpace(ex.Message));
        }
    }

    private static string RandomSafetensorsHeader(Random rng)
    {
        var entries = new List<string>();
        for (var i = 0; i < rng.Next(0, 4); i++)
        {
            var shape = string.Join(",", Enumerable.Range(0, rng.Next(0, 4)).Select(_ => Number(rng)));
            var offsets = $"[{Number(rng)},{Number(rng)}]";
            entries.Add(rng.Next(8) == 0
                ? $"\"t{i}\": {RandomJson(rng, ["dtype", "shape", "data_offsets"], false)}"
                : $"\"t{i}\": {{\"dtype\":\"{Dtypes[rng.Next(Dtypes.Length)]}\",\"shape\":[{shape}],\"data_offsets\":{offsets}}}");
        }

        if (rng.Next(3) == 0)
        {
            entries.Add($"\"__metadata__\": {RandomJson(rng, ["format", "pt"], false)}");
        }

        return rng.Next(15) == 0 ? "{" + new string('[', rng.Next(1, 40)) : "{" + string.Join(",", entries) + "}";
    }

    private static string Number(Random rng) => rng.Next(8) switch
    {
        0 => "-1",
        1 => "18446744073709551615",
        2 => "9223372036854775807",
        3 => "1.5",
        4 => "4611686018427387904",
        _ => rng.Next(0, 70).ToString(CultureInfo.InvariantCulture),
    };

    private static string RandomJson(Random rng, string[] keys, bool garbage)
    {
        if (garbage)
        {
            const string chars = "{}[]\":,0a\\ é-e1";
            return new string([.. Enumerable.Range(0, rng.Next(0, 40)).Select(_ => chars[rng.Next(chars.Length)])]);
        }

        return Value(rng, keys, 0, objectOnly: true);
    }

    private static string Value(Random rng, string[] keys, int depth, bool objectOnly = false)
    {
        var kind = objectOnly ? 0 : depth > 3 ? 1 : rng.Next(4); // deep values are scalars: nesting stays finite
        return kind switch
        {
            0 => "{" + string.Join(", ", Enumerable.Range(0, rng.Next(0, 10)).Select(_ => $"\"{keys[rng.Next(keys.Length)]}\": {Value(rng, keys, depth + 1)}")) + "}",
            2 => "[" + string.Join(", ", Enumerable.Range(0, rng.Next(0, 5)).Select(_ => Value(rng, keys, depth + 1))) + "]",
            _ => rng.Next(12) switch
            {
                0 => "null",
                1 => "true",
                2 => "false",
                3 => "0",
                4 => "-1",
                5 => "99999999999999999999",
                6 => "1e400",
                7 => "0.5",
                8 => "2147483648",
                9 => $"\"{keys[rng.Next(keys.Length)]}\"",
                10 => "\"a b\"",
                _ => rng.Next(0, 300).ToString(CultureInfo.InvariantCulture),
            },
        };
    }
}
