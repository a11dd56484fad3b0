"""Turns run-peer.sh's raw JSON lines into the ratio table (Markdown + JSON). Needs no torch."""
import argparse
import datetime
import json
import os
import platform
import statistics
import subprocess

TASKS = {
    "matmul": "fp32 matmul",
    "dpo": "DPO step (LoRA r16 x 7 projections, precomputed reference; ours runs each prompt once per pair)",
    "dpo-concat": "the same DPO step, ours with the concatenated forward as TRL (SharePromptForward = false)",
    "score": "teacher-forced scoring",
    "sample": "KV-cache sampling",
}


def lscpu(field):
    try:
        for line in subprocess.run(["lscpu"], capture_output=True, text=True).stdout.splitlines():
            if line.startswith(field + ":"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return "unknown"


def main():
    p = argparse.ArgumentParser()
    p.add_argument("raw")
    p.add_argument("stem")
    p.add_argument("--command", required=True)
    p.add_argument("--started", required=True)
    p.add_argument("--threads", type=int, required=True)
    p.add_argument("--load", nargs=2, default=["?", "?"])
    p.add_argument("--niceness", default="0")
    p.add_argument("--openblas-core", default="?")
    p.add_argument("--note", default="")
    a = p.parse_args()
    lines = [json.loads(l) for l in open(a.raw) if l.strip()]
    info = {l["side"]: l for l in lines if l["task"] == "info"}
    runs = [l for l in lines if l["task"] != "info"]
    rows = []
    for task, title in TASKS.items():
        rounds = sorted({l["round"] for l in runs if l["task"] == task})
        per_round = []
        for r in rounds:
            pair = {l["side"]: l for l in runs if l["task"] == task and l["round"] == r}
            if "ours" in pair and "pytorch" in pair:
                per_round.append((pair["ours"], pair["pytorch"]))
        if not per_round:
            continue
        ratios = [o["median"] / t["median"] for o, t in per_round]
        row = {
            "task": task, "title": title, "rounds": len(per_round),
            "ours_seconds": statistics.median(o["median"] for o, _ in per_round),
            "pytorch_seconds": statistics.median(t["median"] for _, t in per_round),
            "ratio_median": statistics.median(ratios), "ratio_min": min(ratios), "ratio_max": max(ratios),
            "ratios": ratios,
        }
        first = per_round[0][0]
        if task == "matmul":
            row["workload"] = first["shape"]
            row["ours_gflops"] = statistics.median(o["gflops"] for o, _ in per_round)
            row["pytorch_gflops"] = statistics.median(t["gflops"] for _, t in per_round)
        else:
            row["tokens"] = first["tokens"]
            row["ours_tokens_per_s"] = first["tokens"] / row["ours_seconds"]
            row["pytorch_tokens_per_s"] = first["tokens"] / row["pytorch_seconds"]
        rows.append(row)

    machine = {
        "cpu": lscpu("Model name"), "logical_cpus": os.cpu_count(), "threads_per_core": lscpu("Thread(s) per core"),
        "kernel": platform.release(), "load_average_before": a.load[0], "load_average_after": a.load[1],
        "niceness": a.niceness,
    }
    report = {
        "command": a.command, "started": a.started,
        "finished": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "threads": a.threads, "machine": machine, "ours": info.get("ours"), "pytorch": info.get("pytorch"),
        "openblas_core": a.openblas_core, "note": a.note,
        "ratio": "ours / PyTorch, wall time (below 1: ours faster); per round the median of its timed repeats",
        "rows": rows,
    }
    with open(a.stem + ".json", "w") as f:
        json.dump(report, f, indent=2)
        f.write("\n")

    pt = info.get("pytorch", {})
    us = info.get("ours", {})
    md = [
        "# Side by side with PyTorch",
        "",
        f"Command: `{a.command}` (from the repository root). Started {a.started}, finished {report['finished']}.",
        "",
        f"Machine: {machine['cpu']}, {machine['logical_cpus']} logical CPUs ({machine['threads_per_core']} thread(s) per core), "
        f"Linux {machine['kernel']}; load average {a.load[0]} before and {a.load[1]} after; both sides ran at niceness {a.niceness}.",
        "",
        f"- Ours: {us.get('version', '?')}; BLAS: {us.get('blas', '?')}.",
        f"- PyTorch: {pt.get('version', '?')} (Debian's python3-torch); BLAS: {pt.get('blas', '?')}, kernels {a.openblas_core}; attention: {pt.get('attention', '?')}.",
        f"- Threads: {a.threads} on both sides (torch.set_num_threads, OMP/OPENBLAS/MKL_NUM_THREADS).",
        "",
        "Each round runs every task once per side, one process each, alternating which side goes first.",
        "Ratio = our wall time / PyTorch's for the same work (below 1: ours is faster); the spread is",
        "the min-max over rounds. Weights are random with a fixed seed on both sides: only speed is",
        "compared (the two implementations' correctness was checked in an earlier phase, not here).",
        "",
        *([f"Note: {a.note}", ""] if a.note else []),
        "| task | work | ours | PyTorch | ours / PyTorch | spread | rounds |",
        "|---|---|---:|---:|---:|---|---:|",
    ]
    for r in rows:
        if r["task"] == "matmul":
            work = r["workload"]
            ours, theirs = f"{r['ours_gflops']:.1f} GFLOP/s", f"{r['pytorch_gflops']:.1f} GFLOP/s"
        else:
            work = f"{r['tokens']} tokens"
            ours, theirs = f"{r['ours_seconds']:.3f} s", f"{r['pytorch_seconds']:.3f} s"
        md.append(f"| {r['title']} | {work} | {ours} | {theirs} | **{r['ratio_median']:.2f}x** | "
                  f"{r['ratio_min']:.2f}-{r['ratio_max']:.2f} | {r['rounds']} |")
    stem = os.path.basename(a.stem)
    md += ["", f"Raw lines: `{stem}.jsonl`; the same figures: `{stem}.json`.", ""]
    with open(a.stem + ".md", "w") as f:
        f.write("\n".join(md))
    print("\n".join(md))


if __name__ == "__main__":
    main()
