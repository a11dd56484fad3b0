namespace WrongOverWrong.MainJob.ShippedModel;

/// <summary>
/// How the shipped model (models/wow-tiny-sp) is trained from scratch: five <see cref="ShippedModelTrainer"/>
/// runs, each continuing the previous one's weights and tokenizer. Why a curriculum: trained on
/// shortest-path answers alone, a model of this size learns the answer's form but not to look edges up
/// in the prompt (13-21% Acc in every such recipe); the look-up forms within minutes on 3-4 node graphs
/// and carries over as the graphs grow, and once the answers write the two neighbour lists and the
/// two-edge paths, the path itself is a short copy and sum. The model card has the measurements.
/// A finished phase (its folder holds weights and tokenizer) is kept when the curriculum is run again,
/// so an interrupted run resumes at the phase it stopped in.
/// </summary>
public static class ShippedModelCurriculum
{
    /// <summary>The phases, in order, with the settings of the run that produced the shipped weights.</summary>
    /// <param name="threads">libtorch threads of every phase (the shipped run used 1).</param>
    public static IReadOnlyList<CurriculumPhase> Phases(int threads = 1) =>
    [
        new("1-lookup-3-4-nodes", "neighbour lists on 3-4 node graphs, and the compact tokenizer",
            new ShippedModelRecipe { MergeAcrossWords = true, TrainQuestions = 16, NeighbourQuestions = 16_000, NeighbourMaxNodes = 4, ProbeEvery = 250, Threads = threads }),
        new("2-lookup-3-7-nodes", "neighbour lists on 3-7 node graphs",
            new ShippedModelRecipe { DataSeed = 5001, TrainQuestions = 16, NeighbourQuestions = 24_000, NeighbourMaxNodes = 7, ProbeEvery = 500, Threads = threads }),
        new("3-lookup-easy-sizes", "neighbour lists on NLGraph's easy sizes (5-10 nodes)",
            new ShippedModelRecipe { DataSeed = 5002, TrainQuestions = 16, NeighbourQuestions = 24_000, ProbeEvery = 500, Threads = threads }),
        new("4-lists-then-answer", "shortest-path answers that list the neighbours first, with look-up questions mixed in",
            new ShippedModelRecipe { DataSeed = 6002, TrainQuestions = 24_000, NeighbourQuestions = 8_000, HardShare = 0, NeighboursFirst = true, ProbeEvery = 500, Threads = threads }),
        new("5-lists-paths-answer", "answers that also write the two-edge paths with their sums",
            new ShippedModelRecipe { DataSeed = 6101, TrainQuestions = 24_000, NeighbourQuestions = 8_000, HardShare = 0, NeighboursFirst = true, PathCandidates = true, ProbeEvery = 500, Threads = threads }),
    ];

    /// <summary>The files of a finished phase, and of the shipped model.</summary>
    public static readonly IReadOnlyList<string> ModelFiles = ["config.json", "model.safetensors", "tokenizer.json", "tokenizer_config.json"];

    /// <summary>
    /// Runs the phases in <paramref name="workDirectory"/> (one folder and one log per phase), skipping
    /// phases already finished there, and copies the last phase's model files into <paramref name="outputDirectory"/>.
    /// </summary>
    /// <param name="outputDirectory">Where the model files go (other files there, such as a model card, are left alone).</param>
    /// <param name="workDirectory">The phases' folders and logs.</param>
    /// <param name="log">Receives each phase's log lines, and a line per phase kept or started.</param>
    /// <param name="threads">libtorch threads.</param>
    /// <param name="phases">The phases to run (null: <see cref="Phases"/>).</param>
    /// <param name="cancellationToken">Stops the running phase after its current step; finished phases stay.</param>
    public static async Task RunAsync(string outputDirectory, string workDirectory, TextWriter log, int threads = 1, IReadOnlyList<CurriculumPhase>? phases = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(outputDirectory);
        ArgumentException.ThrowIfNullOrWhiteSpace(workDirectory);
        ArgumentNullException.ThrowIfNull(log);
        phases ??= Phases(threads);
        if (phases.Count == 0)
        {
            throw new ArgumentException("The curriculum needs at least one phase.", nameof(phases));
        }

        Directory.CreateDirectory(workDirectory);
        string? previous = null;
        for (int i = 0; i < phases.Count; i++)
        {
            CurriculumPhase phase = phases[i];
            string folder = Path.Combine(workDirectory, phase.Name);
            if (IsFinished(folder))
            {
                await log.WriteLineAsync($"phase {i + 1}/{phases.Count} {phase.Name}: already trained in {folder}, kept").ConfigureAwait(false);
            }
            else
            {
                await log.WriteLineAsync($"phase {i + 1}/{phases.Count} {phase.Name}: {phase.Purpose}").ConfigureAwait(false);
                await log.FlushAsync(cancellationToken).ConfigureAwait(false);
                var recipe = phase.Recipe with { ContinueFrom = previous, Threads = threads };
                string phaseLog = Path.Combine(workDirectory, phase.Name + ".log");
                // Trained into a side folder and moved into place when done, so a phase killed while
                // saving is never taken for a finished one.
                string partial = folder + ".partial";
                if (Directory.Exists(partial))
                {
                    Directory.Delete(partial, recursive: true);
                }

                await using (var writer = new StreamWriter(phaseLog, append: false))
                {
                    await ShippedModelTrainer.RunAsync(recipe, partial, new TeeWriter(writer, log), snapshotDirectory: null, cancellationToken).ConfigureAwait(false);
                }

                if (Directory.Exists(folder))
                {
                    Directory.Delete(folder, recursive: true);
                }

                Directory.Move(partial, folder);
            }

            previous = folder;
        }

        Directory.CreateDirectory(outputDirectory);
        foreach (string file in ModelFiles)
        {
            File.Copy(Path.Combine(previous!, file), Path.Combine(outputDirectory, file), overwrite: true);
        }

        await log.WriteLineAsync($"the curriculum's model is in {outputDirectory}").ConfigureAwait(false);
    }

    /// <summary>Whether <paramref name="folder"/> holds a finished phase's model (a phase's folder appears only when the phase is done).</summary>
    /// <param name="folder">A phase folder.</param>
    public static bool IsFinished(string folder) => ModelFiles.All(f => File.Exists(Path.Combine(folder, f)));

    /// <summary>Writes every line to both writers: the phase's own log file and the caller's log.</summary>
    private sealed class TeeWriter(TextWriter first, TextWriter second) : TextWriter
    {
        public override System.Text.Encoding Encoding => first.Encoding;

        public override void Write(char value)
        {
            first.Write(value);
            second.Write(value);
        }

        public override void Write(string? value)
        {
            first.Write(value);
            second.Write(value);
        }

        public override void WriteLine(string? value)
        {
            first.WriteLine(value);
            second.WriteLine(value);
        }

        public override void Flush()
        {
            first.Flush();
            second.Flush();
        }
    }
}
