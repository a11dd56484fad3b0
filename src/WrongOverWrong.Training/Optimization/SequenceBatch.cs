using TorchSharp;
using WrongOverWrong.Training.Scoring;
using static TorchSharp.torch;

namespace WrongOverWrong.Training.Optimization;

/// <summary>
/// One padded batch holding every slot of every example (all chosen rows, then all rejected rows,
/// as TRL's concatenated forward), so policy log-probs for a step take one forward pass.
/// </summary>
internal static class SequenceBatch
{
    /// <summary>Builds right-padded ids and the completion mask, rows ordered slot-major.</summary>
    public static (Tensor InputIds, Tensor CompletionMask, long Tokens) Create(IReadOnlyList<TokenizedExample> examples, int slots, int paddingId, Device device)
    {
        int rows = examples.Count * slots;
        int length = 0;
        long tokens = 0;
        for (int slot = 0; slot < slots; slot++)
        {
            foreach (TokenizedExample example in examples)
            {
                int rowLength = example.Prompt.Length + example.Completions[slot].Length;
                length = Math.Max(length, rowLength);
                tokens += rowLength;
            }
        }

        var ids = new long[rows * length];
        var mask = new bool[rows * length];
        Array.Fill(ids, paddingId);
        int row = 0;
        for (int slot = 0; slot < slots; slot++)
        {
            foreach (TokenizedExample example in examples)
            {
                int offset = row * length;
                int[] prompt = example.Prompt;
                int[] completion = example.Completions[slot];
                for (int i = 0; i < prompt.Length; i++)
                {
                    ids[offset + i] = prompt[i];
                }

                for (int i = 0; i < completion.Length; i++)
                {
                    ids[offset + prompt.Length + i] = completion[i];
                    mask[offset + prompt.Length + i] = true;
                }

                row++;
            }
        }

        Tensor inputIds = tensor(ids, [rows, length], ScalarType.Int64).to(device);
        Tensor completionMask = tensor(mask, [rows, length]).to(device);
        return (inputIds, completionMask, tokens);
    }

    /// <summary>
    /// A mask over every real token after position 0 (prompt and completion), rows slot-major as
    /// in <see cref="Create"/>: the positions a language-model loss over the whole sequence scores.
    /// </summary>
    public static Tensor TokenMask(IReadOnlyList<TokenizedExample> examples, int slots, long length, Device device)
    {
        int rows = examples.Count * slots;
        var mask = new bool[rows * length];
        int row = 0;
        for (int slot = 0; slot < slots; slot++)
        {
            foreach (TokenizedExample example in examples)
            {
                int rowLength = example.Prompt.Length + example.Completions[slot].Length;
                for (int i = 1; i < rowLength; i++)
                {
                    mask[(row * length) + i] = true;
                }

                row++;
            }
        }

        return tensor(mask, [rows, length]).to(device);
    }

    /// <summary>
    /// The same batch for a shared-prompt forward pass: each prompt once, left-padded so every
    /// prompt ends in the last column, and its completions right-padded, rows example-major
    /// (row = example * slots + slot). Tokens counts prompt and completion per row, as in
    /// <see cref="Create"/>, so tokens per second stay comparable between the two paths.
    /// </summary>
    public static SharedPromptBatch CreateShared(IReadOnlyList<TokenizedExample> examples, int slots, int paddingId, Device device)
    {
        int promptLength = examples.Max(e => e.Prompt.Length);
        int completionLength = examples.Max(e => e.Completions.Take(slots).Max(c => c.Length));
        var promptIds = new long[examples.Count * promptLength];
        var promptMask = new bool[promptIds.Length];
        var completionIds = new long[examples.Count * slots * completionLength];
        var completionMask = new bool[completionIds.Length];
        Array.Fill(promptIds, paddingId);
        Array.Fill(completionIds, paddingId);
        long tokens = 0;
        for (int e = 0; e < examples.Count; e++)
        {
            int[] prompt = examples[e].Prompt;
            int offset = (e * promptLength) + promptLength - prompt.Length;
            for (int i = 0; i < prompt.Length; i++)
            {
                promptIds[offset + i] = prompt[i];
                promptMask[offset + i] = true;
            }

            for (int slot = 0; slot < slots; slot++)
            {
                int[] completion = examples[e].Completions[slot];
                int row = (e * slots) + slot;
                for (int i = 0; i < completion.Length; i++)
                {
                    completionIds[(row * completionLength) + i] = completion[i];
                    completionMask[(row * completionLength) + i] = true;
                }

                tokens += prompt.Length + completion.Length;
            }
        }

        return new SharedPromptBatch(
            tensor(promptIds, [examples.Count, promptLength], ScalarType.Int64).to(device),
            tensor(promptMask, [examples.Count, promptLength]).to(device),
            tensor(completionIds, [examples.Count * slots, completionLength], ScalarType.Int64).to(device),
            tensor(completionMask, [examples.Count * slots, completionLength]).to(device),
            tokens);
    }
}

/// <summary>A batch laid out for <see cref="CompletionLogProbabilities.SharedPromptSums"/>.</summary>
/// <param name="PromptIds">Left-padded prompts [examples, promptLength].</param>
/// <param name="PromptMask">Real prompt tokens.</param>
/// <param name="CompletionIds">Right-padded completions [examples * slots, completionLength], example-major.</param>
/// <param name="CompletionMask">Real completion tokens.</param>
/// <param name="Tokens">Prompt plus completion tokens per row, summed (as if each row ran alone).</param>
internal sealed record SharedPromptBatch(Tensor PromptIds, Tensor PromptMask, Tensor CompletionIds, Tensor CompletionMask, long Tokens);
