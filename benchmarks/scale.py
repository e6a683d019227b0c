"""Corpus-scale benchmark: a synthetic corpus, ingested with --jobs 1, --jobs 2 and the Ray engine.

Usage: .venv/bin/python benchmarks/scale.py [--quick] [--mb 10] [--sizes 10,50,100,200] [--no-ray]
Asserts nothing; prints a table.

The corpus is generated here, written as JSON Lines shards in a temporary folder: economic reports
templated from the demo corpus (examples/demo, written for this project: its sentences recombined,
their figures varied, publication dates spread over 2012-2025) mixed with non-economic filler
written for this benchmark (everyday, cultural and sports prose; some of it has counts such as
3名游客, so the gate passes it and the scope check rejects it later). ECONOMIC_SHARE of the
documents are reports.

Each run is a fresh process ingesting into a fresh database; its peak memory is the peak resident
set of its whole process tree (the main process, workers, Ray's processes), sampled every 0.1 s;
"cpu s" the CPU time of that tree (sampled likewise), and "load" the machine's 1-minute load
average when it started (other work on a shared 2-core machine slows the parallel runs most).
"machine ceiling" runs two independent --jobs 1 ingests side by side, each over half the shards:
the speed-up two cores give this workload with no coordination at all, to read --jobs 2 against.
Rows: documents/s and MB/s (of JSON Lines input), peak RSS, facts stored, and the gate's skip rate
and saving. "time vs size" ingests 10, 50, 100 and 200 MB (--quick: 2, 5, 10, 20) with --jobs 2 and
prints seconds per MB, which stays flat when time grows linearly.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEMO = REPO / "examples" / "demo"
ECONOMIC_SHARE = 0.3
SHARDS = 8

FILLER = """\
清晨的公园里,老人们打着太极拳,孩子们追逐着飞舞的蝴蝶。
湖面上泛着微光,几只白鹭掠过水面,留下一圈圈涟漪。
这家小面馆开在老街的拐角,招牌已经褪色,味道却一直没变。
师傅揉面的手法娴熟,汤头用骨头熬足了时辰,香气飘出半条街。
傍晚时分,广场舞的音乐响起,街坊邻居们三三两两聚在一起。
图书馆的阅览室里很安静,只听得见翻书的沙沙声。
她在窗边种了几盆茉莉,夏天的夜里满屋都是清香。
古镇的石板路被雨水冲刷得发亮,屋檐下挂着红灯笼。
这部小说讲述了一个少年离开家乡、在城市里寻找梦想的故事。
导演说,拍这部电影最难的是找到合适的外景地。
展览展出了近代画家的山水作品,吸引了不少美术爱好者。
音乐会上,乐团演奏了几首经典曲目,观众报以热烈的掌声。
登山途中,向导提醒大家注意脚下的碎石,放慢脚步。
山顶的云海翻滚,日出时分整片天空被染成了金色。
主队在下半场连进两球,最终逆转取胜。
比赛进行到第3局时,双方比分一度十分接近。
共有3名游客在景区迷路,经过搜寻后被安全带回。
这位老师在山区小学教书已经多年,学生们都很喜欢她。
秋天到了,银杏叶铺满了校园的小路。
厨师介绍,这道菜的关键在于火候,炒得太久就不脆了。
小区里新开了一家花店,店主每天早上都会把鲜花摆到门口。
周末的集市上人来人往,卖菜的吆喝声此起彼伏。
他从小就喜欢画画,如今已经是一名插画师。
演出结束后,演员们走到台前向观众鞠躬致谢。
这条徒步路线沿着溪谷蜿蜒而上,沿途可以看到瀑布。
天气转凉,记得给家里的老人添衣保暖。
志愿者们在社区里开展读书会,邀请居民分享自己喜欢的书。
新落成的体育馆将承办下个月的青少年篮球邀请赛。
博物馆里陈列着出土的陶器和青铜器,讲述着千年前的生活。
夜市的小吃摊前排起了长队,烤串的香味让人驻足。
"""


# ---------------------------------------------------------------------------------------------
# The synthetic corpus


def _report_sentences() -> list[str]:
    """Sentences of the demo reports that state figures, in simplified script."""
    from zhibiao.ingest.normalize import to_simplified
    from zhibiao.ingest.read import iter_documents

    out = []
    for doc in iter_documents([DEMO]):
        if not hasattr(doc, "text"):
            continue
        for line in to_simplified(doc.text).splitlines():
            for sentence in re.split(r"(?<=[。;；])", line.strip()):
                if _STATISTIC.search(sentence) and not _FURNITURE.search(sentence) and 12 <= len(sentence) <= 300:
                    out.append(sentence if sentence.endswith(("。", ";", "；")) else sentence + "。")
    return sorted(set(out))


_STATISTIC = re.compile(r"\d(?:\.\d+)?\s*(?:%|％|个百分点|亿|万|家|个|辆|吨)")
_FURNITURE = re.compile(r"发布时间|来源|星期|第\d+版|本报|记者|编辑|\|")


_FIGURE = re.compile(r"(?<![\d.A-Za-z—-])(\d+)(?:\.(\d+))?(?![\d.A-Za-z—-])(?![年月日号季])")
_OPENINGS = ["{y}年上半年,", "{y}年一季度,", "{y}年1—{m}月,", "{y}年前三季度,", "{y}年全年,"]


def _vary(sentence: str, rng: random.Random) -> str:
    """The sentence with each figure replaced by another of the same shape."""

    def figure(match: re.Match) -> str:
        whole, frac = match.group(1), match.group(2)
        if len(whole) == 4 and whole[:2] in ("19", "20"):
            return whole  # a year
        top = 10 ** len(whole)
        value = rng.randrange(max(1, top // 10), top) if len(whole) > 1 else rng.randrange(1, 10)
        return f"{value}.{rng.randrange(10 ** len(frac)):0{len(frac)}d}" if frac else str(value)

    return _FIGURE.sub(figure, sentence)


def economic_document(rng: random.Random, sentences: list[str]) -> tuple[str, str]:
    year = rng.randrange(2012, 2026)
    opening = rng.choice(_OPENINGS).format(y=year, m=rng.randrange(2, 12))
    body = [_vary(s, rng) for s in rng.sample(sentences, rng.randrange(6, 16))]
    day = f"{year}-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}"
    return opening + "".join(body), day


PLACES = ["老街", "湖边", "山脚下", "校园里", "小区门口", "古镇上", "江边的步道", "博物馆", "剧场", "菜市场", "图书馆",
          "火车站", "海边", "村口", "公园的长廊"]
PEOPLE = ["一位老人", "几个孩子", "年轻的画家", "退休的教师", "外地来的游客", "志愿者们", "面馆的师傅", "一群学生",
          "摄影爱好者", "邻居家的小狗", "花店的店主", "晨练的人们", "乐队的成员", "一对新人", "守林人"]
DOINGS = ["慢慢地散着步", "讲起了从前的故事", "支起画架写生", "在树荫下下棋", "唱起了家乡的民歌", "给花草浇水",
          "排队买刚出炉的烧饼", "拍下了落日的余晖", "安静地读着一本旧书", "把落叶扫成一堆", "练习着新学的舞步",
          "放起了风筝", "分享着旅途中的见闻", "喂着湖里的鸭子", "听着远处的钟声"]
WHEN = ["清晨", "午后", "傍晚", "雨后", "周末", "入秋以后", "节日里", "天刚亮的时候", "夜幕降临时", "下雪的日子"]


def filler_document(rng: random.Random, lines: list[str]) -> str:
    """Everyday prose: a few fixed lines and sentences combined from small word lists."""
    made = [f"{rng.choice(WHEN)},{rng.choice(PLACES)}{rng.choice(PEOPLE)}{rng.choice(DOINGS)}。"
            for _ in range(rng.randrange(4, 14))]
    return "\n".join(rng.sample(lines, rng.randrange(1, 5)) + made)


def generate(folder: Path, mb: float, seed: int = 1) -> dict:
    """Write about `mb` MB of JSON Lines in SHARDS shards under `folder`; return what was written."""
    rng = random.Random(seed)
    sentences = _report_sentences()
    lines = [line for line in FILLER.splitlines() if line.strip()]
    folder.mkdir(parents=True, exist_ok=True)
    handles = [(folder / f"shard-{i:02d}.jsonl").open("w", encoding="utf-8") for i in range(SHARDS)]
    target = mb * 1e6
    written = docs = economic = 0
    try:
        while written < target:
            if rng.random() < ECONOMIC_SHARE:
                text, day = economic_document(rng, sentences)
                record = {"id": f"r{docs}", "text": text, "date": day}
                economic += 1
            else:
                day = f"{rng.randrange(2012, 2026)}-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}"
                record = {"id": f"f{docs}", "text": filler_document(rng, lines), "date": day}
            line = json.dumps(record, ensure_ascii=False) + "\n"
            handles[docs % SHARDS].write(line)
            written += len(line.encode("utf-8"))
            docs += 1
    finally:
        for handle in handles:
            handle.close()
    return {"documents": docs, "economic": economic, "bytes": written}


# ---------------------------------------------------------------------------------------------
# Runs (each in a fresh process, memory sampled over its process tree)


def _run_inside(mode: str, corpus: Path, db: Path) -> None:
    """The child process: ingest and print a JSON line of figures."""
    import zhibiao

    store = zhibiao.open(db)
    start = time.perf_counter()
    if mode == "ray":
        from zhibiao.engines.ray import ingest_with_ray

        report = ingest_with_ray(store, [corpus], num_cpus=2)
    else:
        jobs = int(mode.split("-")[0].removeprefix("jobs"))
        report = store.ingest([corpus], jobs=jobs, gate=not mode.endswith("nogate"))
    seconds = time.perf_counter() - start
    g = report.gate
    print(json.dumps({"seconds": seconds, "seen": report.seen, "stored": report.stored, "facts": report.facts,
                      "gated": report.gated, "checked": g.checked, "skip_rate": g.skip_rate,
                      "gate_seconds": g.seconds, "saved": g.saved_seconds, "failures": len(report.failures)}))


def _tree_rss(root: int, cpu: dict[int, float]) -> int:
    """Resident bytes of a process and all its descendants (Linux /proc); their CPU seconds so far
    are recorded in `cpu` (by pid)."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    ticks: dict[int, float] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        pid, ppid = int(entry), int(fields[1])
        children.setdefault(ppid, []).append(pid)
        rss[pid] = int(fields[21]) * os.sysconf("SC_PAGE_SIZE")
        ticks[pid] = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    total, stack = 0, [root]
    while stack:
        pid = stack.pop()
        total += rss.get(pid, 0)
        cpu[pid] = max(cpu.get(pid, 0.0), ticks.get(pid, 0.0))
        stack.extend(children.get(pid, ()))
    return total


