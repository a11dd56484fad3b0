// The main job. Until the pipeline lands, it offers one command: train-model, which retrains the
// shipped default model from scratch (see ShippedModel/ShippedModelRecipe.cs).
using System.Globalization;
using WrongOverWrong.MainJob.ShippedModel;
using WrongOverWrong.Training;

TorchSharpNative.EnsureLoaded();
if (args.Length > 0 && args[0] == "train-model")
{
    string output = "models/wow-tiny-sp";
    string? snapshots = null;
    var recipe = new ShippedModelRecipe();
    for (int i = 1; i < args.Length; i++)
    {
        string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
        int IntValue() => int.Parse(Value(), CultureInfo.InvariantCulture);
        switch (args[i])
        {
            case "--output": output = Value(); break;
            case "--snapshots": snapshots = Value(); break;
            case "--questions": recipe = recipe with { TrainQuestions = IntValue() }; break;
            case "--hidden": recipe = recipe with { HiddenSize = IntValue() }; break;
            case "--layers": recipe = recipe with { Layers = IntValue() }; break;
            case "--heads": recipe = recipe with { Heads = IntValue() }; break;
            case "--mlp": recipe = recipe with { IntermediateSize = IntValue() }; break;
            case "--batch": recipe = recipe with { BatchSize = IntValue() }; break;
            case "--probe-every": recipe = recipe with { ProbeEvery = IntValue() }; break;
            case "--threads": recipe = recipe with { Threads = IntValue() }; break;
            case "--lr": recipe = recipe with { LearningRate = double.Parse(Value(), CultureInfo.InvariantCulture) }; break;
            case "--hard-share": recipe = recipe with { HardShare = double.Parse(Value(), CultureInfo.InvariantCulture) }; break;
            default: throw new ArgumentException($"Unknown option '{args[i]}'.");
        }
    }

    await ShippedModelTrainer.RunAsync(recipe, output, Console.Out, snapshots);
    return 0;
}

Console.WriteLine("WrongOverWrong main job: the pipeline is not joined yet. 'train-model' retrains the shipped model.");
return 0;
