namespace WrongOverWrong.MainJob.Reporting;

/// <summary>The kinds and well-known names of arms.</summary>
public static class ArmKinds
{
    /// <summary>The model before alignment.</summary>
    public const string Base = "base";

    /// <summary>An arm aligned on wrong-over-wrong preferences (oracle or elicited).</summary>
    public const string WoW = "wow";

    /// <summary>A control arm (random preferences, SFT).</summary>
    public const string Control = "control";

    /// <summary>The random-preference control's name.</summary>
    public const string RandomArm = "random";
}
