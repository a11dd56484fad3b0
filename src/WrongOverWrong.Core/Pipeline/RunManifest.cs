using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace WrongOverWrong.Pipeline;

/// <summary>
/// The settings a run folder was started with (<c>manifest.json</c>): every option that changes
/// results, the task, hashes of the question sets, the elicitors and the policy's settings. A
/// rerun with different settings is refused, naming the first setting that differs.
/// </summary>
internal static class RunManifest
{
    public const string FileName = "manifest.json";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static SortedDictionary<string, string> Build(ExperimentOptions o, ExperimentInputs inputs)
    {
        static string D(double v) => v.ToString("R", CultureInfo.InvariantCulture);
        var s = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["Task"] = inputs.Task.Name,
            ["TrainingQuestions"] = Hash(inputs.TrainingQuestions),
            ["HeldOutQuestions"] = Hash(inputs.HeldOutQuestions),
            ["Elicitors"] = string.Join(",", inputs.Elicitors.Select(e => e.Name)),
            ["GeneratorName"] = o.GeneratorName,
            ["SamplesPerQuestion"] = o.SamplesPerQuestion.ToString(CultureInfo.InvariantCulture),
            ["EvaluationSamplesPerQuestion"] = o.EvaluationSamplesPerQuestion.ToString(CultureInfo.InvariantCulture),
            ["Temperature"] = D(o.Temperature),
            ["TopP"] = D(o.TopP),
            ["MaxOutputTokens"] = o.MaxOutputTokens.ToString(CultureInfo.InvariantCulture),
            ["Extraction"] = o.Extraction.ToString(),
            ["MaxElicitationPairs"] = o.MaxElicitationPairs.ToString(CultureInfo.InvariantCulture),
            ["Margins"] = string.Join(",", o.Margins.Select(m => $"{m.Name}={D(m.KeptFraction)}")),
            ["TrainingSources"] = string.Join(",", o.TrainingSources.Select(t => t.Name)),
            ["Optimizers"] = string.Join(",", o.Optimizers),
            ["RandomPreferenceControl"] = o.RandomPreferenceControl.ToString(),
            ["SftControl"] = o.SftControl.ToString(),
            ["MaxTrainingPairs"] = o.MaxTrainingPairs.ToString(CultureInfo.InvariantCulture),
            ["MinTrainingPairs"] = o.MinTrainingPairs.ToString(CultureInfo.InvariantCulture),
            ["Seed"] = o.Seed.ToString(CultureInfo.InvariantCulture),
            ["LearningRateGrid"] = string.Join(",", o.LearningRateGrid.Select(D)),
            ["EpochGrid"] = string.Join(",", o.EpochGrid.Select(e => e.ToString(CultureInfo.InvariantCulture))),
            ["ValidationShare"] = D(o.ValidationShare),
            ["BootstrapResamples"] = o.BootstrapResamples.ToString(CultureInfo.InvariantCulture),
            ["Confidence"] = D(o.Confidence),
            ["CollapseParsableShare"] = D(o.CollapseParsableShare),
        };
        if (inputs.Task is Tasks.IHasGradingRule graded)
        {
            // Stored grades were made under this rule: a resume under the other would mix them.
            s["GradingRule"] = graded.Rule.ToString();
        }
        if (inputs.Transfer is { } t)
        {
            s["TransferTask"] = t.Task.Name;
            s["TransferQuestions"] = Hash(t.Questions);
        }

        if (inputs.Policy is { } policy)
        {
            foreach (var (key, value) in policy.Settings)
            {
                s["Policy." + key] = value;
            }
        }

        return s;
    }

    /// <summary>Writes the manifest on first use; otherwise checks that it matches.</summary>
    public static void WriteOrCheck(string runDirectory, SortedDictionary<string, string> settings)
    {
        var path = Path.Combine(runDirectory, FileName);
        if (!File.Exists(path))
        {
            RunFiles.WriteAllTextAtomic(path, JsonSerializer.Serialize(settings, Indented));
            return;
        }

        Dictionary<string, string> recorded;
        try
        {
            recorded = JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(path)) ?? [];
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: the run manifest is not valid JSON ({e.Message}); restore it or use another run folder.", e);
        }

        var extended = false;
        foreach (var key in settings.Keys.Concat(recorded.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            recorded.TryGetValue(key, out var before);
            settings.TryGetValue(key, out var now);
            if (string.Equals(before, now, StringComparison.Ordinal))
            {
                continue;
            }

            // A phase-1 run may be continued into phase 2: settings it did not have yet (the policy,
            // held-out or transfer questions) are added; anything it had must stay the same.
            if (IsPhaseTwoOnly(key) && (before is null || before.StartsWith(EmptyQuestions, StringComparison.Ordinal)) && now is not null)
            {
                extended = true;
                continue;
            }

            throw new RunSettingsMismatchException(key, before, now, path);
        }

        if (extended)
        {
            RunFiles.WriteAllTextAtomic(path, JsonSerializer.Serialize(settings, Indented));
        }
    }

    private const string EmptyQuestions = "0 questions";

    private static bool IsPhaseTwoOnly(string key) =>
        key.StartsWith("Policy.", StringComparison.Ordinal) || key is "HeldOutQuestions" or "TransferTask" or "TransferQuestions";

    private static string Hash(IEnumerable<Question> questions)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var count = 0;
        foreach (var q in questions)
        {
            count++;
            sha.AppendData(Encoding.UTF8.GetBytes(q.Id + "\u0001" + q.Prompt + "\u0001" + string.Join("\u0002", q.Options?.Select(o => o.Text) ?? []) + "\u0003"));
        }

        return string.Create(CultureInfo.InvariantCulture, $"{count} questions, sha256 {Convert.ToHexStringLower(sha.GetHashAndReset())[..16]}");
    }
}