def run(mode: str, corpus: Path, workdir: Path) -> dict:
    db = workdir / f"{mode}-{time.monotonic_ns()}.duckdb"
    proc = subprocess.Popen([sys.executable, __file__, "--inside", mode, "--corpus", str(corpus), "--db", str(db)],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    peak = 0
    done = threading.Event()
    ticks: dict[int, float] = {}

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, _tree_rss(proc.pid, ticks))
            time.sleep(0.1)

    load = os.getloadavg()[0]
    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, _ = proc.communicate()
    done.set()
    sampler.join()
    cpu = sum(ticks.values())  # as last sampled: the final 0.1 s of each process may be missed
    for f in workdir.glob(db.name + "*"):
        f.unlink()
    if proc.returncode != 0 or not out.strip():
        raise SystemExit(f"{mode} run failed (exit status {proc.returncode})")
    return {**json.loads(out.strip().splitlines()[-1]), "peak_rss": peak, "cpu": cpu, "load": load}


def run_halves(corpus: Path, workdir: Path) -> float:
    """Seconds for two independent --jobs 1 ingests side by side, each over half of the shards into
    its own database (the slower one's ingest time, measured like every run's): what two cores give
    this CPU-bound work on this machine with nothing shared or sent between processes."""
    shards = sorted(corpus.iterdir())
    halves = []
    for n in range(2):
        half = workdir / f"half-{n}"
        half.mkdir(exist_ok=True)
        for shard in shards[n::2]:
            (half / shard.name).symlink_to(shard)
        halves.append(half)
    procs = [subprocess.Popen([sys.executable, __file__, "--inside", "jobs1", "--corpus", str(half),
                               "--db", str(workdir / f"{half.name}.duckdb")],
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True) for half in halves]
    outputs = [proc.communicate()[0] for proc in procs]
    for half in halves:
        for f in [*half.iterdir(), *workdir.glob(half.name + ".duckdb*")]:
            f.unlink()
        half.rmdir()
    if any(proc.returncode for proc in procs):
        raise SystemExit("half run failed")
    return max(json.loads(out.strip().splitlines()[-1])["seconds"] for out in outputs)


