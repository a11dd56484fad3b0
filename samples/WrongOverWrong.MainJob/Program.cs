// The main job: `./run.sh` runs the whole offline experiment on the shipped model; `train-model`
// retrains that model (see ShippedModel/ShippedModelRecipe.cs). `--help` explains every option.
using WrongOverWrong.MainJob;
using WrongOverWrong.Training.Native;

TorchSharpNative.EnsureLoaded();
return await MainJobProgram.RunAsync(args, Console.Out, Console.Error, CancellationToken.None);
