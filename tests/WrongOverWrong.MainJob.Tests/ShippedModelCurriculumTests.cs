using System.Text.Json;
using WrongOverWrong.MainJob.ShippedModel;
using Xunit;

namespace WrongOverWrong.MainJob.Tests;

public sealed class ShippedModelCurriculumTests
{
    private static string ShippedFolder => RepositoryPaths.FromRoot(RepositoryPaths.ShippedModelRelative);

    [Fact]
    public void Phases_are_the_recipes_recorded_in_the_shipped_models_training_log()
    {
        // Each phase's log starts with the recipe it ran ("[00:00:00] recipe {json}"); the curriculum in
        // code must be that run, or `train-shipped` would not retrain the shipped weights.
        string log = File.ReadAllText(Path.Combine(ShippedFolder, "training-log.txt"));
        var logged = log.Split('\n')
            .Where(l => l.StartsWith("[00:00:00] recipe {", StringComparison.Ordinal))
            .Select(l => JsonDocument.Parse(l["[00:00:00] recipe ".Length..]).RootElement)
            .ToList();
        var phases = ShippedModelCurriculum.Phases();

        Assert.Equal(5, phases.Count);
        Assert.Equal(phases.Count, logged.Count);
        for (int i = 0; i < phases.Count; i++)
        {
            var code = JsonDocument.Parse(JsonSerializer.Serialize(phases[i].Recipe)).RootElement;
            foreach (var property in code.EnumerateObject().Where(p => p.Name != nameof(ShippedModelRecipe.ContinueFrom)))
            {
                // PathCandidates came after the first four phases ran; their logs lack it, and it was off.
                if (!logged[i].TryGetProperty(property.Name, out var value))
                {
                    Assert.Equal(nameof(ShippedModelRecipe.PathCandidates), property.Name);
                    Assert.False(property.Value.GetBoolean());
                    continue;
                }

                Assert.True(property.Value.ToString() == value.ToString(), $"phase {i + 1} ({phases[i].Name}): {property.Name} is {property.Value} in code, {value} in the log");
            }

            Assert.Equal(i == 0, logged[i].GetProperty(nameof(ShippedModelRecipe.ContinueFrom)).ValueKind == JsonValueKind.Null);
        }

        Assert.Equal(phases.Count, phases.Select(p => p.Name).Distinct().Count());
        Assert.All(ShippedModelCurriculum.Phases(threads: 2), p => Assert.Equal(2, p.Recipe.Threads));
    }

    [Fact]
    public async Task Finished_phases_are_kept_and_the_last_ones_model_is_copied_out()
    {
        string work = Temp();
        string output = Temp();
        try
        {
            var phases = ShippedModelCurriculum.Phases();
            foreach (var phase in phases)
            {
                CopyModel(ShippedFolder, Path.Combine(work, phase.Name));
            }

            // A marker that shows which phase's files reached the output.
            File.WriteAllText(Path.Combine(work, phases[^1].Name, "tokenizer_config.json"), "{\"last\": true}");
            File.WriteAllText(Path.Combine(output, "README.md"), "card");
            var log = new StringWriter();

            await ShippedModelCurriculum.RunAsync(output, work, log);

            Assert.Equal(phases.Count, log.ToString().Split('\n').Count(l => l.Contains("already trained", StringComparison.Ordinal)));
            Assert.Equal("{\"last\": true}", File.ReadAllText(Path.Combine(output, "tokenizer_config.json")));
            Assert.Equal(File.ReadAllBytes(Path.Combine(ShippedFolder, "model.safetensors")), File.ReadAllBytes(Path.Combine(output, "model.safetensors")));
            Assert.Equal("card", File.ReadAllText(Path.Combine(output, "README.md")));
        }
        finally
        {
            Directory.Delete(work, recursive: true);
            Directory.Delete(output, recursive: true);
        }
    }

    [Fact]
    public void A_phase_folder_without_all_model_files_is_not_finished()
    {
        string folder = Temp();
        try
        {
            Assert.False(ShippedModelCurriculum.IsFinished(folder));
            CopyModel(ShippedFolder, folder);
            Assert.True(ShippedModelCurriculum.IsFinished(folder));
            File.Delete(Path.Combine(folder, "tokenizer.json"));
            Assert.False(ShippedModelCurriculum.IsFinished(folder));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task An_empty_curriculum_is_refused()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => ShippedModelCurriculum.RunAsync(Temp(), Temp(), TextWriter.Null, phases: []));
        Assert.Equal("phases", error.ParamName);
    }

    private static string Temp()
    {
        string folder = Path.Combine(Path.GetTempPath(), "wow-curriculum-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        return folder;
    }

    private static void CopyModel(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (string file in ShippedModelCurriculum.ModelFiles)
        {
            File.Copy(Path.Combine(from, file), Path.Combine(to, file), overwrite: true);
        }
    }
}
