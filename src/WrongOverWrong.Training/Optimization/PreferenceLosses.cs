using TorchSharp;
using static TorchSharp.torch;

namespace WrongOverWrong.Training.Optimization;

/// <summary>
/// The preference losses as pure functions of log-probability tensors (TRL's formulas; see
/// DESIGN.md "Loss formulas"). Inputs are 1-D tensors over the batch; summed completion log-probs
/// unless a parameter says per-token averaged. Nothing here touches a model, so every loss can be
/// checked against numbers computed by hand.
/// </summary>
public static class PreferenceLosses
{
    /// <summary>
    /// DPO: with Δ = (π_c - ref_c) - (π_r - ref_r), sigmoid gives -(1-ε) log σ(βΔ) - ε log σ(-βΔ)
    /// (ε = 0 is the original loss), hinge gives relu(1 - βΔ), robust gives
    /// [-(1-ε) log σ(βΔ) + ε log σ(-βΔ)] / (1 - 2ε). Rewards are β(π - ref).
    /// </summary>
    /// <param name="policyChosen">Policy log-probs of the chosen completions (summed over tokens).</param>
    /// <param name="policyRejected">Policy log-probs of the rejected completions.</param>
    /// <param name="referenceChosen">Reference log-probs of the chosen completions.</param>
    /// <param name="referenceRejected">Reference log-probs of the rejected completions.</param>
    /// <param name="beta">The KL strength β (paper: 0.1).</param>
    /// <param name="variant">Which DPO loss.</param>
    /// <param name="labelSmoothing">The assumed label-noise rate ε in [0, 0.5).</param>
    public static PreferenceLossOutput Dpo(Tensor policyChosen, Tensor policyRejected, Tensor referenceChosen, Tensor referenceRejected, double beta, DpoVariant variant = DpoVariant.Sigmoid, double labelSmoothing = 0.0)
    {
        CheckBeta(beta);
        if (labelSmoothing < 0.0 || labelSmoothing >= 0.5)
        {
            throw new ArgumentOutOfRangeException(nameof(labelSmoothing), labelSmoothing, "Label smoothing must lie in [0, 0.5).");
        }

        Tensor chosenRatio = policyChosen - referenceChosen;
        Tensor rejectedRatio = policyRejected - referenceRejected;
        Tensor scaled = (chosenRatio - rejectedRatio) * beta;
        Tensor losses = variant switch
        {
            DpoVariant.Sigmoid => -nn.functional.logsigmoid(scaled) * (1.0 - labelSmoothing) - nn.functional.logsigmoid(-scaled) * labelSmoothing,
            DpoVariant.Hinge => nn.functional.relu(1.0 - scaled),
            DpoVariant.Robust => (-nn.functional.logsigmoid(scaled) * (1.0 - labelSmoothing) + nn.functional.logsigmoid(-scaled) * labelSmoothing) / (1.0 - 2.0 * labelSmoothing),
            _ => throw new ArgumentOutOfRangeException(nameof(variant), variant, "Unknown DPO variant."),
        };
        return new PreferenceLossOutput(losses, (chosenRatio * beta).detach(), (rejectedRatio * beta).detach());
    }

    /// <summary>
    /// The language-model loss on the chosen completions: the negative log-likelihood averaged
    /// over every chosen completion token of the batch, -Σ logp / Σ tokens (TRL's token-level
    /// <c>cross_entropy</c> over the flattened chosen rows). A scalar; SFT's loss, ORPO's NLL term
    /// and DPO + NLL's <c>nll_loss</c>.
    /// </summary>
    /// <param name="policyChosen">Summed log-probs of the chosen completions [batch].</param>
    /// <param name="chosenTokenCounts">Their token counts [batch].</param>
    public static Tensor ChosenNll(Tensor policyChosen, Tensor chosenTokenCounts)
    {
        ArgumentNullException.ThrowIfNull(policyChosen);
        ArgumentNullException.ThrowIfNull(chosenTokenCounts);
        return -policyChosen.sum() / chosenTokenCounts.sum();
    }

