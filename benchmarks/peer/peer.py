"""The PyTorch side of the side-by-side benchmark (issue 14, section 3).

A Llama-family causal LM written directly in PyTorch (RMSNorm, rotary positions in Hugging Face's
rotate-half layout, grouped-query attention through scaled_dot_product_attention when this PyTorch
has it, SwiGLU MLP, untied LM head), with PEFT-style LoRA (x @ A^T @ B^T, B = 0 at start) on the
seven projections. It times the same four things as `WrongOverWrong.Benchmarks -- peer-side`:

  matmul  fp32 [tokens, hidden] x [hidden, intermediate] (the DPO step's MLP shape), GFLOP/s
  dpo     one DPO optimizer step (sigmoid loss, beta 0.1) with LoRA r16 on q,k,v,o,gate,up,down,
          reference log-probs precomputed once with the adapters off (outside the timed step),
          clip_grad_norm 1.0 and AdamW, as DpoOptimizer's defaults
  score   teacher-forced completion log-probs (no gradients), batch of prompt + completion pairs
  sample  KV-cache sampling: one prompt prefilled once, its cache repeated for 10 rows, 128 new
          tokens per row drawn from softmax(logits) (temperature 1), log-probs kept

Weights are random with a fixed seed: only speed is compared here (numerical equivalence of the
two implementations was checked in an earlier phase). Prints one JSON line per task.
"""
import argparse
import json
import math
import os
import statistics
import time

import torch
import torch.nn.functional as F
from torch import nn


def attention_kind():
    if hasattr(F, "scaled_dot_product_attention"):
        return "F.scaled_dot_product_attention"
    if hasattr(F, "_scaled_dot_product_attention"):
        return "F._scaled_dot_product_attention (PyTorch 1.13's private fused form)"
    return "matmul-softmax-matmul"


def attend(q, k, v, causal):
    if hasattr(F, "scaled_dot_product_attention"):
        return F.scaled_dot_product_attention(q, k, v, is_causal=causal)
    if hasattr(F, "_scaled_dot_product_attention"):
        return F._scaled_dot_product_attention(q, k, v, None, 0.0, False, causal)[0]
    scores = torch.matmul(q, k.transpose(-1, -2)) / math.sqrt(q.shape[-1])
    if causal:
        t = q.shape[-2]
        mask = torch.ones(t, t, dtype=torch.bool, device=q.device).triu(1)
        scores = scores.masked_fill(mask, float("-inf"))
    return torch.matmul(scores.softmax(-1), v)


class RMSNorm(nn.Module):
    def __init__(self, size, eps):
        super().__init__()
        self.weight = nn.Parameter(torch.ones(size))
        self.eps = eps

    def forward(self, x):
        variance = x.pow(2).mean(-1, keepdim=True)
        return self.weight * (x * torch.rsqrt(variance + self.eps))


class LoraLinear(nn.Module):
    """A bias-free projection with an optional LoRA adapter: W x + (alpha / r) B (A x)."""

    def __init__(self, inputs, outputs):
        super().__init__()
        self.weight = nn.Parameter(torch.empty(outputs, inputs))
        self.lora_A = None
        self.lora_B = None
        self.scaling = 1.0
        self.adapter_enabled = True

    def attach(self, rank, alpha, generator):
        bound = 1.0 / math.sqrt(self.weight.shape[1])
        self.lora_A = nn.Parameter(torch.empty(rank, self.weight.shape[1]).uniform_(-bound, bound, generator=generator))
        self.lora_B = nn.Parameter(torch.zeros(self.weight.shape[0], rank))
        self.scaling = alpha / rank

    def forward(self, x):
        y = F.linear(x, self.weight)
        if self.lora_A is not None and self.adapter_enabled:
            y = y + F.linear(F.linear(x, self.lora_A), self.lora_B) * self.scaling
        return y


