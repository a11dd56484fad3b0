using WrongOverWrong.Tasks;

namespace WrongOverWrong.Samples.PhaseOne;

/// <summary>A task this sample can run: its command-line name, registry name and data file.</summary>
internal sealed record SampleTask(string CliName, string TaskName, string RelativeDataPath)
{
    public static SampleTask ShortestPath { get; } = new("shortest-path", TaskNames.NLGraphShortestPath, Path.Combine("nlgraph", "shortest_path.json"));

    public static SampleTask Crosswords { get; } = new("crosswords", TaskNames.KnowledgeCrosswords, Path.Combine("knowledge-crosswords", "MC_easy.jsonl"));

    public static IReadOnlyList<SampleTask> All { get; } = [ShortestPath, Crosswords];
}
