#!/usr/bin/env python3
"""Writes answer_corpus.jsonl: chat-style answers with the reading a person would take.

Each phrasing below was written by hand in the ways chat models answer (reasoning first, markdown,
restatements, corrections, comparisons with alternatives, refusals); each is instantiated with two
answer values so that a reader which ignores the statement and grabs some number fails. "expected"
is the value a careful person reads, or null when a person would say the answer is unreadable.
Run: python3 make_answer_corpus.py > answer_corpus.jsonl
"""
import json

rows = []

def add(family, text, expected, note="", options=None):
    row = {"family": family, "text": text, "expected": expected, "note": note}
    if options:
        row["options"] = options
    rows.append(row)

# ---------------------------------------------------------------- shortest path (0 -> 2)
SP = [
    # gold path 0,3,2 weight 4 (3 + 1); other path 0,4,2 weight 6 (4 + 2)
    dict(v="4", p="0,3,2", arrow="0 -> 3 -> 2", s="3 + 1", w="6", ap="0,4,2", asum="4 + 2"),
    # a wrong but valid answer: 0,4,2 weight 6; the alternative named is 0,1,4,2 weight 11 (3 + 4 + 4)
    dict(v="6", p="0,4,2", arrow="0 -> 4 -> 2", s="4 + 2", w="11", ap="0,1,4,2", asum="3 + 4 + 4"),
]
sp_templates = [
    ("The shortest path from node 0 to node 2 is {p} with a total weight of {v}", "v", "NLGraph gold form"),
    ("The total weight is {v}.", "v", "second-turn form"),
    ("{v}", "v", "bare second-turn reply"),
    ("Total weight: {s}", "v", "unevaluated sum"),
    ("Total weight: {s} = {v}", "v", "sum with result"),
    ("The total weight of the path {p} is {v}.", "v", "path before the value"),
    ("The shortest path from node 0 to node 2 is {p} with a total weight of {v}. The alternative path {ap} has a total weight of {w}, which is larger.", "v", "alternative after"),
    ("Let's compute the candidates.\nPath {ap}: {asum} = {w}\nPath {p}: {s} = {v}\nTherefore, the shortest path is {p} with a total weight of {v}.", "v", "reasoning then conclusion"),
    ("**Answer:** the shortest path is {arrow}, total weight **{v}**.", "v", "markdown answer line"),
    ("### Solution\n- Start at node 0.\n- Take the edges along {arrow}.\n\n**Total weight: {v}**", "v", "markdown headers and bullets"),
    ("Using Dijkstra's algorithm from node 0, the shortest path to node 2 is {arrow}. Its total weight is {s} = {v}.", "v", "Dijkstra narrative"),
    ("The shortest path is {p}, and the total weight is {v}, compared to {w} for {ap}.", "v", "comparison after value"),
    ("The total weight is not {w}; it is {v}.", "v", "negation then correction"),
    ("First I thought the total weight was {w}, but the total weight is {v}.", "v", "self-correction"),
    ("The total weight of {ap} is {w}. Wait, that's not the shortest. Actually, the total weight of the shortest path {p} is {v}.", "v", "explicit correction"),
    ("Final answer: {v}", "v", "final answer line"),
    ("The answer is {v}.", "v", "generic answer"),
    ("Answer: {v}", "v", "answer colon"),
    ("The shortest path is {arrow} with a total weight of {s} = {v}.\n\nThe total weight is {v}.", "v", "restated twice"),
    ("So the shortest path from node 0 to node 2 is {p}, and its total weight is {v}.", "v", "so-conclusion"),
    ("$$\\text{{total weight}} = {s} = \\boxed{{{v}}}$$", "v", "LaTeX boxed"),
    ("The minimum total weight from node 0 to node 2 is {v}, via {arrow}.", "v", "minimum total weight"),
    ("Shortest distance: {v} (path: {p})", "v", "shortest distance label"),
    ("Path: {p}\nWeight: {s}\nTotal weight = {v}", "v", "structured lines"),
    ("1. Path {ap} costs {asum} = {w}.\n2. Path {p} costs {s} = {v}.\nThe shortest path is therefore {p}, with total weight {v}.", "v", "numbered list then conclusion"),
    ("If we took {ap}, the total weight would be {w}. Instead the shortest path is {p} with a total weight of {v}.", "v", "hypothetical then answer"),
    ("The total weight is {v} (that is, {s}).", "v", "parenthetical sum"),
    ("I'm sorry, but I can't determine the shortest path from the information given.", None, "refusal"),
    ("None", None, "None reply"),
    ("There is no path from node 0 to node 2.", None, "claims no path"),
    ("The total weight is either {v} or {w}, depending on the route.", None, "two values"),
    ("The answer is {v}. Final answer: {w}", None, "conflicting answer statements"),
    ("The shortest path is {p}.", None, "path without weight"),
    ("Path {p} has total weight {v}. Path {ap} has total weight {w}.", None, "two mentions without a conclusion"),
    ("The total weight is unknown.", None, "no number"),
    ("The total weight of the shortest path from node 0 to node 2 is: {v}", "v", "colon after long cue"),
    ("shortest path = {p}; total weight = {v}", "v", "assignment style"),
    ("The shortest path from node 0 to node 2 is {p} with a total weight of {v}. Note that the path {ap} would have a total weight of {w}.", "v", "note about another path"),
    ("Total weight: {v}.  \n(Other route {ap} has total weight {w}.)", "v", "other route aside"),
    ("The path {p} gives a total weight of {v}, which is the smallest.", "v", "superlative after"),
    ("Step 1: from node 0 the neighbours are 1 (weight 3), 3 (weight 3) and 4 (weight 4).\nStep 2: node 2 is reached via node 3 with 3 + 1 = 4.\n\nThe shortest path from node 0 to node 2 is {p} with a total weight of {v}.", "v", "Dijkstra steps then gold form"),
    ("The answer: the path {p}, total weight {v}.", "v", "answer colon with path"),
    ("Shortest path: {arrow} (total weight: {v})", "v", "label with parenthesis"),
    ("Thus the minimum total weight is {v}.", "v", "thus minimum"),
    ("Distance from node 0 to node 2: {v}", "v", "distance label"),
    ("To find the shortest path from node 0 to node 2, I'll consider the routes:\n- {arrow}: {s} = {v}\n- {ap}: {asum} = {w}\n\nThe shortest path is {arrow} with a total weight of {v}.", "v", "routes listed then conclusion"),
    ("The shortest path is {arrow}.\nTotal weight: {v}", "v", "path line then weight line"),
    ("The answer is {v} (path {p}).", "v", "answer with path in parentheses"),
    ("The total weight is {v} units.", "v", "units"),
]
for values in SP:
    for template, exp, note in sp_templates:
        add("shortest-path", template.format(**values), values["v"] if exp == "v" else None, note)