class Attention(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.heads, self.kv_heads, self.head_dim = c.heads, c.kv_heads, c.hidden // c.heads
        self.q_proj = LoraLinear(c.hidden, self.heads * self.head_dim)
        self.k_proj = LoraLinear(c.hidden, self.kv_heads * self.head_dim)
        self.v_proj = LoraLinear(c.hidden, self.kv_heads * self.head_dim)
        self.o_proj = LoraLinear(self.heads * self.head_dim, c.hidden)

    def forward(self, x, cos, sin, cache, layer, past):
        b, t, _ = x.shape
        q = self.q_proj(x).view(b, t, self.heads, self.head_dim).transpose(1, 2)
        k = self.k_proj(x).view(b, t, self.kv_heads, self.head_dim).transpose(1, 2)
        v = self.v_proj(x).view(b, t, self.kv_heads, self.head_dim).transpose(1, 2)
        q, k = rotate(q, cos, sin), rotate(k, cos, sin)
        if cache is not None:
            keys, values = cache
            keys[layer][:, :, past:past + t] = k
            values[layer][:, :, past:past + t] = v
            k, v = keys[layer][:, :, :past + t], values[layer][:, :, :past + t]
        if self.kv_heads != self.heads:
            group = self.heads // self.kv_heads
            k = k.repeat_interleave(group, dim=1)
            v = v.repeat_interleave(group, dim=1)
        out = attend(q, k, v, causal=(past == 0 and t > 1))
        return self.o_proj(out.transpose(1, 2).reshape(b, t, self.heads * self.head_dim))


class Mlp(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.gate_proj = LoraLinear(c.hidden, c.intermediate)
        self.up_proj = LoraLinear(c.hidden, c.intermediate)
        self.down_proj = LoraLinear(c.intermediate, c.hidden)

    def forward(self, x):
        return self.down_proj(F.silu(self.gate_proj(x)) * self.up_proj(x))


class DecoderLayer(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.input_layernorm = RMSNorm(c.hidden, 1e-6)
        self.self_attn = Attention(c)
        self.post_attention_layernorm = RMSNorm(c.hidden, 1e-6)
        self.mlp = Mlp(c)

    def forward(self, x, cos, sin, cache, layer, past):
        h = x + self.self_attn(self.input_layernorm(x), cos, sin, cache, layer, past)
        return h + self.mlp(self.post_attention_layernorm(h))


def rotate(x, cos, sin):
    half = x.shape[-1] // 2
    rotated = torch.cat([-x[..., half:], x[..., :half]], dim=-1)
    return x * cos + rotated * sin


class LlamaForCausalLM(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.c = c
        self.embed_tokens = nn.Embedding(c.vocab, c.hidden)
        self.layers = nn.ModuleList(DecoderLayer(c) for _ in range(c.layers))
        self.norm = RMSNorm(c.hidden, 1e-6)
        self.lm_head = nn.Linear(c.hidden, c.vocab, bias=False)
        head_dim = c.hidden // c.heads
        self.register_buffer("inv_freq", 1.0 / (10000.0 ** (torch.arange(0, head_dim, 2).float() / head_dim)), persistent=False)

    def hidden(self, ids, cache=None, past=0):
        t = ids.shape[1]
        angles = torch.outer(torch.arange(past, past + t, dtype=torch.float32), self.inv_freq)
        doubled = torch.cat([angles, angles], dim=-1)
        cos, sin = doubled.cos(), doubled.sin()
        x = self.embed_tokens(ids)
        for i, layer in enumerate(self.layers):
            x = layer(x, cos, sin, cache, i, past)
        return self.norm(x)

    def projections(self):
        return [m for m in self.modules() if isinstance(m, LoraLinear)]

    def set_adapters(self, enabled):
        for m in self.projections():
            m.adapter_enabled = enabled


def build_model(c, lora_rank):
    torch.manual_seed(0)
    model = LlamaForCausalLM(c)
    with torch.no_grad():
        for name, p in model.named_parameters():
            if name.endswith("norm.weight"):
                p.fill_(1.0)
            else:
                p.normal_(0.0, 0.02)
    if lora_rank:
        generator = torch.Generator().manual_seed(0)
        for p in model.parameters():
            p.requires_grad_(False)
        for m in model.projections():
            m.attach(lora_rank, lora_rank, generator)  # alpha = r, as the C# side
    model.eval()
    return model


def completion_logps(model, ids, prompt):
    """Summed log p(completion | prompt) per row; only completion positions reach the LM head."""
    h = model.hidden(ids)
    predictors = h[:, prompt - 1:-1]
    logits = model.lm_head(predictors).float()
    return logits.log_softmax(-1).gather(-1, ids[:, prompt:].unsqueeze(-1)).squeeze(-1).sum(-1)


def random_ids(generator, rows, length, vocab):
    return torch.randint(2, vocab, (rows, length), generator=generator)


def timed(fn, repeats):
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return times


def matmul_rate(tokens, hidden, intermediate, repeats=20):
    torch.manual_seed(0)
    a, b = torch.randn(tokens, hidden), torch.randn(hidden, intermediate)
    a.matmul(b)
    start = time.perf_counter()
    for _ in range(repeats):
        a.matmul(b)
    return 2.0 * tokens * hidden * intermediate * repeats / (time.perf_counter() - start)


def run_matmul(a):
    tokens = a.pairs * 2 * (a.prompt + a.completion)
    rates = [matmul_rate(tokens, a.hidden, a.intermediate) for _ in range(a.repeats)]
    return {"seconds": [2.0 * tokens * a.hidden * a.intermediate * 20 / r for r in rates], "gflops": max(rates) / 1e9,
            "shape": f"20 x [{tokens},{a.hidden}]x[{a.hidden},{a.intermediate}]"}


def run_dpo(a):
    model = build_model(a, a.rank)
    g = torch.Generator().manual_seed(42)
    prompt = random_ids(g, a.pairs, a.prompt, a.vocab)
    chosen, rejected = random_ids(g, a.pairs, a.completion, a.vocab), random_ids(g, a.pairs, a.completion, a.vocab)
    ids = torch.cat([torch.cat([prompt, chosen], 1), torch.cat([prompt, rejected], 1)], 0)
    with torch.no_grad():  # the reference: the same model with adapters off, computed once
        model.set_adapters(False)
        reference = completion_logps(model, ids, a.prompt)
        model.set_adapters(True)
    params = [p for p in model.parameters() if p.requires_grad]
    optimizer = torch.optim.AdamW(params, lr=5e-5, betas=(0.9, 0.999), eps=1e-8, weight_decay=1e-5)
    model.train()
    losses = []

    def step():
        logps = completion_logps(model, ids, a.prompt)
        delta = (logps[:a.pairs] - reference[:a.pairs]) - (logps[a.pairs:] - reference[a.pairs:])
        loss = -F.logsigmoid(0.1 * delta).mean()
        loss.backward()
        torch.nn.utils.clip_grad_norm_(params, 1.0)
        optimizer.step()
        optimizer.zero_grad()
        losses.append(loss.item())

    step()  # warm-up (allocates AdamW's state), as the C# side
    times = timed(step, a.repeats)
    tokens = ids.numel()
    return {"seconds": times, "tokens": tokens, "trainable": sum(p.numel() for p in params), "loss": losses[-1]}


def run_score(a):
    model = build_model(a, 0)
    g = torch.Generator().manual_seed(7)
    ids = torch.cat([random_ids(g, a.score_pairs, a.prompt, a.vocab), random_ids(g, a.score_pairs, a.completion, a.vocab)], 1)

    def score():
        with torch.inference_mode():
            return completion_logps(model, ids, a.prompt)

    score()
    times = timed(score, a.repeats)
    return {"seconds": times, "tokens": ids.numel()}


def run_sample(a):
    model = build_model(a, 0)
    g = torch.Generator().manual_seed(5)
    prompt = random_ids(g, 1, a.sample_prompt, a.vocab)
    head_dim = a.hidden // a.heads

    def sample(new_tokens):
        rows = a.samples
        draw = torch.Generator().manual_seed(11)
        with torch.inference_mode():
            capacity = prompt.shape[1] + new_tokens
            keys = [torch.empty(1, a.kv_heads, capacity, head_dim) for _ in range(a.layers)]
            values = [torch.empty(1, a.kv_heads, capacity, head_dim) for _ in range(a.layers)]
            h = model.hidden(prompt, (keys, values), 0)  # one prefill for the prompt
            past = prompt.shape[1]
            keys = [k.expand(rows, -1, -1, -1).contiguous() for k in keys]  # its cache, once per row
            values = [v.expand(rows, -1, -1, -1).contiguous() for v in values]
            logits = model.lm_head(h[:, -1]).expand(rows, -1)
            tokens, logps = [], []
            for step in range(new_tokens):
                lp = logits.float().log_softmax(-1)
                chosen = torch.multinomial(lp.exp(), 1, generator=draw)
                tokens.append(chosen)
                logps.append(lp.gather(-1, chosen))
                if step == new_tokens - 1:
                    break
                h = model.hidden(chosen, (keys, values), past)
                past += 1
                logits = model.lm_head(h[:, -1])
            return torch.cat(tokens, 1)

    sample(8)  # warm-up
    times = timed(lambda: sample(a.new_tokens), a.repeats)
    return {"seconds": times, "tokens": a.samples * a.new_tokens}


def blas_name():
    for path in ("/etc/alternatives/libblas.so.3-x86_64-linux-gnu",):
        if os.path.exists(path):
            return os.path.realpath(path)
    return "unknown"


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("task", choices=["info", "matmul", "dpo", "score", "sample"])
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--vocab", type=int, default=32000)
    p.add_argument("--hidden", type=int, default=512)
    p.add_argument("--layers", type=int, default=8)
    p.add_argument("--heads", type=int, default=8)
    p.add_argument("--kv-heads", type=int, default=8)
    p.add_argument("--intermediate", type=int, default=1376)
    p.add_argument("--rank", type=int, default=16)
    p.add_argument("--pairs", type=int, default=4)
    p.add_argument("--prompt", type=int, default=128)
    p.add_argument("--completion", type=int, default=128)
    p.add_argument("--score-pairs", type=int, default=8)
    p.add_argument("--samples", type=int, default=10)
    p.add_argument("--new-tokens", type=int, default=128)
    p.add_argument("--sample-prompt", type=int, default=128)
    p.add_argument("--repeats", type=int, default=2)
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    if a.task == "info":
        print(json.dumps({"side": "pytorch", "task": "info", "version": torch.__version__, "blas": blas_name(),
                          "attention": attention_kind(), "threads": torch.get_num_threads(),
                          "build": [l.strip() for l in torch.__config__.show().splitlines() if "capability" in l or "MKL" in l]}))
        return
    result = {"matmul": run_matmul, "dpo": run_dpo, "score": run_score, "sample": run_sample}[a.task](a)
    times = result.pop("seconds")
    print(json.dumps({"side": "pytorch", "task": a.task, "threads": torch.get_num_threads(), "best": min(times),
                      "median": statistics.median(times), "times": times, **result}))


if __name__ == "__main__":
    main()