    /// <summary>
    /// DPO + NLL (TRL's <c>rpo_alpha</c>; Pang et al. 2024): each pair's DPO loss
    /// (<see cref="Dpo"/>) plus α times <see cref="ChosenNll"/> of the batch, so the mean loss is
    /// mean DPO + α·NLL. The NLL term keeps the likelihood of the chosen completions from falling,
    /// which plain DPO allows when chosen and rejected share most tokens. Rewards are DPO's.
    /// </summary>
    /// <param name="policyChosen">Policy log-probs of the chosen completions (summed over tokens).</param>
    /// <param name="policyRejected">Policy log-probs of the rejected completions.</param>
    /// <param name="referenceChosen">Reference log-probs of the chosen completions.</param>
    /// <param name="referenceRejected">Reference log-probs of the rejected completions.</param>
    /// <param name="chosenTokenCounts">Token counts of the chosen completions, for the NLL's average.</param>
    /// <param name="beta">The KL strength β (paper: 0.1).</param>
    /// <param name="alpha">The NLL weight α (TRL's <c>rpo_alpha</c>; the RPO paper uses 1), non-negative.</param>
    /// <param name="variant">Which DPO loss.</param>
    /// <param name="labelSmoothing">The assumed label-noise rate ε in [0, 0.5).</param>
    /// <returns>The per-pair losses and rewards, and the NLL term (a differentiable scalar, logged as <c>nll_loss</c>).</returns>
    public static (PreferenceLossOutput Output, Tensor Nll) DpoWithNll(Tensor policyChosen, Tensor policyRejected, Tensor referenceChosen, Tensor referenceRejected, Tensor chosenTokenCounts, double beta, double alpha, DpoVariant variant = DpoVariant.Sigmoid, double labelSmoothing = 0.0)
    {
        if (!(alpha >= 0.0) || double.IsInfinity(alpha))
        {
            throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "Must be a non-negative finite number.");
        }

