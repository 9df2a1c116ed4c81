#!/usr/bin/env python3
"""Writes the document fixtures under tests/fixtures/documents from invented stories.

The generated files are committed, so tests and CI need none of this; run it
again only to change a fixture:

    pip install reportlab==4.* pillow   # PDFs only; DOCX and ODT need nothing
    python3 scripts/make-doc-fixtures.py

What it writes (every story is invented for storydiff):
- story.txt: the reference text of "Fenwick Bridge" (title line apart);
- story.docx, story.odt: the same story as a Word and an OpenDocument file,
  its text spread over hyperlinks, fields, smart tags, content controls and
  a comment (which is not body text);
- story-1col.pdf: the story over three pages, with a running header, "Page n
  of 3" footers, words hyphenated at line ends, fi/fl ligatures and a
  paragraph that runs across a page break; its title is in the metadata;
- story-2col.pdf, story-3col.pdf: the story in two and three columns under a
  headline set large (no metadata title);
- structure.docx: headings, a list, a table and a footnote;
- draft-tracked.docx: a draft with tracked changes by two authors (a figure
  changed, a quote altered, a paragraph removed, one added, one moved);
- draft-tracked.odt: an OpenDocument draft with tracked changes;
- scanned.pdf (an image and no text), encrypted.pdf (needs a password),
  damaged.pdf (cut short), damaged.docx (cut short), bomb.docx (a small zip
  whose XML inflates past the size cap), no-media-box.pdf (a page that
  makes pdf-extract panic).
"""

import io
import os
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "tests", "fixtures", "documents")

TITLE = "Fenwick Bridge to close for eighteen months"
STORY = [
    "The Fenwick Bridge, which carries 14,000 vehicles a day across the river Lune, will close on 3 March for repairs that engineers describe as overdue.",
    "The county council confirmed the closure on Tuesday after a structural survey found corrosion in twelve of the bridge's forty-eight steel hangers. The work is expected to cost £4.2m and to take eighteen months.",
    "Drivers will be sent on a diversion of nine miles through Halton and Caton, adding about twenty minutes to a journey across the city at peak times.",
    "\"We cannot take chances with a structure of this age,\" said Councillor Ruth Abernethy, the cabinet member for highways. \"Every week we wait makes the final bill larger.\"",
    "Traders on the north bank fear the effect on footfall. The chamber of commerce said a third of its members expected to lose customers, and asked for a temporary footbridge to be built first.",
    "The council said a footbridge had been considered but would add six months and £1.1m to the project. Buses will keep a fifteen-minute service on the diversion, and the office that sells season tickets will open longer hours.",
    "Engineers first flagged the hangers in a report in 2019, which recommended monitoring rather than replacement. Campaigners say the delay since then has made the repair more expensive and more disruptive.",
    "A public meeting will be held at the Ashton Hall on 12 February, where the contractor will present the timetable and answer questions from residents.",
]


def write(name, data):
    path = os.path.join(OUT, name)
    with open(path, "wb") as f:
        f.write(data)
    print("wrote", os.path.relpath(path), len(data), "bytes")


def zipped(parts):
    """A zip of (name, text) parts with fixed timestamps, so the bytes are reproducible."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in parts:
            info = zipfile.ZipInfo(name, date_time=(2026, 11, 20, 9, 0, 0))
            info.compress_type = zipfile.ZIP_STORED if name == "mimetype" else zipfile.ZIP_DEFLATED
            z.writestr(info, text)
    return buf.getvalue()


def esc(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


# --- DOCX -----------------------------------------------------------------

# Unusual prefixes on purpose: a reader must resolve namespaces by URI.
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
DOCX_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
<Override PartName="/word/footnotes.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/>
<Override PartName="/word/comments.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"/>
</Types>"""
DOCX_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
</Relationships>"""
DOC_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId8" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="https://example.org/lune" TargetMode="External"/>
<Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes" Target="footnotes.xml"/>
<Relationship Id="rId10" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments" Target="comments.xml"/>
</Relationships>"""