# ---------------------------------------------------------------- max flow (0 -> 5)
MF = [dict(v="7", s="3 + 4", w="5", a="3", b="4"), dict(v="9", s="5 + 4", w="12", a="5", b="4")]
mf_templates = [
    ("The maximum flow from node 0 to node 5 is {v}.", "v", "NLGraph form"),
    ("The maximum flow is {v}.", "v", "second-turn form"),
    ("So the max flow is {v}.", "v", "abbreviated max"),
    ("{v}", "v", "bare reply"),
    ("Answer: {v}", "v", "answer colon"),
    ("**Maximum flow: {v}**", "v", "bold label"),
    ("Augmenting path 0->1->5 carries {a}. Augmenting path 0->2->5 carries {b}. The maximum flow is {s} = {v}.", "v", "augmenting paths"),
    ("The maximum flow is {s}.", "v", "unevaluated sum"),
    ("The total flow out of node 0 is {a} + {b} = {v}, so the maximum flow from node 0 to node 5 is {v}.", "v", "total flow then conclusion"),
    ("Max flow = {v}", "v", "equation style"),
    ("After pushing flow along 0->1->3->5 ({a} units) and 0->2->4->5 ({b} units), no augmenting path remains. Therefore, the maximum flow is {v}.", "v", "units in parentheses"),
    ("The maximum flow is not {w}; it is {v}.", "v", "negation then correction"),
    ("The max flow would be {w} if edge 2->4 had more capacity, but the maximum flow is {v}.", "v", "hypothetical then answer"),
    ("Initially the flow is 0. After the first augmenting path the flow is {a}. After the second, the flow is {v}. The maximum flow from node 0 to node 5 is {v}.", "v", "incremental narrative"),
    ("The maximum flow is {a} + {b} = {v}. Adding the path 0->3->5 is impossible because edge 3->5 is saturated.", "v", "remark after"),
    ("$\\boxed{{{v}}}$", "v", "boxed only"),
    ("The maximum flow from node 0 to node 5 is **{v}** units.", "v", "bold units"),
    ("Final answer: the maximum flow is {v}.", "v", "final answer sentence"),
    ("The minimum cut has capacity {v}, so the maximum flow is {v}.", "v", "min cut argument"),
    ("The maximum flow is {v}, compared with {w} for the greedy choice.", "v", "comparison after"),
    ("I cannot compute the maximum flow without more information.", None, "refusal"),
    ("None", None, "None reply"),
    ("The maximum flow is either {v} or {w}.", None, "two values"),
    ("The maximum flow is {v}. Final answer: {w}", None, "conflict"),
    ("The flow is large.", None, "no number"),
    ("Max flow value: {v}", "v", "value label"),
    ("The value of the maximum flow is {v}.", "v", "value of"),
    ("Therefore, the maximum flow from node 0 to node 5 equals {v}.", "v", "equals"),
    ("- Path 1: 0→1→5, bottleneck {a}\n- Path 2: 0→2→5, bottleneck {b}\n\nMaximum flow = {a} + {b} = {v}", "v", "bullets then sum"),
    ("The answer is {v} units of flow.", "v", "answer with units"),
    ("Flow through 0->1: {a}. Flow through 0->2: {b}. Total flow out of the source: {v}. Hence the maximum flow is {v}.", "v", "per-edge flows then hence"),
    ("Max flow: {v}", "v", "label only"),
]
for values in MF:
    for template, exp, note in mf_templates:
        add("max-flow", template.format(**values), values["v"] if exp == "v" else None, note)

