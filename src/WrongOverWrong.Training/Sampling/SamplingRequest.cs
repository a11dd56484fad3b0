namespace WrongOverWrong.Training.Sampling;

/// <summary>
/// One prompt to sample in a <see cref="SequenceSampler.SampleBatch"/> call: its token ids, its
/// settings (<see cref="SamplingOptions.NumSamples"/> completions) and optionally one seed per completion.
/// </summary>
/// <param name="Prompt">Prompt token ids (non-empty, inside the vocabulary).</param>
/// <param name="Options">Sampling settings of this prompt's completions.</param>
public sealed record SamplingRequest(IReadOnlyList<int> Prompt, SamplingOptions Options)
{
    /// <summary>
    /// One seed per completion (exactly <see cref="SamplingOptions.NumSamples"/>), or null to derive
    /// them from <see cref="SamplingOptions.Seed"/> (<see cref="SamplingSeeds.ForSample"/>). A completion's
    /// draws depend only on its seed, the prompt and the model, not on what else shares its batch.
    /// </summary>
    public IReadOnlyList<long>? Seeds { get; init; }

    /// <summary>The seed of completion <paramref name="index"/>.</summary>
    public long SeedOf(int index) => Seeds is { } seeds ? seeds[index] : SamplingSeeds.ForSample(Options.Seed, index);
}
