using TorchSharp;
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
}