def docx(body, footnotes=None, comments=None, prefix="w"):
    p = prefix
    doc = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<{p}:document xmlns:{p}="{W}" '
        f'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        f"<{p}:body>{body.replace('w:', p + ':')}</{p}:body></{p}:document>"
    )
    parts = [
        ("[Content_Types].xml", DOCX_TYPES),
        ("_rels/.rels", DOCX_RELS),
        ("word/_rels/document.xml.rels", DOC_RELS),
        ("word/document.xml", doc),
    ]
    if footnotes is not None:
        parts.append(
            (
                "word/footnotes.xml",
                f'<?xml version="1.0" encoding="UTF-8"?><w:footnotes xmlns:w="{W}">'
                '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
                f"{footnotes}</w:footnotes>",
            )
        )
    if comments is not None:
        parts.append(
            (
                "word/comments.xml",
                f'<?xml version="1.0" encoding="UTF-8"?><w:comments xmlns:w="{W}">{comments}</w:comments>',
            )
        )
    return zipped(parts)


def run(text):
    return f'<w:r><w:t xml:space="preserve">{esc(text)}</w:t></w:r>'


def para(inner, style=None, extra_ppr=""):
    ppr = f'<w:pStyle w:val="{style}"/>' if style else ""
    if ppr or extra_ppr:
        ppr = f"<w:pPr>{ppr}{extra_ppr}</w:pPr>"
    return f"<w:p>{ppr}{inner}</w:p>"


def story_docx():
    ps = [para(run(TITLE), "Title")]
    for i, text in enumerate(STORY):
        if i == 0:
            # A run split mid-word, and a hyperlink around "river Lune".
            a, b = text.split("river Lune")
            inner = run(a[:10]) + run(a[10:]) + '<w:hyperlink r:id="rId8">' + run("river Lune") + "</w:hyperlink>" + run(b)
        elif i == 1:
            # A date inside a complex field: the code is not text, its result is.
            a, b = text.split("Tuesday")
            inner = (
                run(a)
                + '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
                + '<w:r><w:instrText xml:space="preserve"> DATE \\@ "dddd" </w:instrText></w:r>'
                + '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
                + run("Tuesday")
                + '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
                + run(b)
            )
        elif i == 3:
            # A name in a smart tag, a comment on the quote.
            a, b = text.split("Ruth Abernethy")
            inner = (
                '<w:commentRangeStart w:id="0"/>'
                + run(a)
                + '<w:smartTag w:uri="urn:schemas-microsoft-com:office:smarttags" w:element="PersonName">'
                + run("Ruth Abernethy")
                + "</w:smartTag>"
                + run(b)
                + '<w:commentRangeEnd w:id="0"/><w:r><w:commentReference w:id="0"/></w:r>'
            )
        elif i == 5:
            # A simple field and a content control.
            a, rest = text.split("£1.1m")
            b, c = rest.split("fifteen-minute service")
            inner = (
                run(a)
                + '<w:fldSimple w:instr=" DOCPROPERTY Cost ">'
                + run("£1.1m")
                + "</w:fldSimple>"
                + run(b)
                + '<w:sdt><w:sdtPr><w:alias w:val="Service"/></w:sdtPr><w:sdtContent>'
                + run("fifteen-minute service")
                + "</w:sdtContent></w:sdt>"
                + run(c)
            )
        else:
            inner = run(text)
        ps.append(para(inner))
    comments = '<w:comment w:id="0" w:author="Sub-editor" w:date="2026-11-20T10:00:00Z"><w:p>' + run("Check this quote with her office.") + "</w:p></w:comment>"
    # A prefix other than "w" for the main namespace.
    return docx("".join(ps), comments=comments, prefix="wp0")


def structure_docx():
    def li(text):
        return para(run(text), "ListParagraph", '<w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr>')

    def cell(text):
        return f'<w:tc><w:tcPr><w:tcW w:w="3000" w:type="dxa"/></w:tcPr>{para(run(text))}</w:tc>'

    def row(*cells):
        return "<w:tr>" + "".join(cell(c) for c in cells) + "</w:tr>"

    body = "".join(
        [
            para(run("Council budget: what changes in April"), "Heading1"),
            para(run("The council has published its budget for the coming year.") + '<w:r><w:footnoteReference w:id="1"/></w:r>'),
            para(run("Where the money goes"), "Heading2"),
            li("Roads and bridges"),
            li("Libraries"),
            li("Adult social care"),
            "<w:tbl><w:tblPr/>",
            row("Service", "2025", "2026"),
            row("Roads", "£12m", "£16m"),
            row("Libraries", "£3m", "£2.5m"),
            "</w:tbl>",
            para(run("The budget goes to a vote on 4 March.")),
        ]
    )
    footnotes = '<w:footnote w:id="1"><w:p><w:r><w:footnoteRef/></w:r>' + run(" Figures are from the draft budget of 9 January.") + "</w:p></w:footnote>"
    return docx(body, footnotes=footnotes)


