"""The CLI driven in-process: output format, bad input, exit status."""

import json

from typer.testing import CliRunner

from zhibiao.cli import app

runner = CliRunner()
REPORT = "上半年,全国规模以上工业增加值同比增长6.4%,增速较一季度加快0.3个百分点。截至6月底,5G基站总数达到455万个。"


def test_cli_extract_prints_fact_records(tmp_path):
    (tmp_path / "a.txt").write_text(REPORT, encoding="utf-8")
    result = runner.invoke(app, ["extract", str(tmp_path / "a.txt"), "--date", "2025-07-18"])
    assert result.exit_code == 0, result.output
    facts = [json.loads(line) for line in result.stdout.splitlines()]
    first = facts[0]
    assert (first["doc"], first["measure"], first["value"], first["period"]) == ("a", "growth", 6.4, "2025-H1")
    assert first["basis"] == "yoy" and first["region"] == "全国"
    assert any(f["measure"] == "growth_change" and f["basis"] == "vs:2025-Q1" for f in facts)
    base = next(f for f in facts if f["unit"] == "count")
    assert base["value"] == 4550000 and base["period"] == "2025-06-30"
    span = base["span"]
    assert REPORT[span[0]:span[1]].startswith("455万个")


def test_cli_bad_inputs_are_reported_and_the_rest_processed(tmp_path):
    (tmp_path / "good.txt").write_text(REPORT, encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 10)
    (tmp_path / "broken.html").write_text("<html><body><p>上半年,利润增长5.1%。<div><span>", encoding="utf-8")
    result = runner.invoke(app, ["extract", str(tmp_path), "--date", "2025-07-18"])
    assert result.exit_code == 1
    assert "empty.txt" in result.stderr and "binary.txt" in result.stderr
    assert "Traceback" not in result.stderr
    docs = {json.loads(line)["doc"] for line in result.stdout.splitlines()}
    assert docs == {"good", "broken"}


def test_cli_missing_path_names_it(tmp_path):
    result = runner.invoke(app, ["extract", str(tmp_path / "nope.txt")])
    assert result.exit_code == 1
    assert "nope.txt" in result.stderr


def test_cli_table_format_and_output_file(tmp_path):
    (tmp_path / "a.txt").write_text(REPORT, encoding="utf-8")
    out = tmp_path / "facts.txt"
    result = runner.invoke(app, ["extract", str(tmp_path / "a.txt"), "--date", "2025-07-18", "--format", "table",
                                 "-o", str(out)])
    assert result.exit_code == 0
    text = out.read_text(encoding="utf-8")
    assert "规模以上工业增加值" in text and "2025-H1" in text


def test_cli_rejects_a_bad_date(tmp_path):
    (tmp_path / "a.txt").write_text(REPORT, encoding="utf-8")
    result = runner.invoke(app, ["extract", str(tmp_path / "a.txt"), "--date", "July"])
    assert result.exit_code == 2


def test_cli_an_extraction_bug_on_one_document_is_reported_not_raised(tmp_path, monkeypatch):
    import zhibiao.pipeline

    (tmp_path / "a.txt").write_text(REPORT, encoding="utf-8")
    (tmp_path / "b.txt").write_text(REPORT, encoding="utf-8")
    real = zhibiao.pipeline.extract_document

    def flaky(doc):
        if doc.id == "a":
            raise KeyError("boom")
        return real(doc)

    monkeypatch.setattr(zhibiao.pipeline, "extract_document", flaky)  # every engine extracts through it
    result = runner.invoke(app, ["extract", str(tmp_path), "--date", "2025-07-18"])
    assert result.exit_code == 1
    assert "a.txt" in result.stderr and "extraction failed" in result.stderr
    assert {json.loads(line)["doc"] for line in result.stdout.splitlines()} == {"b"}


def test_cli_extract_reads_the_place_of_quan_sheng_from_the_url(tmp_path):
    text = "1-2月,全省社会消费品零售总额1620.5亿元,同比增长9.8%。"
    (tmp_path / "p.txt").write_text(text, encoding="utf-8")
    (tmp_path / "index.json").write_text(json.dumps(
        [{"id": "p", "file": "p.txt", "date": "2025-03-20", "url": "http://tjj.hebei.gov.cn/hetj/1.html"}]),
        encoding="utf-8")
    lines = [{"id": "q", "text": text, "date": "2025-03-20", "url": "http://www.hunan.gov.cn/zfsj/1.html"},
             {"id": "r", "text": text, "date": "2025-03-20"}]
    (tmp_path / "more.jsonl").write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in lines),
                                         encoding="utf-8")
    result = runner.invoke(app, ["extract", str(tmp_path)])
    assert result.exit_code == 0, result.output
    regions = {(f["doc"], f["region"]) for f in map(json.loads, result.stdout.splitlines())}
    assert regions == {("p", "河北省"), ("q", "湖南省"), ("r", None)}


def test_cli_watch_without_a_sources_file_asks_for_one_or_prints_the_example():
    result = runner.invoke(app, ["watch"])
    assert result.exit_code == 2
    assert "give a sources file" in result.output
    example = runner.invoke(app, ["watch", "--example"])
    assert example.exit_code == 0 and "[[source]]" in example.stdout
