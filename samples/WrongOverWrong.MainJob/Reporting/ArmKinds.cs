namespace WrongOverWrong.MainJob.Reporting;

/// <summary>The kinds of arms as the report names them.</summary>
public static class ArmKinds
{
    /// <summary>The model before alignment.</summary>
    public const string Base = "base";

    /// <summary>An arm aligned on wrong-over-wrong preferences (oracle order, an elicitor, or the mix with right-over-wrong).</summary>
    public const string WoW = "wow";

    /// <summary>An arm aligned on right-over-wrong pairs only.</summary>
    public const string RightOverWrong = "row";

    /// <summary>The random-preference control of an arm (chosen and rejected swapped by coin flips).</summary>
    public const string RandomControl = "random-control";

    /// <summary>The SFT-on-chosen control of an arm.</summary>
    public const string SftControl = "sft-control";
}