def tracked_docx():
    def ins(text, author, date, rid):
        return f'<w:ins w:id="{rid}" w:author="{author}" w:date="{date}">{run(text)}</w:ins>'

    def dele(text, author, date, rid):
        return f'<w:del w:id="{rid}" w:author="{author}" w:date="{date}"><w:r><w:delText xml:space="preserve">{esc(text)}</w:delText></w:r></w:del>'

    A, B = "Priya Natarajan", "Tom Whitcombe"
    d1, d2 = "2026-11-18T09:12:00Z", "2026-11-19T16:40:00Z"
    body = "".join(
        [
            para(run("Harbour wall repairs approved"), "Heading1"),
            # A figure changed by A.
            para(run("The harbour board approved repairs to the east wall on Monday, at a cost of ") + dele("£2.4m", A, d1, 1) + ins("£3.1m", A, d1, 2) + run(".")),
            # A quote altered by B.
            para(run("\"This wall has protected the town for a century and it is ") + dele("in a shocking state", B, d2, 3) + ins("showing its age", B, d2, 4) + run(",\" said the harbour master, Ellen Marsh.")),
            # A paragraph removed by B: its runs and its paragraph mark deleted.
            para(
                dele("Fishermen have complained for years that the board ignored the cracks.", B, d2, 5),
                extra_ppr=f'<w:rPr><w:del w:id="6" w:author="{B}" w:date="{d2}"/></w:rPr>',
            ),
            para(run("Work will start in the spring and last about ten months.")),
            # A paragraph moved by A: from here …
            f'<w:moveFromRangeStart w:id="7" w:author="{A}" w:date="{d1}" w:name="move1"/>',
            para(
                f'<w:moveFrom w:id="8" w:author="{A}" w:date="{d1}">{run("The board will publish the contractor’s report next month.")}</w:moveFrom>',
                extra_ppr=f'<w:rPr><w:moveFrom w:id="9" w:author="{A}" w:date="{d1}"/></w:rPr>',
            ),
            '<w:moveFromRangeEnd w:id="7"/>',
            para(run("The east wall was last rebuilt after the storm of 1953.")),
            para(run("Harbour dues will not rise this year, the board said.")),
            # A paragraph added by A (its paragraph mark inserted too).
            para(
                ins("Boats will use the west quay while the work goes on.", A, d1, 10),
                extra_ppr=f'<w:rPr><w:ins w:id="11" w:author="{A}" w:date="{d1}"/></w:rPr>',
            ),
            # … to here.
            f'<w:moveToRangeStart w:id="12" w:author="{A}" w:date="{d1}" w:name="move1"/>',
            para(
                f'<w:moveTo w:id="13" w:author="{A}" w:date="{d1}">{run("The board will publish the contractor’s report next month.")}</w:moveTo>',
                extra_ppr=f'<w:rPr><w:moveTo w:id="14" w:author="{A}" w:date="{d1}"/></w:rPr>',
            ),
            '<w:moveToRangeEnd w:id="12"/>',
        ]
    )
    return docx(body)


# --- ODT ------------------------------------------------------------------

ODT_MANIFEST = """<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">
<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/>
<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
</manifest:manifest>"""


def odt(body, tracked=""):
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:t="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" '
        'xmlns:xlink="http://www.w3.org/1999/xlink" office:version="1.3">'
        f"<office:body><office:text>{tracked}{body}</office:text></office:body></office:document-content>"
    )
    return zipped(
        [
            ("mimetype", "application/vnd.oasis.opendocument.text"),
            ("META-INF/manifest.xml", ODT_MANIFEST),
            ("content.xml", content),
        ]
    )


def story_odt():
    ps = [f'<t:h t:outline-level="1">{esc(TITLE)}</t:h>']
    for i, text in enumerate(STORY):
        if i == 0:
            a, b = text.split("river Lune")
            inner = f'{esc(a)}<t:a xlink:href="https://example.org/lune">river Lune</t:a>{esc(b)}'
        elif i == 2:
            # Repeated spaces are <text:s/>; a span splits a word.
            inner = esc(text).replace("Drivers will", 'Dri<t:span t:style-name="T1">vers</t:span><t:s/>will', 1)
        elif i == 3:
            inner = (
                '<office:annotation><dc:creator>Sub-editor</dc:creator><t:p>Check this quote with her office.</t:p></office:annotation>'
                + esc(text)
            )
        else:
            inner = esc(text)
        ps.append(f"<t:p>{inner}</t:p>")
    return odt("".join(ps))


