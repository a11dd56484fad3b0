using System.Globalization;
using WrongOverWrong.MainJob.Progress;
using WrongOverWrong.MainJob.Run;
using WrongOverWrong.MainJob.ShippedModel;
using WrongOverWrong.Pipeline;
using WrongOverWrong.Sources;
using WrongOverWrong.Tasks;
using WrongOverWrong.Training.Chat;
using WrongOverWrong.Training.Native;
using WrongOverWrong.Training.Pipeline;

namespace WrongOverWrong.ElicitorComparison.Input;

/// <summary>
/// When no answer sets are given and the main job has not run, samples a small set with the shipped
/// model through the library's own pipeline (phase 1 only: sample, grade, pair), one pipeline run
/// folder per dataset: <c>synthetic/</c> (the main job's synthetic training questions) and, when
/// the real NLGraph file exists, <c>nlgraph-real/</c>. The pipeline resumes, so a rerun (or a
/// cancelled run) reads what was sampled instead of sampling again.
/// </summary>
public static class FallbackAnswerSets
{
    /// <summary>Sampling settings of the fallback.</summary>
    /// <param name="Folder">Where the run folders go.</param>
    /// <param name="ModelFolder">The shipped model (Hugging Face layout).</param>
    /// <param name="SyntheticQuestions">Synthetic questions to sample.</param>
    /// <param name="NLGraphFile">The real NLGraph shortest-path file, or null.</param>
    /// <param name="NLGraphQuestions">Real NLGraph questions to sample (0 = none).</param>
    /// <param name="Samples">Answers per question (the paper's 10).</param>
    /// <param name="Threads">libtorch threads.</param>
    /// <param name="Seed">Seed of questions and sampling.</param>
    public sealed record Settings(string Folder, string ModelFolder, int SyntheticQuestions, string? NLGraphFile, int NLGraphQuestions, int Samples, int Threads, int Seed);

    /// <summary>Samples (or resumes) the answer sets; returns the folder to read them from.</summary>
    /// <param name="settings">What to sample.</param>
    /// <param name="progress">Stage progress (the main job's bars or lines).</param>
    /// <param name="cancellationToken">Cancels; finished questions stay on disk.</param>
    /// <exception cref="FileNotFoundException">The model folder has no config.json.</exception>
    public static async Task<string> GenerateAsync(Settings settings, IStageProgress progress, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(progress);
        if (!File.Exists(Path.Combine(settings.ModelFolder, "config.json")))
        {
            throw new FileNotFoundException($"{settings.ModelFolder}: no config.json, so no model to sample answers with. Restore models/wow-tiny-sp with git, or pass --answers.", Path.Combine(settings.ModelFolder, "config.json"));
        }

        TorchThreads.Apply(settings.Threads);
        // The main job samples the shipped model with these settings.
        using var policy = LoraPolicy.FromFolder(settings.ModelFolder, new LoraPolicyOptions
        {
            Sampling = new LocalChatClientOptions { MaxOutputTokens = ShippedModelRecipe.AnswerTokens, Threads = settings.Threads },
        });
        progress.Note(string.Create(CultureInfo.InvariantCulture, $"sampling {settings.Samples} answers per question with {settings.ModelFolder} on {settings.Threads} thread(s) into {settings.Folder}"));

        var task = TaskRegistry.CreateDefault().Get(TaskNames.NLGraphShortestPath);
        await SampleAsync(settings, "synthetic", task, ExperimentQuestions.Training(settings.SyntheticQuestions, settings.Seed), policy, progress, cancellationToken).ConfigureAwait(false);
        var nlgraph = await ExperimentQuestions.NLGraphAsync(settings.NLGraphFile, settings.NLGraphQuestions, cancellationToken).ConfigureAwait(false);
        if (nlgraph is not null)
        {
            await SampleAsync(settings, "nlgraph-real", task, nlgraph, policy, progress, cancellationToken).ConfigureAwait(false);
        }
        else if (settings.NLGraphQuestions > 0)
        {
            progress.Note($"no real NLGraph file at {settings.NLGraphFile ?? "(none)"}: synthetic questions only (--nlgraph names the file)");
        }

        return settings.Folder;
    }

    private static async Task SampleAsync(Settings settings, string name, ITaskOracle task, IReadOnlyList<Question> questions, LoraPolicy policy, IStageProgress progress, CancellationToken cancellationToken)
    {
        // Phase 1 only (no policy, no held-out questions): the pipeline samples, grades and pairs,
        // and writes train-graded.jsonl, which the comparison then reads like any run folder.
        var pipeline = new ExperimentPipeline(new ExperimentOptions
        {
            RunDirectory = Path.Combine(settings.Folder, name),
            GeneratorName = "self",
            SamplesPerQuestion = settings.Samples,
            MaxOutputTokens = ShippedModelRecipe.AnswerTokens,
            Extraction = FinalAnswerExtraction.Direct,
            MaxConcurrency = 1,
            TrainingSources = [TrainingSource.OracleWoW],
            MinTrainingPairs = 1,
            Seed = settings.Seed,
        });
        using var bars = new PipelineProgressBars(progress, name + ": ");
        await pipeline.RunAsync(
            new ExperimentInputs { Task = task, TrainingQuestions = questions, Generator = policy.BaseClient },
            bars,
            cancellationToken).ConfigureAwait(false);
    }
}
