using Microsoft.Extensions.AI;
using WrongOverWrong.Training.Optimization;
using static TorchSharp.torch;

namespace WrongOverWrong.Training.Tests.Optimization;

/// <summary>
/// Each trainer's reported step-1 loss against the same loss computed here, independently: the
/// sequence is built from the chat template and the tokenizer, per-token log-probs are read off the
/// model's logits, and only the completion tokens (prompt length onwards, the end-of-turn token
/// included) are summed. The loss formulas are checked against TRL elsewhere; this checks that the
/// trainer feeds them the right tokens, rows and reference. LoRA's B is set away from zero first,
/// so the policy differs from the reference and DPO's step-1 loss is not the uninformative log 2.
/// </summary>
public sealed class StepOneLossTests
{
    private static readonly IReadOnlyList<Preference> Pairs = TrainingData.Pairs(4);

    // Whole prompts fit, so no truncation stands between the trainer's sequences and these.
    private static TrainerOptions OneStep(int batchSize) =>
        TrainingData.Options() with { Epochs = 1, BatchSize = batchSize, MaxPromptLength = 80, MaxLength = 120 };

    private static TinyCausalModel ShiftedLoraModel(ulong seed = 7)
    {
        var model = TrainingData.LoraModel();
        using var generator = new Generator(seed, CPU);
        using var noGrad = no_grad();
        var b = model.TrainableParameters().Single(p => p.Name == "lora_B").Parameter;
        using var values = randn(b.shape, generator: generator);
        b.copy_(values);
        return model;
    }

    /// <summary>Summed log-prob and token count of <paramref name="completion"/> after the chat prompt of <paramref name="prompt"/>.</summary>
    private static (double Sum, int Count) CompletionLogProb(TinyCausalModel model, string prompt, string completion, bool adapters = true)
    {
        int[] promptIds = [TrainingData.Tokenizer.BeginOfSequenceId!.Value, .. TrainingData.Tokenizer.Encode(TrainingData.Template.FormatPrompt([new ChatMessage(ChatRole.User, prompt)]))];
        int[] completionIds = [.. TrainingData.Tokenizer.Encode(completion + CharacterTokenizer.EndOfTurnText)];
        long[] ids = [.. promptIds.Concat(completionIds).Select(i => (long)i)];

        bool before = model.AdaptersEnabled;
        model.AdaptersEnabled = adapters;
        try
        {
            using var scope = NewDisposeScope();
            using var noGrad = no_grad();
            var logits = model.ProjectToVocabulary(model.ForwardHidden(tensor(ids, [1, ids.Length])));
            float[] logProbs = logits.log_softmax(-1)[0].data<float>().ToArray();
            long vocabulary = model.VocabularySize;
            double sum = 0.0;

            // The logits at position t predict token t + 1: completion token t is read at t - 1.
            for (int t = promptIds.Length; t < ids.Length; t++)
            {
                sum += logProbs[((t - 1) * vocabulary) + ids[t]];
            }

            return (sum, completionIds.Length);
        }
        finally
        {
            model.AdaptersEnabled = before;
        }
    }

    private static double LogSigmoid(double x) => x >= 0 ? -Math.Log(1 + Math.Exp(-x)) : x - Math.Log(1 + Math.Exp(x));

    private static double Sigmoid(double x) => 1 / (1 + Math.Exp(-x));

    private static double Log1mExp(double x) => Math.Log(1 - Math.Exp(Math.Min(x, -1e-7)));

    private sealed record PairLogProbs((double Sum, int Count) Chosen, (double Sum, int Count) Rejected, (double Sum, int Count) RefChosen, (double Sum, int Count) RefRejected)
    {
        public double Delta => (Chosen.Sum - RefChosen.Sum) - (Rejected.Sum - RefRejected.Sum);
    }

    private static List<PairLogProbs> Measure(TinyCausalModel model) =>
        [.. Pairs.Select(p => new PairLogProbs(
            CompletionLogProb(model, p.Prompt, p.Chosen),
            CompletionLogProb(model, p.Prompt, p.Rejected),
            CompletionLogProb(model, p.Prompt, p.Chosen, adapters: false),
            CompletionLogProb(model, p.Prompt, p.Rejected, adapters: false)))];

    private static async Task<double> StepOneLoss(LanguageModelTrainer trainer)
    {
        var progress = new RecordingProgress();
        TrainingResult result = await trainer.TrainAsync(Pairs, progress);
        Assert.Equal(1, result.Steps);
        Assert.NotEmpty(progress.Reports);
        Assert.Equal(1, progress.Reports[0].Step);
        return progress.Reports[0].Loss;
    }

