using System.Text;
using Microsoft.ML.Tokenizers;

namespace WrongOverWrong.Training;

/// <summary>Unicode normalization (NFC for Qwen2) as a Microsoft.ML.Tokenizers normalizer, matching tokenizer.json's <c>"normalizer": {"type": "NFC"}</c>.</summary>
internal sealed class UnicodeFormNormalizer : Normalizer
{
    private readonly NormalizationForm _form;

    public UnicodeFormNormalizer(NormalizationForm form) => _form = form;

    public override string Normalize(string original) => original.Normalize(_form);

    public override string Normalize(ReadOnlySpan<char> original) => original.ToString().Normalize(_form);
}
