using System.Text.Json;
using WrongOverWrong.Training.Chat;
using WrongOverWrong.Training.Text;
using Xunit.Abstractions;

namespace WrongOverWrong.Training.Tests.Text;

public class ByteLevelBpeTrainerTests(ITestOutputHelper output)
{
    private static readonly string[] GraphCorpus =
    [
        "Determine if there is a path. The graph has the following edges:\nan edge between node 0 and node 1 with weight 3,\nan edge between node 1 and node 2 with weight 1,\nan edge between node 0 and node 2 with weight 4.\nQ: Give the shortest path from node 0 to node 2.\nA:",
        "The shortest path from node 0 to node 2 is 0,1,2 with a total weight of 4",
        "an edge between node 3 and node 4 with weight 2,\nan edge between node 4 and node 5 with weight 7.\nQ: Give the shortest path from node 3 to node 5.\nA:",
        "The shortest path from node 3 to node 5 is 3,4,5 with a total weight of 9",
    ];

    [Fact]
    public void Merge_order_is_by_pair_frequency_then_ordinal()
    {
        // Words (GPT-2 bytes): "ab" x1, "Ġab" x2, "abc" x1. Pairs: (a,b)=4, (Ġ,a)=2, (b,c)=1 -> merge a+b.
        // Then (Ġ,ab)=2, (ab,c)=1 -> merge Ġ+ab. Then (ab,c)=1 is below the minimum of 2: stop.
        var model = ByteLevelBpeTrainer.Train(["ab ab ab", "abc"], new ByteLevelBpeTrainerOptions { VocabularySize = 1000 });

        Assert.Equal(new[] { ("a", "b"), ("Ġ", "ab") }, model.Merges);
        Assert.Equal(7 + 256, model.Vocabulary["ab"]);
        Assert.Equal(7 + 257, model.Vocabulary["Ġab"]);
        Assert.Equal(7 + 258, model.VocabularySize);
    }

    [Fact]
    public void Stops_at_the_requested_vocabulary_size()
    {
        var model = ByteLevelBpeTrainer.Train(GraphCorpus, new ByteLevelBpeTrainerOptions { VocabularySize = 7 + 256 + 5 });
        Assert.Equal(268, model.VocabularySize);
        Assert.Equal(5, model.Merges.Count);
    }

    [Fact]
    public void Special_tokens_take_the_first_ids_and_the_chat_markers_are_single_tokens()
    {
        var tokenizer = ByteLevelBpeTrainer.Train(GraphCorpus, new ByteLevelBpeTrainerOptions { VocabularySize = 320 }).CreateTokenizer();

        Assert.Equal(0, tokenizer.PaddingId);
        Assert.Equal(1, tokenizer.BeginOfSequenceId);
        Assert.Equal(2, tokenizer.EndOfSequenceId);
        var prompt = new TinyChatTemplate().FormatPrompt([new(Microsoft.Extensions.AI.ChatRole.User, "Q")]);
        Assert.Equal(new[] { 1, 4, '\n' + 7, 'Q' + 7, 6, '\n' + 7, 5, '\n' + 7 }, tokenizer.Encode(prompt));
    }

    [Fact]
    public void Graph_text_round_trips_and_frequent_words_become_one_token()
    {
        var model = ByteLevelBpeTrainer.Train(GraphCorpus, new ByteLevelBpeTrainerOptions { VocabularySize = 400 });
        var tokenizer = model.CreateTokenizer();

        foreach (var text in GraphCorpus.Append("an edge between node 12 and node 19 with weight 10,\nnew words: zebra! ünïcode ☃\r\n\ttab"))
        {
            Assert.Equal(text, tokenizer.Decode(tokenizer.Encode(text)));
        }
        Assert.Single(tokenizer.Encode(" node"));
        Assert.Single(tokenizer.Encode(" edge"));
        // Digits are split one by one by the pre-tokenizer, so numbers never merge.
        Assert.Equal(3, tokenizer.Encode("123").Count);
    }

