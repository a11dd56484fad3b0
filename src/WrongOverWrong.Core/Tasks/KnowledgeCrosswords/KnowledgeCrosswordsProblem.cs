namespace WrongOverWrong.Tasks.KnowledgeCrosswords;

/// <summary>
/// One Knowledge Crosswords problem: constraint triples (source, relation, target) in which some
/// ends are blanks, the candidate entities of each blank, and the gold entity of each blank.
/// </summary>
/// <param name="Id">The problem id as the file gives it.</param>
/// <param name="Sources">Source entity (or blank name) of each constraint.</param>
/// <param name="Relations">Relation of each constraint.</param>
/// <param name="Targets">Target entity (or blank name) of each constraint.</param>
/// <param name="Blanks">The blank names ("blank 1", ...), in order.</param>
/// <param name="Candidates">The candidate entities of each blank, in blank order.</param>
/// <param name="Answers">The gold entity of each blank, in blank order.</param>
public sealed record KnowledgeCrosswordsProblem(
    string Id,
    IReadOnlyList<string> Sources,
    IReadOnlyList<string> Relations,
    IReadOnlyList<string> Targets,
    IReadOnlyList<string> Blanks,
    IReadOnlyList<IReadOnlyList<string>> Candidates,
    IReadOnlyList<string> Answers);
