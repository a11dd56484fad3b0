using TorchSharp;
using WrongOverWrong.Training.Optimization;
using WrongOverWrong.Training.Scoring;
using static TorchSharp.torch;

namespace WrongOverWrong.Training.Tests.Optimization;

public sealed class CompletionLogProbabilitySumsTests
{
    [Fact]
    public void ChunkedSumsEqualTheFullLogSoftmaxOverCompletionTokens()
    {
        using var model = TrainingData.FullModel();
        using var scope = NewDisposeScope();

        // Row 0: 3 prompt tokens then 4 completion tokens; row 1: 2 prompt, 2 completion, 3 padding.
        var ids = tensor(new long[] { 1, 5, 6, 7, 8, 9, 10, 1, 11, 12, 13, 0, 0, 0 }, [2, 7]);
        var mask = tensor(new[] { false, false, false, true, true, true, true, false, false, true, true, false, false, false }, [2, 7]);

        var (sums, counts) = CompletionLogProbabilities.Sums(model, ids, mask, chunkTokens: 2);

        // Reference: the whole logits tensor at once, position p scoring token p + 1.
        var logProbs = model.ProjectToVocabulary(model.ForwardHidden(ids)).log_softmax(-1);
        double Expected(int row, int from, int to)
        {
            double total = 0;
            for (int p = from; p < to; p++)
            {
                total += logProbs[row, p - 1, ids[row, p].item<long>()].item<float>();
            }

            return total;
        }

        Assert.Equal(Expected(0, 3, 7), sums[0].item<float>(), 4);
        Assert.Equal(Expected(1, 2, 4), sums[1].item<float>(), 4);
        Assert.Equal(new[] { 4f, 2f }, counts.data<float>().ToArray());

        var (wholeSums, _) = CompletionLogProbabilities.Sums(model, ids, mask, chunkTokens: 1000);
        Assert.Equal(wholeSums[0].item<float>(), sums[0].item<float>(), 5);
        Assert.Equal(wholeSums[1].item<float>(), sums[1].item<float>(), 5);
    }
}
