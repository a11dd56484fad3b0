namespace WrongOverWrong.DependencyInjection;

/// <summary>
/// The service keys under which WrongOverWrong looks for the application's chat clients. Register a
/// keyed <see cref="Microsoft.Extensions.AI.IChatClient"/> under each (for example with
/// <c>services.AddKeyedChatClient(WrongOverWrongServiceKeys.Judge, ...)</c>); when a key is not
/// registered, the unkeyed <see cref="Microsoft.Extensions.AI.IChatClient"/> is used.
/// </summary>
public static class WrongOverWrongServiceKeys
{
    /// <summary>The client that samples wrong answers.</summary>
    public const string Generator = "generator";

    /// <summary>The client that judges pairs.</summary>
    public const string Judge = "judge";
}
