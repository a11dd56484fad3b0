namespace WrongOverWrong.Tasks.KnowledgeCrosswords;

/// <summary>The questions loaded from a Knowledge Crosswords file and what was left out, counted.</summary>
/// <param name="Questions">One four-option question per 3-blank problem.</param>
/// <param name="ProblemsRead">Problems in the file.</param>
/// <param name="SkippedNotThreeBlanks">Problems left out because they have other than 3 blanks (the paper keeps 3-blank problems).</param>
public sealed record KnowledgeCrosswordsLoadResult(IReadOnlyList<Question> Questions, int ProblemsRead, int SkippedNotThreeBlanks);
