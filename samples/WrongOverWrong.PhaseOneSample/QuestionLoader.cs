using WrongOverWrong.Tasks.KnowledgeCrosswords;
using WrongOverWrong.Tasks.NLGraph;

namespace WrongOverWrong.Samples.PhaseOne;

/// <summary>Loads a task's questions from the real data files and picks the ones to run.</summary>
internal static class QuestionLoader
{
    public static async Task<LoadedQuestions> LoadAsync(SampleTask task, SampleOptions options, CancellationToken cancellationToken)
    {
        var path = Path.Combine(options.DataFolder, task.RelativeDataPath);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Data file for task '{task.CliName}' not found: {path} (set WOW_DATA to the folder holding nlgraph/ and knowledge-crosswords/).", path);
        }

        IReadOnlyList<Question> all;
        var note = string.Empty;
        if (task == SampleTask.Crosswords)
        {
            var result = await KnowledgeCrosswordsLoader.LoadAsync(path, new KnowledgeCrosswordsLoadOptions { Seed = options.Seed }, cancellationToken);
            all = result.Questions;
            note = $"{result.ProblemsRead} problems read, {result.SkippedNotThreeBlanks} skipped (not 3 blanks)";
        }
        else
        {
            all = await NLGraphLoader.LoadAsync(path, task.TaskName, cancellationToken: cancellationToken);
        }

        // The same seed picks the same questions, so a rerun with the same options resumes them.
        var order = all.ToArray();
        if (options.RandomQuestions)
        {
            new Random(options.Seed).Shuffle(order);
        }

        var chosen = order.Take(options.Questions).ToList();
        return new LoadedQuestions(path, all.Count, chosen, note);
    }
}

/// <summary>The questions chosen from a file, with how many it held.</summary>
internal sealed record LoadedQuestions(string Path, int Available, IReadOnlyList<Question> Chosen, string Note);