    [Fact]
    public async Task Dpo()
    {
        using var model = ShiftedLoraModel();
        var pairs = Measure(model);
        double expected = pairs.Average(p => -LogSigmoid(0.1 * p.Delta));

        double loss = await StepOneLoss(new DpoOptimizer(model, TrainingData.Tokenizer, TrainingData.Template, OneStep(4)));

        Assert.True(Math.Abs(expected - Math.Log(2)) > 1e-3, $"the policy should differ from the reference: {expected}");
        Assert.Equal(expected, loss, tolerance: 1e-4);
    }

    [Fact]
    public async Task Ipo()
    {
        using var model = ShiftedLoraModel();
        double expected = Measure(model).Average(p =>
        {
            double chosen = (p.Chosen.Sum - p.RefChosen.Sum) / p.Chosen.Count;
            double rejected = (p.Rejected.Sum - p.RefRejected.Sum) / p.Rejected.Count;
            return Math.Pow(chosen - rejected - (1 / (2 * 0.1)), 2);
        });

        double loss = await StepOneLoss(new IpoOptimizer(model, TrainingData.Tokenizer, TrainingData.Template, OneStep(4)));

        Assert.Equal(expected, loss, tolerance: 1e-3); // a loss near 25, so float32 rounding is larger
    }

    [Fact]
    public async Task SimPo()
    {
        using var model = ShiftedLoraModel();
        double expected = Measure(model).Average(p => -LogSigmoid((0.1 * ((p.Chosen.Sum / p.Chosen.Count) - (p.Rejected.Sum / p.Rejected.Count))) - 0.5));

        double loss = await StepOneLoss(new SimPoOptimizer(model, TrainingData.Tokenizer, TrainingData.Template, OneStep(4)));

        Assert.Equal(expected, loss, tolerance: 1e-4);
    }

    [Fact]
    public async Task Orpo()
    {
        using var model = ShiftedLoraModel();
        var pairs = Measure(model);

        // NLL pooled over every chosen completion token of the batch; the odds ratio per pair from averages.
        double nll = -pairs.Sum(p => p.Chosen.Sum) / pairs.Sum(p => p.Chosen.Count);
        double expected = pairs.Average(p =>
        {
            double chosen = p.Chosen.Sum / p.Chosen.Count, rejected = p.Rejected.Sum / p.Rejected.Count;
            double logOdds = (chosen - rejected) - (Log1mExp(chosen) - Log1mExp(rejected));
            return nll - (0.1 * LogSigmoid(logOdds));
        });

        double loss = await StepOneLoss(new OrpoOptimizer(model, TrainingData.Tokenizer, TrainingData.Template, OneStep(4)));

        Assert.Equal(expected, loss, tolerance: 1e-4);
    }

    [Fact]
    public async Task Kto()
    {
        // The pairs become 8 unpaired examples (chosen desirable, rejected not), all in one batch.
        // KL reference point: each example's prompt with the next pair's chosen completion (the
        // next example whose prompt differs), policy minus reference, averaged, at least 0.
        var rows = Pairs.SelectMany((p, i) => new[] { (Pair: i, p.Prompt, Completion: p.Chosen, Desirable: true), (Pair: i, p.Prompt, Completion: p.Rejected, Desirable: false) }).ToList();
        double KlEstimate(TinyCausalModel model) => rows.Average(r =>
        {
            string partner = Pairs[(r.Pair + 1) % Pairs.Count].Chosen;
            return CompletionLogProb(model, r.Prompt, partner).Sum - CompletionLogProb(model, r.Prompt, partner, adapters: false).Sum;
        });

        // The estimate is clamped at 0, where a wrong partner or sign would not show: take the first
        // adapter shift that makes it positive.
        TinyCausalModel? shifted = null;
        double kl = 0.0;
        for (ulong seed = 7; seed < 40 && kl <= 0.0; seed++)
        {
            shifted?.Dispose();
            shifted = ShiftedLoraModel(seed);
            kl = KlEstimate(shifted);
        }

        using var model = shifted!;
        Assert.True(kl > 0.0, "no adapter shift gave a positive KL estimate");
        double expected = rows.Average(r =>
        {
            double ratio = CompletionLogProb(model, r.Prompt, r.Completion).Sum - CompletionLogProb(model, r.Prompt, r.Completion, adapters: false).Sum;
            return r.Desirable ? 1 - Sigmoid(0.1 * (ratio - kl)) : 1 - Sigmoid(0.1 * (kl - ratio));
        });

        double loss = await StepOneLoss(new KtoOptimizer(model, TrainingData.Tokenizer, TrainingData.Template, OneStep(8)));

        Assert.Equal(expected, loss, tolerance: 1e-4);
    }

    [Fact]
    public async Task Sft()
    {
        using var model = ShiftedLoraModel();
        var pairs = Measure(model);
        double expected = -pairs.Sum(p => p.Chosen.Sum) / pairs.Sum(p => p.Chosen.Count);

        double loss = await StepOneLoss(new SftTrainer(model, TrainingData.Tokenizer, TrainingData.Template, OneStep(4)));

        Assert.Equal(expected, loss, tolerance: 1e-4);
    }
}
