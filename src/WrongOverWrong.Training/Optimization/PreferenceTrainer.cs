using Microsoft.Extensions.Logging;
using WrongOverWrong.Training.Chat;
using WrongOverWrong.Training.Modeling;
using WrongOverWrong.Training.Text;

namespace WrongOverWrong.Training.Optimization;

/// <summary>
/// The base of the preference optimizers (DPO, IPO, SimPO, ORPO, KTO): the shared loop of
/// <see cref="LanguageModelTrainer"/> with two completion slots per example (chosen and rejected,
/// or KTO's completion and its mismatched KL completion).
/// </summary>
public abstract class PreferenceTrainer : LanguageModelTrainer
{
    /// <summary>Creates the trainer.</summary>
    /// <param name="model">The model to train (its trainable parameters are updated in place).</param>
    /// <param name="tokenizer">The model's tokenizer.</param>
    /// <param name="chatTemplate">The model family's chat template, used to render prompts.</param>
    /// <param name="options">Shared trainer settings; <see langword="null"/> uses the paper's defaults.</param>
    /// <param name="logger">Receives run-level messages (skips, resume, checkpoints) and per-step debug lines.</param>
    private protected PreferenceTrainer(ICausalLanguageModel model, ITextTokenizer tokenizer, IChatTemplate chatTemplate, TrainerOptions? options, ILogger? logger)
        : base(model, tokenizer, chatTemplate, options, logger)
    {
    }

    private protected override int Slots => 2;
}
