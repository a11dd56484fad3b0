using System.Text;
using System.Text.RegularExpressions;
using Microsoft.ML.Tokenizers;
using WrongOverWrong.Training.Chat;

namespace WrongOverWrong.Training.Text;

/// <summary>
/// An <see cref="ITextTokenizer"/> over Microsoft.ML.Tokenizers, loaded from a Hugging Face model folder:
/// byte-level BPE from <c>tokenizer.json</c>, SentencePiece or tiktoken from <c>tokenizer.model</c>.
/// Special-token strings are cut out of the text before the backend sees it (as Hugging Face does for
/// added tokens), so prompts rendered by an <see cref="IChatTemplate"/> encode to the right ids.
/// </summary>
public sealed class HuggingFaceTokenizer : ITextTokenizer
{
    private readonly Tokenizer _inner;
    private readonly Dictionary<string, int> _special;
    private readonly Dictionary<int, string> _specialById;
    private readonly SpecialTokenSplitter _splitter;
    private readonly Func<string, int?> _lookup;
    private readonly NormalizationForm? _normalization;
    private readonly bool _legacy;
    private readonly Regex? _wholeWordSplit;
    private readonly IReadOnlyDictionary<string, int>? _wholeWords;

    internal HuggingFaceTokenizer(
        Tokenizer inner,
        TokenizerKind kind,
        IReadOnlyDictionary<string, int> specialTokens,
        int vocabularySize,
        Func<string, int?> lookup,
        TokenizerFolderConfig config,
        int? fallbackBos,
        int? fallbackEos,
        string source,
        NormalizationForm? normalization = null,
        TokenizerJsonFile? ignoreMergesFrom = null)
    {
        _normalization = normalization;
        _legacy = config.Legacy;
        if (ignoreMergesFrom is not null)
        {
            _wholeWordSplit = ignoreMergesFrom.SplitPattern is null ? null : new Regex(ignoreMergesFrom.SplitPattern, RegexOptions.Compiled | RegexOptions.CultureInvariant);
            _wholeWords = ignoreMergesFrom.Vocabulary;
        }
        _inner = inner;
        Kind = kind;
        _special = new Dictionary<string, int>(specialTokens, StringComparer.Ordinal);
        _specialById = new Dictionary<int, string>();
        foreach (var (token, id) in _special)
        {
            _specialById.TryAdd(id, token);
        }
        _splitter = new SpecialTokenSplitter(_special.Keys);
        _lookup = lookup;
        VocabularySize = Math.Max(vocabularySize, _special.Count == 0 ? 0 : _special.Values.Max() + 1);

        BeginOfSequenceId = config.BosTokenIsNull ? null : Resolve(config.BosToken, "bos_token", source) ?? config.BosTokenId ?? fallbackBos;
        EndOfSequenceId = Resolve(config.EosToken, "eos_token", source)
            ?? (config.EosTokenIds.Count > 0 ? config.EosTokenIds[0] : fallbackEos)
            ?? throw new InvalidDataException(
                $"{source}: no end-of-sequence token; set 'eos_token' in tokenizer_config.json or 'eos_token_id' in config.json / generation_config.json.");
        PaddingId = Resolve(config.PadToken, "pad_token", source) ?? config.PadTokenId ?? EndOfSequenceId;
        EndOfSequenceIds = new[] { EndOfSequenceId }.Concat(config.EosTokenIds).Distinct().ToArray();
        ChatTemplateSource = config.ChatTemplate;
        ModelType = config.ModelType;
        foreach (var id in new[] { BeginOfSequenceId, PaddingId }.Concat(EndOfSequenceIds.Select(e => (int?)e)))
        {
            if (id is { } value && (value < 0 || value >= VocabularySize))
            {
                throw new InvalidDataException($"{source}: special token id {value} is outside the vocabulary (size {VocabularySize}).");
            }
        }
    }

    /// <summary>The Unicode normalization tokenizer.json asks for (Qwen2: NFC), applied to ordinary text before encoding; null for none.</summary>
    public NormalizationForm? UnicodeNormalization => _normalization;

    /// <summary>
    /// Whether .NET can normalize non-ASCII text here. With <c>InvariantGlobalization</c> (no ICU) <see cref="string.Normalize(NormalizationForm)"/>
    /// returns text unchanged, so <see cref="UnicodeNormalization"/> is then skipped: exact for text that is already
    /// in that form (almost all real text is NFC), different from Hugging Face for decomposed input.
    /// </summary>
    public static bool NormalizationAvailable { get; } = "e\u0301".Normalize(NormalizationForm.FormC).Length == 1;

