using System.Text.RegularExpressions;

namespace WrongOverWrong.Tasks.Extraction;

/// <summary>The patterns <see cref="NumberAnswerReader"/> reads with, kept apart so the reading rules stay short.</summary>
internal sealed partial class NumberAnswerReader
{
    private const string Number = @"(?:(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|\.\d+)(?:[eE][-+]?\d+)?";

    // A number not glued to a word ("x2", "H2O") and not an ordinal ("2nd"); a sign counts only
    // when it does not join two numbers ("0-3-2" is a path, "-3" a number).
    [GeneratedRegex(@"(?<![\w.,^])(?:(?<=^|[\s(=:≈\[~])[-−])?" + Number + @"(?!\d|[.,]\d|(?:st|nd|rd|th)\b)", RegexOptions.CultureInvariant)]
    private static partial Regex Numbers();

    // "Final answer: 4", "The answer is 4", "Answer = 4", "The result is 4".
    [GeneratedRegex(@"\b(?:(?<final>final\s+answer)\s*(?:is\b|:|=|-)?|answer\s*(?:is\b|:|=|would\s+be\b|should\s+be\b|will\s+be\b)|(?:final\s+)?result\s*(?:is\b|:))", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AnswerCue();

    [GeneratedRegex(@"^(?:so|thus|therefore|hence|consequently|finally|overall|in\s+(?:conclusion|summary|total)|to\s+(?:summarize|conclude|sum\s+up)|this\s+(?:means|gives)|that\s+means|the\s+answer)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ConclusionStart();

    // Words that make a statement about a path or value other than the one chosen.
    [GeneratedRegex(@";|\bbut\b|\bhowever\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ClauseBreak();

    [GeneratedRegex(@"\b(?:alternative(?:ly)?|another|other\s+(?:path|paths|route|routes|option|options)|otherwise|if|suppose|assuming|compared?|versus|whereas|longer|larger|higher|worse|could|might|incorrect|wrong|not\s+the\s+(?:shortest|best|optimal|maximum|minimum))\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Hypothetical();

    // "not 5", "isn't 5", "rather than 5", "less than 6", "vs 6": the value right after is rejected.
    [GeneratedRegex(@"(?:\bnot|n't|\bnever|\bthan|\bvs\.?|\bversus|\bexcept|\binstead\s+of)\W*(?:\w+\W+){0,2}$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Negation();

    [GeneratedRegex(@"^\s*,?\s*(?:or|/)\s*[-−]?\d", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Alternative();

    [GeneratedRegex(@"(?:\d+|[a-z]+)\s*(?:or|/)\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AlternativeBefore();

    [GeneratedRegex(@"^\s*,?\s*which\s+is\s+(?:larger|longer|higher|greater|more|worse|bigger|not)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex LargerAfter();

    // A number inside a node list: "0,3,2", "0 -> 3 -> 2", "0-3-2", "[0, 3, 2]".
    [GeneratedRegex(@"\G(?:\s*(?:,|->|-->|→|=>|⇒|–|—)\s*(?:node\s*)?\d|-\d)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ListAfter();

    [GeneratedRegex(@"(?:\d\s*(?:,|->|-->|→|=>|⇒|–|—)\s*(?:node\s*)?|\d-)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ListBefore();

    // A number naming a thing, not a quantity: "node 3", "applicant 2", "step 1", "path 2".
    [GeneratedRegex(@"\b(?:node|nodes|vertex|vertices|city|applicant|applicants|job|jobs|edge|edges|step|steps|path|route|option|round|iteration|case|line|#)\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex EntityBefore();

    // "from node 0 to node 2", "between 0 and 2": the endpoints of the question, not a value.
    [GeneratedRegex(@"\b(?:from\s+(?:node\s+)?\d+\s+to\s+(?:node\s+)?\d+|between\s+(?:node\s+)?\d+\s+and\s+(?:node\s+)?\d+)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Range();

    // Right after a number: "+ 1 = 4", "= 4", "*2"; '=' steps and operators, numbers between.
    [GeneratedRegex(@"\G(?:\s*[-+−*×/÷=]\s*(?:[-−](?=\d))?" + Number + @")+", RegexOptions.CultureInvariant)]
    private static partial Regex Chain();

    [GeneratedRegex(@"\G\s*(?:\\times|×|x|\*|·)\s*10\s*\^\s*\{?\s*(?<exp>[-+−]?\d{1,4})\s*\}?", RegexOptions.CultureInvariant)]
    private static partial Regex Scientific();

    // "2 out of 4 ", "all 4 ", "only 3 of the 4 job ", "Two ", right before the count cue.
    [GeneratedRegex(@"(?<n>\b\d+|\b(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty))\s+(?:(?:out\s+)?of\s+(?:the\s+|all\s+)?(?:\d+|[a-z]+)\s+)?(?:(?:job|the|total)\s+)?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CountBefore();

    [GeneratedRegex(@"^(?:(?:final\s+)?answer\s*[:=]?\s*)?[=≈~]?\s*[-−]?\d[\d.,\s+\-−*×/÷=eE^{}x\\times]*(?:\s+(?!(?:or|and|to|vs|not|but)\b)[A-Za-zµ°Ω][A-Za-zµ°Ω/^·\-\d]{0,11}){0,2}$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex BareShape();
}