# ---------------------------------------------------------------- matching
MA = [dict(v="2", w="4", word="Two", total="4"), dict(v="3", w="1", word="Three", total="5")]
ma_templates = [
    ("{v} applicants can find the job they are interested in.", "v", "NLGraph form"),
    ("{v} out of {total} applicants can find the job they are interested in.", "v", "out of"),
    ("**{v}** applicants can find the job they are interested in.", "v", "bold count"),
    ("{word} applicants can find the job they are interested in.", "v", "number word"),
    ("Applicant 0 -> job 1\nApplicant 1 -> job 0\nSo {v} applicants can find the job they are interested in.", "v", "assignment then count"),
    ("The maximum number of applicants that can find a job they are interested in is {v}.", "v", "maximum number"),
    ("Maximum matching size: {v}", "v", "matching size label"),
    ("Answer: {v}", "v", "answer colon"),
    ("{v}", "v", "bare reply"),
    ("The maximum matching has {v} pairs: applicant 0 with job 1 and applicant 2 with job 0.", "v", "matching has"),
    ("A total of {v} applicants can find the job they are interested in.", "v", "a total of"),
    ("Applicant 0 is interested in job 1, applicant 1 in job 1 and job 2. We assign job 1 to applicant 0 and job 2 to applicant 1. Therefore, {v} applicants can find the job they are interested in.", "v", "reasoning with ids"),
    ("Not {w}, but {v} applicants can find the job they are interested in.", "v", "negation"),
    ("First I counted {w} applicants can find jobs; no, {v} applicants can find the job they are interested in.", "v", "correction"),
    ("The size of the maximum matching is {v}.", "v", "size of maximum matching"),
    ("In total, {v} applicants can be matched, so {v} applicants can find the job they are interested in.", "v", "restated"),
    ("Final answer: {v}", "v", "final answer"),
    ("### Result\n**{v} applicants** can find the job they are interested in.", "v", "markdown header"),
    ("I am unable to determine the assignment.", None, "refusal"),
    ("None", None, "None reply"),
    ("Either {v} or {w} applicants can find the job they are interested in.", None, "two values"),
    ("Applicant 0 gets job 1 and applicant 2 gets job 0.", None, "assignment without count"),
    ("The answer is {v}. Final answer: {w}", None, "conflict"),
    ("Each of the {total} applicants is interested in some jobs.", None, "restates the question"),
    ("Maximum matching: applicant 0 → job 1, applicant 1 → job 0. Total: {v} applicants can find the job they are interested in.", "v", "matching listed then count"),
    ("The maximum number of matched applicants is {v}.", "v", "matched applicants"),
    ("So the answer is {v}.", "v", "so answer"),
    ("{v} applicants can be assigned a job they are interested in.", "v", "can be assigned"),
    ("Maximum matching = {v}", "v", "matching equation"),
    ("We can assign applicant 0 to job 1 and applicant 1 to job 0, so {v} applicants can find the job they are interested in.", "v", "assignment clause then count"),
]
for values in MA:
    for template, exp, note in ma_templates:
        add("matching", template.format(**values), values["v"] if exp == "v" else None, note)