def tracked_odt():
    A, B = "Priya Natarajan", "Tom Whitcombe"
    d1, d2 = "2026-11-18T09:12:00", "2026-11-19T16:40:00"

    def info(author, date):
        return f"<office:change-info><dc:creator>{author}</dc:creator><dc:date>{date}</dc:date></office:change-info>"

    tracked = (
        "<t:tracked-changes>"
        f'<t:changed-region t:id="c1"><t:deletion>{info(A, d1)}<t:p>£2.4m</t:p></t:deletion></t:changed-region>'
        f'<t:changed-region t:id="c2"><t:insertion>{info(A, d1)}</t:insertion></t:changed-region>'
        f'<t:changed-region t:id="c3"><t:insertion>{info(B, d2)}</t:insertion></t:changed-region>'
        "</t:tracked-changes>"
    )
    body = (
        '<t:h t:outline-level="1">Harbour wall repairs approved</t:h>'
        '<t:p>The harbour board approved repairs to the east wall on Monday, at a cost of <t:change t:change-id="c1"/>'
        '<t:change-start t:change-id="c2"/>£3.1m<t:change-end t:change-id="c2"/>.</t:p>'
        "<t:p>Work will start in the spring and last about ten months.</t:p>"
        '<t:change-start t:change-id="c3"/><t:p>Boats will use the west quay while the work goes on.</t:p><t:change-end t:change-id="c3"/>'
    )
    return odt(body, tracked)


# --- PDF ------------------------------------------------------------------