    /// <summary>The algorithm in use.</summary>
    public TokenizerKind Kind { get; }

    /// <summary>The Microsoft.ML.Tokenizers object doing the ordinary (non-special) text.</summary>
    public Tokenizer InnerTokenizer => _inner;

    /// <summary>Special and added tokens that are matched verbatim in text, with their ids.</summary>
    public IReadOnlyDictionary<string, int> SpecialTokens => _special;

    /// <summary>
    /// Every id that ends generation: <see cref="EndOfSequenceId"/> first, then the ids listed in
    /// generation_config.json / config.json (Llama 3.1 instruct lists end of text, end of message and end of turn).
    /// </summary>
    public IReadOnlyList<int> EndOfSequenceIds { get; }

    /// <summary>The Jinja <c>chat_template</c> from tokenizer_config.json, if any (used by <see cref="ChatTemplates.FromJinja"/>; never evaluated).</summary>
    public string? ChatTemplateSource { get; }

    /// <summary>The <c>model_type</c> from config.json / generation_config.json, if any.</summary>
    public string? ModelType { get; }

    /// <inheritdoc />
    public int VocabularySize { get; }

    /// <inheritdoc />
    public int? BeginOfSequenceId { get; }

    /// <inheritdoc />
    public int EndOfSequenceId { get; }

    /// <inheritdoc />
    public int PaddingId { get; }

    /// <summary>
    /// Loads the tokenizer in <paramref name="directory"/>: <c>tokenizer.json</c> when it is byte-level BPE,
    /// else <c>tokenizer.model</c> (tiktoken when its first line is <c>base64 rank</c>, else SentencePiece).
    /// Special tokens and bos/eos/pad come from tokenizer_config.json, then generation_config.json and config.json.
    /// </summary>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    /// <exception cref="FileNotFoundException">Neither tokenizer file is present.</exception>
    /// <exception cref="InvalidDataException">A file is malformed; the message names the file and field.</exception>
    public static HuggingFaceTokenizer FromFolder(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        if (!Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"Tokenizer folder '{directory}' does not exist.");
        }
        var config = TokenizerFolderConfig.Read(directory);
        var jsonPath = Path.Combine(directory, "tokenizer.json");
        var modelPath = Path.Combine(directory, "tokenizer.model");