def _row(label: str, r: dict, mb: float, docs: int) -> str:
    saved = "" if r["saved"] is None else f"{r['saved']:.1f}"
    return (f"{label:<16}{r['seconds']:>9.1f}{docs / r['seconds']:>10.0f}{mb / r['seconds']:>8.2f}"
            f"{r['peak_rss'] / 1e6:>10.0f}{r['facts']:>9}{100 * r['skip_rate']:>8.1f}{saved:>9}"
            f"{r['cpu']:>8.1f}{r['load']:>7.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smaller sizes (2 MB comparison; 2-20 MB sweep)")
    parser.add_argument("--mb", type=float, help="size of the comparison corpus (default 10, quick 2)")
    parser.add_argument("--sizes", help="comma-separated MB for the time-vs-size sweep")
    parser.add_argument("--no-ray", action="store_true", help="leave out the Ray engine")
    parser.add_argument("--inside", help=argparse.SUPPRESS)
    parser.add_argument("--corpus", help=argparse.SUPPRESS)
    parser.add_argument("--db", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.inside:
        _run_inside(args.inside, Path(args.corpus), Path(args.db))
        return
    mb = args.mb or (2 if args.quick else 10)
    sizes = [float(s) for s in args.sizes.split(",")] if args.sizes else ([2, 5, 10, 20] if args.quick else
                                                                           [10, 50, 100, 200])
    with tempfile.TemporaryDirectory(prefix="zhibiao-scale-") as tmp:
        work = Path(tmp)
        corpus = work / f"corpus-{mb:g}"
        info = generate(corpus, mb)
        real_mb = info["bytes"] / 1e6
        print(f"corpus: {info['documents']} documents ({info['economic']} reports, "
              f"{info['documents'] - info['economic']} filler), {real_mb:.1f} MB of JSON Lines in {SHARDS} shards; "
              f"{os.cpu_count()} CPUs")
        print(f"{'run':<16}{'seconds':>9}{'docs/s':>10}{'MB/s':>8}{'peak MB':>10}{'facts':>9}{'skip %':>8}"
              f"{'saved s':>9}{'cpu s':>8}{'load':>7}")
        modes = ["jobs1-nogate", "jobs1", "jobs2"] + ([] if args.no_ray else ["ray"])
        results = {}
        for mode in modes:
            results[mode] = r = run(mode, corpus, work)
            print(_row(mode, r, real_mb, info["documents"]), flush=True)
        one, two = results["jobs1"], results["jobs2"]
        print(f"--jobs 2 / --jobs 1 throughput: {one['seconds'] / two['seconds']:.2f}x")
        halves = run_halves(corpus, work)
        print(f"machine ceiling: two independent --jobs 1 runs over half the shards each, side by side, "
              f"{halves:.1f} s: {one['seconds'] / halves:.2f}x one run over all")
        nogate = results["jobs1-nogate"]
        print(f"gate: {100 * one['skip_rate']:.1f} % of documents skipped; "
              f"--jobs 1 took {one['seconds']:.1f} s with it, {nogate['seconds']:.1f} s without "
              f"({nogate['seconds'] - one['seconds']:.1f} s saved measured, "
              f"{one['saved'] or 0:.1f} s estimated by the run itself)")
        if "ray" in results:
            same = results["ray"]["facts"] == one["facts"] == two["facts"]
            print(f"facts stored: jobs1 {one['facts']}, jobs2 {two['facts']}, ray {results['ray']['facts']}"
                  f" ({'identical counts' if same else 'DIFFERENT'})")
        print("-- time vs size, --jobs 2")
        print(f"{'MB':>8}{'docs':>9}{'seconds':>9}{'s/MB':>8}{'docs/s':>9}{'peak MB':>10}{'cpu s':>8}{'load':>7}")
        for size in sizes:
            folder = work / f"corpus-{size:g}"
            info = generate(folder, size, seed=int(size * 10))
            r = run("jobs2", folder, work)
            size_mb = info["bytes"] / 1e6
            print(f"{size_mb:>8.1f}{info['documents']:>9}{r['seconds']:>9.1f}{r['seconds'] / size_mb:>8.2f}"
                  f"{info['documents'] / r['seconds']:>9.0f}{r['peak_rss'] / 1e6:>10.0f}{r['cpu']:>8.1f}"
                  f"{r['load']:>7.2f}",
                  flush=True)
            for f in folder.iterdir():
                f.unlink()
            folder.rmdir()


if __name__ == "__main__":
    main()
