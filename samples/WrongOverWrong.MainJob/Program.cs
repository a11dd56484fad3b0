// Placeholder until the main-job issue: the end-to-end pipeline (sample, grade, pair, elicit,
// align, evaluate) lands here. For now it only checks that the libraries load.
Console.WriteLine("WrongOverWrong main job: not implemented yet (placeholder until the pipeline issue).");
