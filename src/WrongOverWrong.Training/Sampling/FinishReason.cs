namespace WrongOverWrong.Training.Sampling;

/// <summary>Why a completion ended.</summary>
public enum FinishReason
{
    /// <summary>A stop token was generated (it is the last entry of the tokens).</summary>
    Stop,

    /// <summary><see cref="SamplingOptions.MaxNewTokens"/> was reached.</summary>
    Length,
}