# ---------------------------------------------------------------- multiple choice (Knowledge Crosswords style)
# Options in canonical order; the corpus test builds the question with these texts.
MC = [dict(L="C", l="c", O="B", text="blank 1: Lyon; blank 2: Rhone; blank 3: France", otext="blank 1: Paris; blank 2: Seine; blank 3: France",
           options=["blank 1: Nice; blank 2: Var; blank 3: Italy", "blank 1: Paris; blank 2: Seine; blank 3: France",
                    "blank 1: Lyon; blank 2: Rhone; blank 3: France", "blank 1: Lille; blank 2: Somme; blank 3: Belgium"]),
      dict(L="A", l="a", O="D", text="blank 1: Paris; blank 2: Seine; blank 3: France", otext="blank 1: Marseille; blank 2: Loire; blank 3: Spain",
           options=["blank 1: Paris; blank 2: Seine; blank 3: France", "blank 1: Lyon; blank 2: Rhone; blank 3: Spain",
                    "blank 1: Nice; blank 2: Var; blank 3: France", "blank 1: Marseille; blank 2: Loire; blank 3: Spain"])]
mc_templates = [
    ("The answer is {L}.", "L", "fixed form"),
    ("the answer is {l}.", "L", "lowercase letter"),
    ("{L}", "L", "bare letter"),
    ("({L})", "L", "parenthesised letter"),
    ("{L}. {text}", "L", "letter and option text"),
    ("{text}", "L", "option text only"),
    ("The answer is not {O}; it is {L}.", "L", "negation"),
    ("Answer: **{L}**", "L", "bold letter"),
    ("Let's check each option.\nOption {O} fails the second constraint.\nOption {L} satisfies all three constraints.\nThe answer is {L}.", "L", "reasoning then answer"),
    ("**Final answer: {L}**", "L", "bold final answer"),
    ("I think the answer is {L}.", "L", "I think"),
    ("The correct option is {L}: {text}.", "L", "correct option with text"),
    ("{L} is the correct answer because every blank fits the constraints.", "L", "letter before cue"),
    ("Option {L} is correct.", "L", "option X is correct"),
    ("The answer is {L} ({text}).", "L", "letter with text in parentheses"),
    ("After checking the constraints, the answer is: {L}", "L", "colon"),
    ("I'd go with {L}.", "L", "I'd go with"),
    ("The answer is {O}. Wait, {O} violates the second constraint. Actually, the answer is {L}.", "L", "correction"),
    ("The best answer is {L}.", "L", "best answer"),
    ("\\boxed{{{L}}}", "L", "boxed letter"),
    ("Final answer: {l}", "L", "final answer lowercase"),
    ("The answer is {L}.\n\nExplanation: {O} would put the wrong entity in blank 2.", "L", "explanation naming another letter"),
    ("The answer is {L}, not {O}.", "L", "not after"),
    ("The answer is I think {L}.", "L", "pronoun I"),
    ("I cannot answer this question.", None, "refusal"),
    ("None", None, "None reply"),
    ("The answer is None of the above.", None, "none of the above"),
    ("The answer is {L} or {O}.", None, "two letters"),
    ("The answer is {O}. Final answer: {L}", None, "conflicting statements"),
    ("The answer is {L}. {otext}", None, "letter contradicted by the other option's text"),
    ("Both {L} and {O} seem plausible.", None, "undecided"),
    ("The answer is a tricky one.", None, "article a"),
    ("The answer is {L}/{O}.", None, "slash"),
    ("Looking at the constraints, option {L} works.\n\nAnswer: {L}", "L", "reasoning then answer line"),
    ("**Answer: ({L})**", "L", "bold parenthesised"),
    ("The correct answer is **{L}. {text}**", "L", "correct answer with bold text"),
    ("Therefore, the answer is {L}.", "L", "therefore"),
    ("The answer is option {L}.", "L", "option word"),
    ("Answer: {L})", "L", "letter with closing parenthesis"),
    ("The correct choice is ({L}).", "L", "correct choice"),
    ("My final answer is {L}.", "L", "my final answer"),
]
for values in MC:
    for template, exp, note in mc_templates:
        add("multiple-choice", template.format(**values), values["L"] if exp == "L" else None, note, values["options"])