def pdfs():
    from reportlab.lib.pagesizes import A5, A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    font_dir = "/usr/share/fonts/truetype/dejavu"
    pdfmetrics.registerFont(TTFont("Serif", os.path.join(font_dir, "DejaVuSerif.ttf")))
    pdfmetrics.registerFont(TTFont("SerifBold", os.path.join(font_dir, "DejaVuSerif-Bold.ttf")))

    def ligatures(s):
        return s.replace("ffi", "\ufb03").replace("fi", "\ufb01").replace("fl", "\ufb02")

    def wrap(text, width, font, size):
        """Greedy line breaking; a long word that does not fit is hyphenated
        (never at a hyphen it already has), as typesetters do."""
        words, lines, line = text.split(), [], ""
        for word in words:
            trial = (line + " " + word).strip()
            if pdfmetrics.stringWidth(trial, font, size) <= width:
                line = trial
                continue
            if len(word) >= 9 and "-" not in word and word.isalpha():
                for cut in range(len(word) - 4, 3, -1):
                    head = (line + " " + word[:cut] + "-").strip()
                    if pdfmetrics.stringWidth(head, font, size) <= width:
                        lines.append(head)
                        line = word[cut:]
                        break
                else:
                    lines.append(line)
                    line = word
            else:
                lines.append(line)
                line = word
        if line:
            lines.append(line)
        return lines

    def one_column():
        buf = io.BytesIO()
        page_size = (300, 430)
        c = canvas.Canvas(buf, pagesize=page_size, invariant=1)
        c.setTitle(TITLE)
        c.setAuthor("storydiff fixtures")
        w, h = page_size
        margin, size, leading = 36, 11, 15
        lines = [("title", l) for l in wrap(TITLE, w - 2 * margin, "SerifBold", 15)]
        for p in STORY:
            lines.append(("gap", ""))
            lines += [("body", l) for l in wrap(p, w - 2 * margin, "Serif", size)]
        pages, page, y = [], [], h - 80
        for kind, text in lines:
            step = 20 if kind == "title" else (leading * 0.8 if kind == "gap" else leading)
            if y - step < 70:
                pages.append(page)
                page, y = [], h - 80
                if kind == "gap":
                    continue
            y -= step
            page.append((kind, text, y))
        pages.append(page)
        for n, page in enumerate(pages, 1):
            c.setFont("Serif", 8)
            c.drawString(margin, h - 40, "The Lune Valley Courier · Tuesday 20 January")
            c.drawCentredString(w / 2, 35, f"Page {n} of {len(pages)}")
            for kind, text, y in page:
                if kind == "title":
                    c.setFont("SerifBold", 15)
                elif kind == "body":
                    c.setFont("Serif", size)
                else:
                    continue
                c.drawString(margin, y, ligatures(text))
            c.showPage()
        c.save()
        return buf.getvalue(), len(pages)

    def columns(n):
        buf = io.BytesIO()
        c = canvas.Canvas(buf, pagesize=A4, invariant=1)
        w, h = A4
        margin, gutter, size, leading = 40, 18, 9.5, 12.5
        c.setFont("SerifBold", 20)
        c.drawString(margin, h - 70, TITLE)
        col_w = (w - 2 * margin - (n - 1) * gutter) / n
        lines = []
        for p in STORY:
            lines += wrap(p, col_w, "Serif", size)
            lines.append("")
        while lines and not lines[-1]:
            lines.pop()
        per_col = -(-len(lines) // n)
        # Keep a paragraph gap from starting a column.
        c.setFont("Serif", size)
        col, y = 0, h - 110
        count = 0
        for line in lines:
            if count >= per_col and col < n - 1:
                col, y, count = col + 1, h - 110, 0
                if not line:
                    continue
            count += 1
            if line:
                c.drawString(margin + col * (col_w + gutter), y, ligatures(line))
                y -= leading
            else:
                y -= leading * 0.8
        c.showPage()
        c.save()
        return buf.getvalue()

    data, pages = one_column()
    assert pages >= 3, pages
    write("story-1col.pdf", data)
    write("story-2col.pdf", columns(2))
    write("story-3col.pdf", columns(3))
    write("damaged.pdf", data[: len(data) // 3])

    # Encrypted: a user password is needed to open it.
    from reportlab.lib import pdfencrypt

    buf = io.BytesIO()
    enc = pdfencrypt.StandardEncryption("lune-secret", ownerPassword="owner", strength=128)
    c = canvas.Canvas(buf, pagesize=A5, encrypt=enc, invariant=1)
    c.setFont("Serif", 11)
    c.drawString(50, 500, STORY[0][:60])
    c.showPage()
    c.save()
    write("encrypted.pdf", buf.getvalue())

    # Scanned: one page that is a picture of text, with no text layer.
    from PIL import Image, ImageDraw

    img = Image.new("L", (600, 800), 255)
    draw = ImageDraw.Draw(img)
    for row in range(40):
        y = 60 + row * 17
        for col in range(0, 480, 9):
            if (row * 7 + col * 3) % 11 > 2:
                draw.rectangle([60 + col, y, 66 + col, y + 9], fill=40)
    from reportlab.lib.utils import ImageReader

    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A5, invariant=1)
    img_buf = io.BytesIO()
    img.save(img_buf, format="PNG")
    c.drawImage(ImageReader(io.BytesIO(img_buf.getvalue())), 20, 20, width=380, height=550)
    c.showPage()
    c.save()
    write("scanned.pdf", buf.getvalue())


def raw_pdf(objects):
    """A PDF written by hand from its objects' bodies, with a correct xref."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n{body}\nendobj\n".encode("latin-1")
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for off in offsets:
        out += f"{off:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def main():
    os.makedirs(OUT, exist_ok=True)
    write("story.txt", ("\n\n".join(STORY) + "\n").encode("utf-8"))
    write("story.docx", story_docx())
    write("story.odt", story_odt())
    write("structure.docx", structure_docx())
    data = tracked_docx()
    write("draft-tracked.docx", data)
    write("draft-tracked.odt", tracked_odt())
    write("damaged.docx", data[: len(data) // 2])
    # A zip bomb: a few hundred KB that inflate to 120 MB of XML.
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml", DOCX_TYPES)
        z.writestr("_rels/.rels", DOCX_RELS)
        filler = " " * (120 * 1024 * 1024)
        z.writestr("word/document.xml", f'<w:document xmlns:w="{W}"><w:body><w:p><w:r><w:t>{filler}</w:t></w:r></w:p></w:body></w:document>')
    write("bomb.docx", bomb.getvalue())
    # A well-formed file that pdf-extract cannot handle: its page has no
    # MediaBox, which the library unwraps (a panic the reader must contain).
    content = "BT /F1 12 Tf 72 700 Td (No media box here) Tj ET"
    write(
        "no-media-box.pdf",
        raw_pdf(
            [
                "<< /Type /Catalog /Pages 2 0 R >>",
                "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                "<< /Type /Page /Parent 2 0 R /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
                f"<< /Length {len(content)} >>\nstream\n{content}\nendstream",
                "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
            ]
        ),
    )
    pdfs()


if __name__ == "__main__":
    main()
