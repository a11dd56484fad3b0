namespace WrongOverWrong.MainJob.ShippedModel;

/// <summary>One phase of <see cref="ShippedModelCurriculum"/>: a recipe that continues the previous phase's weights.</summary>
/// <param name="Name">Folder-safe name of the phase.</param>
/// <param name="Purpose">What the phase teaches, for the log.</param>
/// <param name="Recipe">Its settings; <see cref="ShippedModelRecipe.ContinueFrom"/> is filled in when the phase runs.</param>
public sealed record CurriculumPhase(string Name, string Purpose, ShippedModelRecipe Recipe);
