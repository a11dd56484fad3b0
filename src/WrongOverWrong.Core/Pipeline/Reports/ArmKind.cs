namespace WrongOverWrong.Pipeline.Reports;

/// <summary>What an evaluated arm is.</summary>
public enum ArmKind
{
    /// <summary>The base model, untrained.</summary>
    Base,

    /// <summary>Aligned on a real preference source (oracle WoW, an elicitor at a margin, the judge, RoW, the mix).</summary>
    Preference,

    /// <summary>The random-preference control: the same pairs, each direction by a seeded coin flip.</summary>
    RandomPreferenceControl,

    /// <summary>The SFT control: supervised training on the chosen answers of the same pairs.</summary>
    SftControl,
}