        PreferenceLossOutput dpo = Dpo(policyChosen, policyRejected, referenceChosen, referenceRejected, beta, variant, labelSmoothing);
        Tensor nll = ChosenNll(policyChosen, chosenTokenCounts);
        return (dpo with { Losses = dpo.Losses + nll * alpha }, nll);
    }

    /// <summary>
    /// IPO: (Δ - 1/(2β))² with Δ built from per-token averaged log-probs. Rewards are β(π - ref)
    /// of the averaged log-probs.
    /// </summary>
    /// <param name="policyChosenAverage">Policy per-token averaged log-probs of the chosen completions.</param>
    /// <param name="policyRejectedAverage">Policy per-token averaged log-probs of the rejected completions.</param>
    /// <param name="referenceChosenAverage">Reference per-token averaged log-probs of the chosen completions.</param>
    /// <param name="referenceRejectedAverage">Reference per-token averaged log-probs of the rejected completions.</param>
    /// <param name="beta">The regularisation strength β (the target margin is 1/(2β)).</param>
    public static PreferenceLossOutput Ipo(Tensor policyChosenAverage, Tensor policyRejectedAverage, Tensor referenceChosenAverage, Tensor referenceRejectedAverage, double beta)
    {
        CheckBeta(beta);
        Tensor chosenRatio = policyChosenAverage - referenceChosenAverage;
        Tensor rejectedRatio = policyRejectedAverage - referenceRejectedAverage;
        Tensor losses = (chosenRatio - rejectedRatio - 1.0 / (2.0 * beta)).square();
        return new PreferenceLossOutput(losses, (chosenRatio * beta).detach(), (rejectedRatio * beta).detach());
    }

    /// <summary>
    /// SimPO: -log σ(β(avg π_c - avg π_r) - γ), reference-free. Rewards are β times the averaged
    /// log-probs (TRL's CPO trainer).
    /// </summary>
    /// <param name="policyChosenAverage">Policy per-token averaged log-probs of the chosen completions.</param>
    /// <param name="policyRejectedAverage">Policy per-token averaged log-probs of the rejected completions.</param>
    /// <param name="beta">The reward scale β (TRL default 0.1; the SimPO authors use 2 to 10).</param>
    /// <param name="gamma">The target reward margin γ (TRL default 0.5).</param>
    public static PreferenceLossOutput SimPo(Tensor policyChosenAverage, Tensor policyRejectedAverage, double beta, double gamma = 0.5)
    {
        CheckBeta(beta);
        Tensor logits = (policyChosenAverage - policyRejectedAverage) * beta - gamma;
        Tensor losses = -nn.functional.logsigmoid(logits);
        return new PreferenceLossOutput(losses, (policyChosenAverage * beta).detach(), (policyRejectedAverage * beta).detach());
    }

    /// <summary>
    /// ORPO: NLL(chosen) - λ log σ(log_odds) per pair, with log_odds = (lp_c - lp_r) -
    /// (log(1 - e^lp_c) - log(1 - e^lp_r)) on per-token averaged log-probs; reference-free.
    /// The mean of <see cref="PreferenceLossOutput.Losses"/> is NLL - λ·mean log σ(log_odds).
    /// Rewards are λ times the averaged log-probs (TRL).
    /// </summary>
    /// <param name="policyChosenAverage">Policy per-token averaged log-probs of the chosen completions (negative).</param>
    /// <param name="policyRejectedAverage">Policy per-token averaged log-probs of the rejected completions (negative).</param>
    /// <param name="chosenNll">The supervised cross-entropy on the chosen completions, a scalar.</param>
    /// <param name="lambda">The odds-ratio weight λ (TRL's beta, 0.1).</param>
    /// <returns>The losses and rewards, plus <c>log_odds_ratio</c> (log σ(log_odds)) and <c>log_odds_chosen</c> (log_odds) per pair.</returns>
    public static (PreferenceLossOutput Output, Tensor LogOddsRatio, Tensor LogOdds) Orpo(Tensor policyChosenAverage, Tensor policyRejectedAverage, Tensor chosenNll, double lambda = 0.1)
    {
        CheckBeta(lambda, nameof(lambda));
        Tensor logOdds = (policyChosenAverage - policyRejectedAverage) - (Log1mExp(policyChosenAverage) - Log1mExp(policyRejectedAverage));
        Tensor ratio = nn.functional.logsigmoid(logOdds);
        Tensor losses = chosenNll - ratio * lambda;
        var output = new PreferenceLossOutput(losses, (policyChosenAverage * lambda).detach(), (policyRejectedAverage * lambda).detach());
        return (output, ratio.detach(), logOdds.detach());
    }

    /// <summary>
    /// KTO's reference point z = max(0, mean(π - ref)) over completions paired with the wrong
    /// prompts, detached so no gradient flows through it.
    /// </summary>
    /// <param name="policyMismatched">Policy log-probs of completions under mismatched prompts.</param>
    /// <param name="referenceMismatched">Reference log-probs of the same sequences.</param>
    public static Tensor KtoKl(Tensor policyMismatched, Tensor referenceMismatched)
    {
        return (policyMismatched - referenceMismatched).mean().clamp_min(0.0).detach();
    }

    /// <summary>
    /// KTO (unpaired): desirable completions lose w_d(1 - σ(β(r - z))), undesirable ones
    /// w_u(1 - σ(β(z - r))), with r = π - ref and z from <see cref="KtoKl"/>. Rewards are βr,
    /// split into desirable (<see cref="PreferenceLossOutput.ChosenRewards"/>) and undesirable.
    /// </summary>
    /// <param name="policy">Policy log-probs of the completions (summed).</param>
    /// <param name="reference">Reference log-probs of the completions.</param>
    /// <param name="desirable">Boolean labels, true for desirable completions.</param>
    /// <param name="kl">The reference point z (a detached scalar).</param>
    /// <param name="beta">β (0.1).</param>
    /// <param name="desirableWeight">w_d, to balance unequal label counts.</param>
    /// <param name="undesirableWeight">w_u.</param>
    public static PreferenceLossOutput Kto(Tensor policy, Tensor reference, Tensor desirable, Tensor kl, double beta, double desirableWeight = 1.0, double undesirableWeight = 1.0)
    {
        CheckBeta(beta);
        Tensor ratio = policy - reference;
        Tensor desirableLosses = (1.0 - nn.functional.sigmoid((ratio - kl) * beta)) * desirableWeight;
        Tensor undesirableLosses = (1.0 - nn.functional.sigmoid((kl - ratio) * beta)) * undesirableWeight;
        Tensor labels = desirable.to(ScalarType.Bool);
        Tensor losses = where(labels, desirableLosses, undesirableLosses);
        Tensor rewards = (ratio * beta).detach();
        return new PreferenceLossOutput(losses, rewards.masked_select(labels), rewards.masked_select(labels.logical_not()));
    }

    /// <summary>log(1 - e^x) for x &lt; 0, stable at both ends (Mächler's log1mexp).</summary>
    /// <param name="x">Non-positive log-probabilities.</param>
    public static Tensor Log1mExp(Tensor x)
    {
        // Near 0, 1 - e^x cancels: use log(-expm1(x)); far from 0, e^x underflows: use log1p(-e^x).
        // At exactly 0 (an overfit model giving every completion token probability 1 in fp32) both
        // forms are -inf and the gradient NaN, so x is held at most -1e-7 (log1mexp = -16.1 there).
        x = x.clamp_max(-1e-7);
        return where(x > -Math.Log(2.0), (-x.expm1()).log(), (-x.exp()).log1p());
    }

    private static void CheckBeta(double beta, string name = "beta")
    {
        if (!(beta > 0.0) || double.IsInfinity(beta))
        {
            throw new ArgumentOutOfRangeException(name, beta, "Must be a positive finite number.");
        }
    }
}