    [Fact]
    public void Saved_folder_is_read_back_with_the_same_ids_and_template()
    {
        var model = ByteLevelBpeTrainer.Train(GraphCorpus, new ByteLevelBpeTrainerOptions { VocabularySize = 360 });
        using var folder = new TempFolder();
        model.Save(folder.Path);

        var loaded = HuggingFaceTokenizer.FromFolder(folder.Path);
        const string text = "an edge between node 0 and node 1 with weight 3,\n";
        var expected = new List<int>();
        foreach (var token in ExpectedGreedy(model, text))
        {
            expected.Add(token);
        }
        Assert.Equal(TokenizerKind.ByteLevelBpe, loaded.Kind);
        // This small corpus runs out of pairs seen twice before 360 ids.
        Assert.Equal(model.VocabularySize, loaded.VocabularySize);
        Assert.InRange(model.VocabularySize, 300, 359);
        Assert.Equal(loaded.Encode(text), model.CreateTokenizer().Encode(text));
        Assert.Equal(expected, loaded.Encode(text));
        Assert.IsType<TinyChatTemplate>(ChatTemplates.FromFolder(folder.Path));

        // The file is Hugging Face's layout: merges as pairs, the Split + ByteLevel pre-tokenizer.
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder.Path, "tokenizer.json")));
        Assert.Equal("BPE", json.RootElement.GetProperty("model").GetProperty("type").GetString());
        Assert.Equal(model.VocabularySize - 263, json.RootElement.GetProperty("model").GetProperty("merges").GetArrayLength());
        Assert.Equal("Sequence", json.RootElement.GetProperty("pre_tokenizer").GetProperty("type").GetString());
    }

    // Reference BPE written here from the definition: pre-tokenize, map bytes, then repeatedly apply the lowest-rank merge.
    private static IEnumerable<int> ExpectedGreedy(ByteLevelBpeModel model, string text)
    {
        var rank = model.Merges.Select((m, i) => (m, i)).ToDictionary(x => x.m, x => x.i);
        var regex = new System.Text.RegularExpressions.Regex(model.PreTokenizerPattern);
        foreach (System.Text.RegularExpressions.Match match in regex.Matches(text))
        {
            var bytes = System.Text.Encoding.UTF8.GetBytes(match.Value);
            var symbols = bytes.Select(b => model.Vocabulary.First(kv => kv.Value == 7 + b).Key).ToList();
            while (true)
            {
                var best = -1;
                var bestRank = int.MaxValue;
                for (var i = 0; i + 1 < symbols.Count; i++)
                {
                    if (rank.TryGetValue((symbols[i], symbols[i + 1]), out var r) && r < bestRank)
                    {
                        best = i;
                        bestRank = r;
                    }
                }
                if (best < 0)
                {
                    break;
                }
                symbols[best] += symbols[best + 1];
                symbols.RemoveAt(best + 1);
            }
            foreach (var s in symbols)
            {
                yield return model.Vocabulary[s];
            }
        }
    }

    [Fact]
    public void Invalid_options_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => ByteLevelBpeTrainer.Train(GraphCorpus, new ByteLevelBpeTrainerOptions { VocabularySize = 100 }));
        Assert.Throws<ArgumentException>(() => ByteLevelBpeTrainer.Train(GraphCorpus, new ByteLevelBpeTrainerOptions { SpecialTokens = ["<a>", "<a>", "<b>"] }));
        Assert.Throws<ArgumentException>(() => ByteLevelBpeTrainer.Train(GraphCorpus, new ByteLevelBpeTrainerOptions { SpecialTokens = ["<a>"] }));
    }

    [RequiresSharedDataFact("nlgraph/shortest_path.json")]
    public void Real_nlgraph_questions_round_trip()
    {
        var file = Path.Combine(TempFolder.SharedData()!, "nlgraph", "shortest_path.json");
        using var json = JsonDocument.Parse(File.ReadAllText(file));
        var texts = json.RootElement.EnumerateObject()
            .SelectMany(q => new[] { q.Value.GetProperty("question").GetString()!, q.Value.GetProperty("answer").GetString()! })
            .ToList();
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var tokenizer = ByteLevelBpeTrainer.Train(texts, new ByteLevelBpeTrainerOptions { VocabularySize = 512 }).CreateTokenizer();
        var trainMs = watch.ElapsedMilliseconds;

        long chars = 0, tokens = 0;
        watch.Restart();
        foreach (var text in texts)
        {
            var ids = tokenizer.Encode(text);
            Assert.Equal(text, tokenizer.Decode(ids));
            chars += text.Length;
            tokens += ids.Count;
        }
        output.WriteLine($"{texts.Count} texts, trained in {trainMs} ms, {chars} chars -> {tokens} tokens ({(double)chars / tokens:F2} chars/token); encode + decode + compare of all texts {watch.ElapsedMilliseconds} ms.");
        Assert.True(tokens * 2 < chars, "a trained vocabulary should at least halve the length in tokens");
    }
}