# ---------------------------------------------------------------- numeric (SciBench style)
NU = [dict(v="32000", m="3.2", e="4", w="1.6", unit="J"), dict(v="0.25", m="0.25", e="0", w="0.5", unit="mol")]
nu_templates = [
    ("The answer is {m} \\times 10^{{{e}}}.", "v", "LaTeX scientific"),
    ("The answer is {m} × 10^{e} {unit}.", "v", "unicode scientific"),
    ("Therefore, the answer is approximately {m} × 10^{e} {unit}.", "v", "approximately"),
    ("Final answer: $\\boxed{{{m} \\times 10^{{{e}}}}}$", "v", "boxed LaTeX"),
    ("Using E = m c^2 with the given values, we find E = {m} \\times 10^{{{e}}} {unit}. The answer is {m} \\times 10^{{{e}}}.", "v", "equation then answer"),
    ("So the result is {m}e{e}.", "v", "e notation"),
    ("The answer is {m}e{e}", "v", "answer e notation"),
    ("Therefore, the energy is {m} × 10^{e} {unit}.", "v", "therefore is"),
    ("Thus, the value ≈ {m} × 10^{e}.", "v", "approx sign"),
    ("**Answer:** {m} × 10^{e} {unit}", "v", "markdown answer"),
    ("The answer is not {w}; it is {m} × 10^{e}.", "v", "negation"),
    ("Answer: {m} × 10^{e}", "v", "answer colon"),
    ("Step 1: n = 2 mol. Step 2: T = 300 K. Therefore, the answer is {m} × 10^{e} {unit}.", "v", "steps with intermediate numbers"),
    ("I can't solve this without more data.", None, "refusal"),
    ("None", None, "None reply"),
    ("The answer is {m} × 10^{e} or {w}.", None, "two values"),
    ("The answer is {w}. Final answer: {m} × 10^{e}", None, "conflict"),
    ("The pressure is 2 atm and the volume is 3 L.", None, "intermediate values only"),
    ("\\[ E = {m} \\times 10^{{{e}}} \\text{{ {unit}}} \\]\nThe answer is {m} \\times 10^{{{e}}}.", "v", "display math then answer"),
    ("Answer: ≈ {m} × 10^{e}", "v", "approx answer"),
    ("The final answer is {m} × 10^{e} {unit}.", "v", "final answer is"),
    ("The answer is $${m} \\times 10^{{{e}}}$$ {unit}.", "v", "display dollars"),
    ("E = {m} × 10^{e} {unit}", "v", "one equation reply"),
    ("{m} × 10^{e} {unit}", "v", "value and unit only"),
]
for values in NU:
    for template, exp, note in nu_templates:
        add("numeric", template.format(**values), values["v"] if exp == "v" else None, note)

for row in rows:
    print(json.dumps(row, ensure_ascii=False))
