namespace WrongOverWrong.Tasks.Graphs;

/// <summary>Exact maximum bipartite matching (Hopcroft-Karp).</summary>
public static class BipartiteMatching
{
    /// <summary>Returns the size of a maximum matching.</summary>
    /// <param name="leftCount">Number of left nodes (applicants), numbered from 0.</param>
    /// <param name="rightCount">Number of right nodes (jobs), numbered from 0.</param>
    /// <param name="pairs">Allowed (left, right) pairs.</param>
    public static int Solve(int leftCount, int rightCount, IReadOnlyList<(int Left, int Right)> pairs)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        ArgumentOutOfRangeException.ThrowIfNegative(leftCount);
        ArgumentOutOfRangeException.ThrowIfNegative(rightCount);
        var adjacency = new List<int>[leftCount];
        for (var i = 0; i < leftCount; i++)
        {
            adjacency[i] = [];
        }

        foreach (var (left, right) in pairs)
        {
            if (left < 0 || left >= leftCount || right < 0 || right >= rightCount)
            {
                throw new ArgumentException($"Pair ({left}, {right}) is outside {leftCount} x {rightCount}.", nameof(pairs));
            }

            adjacency[left].Add(right);
        }

        var matchLeft = new int[leftCount];
        var matchRight = new int[rightCount];
        var distance = new int[leftCount];
        Array.Fill(matchLeft, -1);
        Array.Fill(matchRight, -1);
        var size = 0;
        while (Layer())
        {
            for (var u = 0; u < leftCount; u++)
            {
                if (matchLeft[u] < 0 && Augment(u))
                {
                    size++;
                }
            }
        }

        return size;

        bool Layer()
        {
            var queue = new Queue<int>();
            var found = false;
            for (var u = 0; u < leftCount; u++)
            {
                distance[u] = matchLeft[u] < 0 ? 0 : -1;
                if (distance[u] == 0)
                {
                    queue.Enqueue(u);
                }
            }

            while (queue.TryDequeue(out var u))
            {
                foreach (var v in adjacency[u])
                {
                    var w = matchRight[v];
                    if (w < 0)
                    {
                        found = true;
                    }
                    else if (distance[w] < 0)
                    {
                        distance[w] = distance[u] + 1;
                        queue.Enqueue(w);
                    }
                }
            }

            return found;
        }

        bool Augment(int u)
        {
            foreach (var v in adjacency[u])
            {
                var w = matchRight[v];
                if (w < 0 || (distance[w] == distance[u] + 1 && Augment(w)))
                {
                    matchLeft[u] = v;
                    matchRight[v] = u;
                    return true;
                }
            }

            distance[u] = -1; // dead end for this phase
            return false;
        }
    }
}
