#!/usr/bin/env python3
"""Adds N attachments to a generated govsite benchmark site (bench/gen_corpus.py output):
DOCX, XLSX (one sheet hidden), PDF and CSV files in the formats real offices upload,
written with the standard library only, each linked from one item so that GOV808 stays
quiet. The text is clean: the benchmark measures reading and scanning, not findings.

Usage: gen_attachments.py SITE N
"""
import pathlib
import sys
import zipfile

PARAGRAPH = "根据《中华人民共和国政府信息公开条例》，现将本年度工作情况公布如下。"


def package(z, main, overrides):
    """The parts every Office Open XML package has: content types (`overrides`: part name →
    content type) and the root relationship to the `main` part."""
    parts = "".join(f'<Override PartName="/{n}" ContentType="{t}"/>' for n, t in overrides.items())
    z.writestr(
        "[Content_Types].xml",
        '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        f'<Default Extension="xml" ContentType="application/xml"/>{parts}</Types>',
    )
    z.writestr(
        "_rels/.rels",
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="{main}"/>'
        "</Relationships>",
    )


def docx(path, n):
    body = "".join(
        f"<w:p><w:r><w:t>{PARAGRAPH}第{i}段。</w:t></w:r></w:p>" for i in range(40)
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        main = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
        package(z, "word/document.xml", {"word/document.xml": main})
        z.writestr(
            "word/document.xml",
            '<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
            f"<w:body><w:p><w:r><w:t>附件{n}</w:t></w:r></w:p>{body}</w:body></w:document>",
        )


def xlsx(path, n):
    def sheet(rows):
        cells = "".join(
            f'<row r="{r}"><c r="A{r}" t="inlineStr"><is><t>第{r}项</t></is></c>'
            f'<c r="B{r}" t="inlineStr"><is><t>{PARAGRAPH}</t></is></c><c r="C{r}"><v>{r * 7}</v></c></row>'
            for r in range(1, rows + 1)
        )
        return (
            '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            f"<sheetData>{cells}</sheetData></worksheet>"
        )

    main = "application/vnd.openxmlformats-officedocument.spreadsheetml"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        package(
            z,
            "xl/workbook.xml",
            {
                "xl/workbook.xml": f"{main}.sheet.main+xml",
                "xl/worksheets/sheet1.xml": f"{main}.worksheet+xml",
                "xl/worksheets/sheet2.xml": f"{main}.worksheet+xml",
            },
        )
        z.writestr(
            "xl/workbook.xml",
            '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>'
            f'<sheet name="名单{n}" sheetId="1" r:id="rId1"/><sheet name="备注" sheetId="2" state="hidden" r:id="rId2"/>'
            "</sheets></workbook>",
        )
        z.writestr(
            "xl/_rels/workbook.xml.rels",
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
            '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet2.xml"/>'
            "</Relationships>",
        )
        z.writestr("xl/worksheets/sheet1.xml", sheet(60))
        z.writestr("xl/worksheets/sheet2.xml", sheet(5))


def pdf(path, n):
    """A one-page PDF with a text layer (ASCII, Helvetica), cross-reference table included."""
    text = " ".join(f"Annual report item {n} line {i}." for i in range(30))
    stream = f"BT /F1 10 Tf 40 800 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    path.write_bytes(bytes(out))


def csv(path, n):
    rows = "\n".join(f"{i},第{i}项,{PARAGRAPH}" for i in range(100))
    path.write_text(f"序号,名称,说明\n{rows}\n", encoding="utf-8")


KINDS = [("docx", docx)] * 4 + [("xlsx", xlsx)] * 3 + [("pdf", pdf)] * 2 + [("csv", csv)]


def main():
    site, count = pathlib.Path(sys.argv[1]), int(sys.argv[2])
    files = site / "static" / "files"
    files.mkdir(parents=True, exist_ok=True)
    items = sorted(p for p in (site / "content").rglob("*.md") if p.name != "_index.md")
    if len(items) < count:
        sys.exit(f"{site} has {len(items)} items, fewer than {count} attachments")
    for n, item in enumerate(items[:count]):
        ext, write = KINDS[n % len(KINDS)]
        name = f"att{n:05d}.{ext}"
        write(files / name, n)
        with item.open("a", encoding="utf-8") as f:
            f.write(f"\n\n附件：[{name}](/files/{name})\n")
    print(f"{count} attachments in {files}")


if __name__ == "__main__":
    main()
