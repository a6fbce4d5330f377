"""Reading files: encodings, HTML, and files that cannot be read."""

import pytest

from indexer.read import ReadError, read_source

TEXT = "2023年，林埭镇将紧紧围绕“城乡融合示范镇”工作目标。\n\n一、聚焦党建夯基。\n"


@pytest.mark.parametrize(
    "encoding,prefix", [("utf-8", b""), ("utf-8", b"\xef\xbb\xbf"), ("gbk", b""), ("gb18030", b"")]
)
def test_text_in_any_common_encoding(tmp_path, encoding, prefix):
    p = tmp_path / "doc.txt"
    p.write_bytes(prefix + TEXT.encode(encoding))
    src = read_source(p)
    assert src.text == TEXT
    assert [l.text for l in src.lines[:3]] == [
        "2023年，林埭镇将紧紧围绕“城乡融合示范镇”工作目标。",
        "",
        "一、聚焦党建夯基。",
    ]


def test_crlf_line_ends(tmp_path):
    p = tmp_path / "doc.txt"
    p.write_bytes(TEXT.replace("\n", "\r\n").encode("utf-8"))
    assert read_source(p).text == TEXT


def test_html_keeps_paragraphs_and_drops_navigation_scripts_and_comment_forms(tmp_path):
    html = """<html><head><title>桐乡经济开发区2023年工作总结</title><script>var x = "脚本";</script></head>
<body>
<div class="nav-menu"><a href="/">首页</a> <a>政务公开</a></div>
<div id="content">
<h1>桐乡经济开发区2023年工作总结</h1>
<p>一、2023年工作总结</p>
<p>2023年，开发区聚焦三个<b>“一号工程”</b>，全面绘就“六图六表”。</p>
<p>全年完成签约项目57个。<br>新签约项目8个。</p>
</div>
<form class="comment"><textarea>留言</textarea>验证码：</form>
<footer>版权所有</footer>
</body></html>"""
    p = tmp_path / "page.html"
    p.write_text(html, encoding="utf-8")
    src = read_source(p)
    texts = [l.text for l in src.lines if l.text.strip()]
    assert texts == [
        "桐乡经济开发区2023年工作总结",
        "一、2023年工作总结",
        "2023年，开发区聚焦三个“一号工程”，全面绘就“六图六表”。",
        "全年完成签约项目57个。",
        "新签约项目8个。",
    ]
    assert src.meta["title"] == "桐乡经济开发区2023年工作总结"
    # lines are numbered by where they stand in the HTML source
    by_text = {l.text: l.no for l in src.lines}
    assert by_text["一、2023年工作总结"] == 6


@pytest.mark.parametrize(
    "name,data,reason",
    [
        ("empty.txt", b"   \n\n", "empty file"),
        ("binary.txt", b"\x00\x01\x02PK\x00" * 10, "binary"),
        ("bad.txt", b"\xff\xfe\xfa\xfb" + b"\x81" * 3, "broken UTF-16"),
        ("notes.xyz", "文字".encode(), "unsupported"),
    ],
)
def test_unreadable_files_raise_a_clear_reason(tmp_path, name, data, reason):
    p = tmp_path / name
    p.write_bytes(data)
    with pytest.raises(ReadError) as exc:
        read_source(p)
    assert reason in str(exc.value)


def test_pinyin_glosses_are_gone_from_the_paragraphs_but_not_from_the_source(tmp_path):
    from indexer.pipeline import build_document
    from indexer.read import read_sources

    p = tmp_path / "mirror.txt"
    p.write_text("推動高質(zhì)量發(fā)展\n全鎮(zhèn)上下", encoding="utf-8")
    src = read_sources(p)[0]
    # the reader gives the file's lines as they are; the repair stage removes the glosses
    assert [(l.no, l.text) for l in src.lines] == [(1, "推動高質(zhì)量發(fā)展"), (2, "全鎮(zhèn)上下")]
    doc = build_document(p, None, p.name, src)
    assert [(x.text, x.source_lines) for x in doc.paragraphs] == [("推動高質量發展", [1, 1]), ("全鎮上下", [2, 2])]
    assert src.text == "推動高質(zhì)量發(fā)展\n全鎮(zhèn)上下"
