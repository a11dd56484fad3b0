namespace WrongOverWrong.Tasks.Extraction;

/// <summary>
/// Evaluates the short arithmetic models write in answers ("3 + 1", "2 × 3 - 1"): numbers and
/// + - * / with the usual precedence, left to right. Anything else gives <see langword="null"/>.
/// </summary>
internal static class ArithmeticExpression
{
    private const int MaxTerms = 64;

    /// <summary>The value of <paramref name="expression"/>, or <see langword="null"/> when it is not plain arithmetic.</summary>
    public static double? Evaluate(string expression)
    {
        ArgumentNullException.ThrowIfNull(expression);
        var tokens = Tokenize(expression);
        if (tokens is null || tokens.Count == 0 || tokens.Count > 2 * MaxTerms)
        {
            return null;
        }

        // Sum of products: multiply/divide into the current term, add the term on + or -.
        double sum = 0, term = 1;
        var sign = 1.0;
        var expectNumber = true;
        var pendingOp = '*';
        foreach (var (op, number) in tokens)
        {
            if (expectNumber)
            {
                if (op != '\0')
                {
                    if (op is '+' or '-' && pendingOp == '*' && term == 1 && sum == 0 && sign == 1)
                    {
                        sign = op == '-' ? -1 : 1; // a leading sign
                        continue;
                    }

                    return null;
                }

                term = pendingOp == '*' ? term * number : (number == 0 ? double.NaN : term / number);
                expectNumber = false;
                continue;
            }

            switch (op)
            {
                case '+' or '-':
                    sum += sign * term;
                    sign = op == '-' ? -1 : 1;
                    term = 1;
                    pendingOp = '*';
                    break;
                case '*' or '/':
                    pendingOp = op;
                    break;
                default:
                    return null;
            }

            expectNumber = true;
        }

        if (expectNumber)
        {
            return null;
        }

        var result = sum + (sign * term);
        return double.IsFinite(result) ? result : null;
    }

    private static List<(char Op, double Number)>? Tokenize(string text)
    {
        var tokens = new List<(char, double)>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }

            var op = c switch
            {
                '+' => '+',
                '-' or '−' => '-',
                '*' or '×' => '*',
                '/' or '÷' => '/',
                _ => '\0',
            };
            if (op != '\0')
            {
                tokens.Add((op, 0));
                i++;
                continue;
            }

            var start = i;
            while (i < text.Length && (char.IsAsciiDigit(text[i]) || text[i] is '.' or ',' or 'e' or 'E'
                || (text[i] is '+' or '-' && i > start && text[i - 1] is 'e' or 'E')))
            {
                i++;
            }

            if (i == start || !AnswerText.TryParseNumber(text[start..i], out var number))
            {
                return null;
            }

            tokens.Add(('\0', number));
        }

        return tokens;
    }
}
