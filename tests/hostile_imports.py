"""Hostile inputs for `sop-lint import`, generated: broken, malicious and absurd Word,
PDF, Excel, text and Markdown files. `make(folder)` writes them and returns, per file,
what import must do: `("line", words)` — one line on standard error containing `words`
— or `("file", None)` — an SOP file written (it may carry guesses)."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

Outcome = tuple[str, str | None]

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'  # noqa: E501
    "</Types>"
)
RELS = (
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'  # noqa: E501
    "</Relationships>"
)


def _cell(text: str, extra: str = "") -> str:
    return f"<w:tc><w:tcPr>{extra}</w:tcPr><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:tc>"


def docx_bytes(body: str, prolog: str = '<?xml version="1.0" encoding="UTF-8"?>') -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", RELS)
        archive.writestr("word/document.xml", f"{prolog}<w:document {W}><w:body>{body}</w:body></w:document>")
    return buffer.getvalue()


def matrix_xml(roles: int, rows: int, span: int | None = None) -> str:
    """A procedure matrix (two header rows, `rows` steps) as WordprocessingML."""
    grid = "".join('<w:gridCol w:w="500"/>' for _ in range(roles + 5))
    first = _cell("No", '<w:vMerge w:val="restart"/>') + _cell("Kegiatan", '<w:vMerge w:val="restart"/>')
    first += _cell("Pelaksana", f'<w:gridSpan w:val="{span or roles}"/>') + _cell("Waktu", '<w:vMerge w:val="restart"/>')
    first += _cell("Output", '<w:vMerge w:val="restart"/>') + _cell("Ket", '<w:vMerge w:val="restart"/>')
    second = _cell("", "<w:vMerge/>") * 2 + "".join(_cell(f"Peran {i}") for i in range(roles)) + _cell("", "<w:vMerge/>") * 3
    data = "".join(
        f"<w:tr>{_cell(str(n))}{_cell(f'Kegiatan nomor {n}')}{''.join(_cell('✓' if i == n % roles else '') for i in range(roles))}"  # noqa: E501
        f"{_cell('5 menit')}{_cell('Dokumen')}{_cell('')}</w:tr>"
        for n in range(1, rows + 1)
    )
    return f"<w:tbl><w:tblGrid>{grid}</w:tblGrid><w:tr>{first}</w:tr><w:tr>{second}</w:tr>{data}</w:tbl>"


def _zip(members: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def pdf_bytes(objects: list[bytes], trailer_extra: bytes = b"") -> bytes:
    """A PDF from its objects (1-based; object 1 is the catalog)."""
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    start = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R %s>>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, trailer_extra, start))
    return out.getvalue()


def _pages(count: int, content: bytes | None = None) -> list[bytes]:
    kids = b" ".join(b"%d 0 R" % (3 + i) for i in range(count))
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, count)]
    stream_number = 3 + count
    for _ in range(count):
        contents = b" /Contents %d 0 R" % stream_number if content is not None else b""
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842]%s >>" % contents)
    if content is not None:
        objects.append(b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream")
    return objects


def _xlsx(rows: list[list[object]]) -> bytes:
    import openpyxl  # type: ignore[import-untyped]

    book = openpyxl.Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _rezip(data: bytes, replace: dict[str, bytes]) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    members = {name: replace.get(name, source.read(name)) for name in source.namelist()}
    members.update(replace)
    return _zip(members)


def _matrix_rows(roles: int, steps: int) -> list[list[object]]:
    header: list[object] = ["No", "Kegiatan", "Pelaksana", *[None] * (roles - 1), "Waktu", "Output"]
    names: list[object] = [None, None, *[f"Peran {i}" for i in range(roles)], None, None]
    rows = [header, names]
    for n in range(1, steps + 1):
        row: list[object] = [n, f"Kegiatan {n}", *["x" if i == n % roles else None for i in range(roles)], "5 menit", "Dokumen"]
        rows.append(row)
    return rows


def _text_matrix(roles: int, steps: int) -> str:
    head = "No\tKegiatan\tPelaksana" + "\t" * roles + "Waktu\tOutput\n"
    names = "\t\t" + "\t".join(f"Peran {i}" for i in range(roles)) + "\t\t\n"
    rows = "".join(f"{n}\tKegiatan {n}" + "\t" * roles + "\t5 menit\tDokumen\n" for n in range(1, steps + 1))
    return "Nama SOP\tUji\n" + head + names + rows


def make(folder: Path) -> dict[str, Outcome]:
    folder.mkdir(parents=True, exist_ok=True)
    cases: dict[str, tuple[bytes, Outcome]] = {}

    def add(name: str, data: bytes, outcome: Outcome) -> None:
        cases[name] = (data, outcome)

    # Word
    add(
        "zip-bomb.docx",
        _zip({"[Content_Types].xml": CONTENT_TYPES.encode(), "word/document.xml": b"\0" * (70 * 1024 * 1024)}),
        ("line", "zip bomb"),
    )
    add("zip-ratio-bomb.docx", _zip({"word/document.xml": b"<" + b" " * (8 * 1024 * 1024)}), ("line", "zip bomb"))
    add("not-a-zip.docx", b"This is not a Word file at all.\n", ("line", "not a zip"))
    add("empty.docx", b"", ("line", "not a zip"))
    add("ole-encrypted.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 2048, ("line", "encrypted"))
    add("no-document-part.docx", _zip({"[Content_Types].xml": b"<Types/>", "hello.txt": b"hi"}), ("line", "Word document"))
    laughs = '<!DOCTYPE d [<!ENTITY a "ha"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
    add("billion-laughs.docx", docx_bytes("<w:p/>", '<?xml version="1.0"?>' + laughs), ("line", "DOCTYPE"))
    add(
        "external-entity.docx",
        docx_bytes("<w:p/>", '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>'),
        ("line", "DOCTYPE"),
    )
    valid = docx_bytes(matrix_xml(3, 4))
    add("truncated.docx", valid[: len(valid) // 2], ("line", ""))
    add("no-tables.docx", docx_bytes("<w:p><w:r><w:t>Hanya teks.</w:t></w:r></w:p>"), ("line", "no SOP found"))
    add(
        "table-without-header.docx",
        docx_bytes(f"<w:tbl><w:tblGrid/><w:tr>{_cell('a')}{_cell('b')}</w:tr><w:tr>{_cell('1')}{_cell('2')}</w:tr></w:tbl>"),
        ("line", "no SOP found"),
    )
    add("forty-roles.docx", docx_bytes(matrix_xml(40, 5)), ("file", None))
    add("five-thousand-rows.docx", docx_bytes(matrix_xml(3, 5000)), ("file", None))
    add("huge-gridspan.docx", docx_bytes(matrix_xml(3, 3, span=1_000_000)), ("file", None))
    add("broken-xml.docx", docx_bytes("<w:p><w:r>"), ("line", ""))
    add(
        "vmerge-continue-first.docx",
        docx_bytes(f"<w:tbl><w:tr>{_cell('x', '<w:vMerge/>')}</w:tr></w:tbl>" + matrix_xml(2, 2)),
        ("file", None),
    )
    bad_offset = (
        '<w:r><w:drawing><wp:anchor xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" layoutInCell="1">'  # noqa: E501
        '<wp:positionH relativeFrom="column"><wp:posOffset>99999999999999999999</wp:posOffset></wp:positionH>'
        '<wp:positionV relativeFrom="paragraph"><wp:posOffset>-abc</wp:posOffset></wp:positionV><wp:extent cx="x" cy="-5"/>'
        '<a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><a:graphicData uri="wps">'
        '<wps:wsp xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:spPr><a:prstGeom prst="flowChartProcess"/></wps:spPr></wps:wsp>'  # noqa: E501
        "</a:graphicData></a:graphic></wp:anchor></w:drawing></w:r>"
    )
    add(
        "absurd-shape-offsets.docx",
        docx_bytes(
            matrix_xml(2, 2).replace("<w:t>Kegiatan nomor 1</w:t></w:r>", "<w:t>Kegiatan nomor 1</w:t></w:r>" + bad_offset)
        ),
        ("file", None),
    )
    deep = "<w:tbl><w:tr><w:tc>" * 300 + "<w:p/>" + "</w:tc></w:tr></w:tbl>" * 300
    add("deeply-nested-tables.docx", docx_bytes(deep), ("line", ""))
    add("many-members.docx", _zip({f"junk/{i}.bin": b"" for i in range(6000)}), ("line", "parts"))
    add("doc-not-really.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512, ("line", ""))

    # PDF
    encrypt = b" /Encrypt 3 0 R /ID [<00112233445566778899aabbccddeeff><00112233445566778899aabbccddeeff>]"
    encrypted = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [] /Count 0 >>",
        b"<< /Filter /Standard /V 1 /R 2 /O <" + b"41" * 32 + b"> /U <" + b"42" * 32 + b"> /P -44 >>",
    ]
    add("encrypted.pdf", pdf_bytes(encrypted, encrypt), ("line", "encrypted"))
    add("no-pages.pdf", pdf_bytes(_pages(0)), ("line", "no pages"))
    add("not-a-pdf.pdf", b"hello, I am not a PDF", ("line", "PDF"))
    add("empty.pdf", b"", ("line", "PDF"))
    add("scanned.pdf", pdf_bytes(_pages(1, b"0 0 0 rg 10 10 300 300 re f")), ("line", "no text layer"))
    add("three-hundred-pages.pdf", pdf_bytes(_pages(300)), ("line", "300 pages"))
    text_page = b"BT /F1 12 Tf 72 700 Td (Bukan SOP, hanya teks.) Tj ET"
    objects = _pages(1, text_page)
    objects[2] = objects[2].replace(b">>", b" /Resources << /Font << /F1 %d 0 R >> >> >>" % (len(objects) + 1))
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    add("text-but-no-table.pdf", pdf_bytes(objects), ("line", "no SOP found"))
    good_pdf = pdf_bytes(objects)
    add("truncated.pdf", good_pdf[: len(good_pdf) // 2], ("line", ""))
    add("garbage-after-header.pdf", b"%PDF-1.7\n" + bytes(range(256)) * 40, ("line", ""))

    # Excel
    book = _xlsx([["No", "Kegiatan"], [1, "x"]])
    empty_book = _rezip(
        book,
        {
            "xl/workbook.xml": b'<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheets/></workbook>'
        },
    )
    add("no-sheets.xlsx", empty_book, ("line", "no sheets"))
    add("not-a-zip.xlsx", b"No,Kegiatan\n1,x\n", ("line", "not a zip"))
    add("zip-bomb.xlsx", _zip({"xl/worksheets/sheet1.xml": b"\0" * (70 * 1024 * 1024)}), ("line", "zip bomb"))
    doctype = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "http://example.invalid/">]><styleSheet/>'
    add("doctype.xlsx", _rezip(book, {"xl/styles.xml": doctype}), ("line", "DOCTYPE"))
    add("forty-roles.xlsx", _xlsx(_matrix_rows(40, 5)), ("file", None))
    add("five-thousand-rows.xlsx", _xlsx(_matrix_rows(3, 5000)), ("file", None))
    add("table-without-header.xlsx", _xlsx([[1, 2, 3], [4, 5, 6]]), ("line", "no SOP found"))
    sheet = zipfile.ZipFile(io.BytesIO(book)).read("xl/worksheets/sheet1.xml")
    merged = sheet.replace(b"</sheetData>", b'</sheetData><mergeCells count="1"><mergeCell ref="A3:XFD1048576"/></mergeCells>')
    add("huge-merge.xlsx", _rezip(book, {"xl/worksheets/sheet1.xml": merged}), ("line", "merges"))

    # Text extractions
    add("empty.txt", b"", ("line", "no SOP found"))
    add("binary.txt", bytes(range(256)) * 64, ("line", "no SOP found"))
    add("five-thousand-rows.txt", _text_matrix(3, 5000).encode(), ("file", None))
    add("forty-roles.txt", _text_matrix(40, 5).encode(), ("file", None))
    add("table-without-header.txt", b"1\t2\t3\t4\n5\t6\t7\t8\n9\t10\t11\t12\n", ("line", "no SOP found"))
    nasty = (
        _text_matrix(2, 3).replace("Kegiatan 1", "Kegiatan <!-- satu \x00 \u2028 --> ## # - 1. x").replace("Kegiatan 2", "-->")
    )
    add("comment-markers-and-controls.txt", nasty.encode(), ("file", None))
    add("utf16.txt", _text_matrix(2, 3).encode("utf-16"), ("file", None))
    add("one-long-line.txt", ("kata " * 300_000).encode(), ("line", "no SOP found"))
    add("only-identity.txt", b"Nomor SOP\t1/2\nNama SOP\tUji\n", ("file", None))

    # Markdown tables
    add("no-table.md", b"# Judul\n\nTeks saja.\n", ("line", "no Markdown table"))
    add("header-only.md", b"| No | Kegiatan |\n|---|---|\n", ("line", "no table with a No"))
    rows = "".join(f"| {n} | Kegiatan {n} | Staf | 5 menit |\n" for n in range(1, 5001))
    add("five-thousand-rows.md", ("| No | Kegiatan | Pelaksana | Waktu |\n|---|---|---|---|\n" + rows).encode(), ("file", None))
    add("ragged.md", b"| No | Kegiatan | Pelaksana |\n|---|\n| 1 |\n| 2 | a | b | c | d |\n| | | |\n", ("file", None))
    add("table-without-header.md", b"| 1 | 2 |\n| 3 | 4 |\n", ("line", "no table with a No"))

    # Neither
    add("notes.rtf", b"{\\rtf1 hello}", ("line", "cannot import"))

    for name, (data, _) in cases.items():
        (folder / name).write_bytes(data)
    return {name: outcome for name, (_, outcome) in cases.items()}
