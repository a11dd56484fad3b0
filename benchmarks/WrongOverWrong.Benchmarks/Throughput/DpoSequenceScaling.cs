using WrongOverWrong.Training.Modeling;

namespace WrongOverWrong.Benchmarks.Throughput;

/// <summary>
/// Time per DPO step as the sequence doubles (default 128, 256, 512, 1024), on a small model
/// (d 256, 4 layers, 4 heads of 64, MLP 768, vocabulary 8,000, 2 pairs per step) so the longest
/// step stays a few seconds on one thread. The fitted exponent is 1 where the matmuls dominate and
/// tends to 2 where attention's L² does.
/// </summary>
internal static class DpoSequenceScaling
{
    /// <summary>The model of the scaling and memory figures.</summary>
    public static readonly LlamaConfig Config = new()
    {
        VocabSize = 8_000,
        HiddenSize = 256,
        IntermediateSize = 768,
        NumHiddenLayers = 4,
        NumAttentionHeads = 4,
        NumKeyValueHeads = 4,
        HeadDim = 64,
        MaxPositionEmbeddings = 2048,
    };

    public const int Pairs = 2;

    /// <summary>One sequence length's step.</summary>
    public sealed record Row(int SequenceLength, long TokensPerStep, double Seconds, double GflopPerStep, double AllocatedMiB, double PeakRssMiB, double StepRssMiB, double CeilingGflops)
    {
        public double TokensPerSecond => TokensPerStep / Seconds;

        public double Gflops => GflopPerStep / Seconds;

        /// <summary>Achieved FLOP rate over the matmul ceiling measured around this row.</summary>
        public double ShareOfCeiling => Gflops / CeilingGflops;
    }

    public static IReadOnlyList<Row> Run(IReadOnlyList<int> lengths, int repeats)
    {
        var rows = new List<Row>();
        foreach (int length in lengths)
        {
            using var rig = new DpoStepRig(Config, Pairs, length);

            // The first step allocates AdamW's state and warms the allocator; it is not timed.
            rig.Step();
            double ceilingBefore = MatmulCeiling.Measure();
            Measure step = Measure.Best(repeats, () => rig.Step());
            double ceilingAfter = MatmulCeiling.Measure();
            rows.Add(new Row(
                length,
                rig.TokensPerStep,
                step.Seconds,
                rig.FlopsPerStep / 1e9,
                step.AllocatedBytes / 1048576.0,
                step.PeakResidentBytes / 1048576.0,
                (step.PeakResidentBytes - step.ResidentBeforeBytes) / 1048576.0,
                (ceilingBefore + ceilingAfter) / 2));
        }

        return rows;
    }
}
