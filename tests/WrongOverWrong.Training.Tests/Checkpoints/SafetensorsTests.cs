using System.Text;
using TorchSharp;
using WrongOverWrong.Training.Checkpoints;
using static TorchSharp.torch;

namespace WrongOverWrong.Training.Tests;

public sealed class SafetensorsTests : TorchTestBase
{
    // WOW_FUZZ_TRIALS raises the count for a longer local soak; CI runs 400.
    private static readonly int Trials = int.TryParse(Environment.GetEnvironmentVariable("WOW_FUZZ_TRIALS"), out int n) && n > 0 ? n : 400;

    private static string WriteSample(string dir)
    {
        string path = Path.Combine(dir, "sample.safetensors");
        using var scope = NewDisposeScope();
        SafetensorsWriter.Write(path, new Dictionary<string, Tensor>
        {
            ["b.f32"] = arange(6, dtype: ScalarType.Float32).reshape(2, 3),
            ["a.bf16"] = tensor(new float[] { 1.5f, -2f, 0.25f }).to(ScalarType.BFloat16),
            ["c.i64"] = tensor(new long[] { 7, -9 }),
            ["d.bool"] = tensor(new[] { true, false, true }),
            ["e.empty"] = zeros(0, 4),
        }, new Dictionary<string, string> { ["format"] = "pt" });
        return path;
    }

    [Fact]
    public void WrittenFileHasAlignedSortedHeaderAndReadsBackExactly()
    {
        string path = WriteSample(NewTempDirectory());
        byte[] bytes = File.ReadAllBytes(path);
        long headerLength = BitConverter.ToInt64(bytes, 0);
        Assert.Equal(0, headerLength % 8);
        string header = Encoding.UTF8.GetString(bytes, 8, (int)headerLength);
        Assert.StartsWith("{\"__metadata__\":{\"format\":\"pt\"},\"a.bf16\":{\"dtype\":\"BF16\",\"shape\":[3],\"data_offsets\":[0,6]}", header, StringComparison.Ordinal);

        // 6 (bf16) + 24 (f32) + 16 (i64) + 3 (bool) + 0 bytes of data.
        Assert.Equal(8 + headerLength + 49, bytes.Length);

        using var file = SafetensorsFile.Open(path);
        Assert.Equal("pt", file.Metadata["format"]);
        using var scope = NewDisposeScope();
        Assert.Equal([0f, 1, 2, 3, 4, 5], file.Read("b.f32").data<float>().ToArray());
        Assert.Equal([2L, 3], file.Read("b.f32").shape);
        Assert.Equal([1.5f, -2f, 0.25f], file.Read("a.bf16").to(ScalarType.Float32).data<float>().ToArray());
        Assert.Equal([7L, -9], file.Read("c.i64").data<long>().ToArray());
        Assert.Equal([true, false, true], file.Read("d.bool").data<bool>().ToArray());
        Assert.Equal([0L, 4], file.Read("e.empty").shape);
    }

    public static TheoryData<string, string> HostileHeaders => new()
    {
        { """{"x":{"dtype":"F32","shape":[2],"data_offsets":[0,4]}}""", "needs 8 bytes" },
        { """{"x":{"dtype":"F32","shape":[4],"data_offsets":[0,16]}}""", "outside" },
        { """{"x":{"dtype":"F32","shape":[-1],"data_offsets":[0,4]}}""", "non-negative" },
        { """{"x":{"dtype":"F32","shape":[4294967296,4294967296],"data_offsets":[0,8]}}""", "overflows" },
        { """{"x":{"dtype":"Q4","shape":[2],"data_offsets":[0,8]}}""", "unsupported dtype" },
        { """{"x":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"y":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}""", "overlap" },
        { """{"x":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"x":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}""", "twice" },
        { """{"x":{"dtype":"F32","shape":[2],"data_offsets":[8,0]}}""", "outside" },
        { """{"x":{"dtype":"F32","shape":[2]}}""", "needs 'dtype'" },
        { """{"x":{"dtype":"F32","shape":[2],"data_offsets":[0,8],"extra":1}}""", "unexpected" },
        { """{"x":[1,2]}""", "object" },
        { """["x"]""", "JSON object" },
        { """{"x":""", "not valid JSON" },
        { """{"__metadata__":{"a":1}}""", "__metadata__" },
    };

    [Theory]
    [MemberData(nameof(HostileHeaders))]
    public void HostileHeadersAreRejectedWithAClearMessage(string header, string expected)
    {
        string path = Path.Combine(NewTempDirectory(), "bad.safetensors");
        byte[] json = Encoding.UTF8.GetBytes(header);
        using (var stream = File.Create(path))
        {
            stream.Write(BitConverter.GetBytes((long)json.Length));
            stream.Write(json);
            stream.Write(new byte[8]);
        }

        var ex = Assert.Throws<InvalidDataException>(() => SafetensorsFile.Open(path).Dispose());
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new byte[] { 1, 2, 3 }, "too short")]
    [InlineData(new byte[] { 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F, (byte)'{', (byte)'}' }, "cap")]
    [InlineData(new byte[] { 0x00, 0x10, 0x00, 0x00, 0, 0, 0, 0, (byte)'{', (byte)'}' }, "past the end")]
    [InlineData(new byte[] { 0, 0, 0, 0, 0, 0, 0, 0 }, "not valid JSON")]
    public void HostileLengthsAreRejectedBeforeAllocating(byte[] content, string expected)
    {
        string path = Path.Combine(NewTempDirectory(), "bad.safetensors");
        File.WriteAllBytes(path, content);
        var ex = Assert.Throws<InvalidDataException>(() => SafetensorsFile.Open(path).Dispose());
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FuzzedFilesEitherLoadOrFailWithInvalidData()
    {
        string dir = NewTempDirectory();
        byte[] original = File.ReadAllBytes(WriteSample(dir));
        var random = new Random(1234);
        string path = Path.Combine(dir, "fuzz.safetensors");
        int rejected = 0, accepted = 0;
        for (int trial = 0; trial < Trials; trial++)
        {
            byte[] bytes = (byte[])original.Clone();
            switch (trial % 4)
            {
                case 0: // flip random bits, mostly in the header where they matter
                    for (int k = 0; k < 1 + random.Next(4); k++)
                    {
                        int at = random.Next(Math.Min(bytes.Length, 8 + 300));
                        bytes[at] ^= (byte)(1 << random.Next(8));
                    }

                    break;
                case 1: // truncate
                    Array.Resize(ref bytes, random.Next(bytes.Length));
                    break;
                case 2: // overwrite a header byte with a random printable or digit character
                    bytes[8 + random.Next(Math.Min(200, bytes.Length - 8))] = (byte)"0123456789{}[]\",: -eE".ToCharArray()[random.Next(21)];
                    break;
                default: // corrupt the length prefix
                    bytes[random.Next(8)] = (byte)random.Next(256);
                    break;
            }

            File.WriteAllBytes(path, bytes);
            try
            {
                using var file = SafetensorsFile.Open(path);
                foreach (string name in file.Tensors.Keys)
                {
                    using Tensor t = file.Read(name);
                    Assert.Equal(file.Tensors[name].Shape, t.shape);
                }

                accepted++;
            }
            catch (InvalidDataException)
            {
                rejected++;
            }
        }

        Assert.True(rejected > Trials / 2, $"only {rejected} of {Trials} corruptions were rejected");
        Assert.Equal(Trials, accepted + rejected);
    }
}
