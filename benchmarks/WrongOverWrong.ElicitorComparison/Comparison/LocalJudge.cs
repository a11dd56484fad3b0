using Microsoft.Extensions.AI;
using WrongOverWrong.Elicitation;
using WrongOverWrong.MainJob.JudgeModel;
using WrongOverWrong.Training.Chat;
using WrongOverWrong.Training.Lora;
using WrongOverWrong.Training.Modeling;
using WrongOverWrong.Training.Native;
using WrongOverWrong.Training.Text;

namespace WrongOverWrong.ElicitorComparison.Comparison;

/// <summary>
/// The shipped judge model (models/wow-tiny-judge, trained by <c>./run.sh train-judge</c>) as a
/// local chat client, so the pairwise and score judges run offline; it owns the model's weights.
/// </summary>
public sealed class LocalJudge : IDisposable
{
    private readonly LlamaForCausalLM _model;
    private readonly LocalChatClient _client;

    private LocalJudge(string folder, LlamaForCausalLM model, LocalChatClient client)
    {
        Folder = folder;
        _model = model;
        _client = client;
    }

    /// <summary>The judge's folder.</summary>
    public string Folder { get; }

    /// <summary>The judge as a chat client (greedy replies as the elicitors ask for them).</summary>
    public IChatClient Client => _client;

    /// <summary>Loads the judge from <paramref name="folder"/> (Hugging Face layout with its tokenizer and chat template).</summary>
    /// <param name="folder">The judge's folder.</param>
    /// <param name="threads">libtorch threads.</param>
    /// <exception cref="FileNotFoundException">The folder has no config.json; the message says how to get it back.</exception>
    public static LocalJudge Open(string folder, int threads)
    {
        ArgumentNullException.ThrowIfNull(folder);
        string config = Path.Combine(folder, "config.json");
        if (!File.Exists(config))
        {
            throw new FileNotFoundException($"{folder}: no config.json, so no local judge for the pairwise and score judges. Restore models/wow-tiny-judge with git, retrain it with `./run.sh train-judge`, give a judge endpoint (--endpoint/WOW_ENDPOINT), or pass --judge-model none to compare the three other elicitors only.", config);
        }

        TorchThreads.Apply(threads);
        var model = LlamaForCausalLM.FromPretrained(folder);
        try
        {
            var client = new LocalChatClient(model, HuggingFaceTokenizer.FromFolder(folder), ChatTemplates.FromFolder(folder), new LocalChatClientOptions { ModelId = Path.GetFileName(Path.TrimEndingDirectorySeparator(folder)), MaxOutputTokens = JudgeModelProbe.MaxReplyTokens, Threads = threads });
            return new LocalJudge(folder, model, client);
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The two judge elicitors over this judge, named as the main job names them. Replies are capped
    /// at <see cref="JudgeModelProbe.MaxReplyTokens"/> (the longest reply the judge was trained on is
    /// shorter), so a reply that runs on without a verdict costs little and is then an abstention.
    /// </summary>
    public IReadOnlyList<IPreferenceElicitor> CreateElicitors() =>
    [
        new PairwiseJudgeElicitor(_client, new PairwiseJudgeOptions { Name = "pairwise-judge", ConsistencyCheck = true, MaxOutputTokens = JudgeModelProbe.MaxReplyTokens }),
        new ScoreJudgeElicitor(_client, new ScoreJudgeOptions { Name = "score-judge", BatchSize = 5, MaxOutputTokens = JudgeModelProbe.MaxReplyTokens }),
    ];

    /// <inheritdoc/>
    public void Dispose()
    {
        _client.Dispose();
        _model.Dispose();
    }
}
