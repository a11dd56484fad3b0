namespace WrongOverWrong.Tasks;

/// <summary>
/// Per-sample option orders for multiple-choice questions: each sample sees the options in a fresh
/// random order (the paper's rule), and the order is kept so a shown letter maps back to the
/// underlying option.
/// </summary>
public static class OptionPermutation
{
    /// <summary>
    /// Returns a uniformly random order of <paramref name="count"/> options (Fisher-Yates):
    /// element k is the underlying option shown at position k (letter A + k).
    /// </summary>
    /// <param name="count">Number of options.</param>
    /// <param name="rng">The seeded random source; the caller owns it so runs are reproducible.</param>
    public static int[] Shuffle(int count, Random rng)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentNullException.ThrowIfNull(rng);
        var order = Identity(count);
        for (var i = count - 1; i > 0; i--)
        {
            var j = rng.Next(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }

        return order;
    }

    /// <summary>Returns the canonical order 0, 1, ..., count - 1.</summary>
    /// <param name="count">Number of options.</param>
    public static int[] Identity(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var order = new int[count];
        for (var i = 0; i < count; i++)
        {
            order[i] = i;
        }

        return order;
    }

    /// <summary>
    /// Checks that <paramref name="order"/> is a permutation of 0..count-1 and throws an
    /// <see cref="ArgumentException"/> naming the problem otherwise.
    /// </summary>
    /// <param name="order">The shown order to check.</param>
    /// <param name="count">The number of options of the question.</param>
    /// <param name="paramName">The argument name reported in the exception.</param>
    public static void Validate(IReadOnlyList<int> order, int count, string paramName = "optionOrder")
    {
        ArgumentNullException.ThrowIfNull(order, paramName);
        if (order.Count != count)
        {
            throw new ArgumentException($"Option order has {order.Count} entries but the question has {count} options.", paramName);
        }

        var seen = new bool[count];
        foreach (var index in order)
        {
            if (index < 0 || index >= count || seen[index])
            {
                throw new ArgumentException($"Option order [{string.Join(",", order)}] is not a permutation of 0..{count - 1}.", paramName);
            }

            seen[index] = true;
        }
    }
}