        TokenizerJsonFile? json = File.Exists(jsonPath) ? TokenizerJsonFile.Read(jsonPath) : null;
        if (json is { IsByteLevel: true })
        {
            return FromByteLevelBpe(json, config);
        }
        if (File.Exists(modelPath))
        {
            var bytes = File.ReadAllBytes(modelPath);
            return LooksLikeTiktoken(bytes) ? FromTiktoken(bytes, modelPath, config) : FromSentencePiece(bytes, modelPath, config);
        }
        if (json is not null)
        {
            throw new InvalidDataException(
                $"{jsonPath}: not byte-level BPE ({json.NotByteLevelReason}); SentencePiece-style tokenizer.json files are read through the tokenizer.model next to them, and there is none in '{directory}'.");
        }
        throw new FileNotFoundException($"No tokenizer.json or tokenizer.model in '{directory}'.", jsonPath);
    }

    /// <inheritdoc />
    public IReadOnlyList<int> Encode(string text, bool addBeginOfSequence = false)
    {
        ArgumentNullException.ThrowIfNull(text);
        var ids = new List<int>(text.Length / 3 + 2);
        if (addBeginOfSequence)
        {
            ids.Add(BeginOfSequenceId ?? throw new InvalidOperationException("This tokenizer has no beginning-of-sequence token."));
        }
        var offset = 0;
        foreach (var (segment, isSpecial) in _splitter.Split(text))
        {
            var atStart = offset == 0;
            offset += segment.Length;
            if (isSpecial)
            {
                ids.Add(_special[segment]);
            }
            else
            {
                // Normalized here rather than by the backend: Microsoft.ML's byte-level BPE does not apply BpeOptions.Normalizer.
                var normalized = _normalization is { } form && NormalizationAvailable ? segment.Normalize(form) : segment;
                if (_inner is SentencePieceTokenizer sp && !_legacy && !atStart && sp.AddDummyPrefix)
                {
                    // Non-legacy Llama/Mistral (Hugging Face legacy=false): only the start of the text gets the
                    // dummy-prefix ▁, so " [INST]" after <s> is "▁[INST]", not "▁▁[INST]". The backend always adds
                    // it, so spaces are escaped here and its normalizer is bypassed for later segments.
                    ids.AddRange(sp.EncodeToIds(normalized.Replace(' ', '\u2581'), false, false, considerPreTokenization: true, considerNormalization: false));
                }
                else if (_wholeWords is null)
                {
                    ids.AddRange(_inner.EncodeToIds(normalized));
                }
                else
                {
                    EncodeIgnoringMerges(normalized, ids);
                }
            }
        }
        return ids;
    }

    // Hugging Face's ignore_merges (Llama 3, like tiktoken): a pre-token that is itself a vocabulary entry is
    // emitted whole; only the others go through BPE merges. Microsoft.ML's BpeTokenizer has no such switch.
    private void EncodeIgnoringMerges(string text, List<int> ids)
    {
        IEnumerable<string> pieces = _wholeWordSplit is null ? [text] : _wholeWordSplit.Matches(text).Select(m => m.Value);
        foreach (var piece in pieces)
        {
            if (_wholeWords!.TryGetValue(ByteLevelAlphabet.Encode(piece), out var id) && !_specialById.ContainsKey(id))
            {
                ids.Add(id);
            }
            else
            {
                ids.AddRange(_inner.EncodeToIds(piece, considerPreTokenization: false));
            }
        }
    }

    /// <inheritdoc />
    public string Decode(IEnumerable<int> ids, bool skipSpecialTokens = true)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var builder = new StringBuilder();
        var run = new List<int>();
        foreach (var id in ids)
        {
            if (id < 0 || id >= VocabularySize)
            {
                throw new ArgumentOutOfRangeException(nameof(ids), id, $"Token id outside the vocabulary (size {VocabularySize}).");
            }
            if (_specialById.TryGetValue(id, out var token))
            {
                Flush();
                if (!skipSpecialTokens)
                {
                    builder.Append(token);
                }
            }
            else
            {
                run.Add(id);
            }
        }
        Flush();
        return builder.ToString();

        void Flush()
        {
            // Ordinary ids are decoded together so multi-byte characters split across tokens come out whole.
            if (run.Count > 0)
            {
                builder.Append(_inner.Decode(run));
                run.Clear();
            }
        }
    }

    /// <summary>
    /// The id of a token string (special, or as spelled in the vocabulary: byte-level tokens use GPT-2's
    /// alphabet, so " node" is <c>Ġnode</c>; SentencePiece uses <c>▁</c>), or null when unknown.
    /// </summary>
    public int? TokenToId(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        return _special.TryGetValue(token, out var id) ? id : _lookup(token);
    }

    private int? Resolve(string? token, string field, string source)
    {
        if (token is null)
        {
            return null;
        }
        return TokenToId(token) ?? throw new InvalidDataException(
            $"{source}: tokenizer_config.json field '{field}' names '{token}', which is neither an added token nor in the vocabulary.");
    }

    internal static HuggingFaceTokenizer FromByteLevelBpe(TokenizerJsonFile json, TokenizerFolderConfig config)
    {
        var special = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (content, id, _) in json.AddedTokens)
        {
            special[content] = id;
        }
        foreach (var (content, id) in config.AddedTokens)
        {
            special.TryAdd(content, id);
        }
        // Added tokens may also sit in model.vocab; the BPE model must not see them as ordinary tokens twice.
        var vocabulary = json.Vocabulary.Where(kv => !special.ContainsKey(kv.Key)).ToList();
        var options = new BpeOptions(vocabulary)
        {
            Merges = json.Merges.Select(m => m.Left + " " + m.Right).ToList(),
            ByteLevel = true,
            PreTokenizer = json.SplitPattern is null ? null : new RegexPreTokenizer(new Regex(json.SplitPattern, RegexOptions.Compiled | RegexOptions.CultureInvariant), null),
        };
        BpeTokenizer bpe;
        try
        {
            bpe = BpeTokenizer.Create(options);
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or KeyNotFoundException)
        {
            throw new InvalidDataException($"{json.Path}: the BPE model could not be built: {ex.Message}", ex);
        }
        var size = Math.Max(json.Vocabulary.Count == 0 ? 0 : json.Vocabulary.Values.Max() + 1, 0);
        return new HuggingFaceTokenizer(
            bpe, TokenizerKind.ByteLevelBpe, special, size,
            token => json.Vocabulary.TryGetValue(token, out var id) ? id : null,
            config, null, null, json.Path, json.Normalization, json.IgnoreMerges ? json : null);
    }

    internal static HuggingFaceTokenizer FromTiktoken(byte[] bytes, string path, TokenizerFolderConfig config)
    {
        var ranks = 0;
        var maxRank = -1;
        foreach (var line in Encoding.ASCII.GetString(bytes).Split('\n'))
        {
            var trimmed = line.TrimEnd('\r');
            if (trimmed.Length == 0)
            {
                continue;
            }
            var space = trimmed.IndexOf(' ');
            if (space <= 0 || !int.TryParse(trimmed.AsSpan(space + 1), out var rank))
            {
                throw new InvalidDataException($"{path}: line {ranks + 1} is not 'base64 rank'.");
            }
            maxRank = Math.Max(maxRank, rank);
            ranks++;
        }
        var baseSize = maxRank + 1;
        var special = config.AddedTokens.Count > 0
            ? new Dictionary<string, int>(config.AddedTokens, StringComparer.Ordinal)
            : new Dictionary<string, int>(Llama3SpecialTokens.Create(baseSize), StringComparer.Ordinal);
        var preTokenizer = new RegexPreTokenizer(new Regex(Llama3SpecialTokens.Pattern, RegexOptions.Compiled | RegexOptions.CultureInvariant), special);
        TiktokenTokenizer tiktoken;
        try
        {
            using var stream = new MemoryStream(bytes, writable: false);
            tiktoken = TiktokenTokenizer.Create(stream, preTokenizer, null, special);
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException or InvalidOperationException)
        {
            throw new InvalidDataException($"{path}: the tiktoken ranks could not be read: {ex.Message}", ex);
        }
        // Meta's files carry no config; Llama 3 starts with <|begin_of_text|> and ends turns with <|eot_id|>.
        int? bos = special.TryGetValue(Llama3SpecialTokens.BeginOfText, out var b) ? b : null;
        int? eos = special.TryGetValue(Llama3SpecialTokens.EndOfText, out var e) ? e : null;
        return new HuggingFaceTokenizer(
            tiktoken, TokenizerKind.Tiktoken, special, baseSize,
            token => tiktoken.EncodeToIds(token, considerPreTokenization: false) is [var single] ? single : null,
            config, bos, eos, path);
    }

    internal static HuggingFaceTokenizer FromSentencePiece(byte[] bytes, string path, TokenizerFolderConfig config)
    {
        SentencePieceTokenizer sp;
        try
        {
            using var stream = new MemoryStream(bytes, writable: false);
            sp = SentencePieceTokenizer.Create(stream, false, false);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            throw new InvalidDataException($"{path}: not a SentencePiece model protobuf (nor tiktoken text): {ex.Message}", ex);
        }
        var special = new Dictionary<string, int>(StringComparer.Ordinal)
        {
            [sp.BeginningOfSentenceToken] = sp.BeginningOfSentenceId,
            [sp.EndOfSentenceToken] = sp.EndOfSentenceId,
        };
        foreach (var (content, id) in config.AddedTokens)
        {
            if (id != sp.UnknownId)
            {
                special.TryAdd(content, id);
            }
        }
        var size = sp.Vocabulary.Count == 0 ? 0 : sp.Vocabulary.Values.Max() + 1;
        return new HuggingFaceTokenizer(
            sp, TokenizerKind.SentencePiece, special, size,
            token => sp.Vocabulary.TryGetValue(token, out var id) ? id : null,
            config, sp.BeginningOfSentenceId, sp.EndOfSentenceId, path);
    }

    /// <summary>tiktoken files are text lines <c>base64 rank</c>; SentencePiece models are binary protobuf.</summary>
    internal static bool LooksLikeTiktoken(ReadOnlySpan<byte> bytes)
    {
        var newline = bytes.IndexOf((byte)'\n');
        var line = newline < 0 ? bytes : bytes[..newline];
        if (line.Length > 0 && line[^1] == '\r')
        {
            line = line[..^1];
        }
        var space = line.IndexOf((byte)' ');
        if (space <= 0 || space == line.Length - 1)
        {
            return false;
        }
        foreach (var c in line[..space])
        {
            if (!(char.IsAsciiLetterOrDigit((char)c) || c == '+' || c == '/' || c == '='))
            {
                return false;
            }
        }
        foreach (var c in line[(space + 1)..])
        {
            if (!char.IsAsciiDigit((char)c))
            {
                return false;
            }
        }
        return true;
    }
}
